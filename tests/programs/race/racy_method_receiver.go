// race: a pointer-receiver method increments a field from two goroutines.
package main

import (
	"fmt"
	"sync"
)

type Hits struct{ n int }

func (h *Hits) Inc() { h.n++ }

func main() {
	h := &Hits{}
	var wg sync.WaitGroup
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h.Inc()
		}()
	}
	wg.Wait()
	fmt.Println(h.n > 0)
}
