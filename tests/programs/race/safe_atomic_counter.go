// no race: every access to the counter is atomic.
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

func main() {
	var ops int64
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 25; i++ {
				atomic.AddInt64(&ops, 1)
			}
		}()
	}
	wg.Wait()
	fmt.Println(atomic.LoadInt64(&ops))
}
