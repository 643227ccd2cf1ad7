// race: a goroutine writes after wg.Done, so Wait does not order that write.
package main

import (
	"fmt"
	"sync"
	"time"
)

var status string

func main() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		wg.Done()
		status = "cleaned up"
	}()
	wg.Wait()
	time.Sleep(20 * time.Millisecond)
	fmt.Println(status)
}
