// A failed single-result type assertion panics with an interface conversion error.
package main

import "fmt"

func main() {
	var x interface{} = "text"
	fmt.Println(x.(string))
	n := x.(int)
	fmt.Println(n)
}
