// time.Tick delivers ticks at a steady period; stop after five.
package main

import (
	"fmt"
	"time"
)

func main() {
	// start is read first: the fifth tick then comes at least 100ms after
	// it, however long this thread is descheduled in between.
	start := time.Now()
	tick := time.Tick(20 * time.Millisecond)
	for i := 1; i <= 5; i++ {
		<-tick
		fmt.Println("tick", i)
	}
	el := time.Since(start)
	fmt.Println(el >= 100*time.Millisecond, el < 500*time.Millisecond)
}
