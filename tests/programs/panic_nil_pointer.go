// Dereferencing a nil pointer panics with a runtime error.
package main

import "fmt"

type T struct{ v int }

func main() {
	var p *T
	fmt.Println(p == nil)
	fmt.Println(p.v)
}
