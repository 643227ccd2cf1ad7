// A select case that assigns a received value (and ok) to interface variables
// converts it to the interface, as an assignment does (Go's fixedbugs/bug312).
package main

import "fmt"

type S struct{ n int }

func main() {
	c := make(chan int, 1)
	c <- 5
	var i interface{}
	select {
	case i = <-c:
	}
	fmt.Println(i.(int)+1, i)

	d := make(chan string, 1)
	d <- "x"
	var e interface{}
	var ok bool
	select {
	case e, ok = <-d:
	}
	fmt.Println(e, ok)

	sc := make(chan S, 1)
	sc <- S{3}
	var a any
	var b interface{}
	select {
	case a, b = <-sc:
	}
	fmt.Printf("%v %v %T\n", a, b, b)

	close(c)
	select {
	case i, ok = <-c:
	}
	fmt.Println(i, ok)
}
