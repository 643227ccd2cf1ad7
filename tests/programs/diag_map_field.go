// A field of a struct stored in a map cannot be assigned directly.
package main

import "fmt"

type P struct{ X int }

func main() {
	m := map[string]P{"a": {1}}
	m["a"].X = 2
	fmt.Println(m)
}
