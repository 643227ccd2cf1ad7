// no race: wg.Add before the go statement is ordered before wg.Wait.
package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		time.Sleep(20 * time.Millisecond)
	}()
	time.Sleep(10 * time.Millisecond)
	wg.Wait()
	fmt.Println("waited")
}
