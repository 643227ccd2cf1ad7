// race: a goroutine appends to a slice variable that main also appends to.
package main

import (
	"fmt"
	"time"
)

func main() {
	var items []int
	done := make(chan bool)
	go func() {
		items = append(items, 1)
		done <- true
	}()
	time.Sleep(20 * time.Millisecond)
	items = append(items, 2)
	<-done
	fmt.Println(len(items))
}
