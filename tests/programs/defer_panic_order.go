// Deferred calls run in LIFO order across frames while a panic unwinds.
package main

import "fmt"

func inner() {
	defer fmt.Println("inner defer 1")
	defer fmt.Println("inner defer 2")
	panic("from inner")
}

func outer() {
	defer func() {
		fmt.Println("outer recovers:", recover())
	}()
	defer fmt.Println("outer defer")
	inner()
	fmt.Println("not printed")
}

func main() {
	outer()
	fmt.Println("after outer")
	defer fmt.Println("main defer")
	func() {
		defer fmt.Println("nested defer")
	}()
	fmt.Println("end of main")
}
