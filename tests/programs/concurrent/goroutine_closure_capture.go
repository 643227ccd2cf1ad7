// Passing the loop variable as an argument gives each goroutine its own copy.
package main

import (
	"fmt"
	"sort"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	var mu sync.Mutex
	var seen []int
	for i := 0; i < 5; i++ {
		wg.Add(1)
		go func(n int) {
			defer wg.Done()
			mu.Lock()
			seen = append(seen, n)
			mu.Unlock()
		}(i)
	}
	wg.Wait()
	sort.Ints(seen)
	fmt.Println(seen)
}
