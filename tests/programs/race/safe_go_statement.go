// no race: writes before a go statement happen before the goroutine runs.
package main

import "fmt"

func main() {
	msg := "hello"
	count := 3
	done := make(chan bool)
	go func() {
		for i := 0; i < count; i++ {
			fmt.Println(msg, i)
		}
		done <- true
	}()
	<-done
}
