// no race: the Go in Action counter with atomic.AddInt64 instead of a plain write.
package main

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
)

var counter int64

func incCounter(wg *sync.WaitGroup) {
	defer wg.Done()
	for count := 0; count < 2; count++ {
		atomic.AddInt64(&counter, 1)
		runtime.Gosched()
	}
}

func main() {
	var wg sync.WaitGroup
	wg.Add(2)
	go incCounter(&wg)
	go incCounter(&wg)
	wg.Wait()
	fmt.Println("final counter:", atomic.LoadInt64(&counter))
}
