// no race: writers under Lock, readers under RLock of one RWMutex.
package main

import (
	"fmt"
	"sync"
)

type Cache struct {
	mu   sync.RWMutex
	data map[string]int
}

func (c *Cache) Get(k string) int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.data[k]
}

func (c *Cache) Set(k string, v int) {
	c.mu.Lock()
	c.data[k] = v
	c.mu.Unlock()
}

func main() {
	c := &Cache{data: map[string]int{}}
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(2)
		go func(i int) {
			defer wg.Done()
			c.Set("k", i)
		}(i)
		go func() {
			defer wg.Done()
			_ = c.Get("k")
		}()
	}
	wg.Wait()
	v := c.Get("k")
	fmt.Println(v >= 0 && v < 3)
}
