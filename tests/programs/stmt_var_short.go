// var declarations and short variable declarations, including multi-value forms.
package main

import "fmt"

func pair() (int, string) { return 7, "seven" }

func main() {
	var a int
	var b, c = 1, "two"
	var (
		d float64 = 2.5
		e bool
	)
	f := 'x'
	g, h := pair()
	g, i := 8, true
	var j, k int = 3, 4
	fmt.Println(a, b, c, d, e, f, g, h, i, j, k)
	m := map[string]int{"a": 1}
	v, ok := m["a"]
	w, ok2 := m["z"]
	fmt.Println(v, ok, w, ok2)
}
