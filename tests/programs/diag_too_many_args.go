// Calling a function with too many arguments reports what it has and what it wants.
package main

import "fmt"

func f(a int, b string) int { return a }

func main() {
	fmt.Println(f(1, "x", 3))
}
