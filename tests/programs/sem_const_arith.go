// Untyped constants are exact: huge intermediate values are fine if the result fits.
package main

import "fmt"

const huge = 1 << 100
const third = 1.0 / 3

type Size uint8

const (
	small Size = 1 << iota
	medium
	large
)

func main() {
	fmt.Println(huge >> 98)
	fmt.Println(third * 3)
	fmt.Println(huge / (1 << 90))
	const c = 'a' + 1
	fmt.Println(c, string(rune(c)))
	fmt.Printf("%T %T %T\n", c, third, large)
	fmt.Println(small|large, large&^medium, 7/2, 7/2.0)
	var f float32 = third
	fmt.Println(f)
	const typed int64 = 5
	fmt.Println(typed * 3 / 2)
}
