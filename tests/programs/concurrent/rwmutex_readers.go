// RWMutex: many readers share the lock, a writer excludes them.
package main

import (
	"fmt"
	"sync"
)

type Store struct {
	mu   sync.RWMutex
	data map[string]int
}

func (s *Store) Get(k string) int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.data[k]
}

func (s *Store) Add(k string, d int) {
	s.mu.Lock()
	s.data[k] += d
	s.mu.Unlock()
}

func main() {
	s := &Store{data: map[string]int{}}
	var wg sync.WaitGroup
	for i := 0; i < 10; i++ {
		wg.Add(2)
		go func() {
			defer wg.Done()
			s.Add("x", 1)
		}()
		go func() {
			defer wg.Done()
			_ = s.Get("x")
		}()
	}
	wg.Wait()
	fmt.Println(s.Get("x"))
}
