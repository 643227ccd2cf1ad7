// A worker pool with a WaitGroup; per-worker counts are summed under a mutex.
package main

import (
	"fmt"
	"sync"
)

func main() {
	tasks := make(chan int, 10)
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := map[int]bool{}
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for t := range tasks {
				mu.Lock()
				done[t] = true
				mu.Unlock()
			}
		}()
	}
	for t := 0; t < 30; t++ {
		tasks <- t
	}
	close(tasks)
	wg.Wait()
	fmt.Println("tasks done:", len(done))
	for t := 0; t < 30; t++ {
		if !done[t] {
			fmt.Println("missing", t)
		}
	}
}
