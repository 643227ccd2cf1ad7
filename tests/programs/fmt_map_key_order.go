// fmt prints map keys in fmtsort's order: structs field by field, arrays element by element, interfaces nil first, then by dynamic type (descriptor size, then name), then by value.
package main

import "fmt"

type P struct{ X, Y int }
type M struct{ S string }

func (M) A() {}
func (M) B() {}

type N int

func (N) String2() string { return "n" }

type E struct{}

func main() {
	i := map[interface{}]int{M{"a"}: 1, N(4): 2, P{0, 0}: 3, E{}: 4, -3: 5, 10: 6, "": 7, [1]string{"q"}: 8, [3]int{}: 9, struct{ A, B int }{1, 2}: 10, uint16(9): 11, float32(1): 12, complexKey(): 13}
	fmt.Println(i)
	zero := 0.0
	f := map[float64]string{zero / zero: "nan", -1: "m", 1 / zero: "inf", 0: "z"}
	fmt.Println(f)
	type K struct {
		A string
		B interface{}
	}
	k := map[K]int{{"b", 1}: 1, {"a", "x"}: 2, {"a", 2}: 3, {"a", nil}: 4, {"a", 1}: 5}
	fmt.Println(k)
	arr := map[[2]interface{}]int{{1, "a"}: 1, {1, 2}: 2, {"z", 0}: 3, {nil, 1}: 4}
	fmt.Println(arr)
}

func complexKey() interface{} { return [2]bool{true, false} }
