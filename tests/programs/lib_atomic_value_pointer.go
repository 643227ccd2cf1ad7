// atomic.Value and atomic.Pointer[T]: publishing a configuration that
// readers load without locks, and swapping it atomically.
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

type Config struct {
	Name    string
	Workers int
}

func main() {
	var cur atomic.Pointer[Config]
	fmt.Println(cur.Load() == nil)
	cur.Store(&Config{"v1", 2})
	var wg sync.WaitGroup
	seen := make([]string, 4)
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			seen[i] = cur.Load().Name
		}(i)
	}
	wg.Wait()
	fmt.Println(seen)
	old := cur.Swap(&Config{"v2", 4})
	fmt.Println(old.Name, cur.Load().Name, cur.CompareAndSwap(old, old), cur.Load().Workers)

	var v atomic.Value
	fmt.Println(v.Load())
	v.Store("hello")
	fmt.Println(v.Load(), v.Swap("world"), v.Load())
	fmt.Println(v.CompareAndSwap("world", "again"), v.Load())
	defer func() { fmt.Println("recovered:", recover()) }()
	v.Store(42)
}
