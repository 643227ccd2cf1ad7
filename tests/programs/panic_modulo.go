// Integer remainder by zero panics too, for every integer width.
package main

import "fmt"

func main() {
	var a, b uint8 = 7, 0
	fmt.Println("before")
	fmt.Println(a % b)
}
