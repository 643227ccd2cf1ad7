// sync of Go 1.20 to 1.25, newer than the Go 1.19 that records goldens, so
// the output below is written by hand from the package documentation:
// Map.Swap, CompareAndSwap, CompareAndDelete (1.20), OnceFunc (1.21, which
// panics again with the same value on every call if f panicked), Map.Clear
// (1.23) and WaitGroup.Go (1.25).
package main

import (
	"fmt"
	"sync"
)

func main() {
	var m sync.Map
	prev, loaded := m.Swap("a", 1)
	fmt.Println(prev, loaded)
	prev, loaded = m.Swap("a", 2)
	fmt.Println(prev, loaded)
	fmt.Println(m.CompareAndSwap("a", 1, 3), m.CompareAndSwap("a", 2, 3))
	fmt.Println(m.CompareAndDelete("a", 2), m.CompareAndDelete("a", 3))
	m.Store("b", 1)
	m.Clear()
	_, ok := m.Load("b")
	fmt.Println("after Clear:", ok)

	calls := 0
	once := sync.OnceFunc(func() { calls++ })
	for i := 0; i < 3; i++ {
		once()
	}
	fmt.Println("calls:", calls)

	boom := sync.OnceFunc(func() { calls++; panic("boom") })
	for i := 0; i < 2; i++ {
		func() {
			defer func() { fmt.Println("recovered:", recover()) }()
			boom()
		}()
	}
	fmt.Println("calls:", calls)

	var wg sync.WaitGroup
	var mu sync.Mutex
	total := 0
	for i := 1; i <= 4; i++ {
		wg.Go(func() {
			mu.Lock()
			total += i
			mu.Unlock()
		})
	}
	wg.Wait()
	fmt.Println("total:", total)
}

// Output:
// <nil> false
// 1 true
// false true
// false true
// after Clear: false
// calls: 1
// recovered: boom
// recovered: boom
// calls: 2
// total: 10
