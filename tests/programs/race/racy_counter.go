// race: two goroutines increment a shared counter without synchronisation.
package main

import (
	"fmt"
	"sync"
)

var counter int

func incCounter(wg *sync.WaitGroup) {
	defer wg.Done()
	for i := 0; i < 100; i++ {
		counter++
	}
}

func main() {
	var wg sync.WaitGroup
	wg.Add(2)
	go incCounter(&wg)
	go incCounter(&wg)
	wg.Wait()
	fmt.Println("counter is positive:", counter > 0)
}
