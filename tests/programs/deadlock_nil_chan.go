// Receiving from a nil channel blocks forever: with no other goroutine, a deadlock.
package main

import "fmt"

func main() {
	var ch chan string
	fmt.Println("receiving")
	fmt.Println(<-ch)
}
