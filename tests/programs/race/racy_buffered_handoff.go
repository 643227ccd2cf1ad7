// race: a send on a buffered channel does not wait for the receive, so a
// write before the receive is not ordered before main's read.
package main

import (
	"fmt"
	"time"
)

func main() {
	x := 0
	ch := make(chan int, 1)
	go func() {
		x = 1
		<-ch
	}()
	ch <- 0
	time.Sleep(20 * time.Millisecond)
	fmt.Println(x)
}
