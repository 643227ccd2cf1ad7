// no race: a send chosen by select happens before the receive it matches.
package main

import (
	"fmt"
	"time"
)

func main() {
	var report string
	results := make(chan bool)
	quit := make(chan bool)
	go func() {
		report = "all good"
		select {
		case results <- true:
		case <-quit:
		}
	}()
	select {
	case <-results:
		fmt.Println(report)
	case <-time.After(time.Second):
		fmt.Println("timeout")
	}
}
