// race: read, runtime.Gosched, write: yielding is not synchronisation.
package main

import (
	"fmt"
	"runtime"
	"sync"
)

var counter int

func incCounter(wg *sync.WaitGroup) {
	defer wg.Done()
	for count := 0; count < 2; count++ {
		value := counter
		runtime.Gosched()
		value++
		counter = value
	}
}

func main() {
	var wg sync.WaitGroup
	wg.Add(2)
	go incCounter(&wg)
	go incCounter(&wg)
	wg.Wait()
	fmt.Println("final counter is at least 2:", counter >= 2)
}
