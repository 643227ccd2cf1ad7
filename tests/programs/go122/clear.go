// The clear builtin (Go 1.21): it deletes every entry of a map, and sets
// every element of a slice to its zero value (the length stays). Go 1.19
// has no clear, so the output below is written by hand from the spec
// ("Clear").
package main

import "fmt"

type point struct{ x, y int }

func main() {
	m := map[string]int{"a": 1, "b": 2}
	alias := m
	clear(m)
	fmt.Println(len(m), len(alias), m == nil)

	s := []int{1, 2, 3}
	clear(s[1:])
	fmt.Println(s, len(s))

	ps := []point{{1, 2}, {3, 4}}
	clear(ps)
	fmt.Println(ps)

	var nilMap map[int]bool
	clear(nilMap)
	fmt.Println(len(nilMap))
}

// Output:
// 0 0 false
// [1 0 0] 3
// [{0 0} {0 0}]
// 0
