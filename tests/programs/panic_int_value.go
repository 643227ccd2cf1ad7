// panic with a non-string value prints it with its Go syntax.
package main

import "fmt"

type Code int

func main() {
	fmt.Println("start")
	panic(Code(42))
}
