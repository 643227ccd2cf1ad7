// no race: data published before an atomic store, read after an atomic load sees it.
package main

import (
	"fmt"
	"sync/atomic"
	"time"
)

func main() {
	var ready int32
	message := ""
	go func() {
		message = "published"
		atomic.StoreInt32(&ready, 1)
	}()
	for atomic.LoadInt32(&ready) == 0 {
		time.Sleep(time.Millisecond)
	}
	fmt.Println(message)
}
