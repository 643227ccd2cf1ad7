// Gosched yields; with channels the handshake order is still deterministic.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	ch := make(chan int)
	go func() {
		for i := 0; i < 3; i++ {
			runtime.Gosched()
			ch <- i
		}
		close(ch)
	}()
	for v := range ch {
		runtime.Gosched()
		fmt.Println("got", v)
	}
}
