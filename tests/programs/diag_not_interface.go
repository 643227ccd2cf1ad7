// A type assertion on a value that is not an interface, and calling a non-function.
package main

import "fmt"

func main() {
	x := 5
	s, ok := x.(string)
	fmt.Println(s, ok)
	y := 3
	y()
}
