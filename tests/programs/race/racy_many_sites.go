// race: three separate variables, each raced once: three reports.
package main

import (
	"fmt"
	"time"
)

var a, b, c int

func writer() {
	a = 1
	b = 2
	c = 3
}

func main() {
	go writer()
	time.Sleep(20 * time.Millisecond)
	fmt.Println(a + b + c)
}
