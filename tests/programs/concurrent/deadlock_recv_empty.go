// Receiving from a channel no one will send on deadlocks.
package main

import "fmt"

func main() {
	ch := make(chan string, 1)
	fmt.Println("waiting")
	fmt.Println(<-ch)
}
