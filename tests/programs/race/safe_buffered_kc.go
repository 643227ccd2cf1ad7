// no race: capacity 2: the 1st receive is ordered before the 3rd send completes.
package main

import (
	"fmt"
	"time"
)

func main() {
	ch := make(chan int, 2)
	x := 0
	done := make(chan bool)
	go func() {
		time.Sleep(10 * time.Millisecond)
		x = 1
		<-ch
		<-ch
		<-ch
		done <- true
	}()
	ch <- 1
	ch <- 2
	ch <- 3
	fmt.Println(x)
	<-done
}
