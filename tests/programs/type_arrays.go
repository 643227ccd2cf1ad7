// Arrays are values: assignment and passing copy them; arrays are comparable.
package main

import "fmt"

func zero(a [3]int) { a[0] = 0 }

func zeroPtr(a *[3]int) { a[0] = 0 }

func main() {
	a := [3]int{1, 2, 3}
	b := a
	b[1] = 20
	fmt.Println(a, b, a == b)
	zero(a)
	fmt.Println(a)
	zeroPtr(&a)
	fmt.Println(a, len(a))
	c := [...]string{2: "c", 0: "a"}
	fmt.Println(len(c), c)
	var grid [2][3]int
	grid[1][2] = 5
	fmt.Println(grid)
	s := a[1:]
	s[0] = 99
	fmt.Println(a, s)
	fmt.Println([2]bool{true} == [2]bool{true, false})
}
