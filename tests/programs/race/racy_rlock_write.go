// race: writers that take only the read lock of a RWMutex.
package main

import (
	"fmt"
	"sync"
)

func main() {
	var rw sync.RWMutex
	cache := make([]string, 1)
	var wg sync.WaitGroup
	for _, v := range []string{"x", "y"} {
		wg.Add(1)
		go func(v string) {
			defer wg.Done()
			rw.RLock()
			cache[0] = v
			rw.RUnlock()
		}(v)
	}
	wg.Wait()
	fmt.Println(len(cache[0]))
}
