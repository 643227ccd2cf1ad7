// Slicing beyond the capacity panics with the bounds in the message.
package main

import "fmt"

func main() {
	s := make([]int, 3)
	hi := 5
	fmt.Println(s[1:3])
	fmt.Println(s[:hi])
}
