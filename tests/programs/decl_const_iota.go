// Typed and untyped constants, iota, skipped values and constant expressions.
package main

import "fmt"

const Big = 1 << 40

const greeting = "hello"

const (
	Sunday = iota
	Monday
	Tuesday
	_
	Thursday
)

type Weekday int

const (
	KB int64 = 1 << (10 * (iota + 1))
	MB
	GB
)

const (
	A Weekday = iota * 10
	B
	C
)

func main() {
	fmt.Println(Sunday, Monday, Tuesday, Thursday)
	fmt.Println(KB, MB, GB)
	fmt.Println(A, B, C)
	fmt.Println(Big/1024, greeting+", world")
	var f float64 = Big
	fmt.Println(f)
	fmt.Printf("%T %T %T\n", Monday, KB, C)
}
