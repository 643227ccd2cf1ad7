// Each goroutine writes its own slice element: no lock needed, order by index.
package main

import (
	"fmt"
	"sync"
)

func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

func main() {
	res := make([]int, 15)
	var wg sync.WaitGroup
	for i := range res {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			res[i] = fib(i)
		}(i)
	}
	wg.Wait()
	fmt.Println(res)
}
