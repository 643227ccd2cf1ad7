// Scopes: inner declarations shadow outer ones; := in if/for/switch creates new variables.
package main

import "fmt"

var x = "package"

func main() {
	fmt.Println(x)
	x := "function"
	fmt.Println(x)
	{
		x := "block"
		fmt.Println(x)
	}
	if x := 1; x > 0 {
		fmt.Println("if", x)
	}
	for x := 0; x < 1; x++ {
		fmt.Println("for", x)
	}
	switch x := true; x {
	case true:
		fmt.Println("switch", x)
	}
	fmt.Println(x)
	err := fmt.Errorf("outer")
	if true {
		n, err := 1, fmt.Errorf("inner")
		_ = n
		fmt.Println(err)
	}
	fmt.Println(err)
}
