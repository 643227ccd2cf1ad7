// The min and max builtins (Go 1.21) over integers, floats and strings.
package main

import "fmt"

func main() {
	fmt.Println(min(3, 1, 2), max(3, 1, 2))
	fmt.Println(min(2.5, 1.0), max(-1.5, -2.0))
	fmt.Println(min("b", "a", "c"), max("b", "a", "c"))
	x, y := 10, 20
	fmt.Println(min(x, y), max(x, y, 15))
	var small int8 = min(5, 7)
	fmt.Println(small)
}

// Output:
// 1 3
// 1 -1.5
// a c
// 10 20
// 5
