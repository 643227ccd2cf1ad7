// A three-stage pipeline of strings: split words, upper-case, join.
package main

import (
	"fmt"
	"strings"
)

func words(s string) <-chan string {
	out := make(chan string)
	go func() {
		for _, w := range strings.Fields(s) {
			out <- w
		}
		close(out)
	}()
	return out
}

func upper(in <-chan string) <-chan string {
	out := make(chan string)
	go func() {
		for w := range in {
			out <- strings.ToUpper(w)
		}
		close(out)
	}()
	return out
}

func main() {
	var parts []string
	for w := range upper(words("go concurrency is not parallelism")) {
		parts = append(parts, w)
	}
	fmt.Println(strings.Join(parts, "-"))
}
