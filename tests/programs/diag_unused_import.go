// An import that is not used is a compile error.
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Println("hi")
}
