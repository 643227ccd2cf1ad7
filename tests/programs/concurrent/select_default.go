// select with default never blocks: it reports when nothing is ready.
package main

import "fmt"

func main() {
	ch := make(chan int, 1)
	for i := 0; i < 4; i++ {
		select {
		case v := <-ch:
			fmt.Println("received", v)
		default:
			fmt.Println("nothing ready, sending", i)
			ch <- i
		}
	}
	select {
	case ch <- 99:
		fmt.Println("sent 99")
	default:
		fmt.Println("buffer full")
	}
}
