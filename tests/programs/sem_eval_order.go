// Operands, arguments and assignments are evaluated left to right.
package main

import "fmt"

var trace []string

func v(name string, n int) int {
	trace = append(trace, name)
	return n
}

func three(a, b, c int) int { return a*100 + b*10 + c }

func main() {
	r := three(v("a", 1), v("b", 2), v("c", 3))
	fmt.Println(r, trace)
	trace = nil
	s := []int{0, 0, 0}
	s[v("index", 1)] = v("value", 7)
	fmt.Println(s, trace)
	trace = nil
	sum := v("x", 1) + v("y", 2)*v("z", 3)
	fmt.Println(sum, trace)
	trace = nil
	ok := v("p", 0) == 1 && v("q", 1) == 1
	fmt.Println(ok, trace)
	trace = nil
	ok = v("p", 1) == 1 || v("q", 1) == 1
	fmt.Println(ok, trace)
	i := 0
	i, s[i] = 2, 9
	fmt.Println(i, s)
}
