// A relay: each runner hands the baton to the next over an unbuffered channel.
package main

import (
	"fmt"
	"sync"
)

var wg sync.WaitGroup

func runner(baton chan int) {
	n := <-baton
	fmt.Printf("Runner %d running with baton\n", n)
	if n != 4 {
		next := n + 1
		fmt.Printf("Runner %d to the line\n", next)
		go runner(baton)
	}
	if n == 4 {
		fmt.Printf("Runner %d finished, race over\n", n)
		wg.Done()
		return
	}
	fmt.Printf("Runner %d exchange with runner %d\n", n, n+1)
	baton <- n + 1
}

func main() {
	baton := make(chan int)
	wg.Add(1)
	go runner(baton)
	baton <- 1
	wg.Wait()
}
