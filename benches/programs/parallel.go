// parallel: 2 independent CPU-bound goroutines; GOMAXPROCS comes from the environment
// (GOMAXPROCS=N for Go, lab run --gomaxprocs N).
package main

import (
	"fmt"
	"sync"
)

func work(seed int) int {
	x := seed
	for i := 0; i < 50000000; i++ {
		x = (x*1103515245 + 12345) % 2147483648
	}
	return x
}

func main() {
	var wg sync.WaitGroup
	results := make([]int, 2)
	for g := 0; g < 2; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			results[g] = work(g + 1)
		}(g)
	}
	wg.Wait()
	fmt.Println(results[0], results[1])
}
