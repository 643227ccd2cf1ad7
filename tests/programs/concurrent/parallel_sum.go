// Split a sum over goroutines, combine partial sums from a channel.
package main

import "fmt"

func sum(xs []int, out chan<- int) {
	s := 0
	for _, x := range xs {
		s += x
	}
	out <- s
}

func main() {
	xs := make([]int, 1000)
	for i := range xs {
		xs[i] = i + 1
	}
	out := make(chan int)
	parts := 4
	size := len(xs) / parts
	for p := 0; p < parts; p++ {
		go sum(xs[p*size:(p+1)*size], out)
	}
	total := 0
	for p := 0; p < parts; p++ {
		total += <-out
	}
	fmt.Println(total)
}
