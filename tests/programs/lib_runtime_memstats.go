// runtime.ReadMemStats: a thousand parked goroutines cost about 2 KiB
// of stack each (Go's starting stack size; the exact count depends on
// the allocator, so the check is a range).
package main

import (
	"fmt"
	"runtime"
	"sync"
)

func main() {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	var wg sync.WaitGroup
	block := make(chan struct{})
	const n = 1000
	wg.Add(n)
	for i := 0; i < n; i++ {
		go func() {
			wg.Done()
			<-block
		}()
	}
	wg.Wait()
	runtime.ReadMemStats(&after)
	perG := float64(after.StackInuse-before.StackInuse) / n
	fmt.Println("about 2 KiB of stack per goroutine:", perG >= 1024 && perG <= 4096)
	fmt.Println(runtime.NumGoroutine(), after.Mallocs > before.Mallocs, after.NumGC >= before.NumGC)
	close(block)
}
