// Unused variables are reported in closures too; an unused parameter is fine.
package main

import "fmt"

func main() {
	f := func(unusedParam int) {
		tmp := 5
	}
	f(1)
	fmt.Println("x")
}
