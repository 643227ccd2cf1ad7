// Closing a channel wakes every waiting receiver at once.
package main

import (
	"fmt"
	"sync"
)

func main() {
	start := make(chan struct{})
	var wg sync.WaitGroup
	var mu sync.Mutex
	ready := 0
	for i := 0; i < 6; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			mu.Lock()
			ready++
			mu.Unlock()
		}()
	}
	close(start)
	wg.Wait()
	fmt.Println("released", ready)
}
