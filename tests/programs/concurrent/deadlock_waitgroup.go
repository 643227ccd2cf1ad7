// Waiting for a goroutine that is itself blocked forever is a deadlock of all goroutines.
package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	ch := make(chan int)
	wg.Add(1)
	go func() {
		defer wg.Done()
		ch <- 1
	}()
	wg.Wait()
	fmt.Println("unreachable", <-ch)
}
