// spawn: 100,000 goroutines blocked on one channel, then released.
package main

import (
	"fmt"
	"sync"
)

func main() {
	const n = 100000
	start := make(chan struct{})
	var wg sync.WaitGroup
	var mu sync.Mutex
	total := 0
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			<-start
			mu.Lock()
			total += i
			mu.Unlock()
		}(i)
	}
	close(start)
	wg.Wait()
	fmt.Println(total)
}
