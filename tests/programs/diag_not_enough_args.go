// Calling a function with too few arguments reports what it has and what it wants.
package main

import "fmt"

func add(a, b int) int { return a + b }

func main() {
	fmt.Println(add(1))
}
