// Printing a slice that contains itself recurses until Go's goroutine stack limit: fatal error: stack overflow.
package main

import "fmt"

func main() {
	s := []interface{}{1, nil}
	s[1] = s
	fmt.Println("before")
	fmt.Println(s)
	fmt.Println("not reached")
}
