// race: wg.Add inside the goroutine is not ordered before wg.Wait in main.
package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	var wg sync.WaitGroup
	go func() {
		wg.Add(1)
		defer wg.Done()
		time.Sleep(20 * time.Millisecond)
	}()
	time.Sleep(10 * time.Millisecond)
	wg.Wait()
	fmt.Println("waited")
}
