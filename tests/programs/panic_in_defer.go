// A panic inside a deferred call while panicking: Go reports the first panic first.
package main

import "fmt"

func main() {
	defer func() {
		fmt.Println("deferred runs, then panics again")
		panic("second")
	}()
	panic("first")
}
