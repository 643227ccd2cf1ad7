// Assigning a value of the wrong type is a compile error naming both types.
package main

import "fmt"

func main() {
	var s string = 5
	fmt.Println(s)
}
