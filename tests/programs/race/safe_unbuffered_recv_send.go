// no race: on an unbuffered channel the receive happens before the send completes.
package main

import "fmt"

func main() {
	x := 0
	ch := make(chan int)
	go func() {
		x = 1
		<-ch
	}()
	ch <- 0
	fmt.Println(x)
}
