// race: a goroutine reads a map that main writes without synchronisation.
package main

import (
	"fmt"
	"time"
)

func main() {
	m := map[string]int{"a": 1}
	found := make(chan int)
	go func() {
		time.Sleep(20 * time.Millisecond)
		found <- m["a"]
	}()
	m["b"] = 2
	fmt.Println(<-found, len(m))
}
