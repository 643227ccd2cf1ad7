// Several init functions run in order, after package variables and before main.
package main

import "fmt"

var order []string

var ready = mark("var")

func mark(s string) bool {
	order = append(order, s)
	return true
}

func init() {
	order = append(order, "init1")
}

func init() {
	order = append(order, "init2")
}

func main() {
	order = append(order, "main")
	fmt.Println(ready, order)
}
