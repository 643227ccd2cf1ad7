// race: a goroutine writes after its send, which the receive does not order.
package main

import (
	"fmt"
	"time"
)

func main() {
	x := 0
	ch := make(chan int)
	go func() {
		ch <- 1
		x = 2
	}()
	<-ch
	time.Sleep(20 * time.Millisecond)
	fmt.Println(x)
}
