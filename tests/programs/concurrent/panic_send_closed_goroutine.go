// Sending on a closed channel panics, here in a goroutine.
package main

import (
	"fmt"
	"sync"
)

func main() {
	ch := make(chan int, 1)
	close(ch)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		ch <- 1
		wg.Done()
	}()
	wg.Wait()
	fmt.Println("not reached")
}
