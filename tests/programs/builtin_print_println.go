// The print and println builtins write to standard error, not standard output.
package main

import "fmt"

func main() {
	fmt.Println("to stdout")
	println("to stderr:", 1, true, "x", 2.5, 'a')
	print("no", "spaces", 3, "\n")
	fmt.Println("stdout again")
}
