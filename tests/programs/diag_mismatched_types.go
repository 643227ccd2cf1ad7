// Mixing types in an operation, and assigning a func result of the wrong type.
package main

import "fmt"

func name() string { return "n" }

func main() {
	a := 1
	b := "two"
	fmt.Println(a + b)
	var n int = name()
	fmt.Println(n)
}
