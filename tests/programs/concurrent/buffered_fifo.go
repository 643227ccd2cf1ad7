// A buffered channel is a FIFO queue: len and cap as it fills and drains.
package main

import "fmt"

func main() {
	ch := make(chan int, 3)
	fmt.Println(len(ch), cap(ch))
	ch <- 10
	ch <- 20
	fmt.Println(len(ch), cap(ch))
	ch <- 30
	fmt.Println(<-ch, <-ch, len(ch))
	ch <- 40
	close(ch)
	for v := range ch {
		fmt.Println(v)
	}
	fmt.Println(len(ch))
}
