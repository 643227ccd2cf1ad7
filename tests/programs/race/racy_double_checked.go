// race: double-checked locking reads the instance outside the lock.
package main

import (
	"fmt"
	"sync"
)

type Service struct{ id int }

var (
	mu       sync.Mutex
	instance *Service
)

func get() *Service {
	if instance == nil {
		mu.Lock()
		if instance == nil {
			instance = &Service{id: 42}
		}
		mu.Unlock()
	}
	return instance
}

func main() {
	var wg sync.WaitGroup
	ids := make([]int, 3)
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			ids[i] = get().id
		}(i)
	}
	wg.Wait()
	fmt.Println(ids)
}
