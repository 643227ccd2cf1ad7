// race: time.Sleep orders two writes in time but is not synchronisation.
package main

import (
	"fmt"
	"time"
)

var result string

func main() {
	go func() {
		result = "from the goroutine"
	}()
	time.Sleep(20 * time.Millisecond)
	fmt.Println(result)
}
