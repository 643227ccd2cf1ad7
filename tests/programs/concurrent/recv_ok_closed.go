// v, ok from a closed channel: buffered values first, then zero values with ok == false.
package main

import "fmt"

func main() {
	ch := make(chan int, 2)
	ch <- 1
	ch <- 2
	close(ch)
	for i := 0; i < 4; i++ {
		v, ok := <-ch
		fmt.Println(v, ok)
	}
	s := make(chan string)
	close(s)
	v, ok := <-s
	fmt.Printf("%q %v\n", v, ok)
}
