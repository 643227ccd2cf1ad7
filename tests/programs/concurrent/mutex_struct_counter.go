// A counter type holding its own mutex, used through a pointer.
package main

import (
	"fmt"
	"sync"
)

type Counter struct {
	mu sync.Mutex
	n  map[string]int
}

func (c *Counter) Inc(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n[key]++
}

func main() {
	c := Counter{n: make(map[string]int)}
	var wg sync.WaitGroup
	for i := 0; i < 30; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			if i%3 == 0 {
				c.Inc("fizz")
			} else {
				c.Inc("other")
			}
		}(i)
	}
	wg.Wait()
	fmt.Println(c.n["fizz"], c.n["other"])
}
