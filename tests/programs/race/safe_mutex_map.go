// no race: a map guarded by a Mutex, read after the WaitGroup.
package main

import (
	"fmt"
	"sync"
)

func main() {
	var mu sync.Mutex
	seen := map[int]bool{}
	var wg sync.WaitGroup
	for i := 0; i < 6; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			mu.Lock()
			seen[i%3] = true
			mu.Unlock()
		}(i)
	}
	wg.Wait()
	fmt.Println(len(seen), seen)
}
