// no race: values written before close are read after range ends.
package main

import "fmt"

func main() {
	summary := map[string]int{}
	words := make(chan string)
	go func() {
		for _, w := range []string{"go", "chan", "go"} {
			words <- w
		}
		summary["sent"] = 3
		close(words)
	}()
	counts := map[string]int{}
	for w := range words {
		counts[w]++
	}
	fmt.Println(counts, summary["sent"])
}
