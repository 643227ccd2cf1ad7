// fmt's %#v (Go syntax) for structs, pointers, nil slices/maps/interfaces/funcs/chans, unsigned ints, strings, nested values, anonymous structs, and GoStringer.
package main

import "fmt"

type P struct {
	A int
	B string
	c []int
}

type G struct{ N int }

func (g G) GoString() string { return fmt.Sprintf("G(%d)", g.N) }

type Celsius float64
type U uint8

type Inner struct {
	M map[string]int
	E error
	I interface{}
	F func()
	Ch chan int
	Pt *P
}

func main() {
	p := P{1, "a", []int{1}}
	fmt.Printf("%#v\n", p)
	fmt.Printf("%#v\n", &p)
	var np *P
	fmt.Printf("%#v\n", np)
	fmt.Printf("%#v %#v\n", []int{1, 2}, []int(nil))
	fmt.Printf("%#v %#v\n", []string{"x", "y"}, []string(nil))
	fmt.Printf("%#v %#v\n", map[string]int{"b": 2, "a": 1}, map[string]int(nil))
	fmt.Printf("%#v %#v %#v\n", "s", 42, 3.5)
	fmt.Printf("%#v %#v %#v\n", true, uint(7), U(255))
	fmt.Printf("%#v %#v\n", []byte{1, 2}, [2]bool{true, false})
	fmt.Printf("%#v\n", []interface{}{1, "a", nil, 2.5})
	fmt.Printf("%#v\n", Inner{})
	fmt.Printf("%#v\n", G{3})
	fmt.Printf("%#v\n", []G{{1}, {2}})
	fmt.Printf("%v %+v\n", G{3}, G{3})
	fmt.Printf("%#v\n", Celsius(36.6))
	fmt.Printf("%#v\n", struct {
		X, Y int
	}{1, 2})
	fmt.Printf("%#v\n", nil)
	fmt.Printf("%#v\n", [][]int{{1}, nil})
	fmt.Printf("%#v\n", map[int][]string{1: {"a"}})
	fmt.Printf("%#v\n", &[]int{5})
	fmt.Printf("%#v\n", int8(-3))
	fmt.Printf("%#v\n", 'x')
	fmt.Printf("%#v\n", "q\"\n")
	fmt.Printf("%#v\n", [0]int{})
	fmt.Printf("%#v\n", map[G]bool{{1}: true})
	fmt.Printf("%#v\n", struct{}{})
}
