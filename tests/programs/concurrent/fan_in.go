// Fan-in: several producers feed one channel; the consumer sums and counts.
package main

import (
	"fmt"
	"sync"
)

func main() {
	out := make(chan int)
	var wg sync.WaitGroup
	for p := 1; p <= 4; p++ {
		wg.Add(1)
		go func(p int) {
			defer wg.Done()
			for i := 0; i < 5; i++ {
				out <- p * 100
			}
		}(p)
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	count, sum := 0, 0
	for v := range out {
		count++
		sum += v
	}
	fmt.Println(count, sum)
}
