// A go statement with an unbuffered channel to wait for the result.
package main

import "fmt"

func square(n int, out chan<- int) {
	out <- n * n
}

func main() {
	out := make(chan int)
	go square(9, out)
	fmt.Println(<-out)
	done := make(chan bool)
	go func() {
		fmt.Println("in goroutine")
		done <- true
	}()
	<-done
	fmt.Println("main done")
}
