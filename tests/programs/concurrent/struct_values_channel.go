// Struct values sent over a channel are copies.
package main

import "fmt"

type Point struct{ X, Y int }

func main() {
	ch := make(chan Point, 1)
	p := Point{1, 2}
	ch <- p
	p.X = 100
	q := <-ch
	fmt.Println(p, q)
	arr := make(chan [3]int, 1)
	a := [3]int{1, 2, 3}
	arr <- a
	a[0] = 9
	fmt.Println(a, <-arr)
}
