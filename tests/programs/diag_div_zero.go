// Division by a constant zero is a compile error.
package main

import "fmt"

func main() {
	x := 10
	fmt.Println(x / 0)
}
