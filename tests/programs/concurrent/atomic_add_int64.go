// atomic.AddInt64 from many goroutines gives the exact total; Add returns the new value.
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

func main() {
	var n int64
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 250; j++ {
				atomic.AddInt64(&n, 2)
			}
		}()
	}
	wg.Wait()
	fmt.Println(atomic.LoadInt64(&n))
	fmt.Println(atomic.AddInt64(&n, -10000))
}
