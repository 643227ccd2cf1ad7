// Fan-out to workers, collect results, print them sorted.
package main

import (
	"fmt"
	"sort"
)

func main() {
	jobs := make(chan int, 20)
	results := make(chan string, 20)
	for w := 1; w <= 3; w++ {
		go func() {
			for j := range jobs {
				results <- fmt.Sprintf("%02d^2=%d", j, j*j)
			}
		}()
	}
	for j := 1; j <= 12; j++ {
		jobs <- j
	}
	close(jobs)
	var all []string
	for i := 0; i < 12; i++ {
		all = append(all, <-results)
	}
	sort.Strings(all)
	for _, r := range all {
		fmt.Println(r)
	}
}
