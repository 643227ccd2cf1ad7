// Channel types, directional channel parameters, len/cap of buffered channels.
package main

import "fmt"

func produce(out chan<- int, n int) {
	for i := 0; i < n; i++ {
		out <- i * 10
	}
	close(out)
}

func consume(in <-chan int) int {
	total := 0
	for v := range in {
		total += v
	}
	return total
}

func main() {
	ch := make(chan int, 4)
	produce(ch, 4)
	fmt.Println(len(ch), cap(ch))
	fmt.Println(consume(ch))
	var ro <-chan string
	var so chan<- string
	both := make(chan string, 1)
	ro, so = both, both
	so <- "hi"
	fmt.Println(<-ro)
	fmt.Printf("%T %T %T\n", ro, so, both)
	var nilch chan int
	fmt.Println(nilch == nil, len(nilch), cap(nilch))
	chs := []chan bool{make(chan bool, 1), make(chan bool, 1)}
	chs[1] <- true
	fmt.Println(len(chs[0]), len(chs[1]))
}
