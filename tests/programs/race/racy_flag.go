// race: a plain bool used as a "done" flag polled by main.
package main

import (
	"fmt"
	"time"
)

var done bool

func worker() {
	time.Sleep(5 * time.Millisecond)
	done = true
}

func main() {
	go worker()
	polls := 0
	for !done {
		polls++
		time.Sleep(time.Millisecond)
	}
	fmt.Println("worker finished", polls > 0)
}
