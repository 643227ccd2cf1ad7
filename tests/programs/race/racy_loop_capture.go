// race: goroutines capture a variable the loop keeps assigning.
package main

import (
	"fmt"
	"time"
)

func main() {
	names := []string{"ann", "bob", "cyd"}
	var current string
	lengths := make(chan int, len(names))
	for _, n := range names {
		current = n
		go func() {
			lengths <- len(current)
		}()
		time.Sleep(10 * time.Millisecond)
	}
	total := 0
	for range names {
		total += <-lengths
	}
	fmt.Println("total length", total)
}
