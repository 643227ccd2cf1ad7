// race: one goroutine locks around the write, the other forgets to.
package main

import (
	"fmt"
	"sync"
)

var (
	mu      sync.Mutex
	balance int
)

func main() {
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		mu.Lock()
		balance += 100
		mu.Unlock()
	}()
	go func() {
		defer wg.Done()
		balance += 50
	}()
	wg.Wait()
	fmt.Println("balance is positive:", balance > 0)
}
