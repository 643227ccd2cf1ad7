// race: one goroutine adds atomically, the other reads the same word plainly.
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

func main() {
	var hits int64
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		atomic.AddInt64(&hits, 1)
	}()
	seen := int64(0)
	go func() {
		defer wg.Done()
		seen = hits
	}()
	wg.Wait()
	fmt.Println(seen >= 0, atomic.LoadInt64(&hits))
}
