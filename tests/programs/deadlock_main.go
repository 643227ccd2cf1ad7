// A send on an unbuffered channel with no receiver deadlocks the only goroutine.
package main

import "fmt"

func main() {
	ch := make(chan int)
	fmt.Println("about to block")
	ch <- 1
	fmt.Println("unreachable")
}
