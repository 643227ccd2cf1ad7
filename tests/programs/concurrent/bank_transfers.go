// Concurrent transfers between accounts under one mutex keep the total constant.
package main

import (
	"fmt"
	"sync"
)

type Bank struct {
	mu       sync.Mutex
	balances []int
}

func (b *Bank) Transfer(from, to, amount int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.balances[from] >= amount {
		b.balances[from] -= amount
		b.balances[to] += amount
	}
}

func main() {
	b := &Bank{balances: []int{100, 100, 100, 100}}
	var wg sync.WaitGroup
	for i := 0; i < 40; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			b.Transfer(i%4, (i+1)%4, 7)
		}(i)
	}
	wg.Wait()
	total := 0
	for _, v := range b.balances {
		total += v
	}
	fmt.Println("total", total)
}
