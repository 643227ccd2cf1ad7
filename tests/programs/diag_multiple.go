// Several errors in one file are all reported, in source order.
package main

import (
	"fmt"
	"strings"
)

func main() {
	unused := 3
	fmt.Println(missing)
	var t bool = "yes"
	fmt.Println(t)
}
