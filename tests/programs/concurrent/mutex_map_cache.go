// A memoizing cache guarded by a mutex, filled by concurrent lookups.
package main

import (
	"fmt"
	"sort"
	"sync"
)

type Cache struct {
	mu sync.Mutex
	m  map[int]int
}

func (c *Cache) Get(n int) int {
	c.mu.Lock()
	v, ok := c.m[n]
	c.mu.Unlock()
	if ok {
		return v
	}
	v = n * n * n
	c.mu.Lock()
	c.m[n] = v
	c.mu.Unlock()
	return v
}

func main() {
	c := &Cache{m: map[int]int{}}
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			c.Get(i % 5)
		}(i)
	}
	wg.Wait()
	var keys []int
	for k := range c.m {
		keys = append(keys, k)
	}
	sort.Ints(keys)
	for _, k := range keys {
		fmt.Println(k, c.m[k])
	}
}
