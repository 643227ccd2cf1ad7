// Two goroutines bat a counter back and forth over unbuffered channels.
package main

import "fmt"

func player(name string, in <-chan int, out chan<- int, done chan<- bool) {
	for {
		ball, ok := <-in
		if !ok {
			done <- true
			return
		}
		if ball >= 10 {
			fmt.Println(name, "wins at", ball)
			close(out)
			done <- true
			return
		}
		fmt.Println(name, ball)
		out <- ball + 1
	}
}

func main() {
	ping := make(chan int)
	pong := make(chan int)
	done := make(chan bool)
	go player("ping", ping, pong, done)
	go player("pong", pong, ping, done)
	ping <- 0
	<-done
	<-done
}
