// A sleeping goroutine wakes up even while another goroutine is busy computing.
package main

import (
	"fmt"
	"time"
)

func main() {
	done := make(chan int)
	go func() {
		s := 0
		for i := 0; i < 3000000; i++ {
			s += i % 3
		}
		done <- s
	}()
	time.Sleep(time.Millisecond)
	fmt.Println("woke up")
	fmt.Println(<-done)
}
