// Redeclaring a name in the same scope, and := with no new variables.
package main

import "fmt"

func main() {
	x := 1
	var x int
	y := 2
	y := 3
	fmt.Println(x, y)
}
