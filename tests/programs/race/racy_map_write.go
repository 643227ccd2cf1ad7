// race: a goroutine and main both write the same map (one sleeps first).
package main

import (
	"fmt"
	"time"
)

func main() {
	m := map[string]int{}
	done := make(chan bool)
	go func() {
		m["a"] = 1
		time.Sleep(40 * time.Millisecond)
		done <- true
	}()
	time.Sleep(20 * time.Millisecond)
	m["b"] = 2
	<-done
	fmt.Println(len(m))
}
