// Single and grouped imports, including a package path with a slash.
package main

import "fmt"

import (
	"math"
	"strings"
)

func main() {
	fmt.Println(strings.ToUpper("imports"), math.Sqrt(16))
}
