// no race: a send happens before the matching receive completes.
package main

import "fmt"

func main() {
	var data []int
	ready := make(chan bool)
	go func() {
		data = []int{1, 2, 3}
		ready <- true
	}()
	<-ready
	fmt.Println(data)
}
