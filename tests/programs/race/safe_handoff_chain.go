// no race: a baton passed along a chain of goroutines over unbuffered channels.
package main

import "fmt"

func runner(id int, in <-chan []int, out chan<- []int) {
	trail := <-in
	trail = append(trail, id)
	out <- trail
}

func main() {
	first := make(chan []int)
	in := first
	for id := 1; id <= 4; id++ {
		out := make(chan []int)
		go runner(id, in, out)
		in = out
	}
	first <- []int{0}
	fmt.Println(<-in)
}
