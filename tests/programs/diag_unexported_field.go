// A lower-case field of a library type cannot be named outside its package.
package main

import (
	"fmt"
	"time"
)

func main() {
	t := time.NewTimer(time.Second)
	fmt.Println(t.id)
}
