// Passing an argument of the wrong type, and a non-bool condition.
package main

import (
	"fmt"
	"strings"
)

func double(n int) int { return n * 2 }

func main() {
	fmt.Println(double("4"))
	fmt.Println(strings.Repeat("a", "3"))
	n := 1
	if n {
		fmt.Println(n)
	}
}
