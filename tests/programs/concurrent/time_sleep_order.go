// Sleeping goroutines wake in the order of their deadlines.
package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	var wg sync.WaitGroup
	var mu sync.Mutex
	var order []int
	for _, d := range []int{120, 40, 200, 80, 160} {
		wg.Add(1)
		go func(d int) {
			defer wg.Done()
			time.Sleep(time.Duration(d) * time.Millisecond)
			mu.Lock()
			order = append(order, d)
			mu.Unlock()
		}(d)
	}
	wg.Wait()
	fmt.Println(order)
}
