// `for k, v = range` assigns like `k, v = key, value`: the index in a place on
// the left is evaluated before k changes.
package main

import "fmt"

func main() {
	x := make([]int, 4)
	y := []int{10, 20, 30}
	var i int
	for i, x[i] = range y {
	}
	fmt.Println(i, x)

	m := map[int]string{}
	keys := []int{0, 0, 0}
	var k int
	for k, m[keys[k]] = range []string{"a", "b"} {
		keys[k] = k + 1
	}
	fmt.Println(k, m)

	var j int
	var r []rune = make([]rune, 3)
	for j, r[j] = range "héé" {
	}
	fmt.Println(j, string(r))
}
