// Indexing past the end of a slice panics with Go's message; output before it is kept.
package main

import "fmt"

func get(s []int, i int) int {
	return s[i]
}

func main() {
	s := []int{1, 2, 3}
	fmt.Println(get(s, 2))
	fmt.Println(get(s, 5))
	fmt.Println("unreachable")
}
