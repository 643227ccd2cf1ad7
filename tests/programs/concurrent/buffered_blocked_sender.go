// A sender blocked on a full buffered channel: receives keep FIFO order, its value goes to the tail.
package main

import (
	"fmt"
	"time"
)

func main() {
	ch := make(chan int, 2)
	ch <- 1
	ch <- 2
	done := make(chan bool)
	go func() {
		ch <- 3 // blocks: the buffer is full
		done <- true
	}()
	time.Sleep(10 * time.Millisecond)
	fmt.Println("len", len(ch), "cap", cap(ch))
	fmt.Println(<-ch)
	<-done
	fmt.Println("sender unblocked")
	fmt.Println(<-ch, <-ch, len(ch))
}
