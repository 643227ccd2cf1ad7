// Using an undeclared name is a compile error.
package main

import "fmt"

func main() {
	x := 1
	fmt.Println(x + y)
}
