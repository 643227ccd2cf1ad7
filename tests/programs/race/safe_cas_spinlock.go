// no race: a spin lock built from CompareAndSwap and an atomic store.
package main

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
)

func main() {
	var lock int32
	shared := 0
	var wg sync.WaitGroup
	for g := 0; g < 3; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 10; i++ {
				for !atomic.CompareAndSwapInt32(&lock, 0, 1) {
					runtime.Gosched()
				}
				shared++
				atomic.StoreInt32(&lock, 0)
			}
		}()
	}
	wg.Wait()
	fmt.Println(shared)
}
