// select on a single goroutine: default when nothing is ready, ready buffered cases otherwise.
package main

import "fmt"

func main() {
	ch := make(chan int, 1)
	select {
	case v := <-ch:
		fmt.Println("received", v)
	default:
		fmt.Println("nothing ready")
	}
	ch <- 7
	select {
	case v := <-ch:
		fmt.Println("received", v)
	default:
		fmt.Println("nothing ready")
	}
	full := make(chan string, 1)
	full <- "x"
	select {
	case full <- "y":
		fmt.Println("sent")
	default:
		fmt.Println("would block")
	}
	var nilch chan int
	select {
	case nilch <- 1:
		fmt.Println("impossible")
	case v, ok := <-full:
		fmt.Println(v, ok)
	}
}
