// race: each goroutine holds a different mutex around the same variable.
package main

import (
	"fmt"
	"sync"
)

type Account struct {
	mu      sync.Mutex
	balance int
}

func main() {
	a := &Account{}
	var other sync.Mutex
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		a.mu.Lock()
		a.balance++
		a.mu.Unlock()
	}()
	go func() {
		defer wg.Done()
		other.Lock()
		a.balance++
		other.Unlock()
	}()
	wg.Wait()
	fmt.Println(a.balance > 0)
}
