// A syntax error: a missing closing parenthesis.
package main

import "fmt"

func main() {
	fmt.Println("open"
}
