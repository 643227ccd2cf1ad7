// Timers and channels together: stages wait different times, finish in order.
package main

import (
	"fmt"
	"time"
)

func stage(name string, d time.Duration, in <-chan string) <-chan string {
	out := make(chan string)
	go func() {
		msg := <-in
		time.Sleep(d)
		out <- msg + " -> " + name
	}()
	return out
}

func main() {
	start := make(chan string)
	c := stage("c", 5*time.Millisecond, stage("b", 10*time.Millisecond, stage("a", 15*time.Millisecond, start)))
	start <- "start"
	fmt.Println(<-c)
}
