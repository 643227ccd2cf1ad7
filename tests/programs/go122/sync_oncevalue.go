// sync.OnceValue and sync.OnceValues (Go 1.21): a function computed once,
// however many goroutines ask for it, whose result every caller gets.
// Go 1.19 has neither, so the output below is written by hand from their
// documentation.
package main

import (
	"errors"
	"fmt"
	"sync"
)

func main() {
	calls := 0
	config := sync.OnceValue(func() map[string]int {
		calls++
		return map[string]int{"workers": 4}
	})
	var wg sync.WaitGroup
	results := make([]int, 5)
	for i := range 5 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = config()["workers"]
		}()
	}
	wg.Wait()
	fmt.Println(results, calls)

	load := sync.OnceValues(func() (string, error) {
		calls++
		return "", errors.New("no such file")
	})
	_, err1 := load()
	_, err2 := load()
	fmt.Println(err1, err1 == err2, calls)
}

// Output:
// [4 4 4 4 4] 1
// no such file true 2
