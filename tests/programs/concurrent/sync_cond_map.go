// sync.Cond (Wait, Signal, Broadcast) and sync.Map (Store, Load,
// LoadOrStore, LoadAndDelete, Delete, Range), used by several goroutines.
package main

import (
	"fmt"
	"sort"
	"sync"
)

func main() {
	// A queue: consumers wait on the Cond until an item is there.
	var mu sync.Mutex
	cond := sync.NewCond(&mu)
	var queue []int
	var got []int
	var wg sync.WaitGroup
	for w := 0; w < 3; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			defer mu.Unlock()
			for len(queue) == 0 {
				cond.Wait()
			}
			got = append(got, queue[0])
			queue = queue[1:]
		}()
	}
	for i := 1; i <= 3; i++ {
		mu.Lock()
		queue = append(queue, i*10)
		cond.Signal()
		mu.Unlock()
	}
	wg.Wait()
	sort.Ints(got)
	fmt.Println("consumed:", got)

	// Broadcast wakes every waiter.
	ready := false
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			for !ready {
				cond.Wait()
			}
			mu.Unlock()
		}()
	}
	mu.Lock()
	ready = true
	cond.Broadcast()
	mu.Unlock()
	wg.Wait()
	fmt.Println("all woke")

	var m sync.Map
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			m.Store(i, i*i)
		}(i)
	}
	wg.Wait()
	v, ok := m.Load(3)
	fmt.Println(v, ok)
	actual, loaded := m.LoadOrStore(3, 100)
	fmt.Println(actual, loaded)
	actual, loaded = m.LoadOrStore(7, 49)
	fmt.Println(actual, loaded)
	m.Delete(0)
	v, loaded = m.LoadAndDelete(1)
	fmt.Println(v, loaded)
	var keys []int
	m.Range(func(k, v any) bool {
		keys = append(keys, k.(int))
		return true
	})
	sort.Ints(keys)
	fmt.Println(keys)
	_, ok = m.Load("missing")
	fmt.Println(ok)
}
