// time.Tick delivers ticks at a steady period; stop after five.
package main

import (
	"fmt"
	"time"
)

func main() {
	tick := time.Tick(20 * time.Millisecond)
	start := time.Now()
	for i := 1; i <= 5; i++ {
		<-tick
		fmt.Println("tick", i)
	}
	el := time.Since(start)
	fmt.Println(el >= 100*time.Millisecond, el < 500*time.Millisecond)
}
