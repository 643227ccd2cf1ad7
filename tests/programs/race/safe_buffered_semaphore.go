// no race: a capacity-1 channel as a lock (k-th receive before (k+1)-th send).
package main

import (
	"fmt"
	"sync"
)

func main() {
	sem := make(chan struct{}, 1)
	total := 0
	var wg sync.WaitGroup
	for i := 1; i <= 4; i++ {
		wg.Add(1)
		go func(n int) {
			defer wg.Done()
			sem <- struct{}{}
			total += n
			<-sem
		}(i)
	}
	wg.Wait()
	fmt.Println(total)
}
