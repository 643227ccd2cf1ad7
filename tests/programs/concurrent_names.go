// The concurrent packages' names resolve and work on a single goroutine.
package main

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	var mu sync.Mutex
	var wg sync.WaitGroup
	var n int64
	mu.Lock()
	n++
	mu.Unlock()
	wg.Add(1)
	atomic.AddInt64(&n, 10)
	wg.Done()
	wg.Wait()
	fmt.Println(atomic.LoadInt64(&n))
	fmt.Println(runtime.NumGoroutine())
	prev := runtime.GOMAXPROCS(1)
	fmt.Println(prev >= 1, runtime.GOMAXPROCS(0))
	runtime.Gosched()
	time.Sleep(time.Millisecond)
	fmt.Println("slept")
}
