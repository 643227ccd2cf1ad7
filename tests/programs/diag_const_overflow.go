// A constant that does not fit its type is a compile error.
package main

import "fmt"

func main() {
	var b int8 = 200
	fmt.Println(b)
}
