// time.After as a timeout in select: the slow result loses.
package main

import (
	"fmt"
	"time"
)

func slow(d time.Duration) <-chan string {
	ch := make(chan string, 1)
	go func() {
		time.Sleep(d)
		ch <- "result after " + d.String()
	}()
	return ch
}

func main() {
	select {
	case r := <-slow(10 * time.Millisecond):
		fmt.Println(r)
	case <-time.After(100 * time.Millisecond):
		fmt.Println("timeout")
	}
	select {
	case r := <-slow(300 * time.Millisecond):
		fmt.Println(r)
	case <-time.After(50 * time.Millisecond):
		fmt.Println("timeout")
	}
}
