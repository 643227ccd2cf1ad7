// Package-level variables are initialised in dependency order, not text order.
package main

import "fmt"

var total = sum(a, b)

var a = double(b)

var b = 3

var names = []string{"x", "y"}

var counter int

func double(n int) int {
	counter++
	return n * 2
}

func sum(x, y int) int {
	counter++
	return x + y
}

func main() {
	fmt.Println(a, b, total, counter, names)
}
