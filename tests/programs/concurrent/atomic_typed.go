// The typed atomics of Go 1.19: atomic.Int64, atomic.Int32, atomic.Bool.
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

func main() {
	var hits atomic.Int64
	var small atomic.Int32
	var done atomic.Bool
	var wg sync.WaitGroup
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			hits.Add(int64(i))
			small.Add(1)
		}(i)
	}
	wg.Wait()
	done.Store(true)
	fmt.Println(hits.Load(), small.Load(), done.Load())
	fmt.Println(hits.CompareAndSwap(45, 0), hits.Load(), hits.Swap(3), hits.Load())
}
