// Maps: literals, make, comma-ok, delete, len, nil-map reads, struct values, fmt's sorted printing.
package main

import "fmt"

type Point struct{ X, Y int }

func main() {
	m := map[string]int{"one": 1, "two": 2}
	m["three"] = 3
	m["one"] += 10
	fmt.Println(len(m), m["one"], m["missing"])
	if v, ok := m["two"]; ok {
		fmt.Println("found", v)
	}
	delete(m, "two")
	delete(m, "nothing")
	_, ok := m["two"]
	fmt.Println(ok, len(m))
	fmt.Println(m)

	var nilMap map[string]bool
	fmt.Println(nilMap["x"], len(nilMap), nilMap == nil)

	grid := make(map[Point]string)
	grid[Point{1, 2}] = "a"
	grid[Point{0, 0}] = "origin"
	fmt.Println(grid[Point{1, 2}], grid[Point{X: 0}], len(grid))

	counts := map[rune]int{}
	for _, r := range "mississippi" {
		counts[r]++
	}
	fmt.Println(counts)
	nested := map[string][]int{}
	nested["a"] = append(nested["a"], 1, 2)
	fmt.Println(nested)
	byInt := map[int]string{10: "ten", -1: "minus", 3: "three"}
	fmt.Println(byInt)
}
