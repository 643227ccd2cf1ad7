// An unrecovered panic in any goroutine ends the whole program with status 2.
package main

import (
	"fmt"
	"time"
)

func main() {
	go func() {
		panic("worker failed")
	}()
	time.Sleep(100 * time.Millisecond)
	fmt.Println("never printed")
}
