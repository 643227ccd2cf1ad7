// fmt calls String() and Error() only where Go's reflect can: not below an unexported field, not at the top of a %!verb(T=...).
package main

import (
	"errors"
	"fmt"
)

type St int

func (s St) String() string { return fmt.Sprintf("St<%d>", int(s)) }

type E struct{ msg string }

func (e E) Error() string { return "E:" + e.msg }

type Name string

func (n Name) String() string { return "Name(" + string(n) + ")" }

type Inner struct {
	A St
	b St
}

type T struct {
	x  interface{}
	X  interface{}
	s  []St
	S  []St
	in Inner
	In Inner
	m  map[St]St
	M  map[St]St
	e  E
	Ee E
	a  [2]interface{}
	A  [2]interface{}
}

type Outer struct {
	hidden T
	Shown  *T
}

func main() {
	t := T{x: St(1), X: St(2), s: []St{3}, S: []St{4}, in: Inner{5, 6}, In: Inner{8, 9},
		m: map[St]St{1: 2}, M: map[St]St{3: 4}, e: E{"a"}, Ee: E{"b"},
		a: [2]interface{}{St(10), []interface{}{E{"c"}}}, A: [2]interface{}{St(11), []interface{}{E{"d"}}}}
	fmt.Println(t)
	fmt.Printf("%+v\n", t)
	fmt.Printf("%v\n", []interface{}{t, St(3), E{"z"}})
	fmt.Printf("%s\n", struct {
		p Inner
		P Inner
	}{Inner{1, 2}, Inner{3, 4}})
	fmt.Println(Outer{hidden: T{X: St(5)}}.hidden.X)

	// Bad verbs print the value with %v, without its String() at the top.
	fmt.Printf("%d|%d|%d\n", Name("n"), []Name{"a", "b"}, map[Name]Name{"k": "v"})
	fmt.Printf("%t|%t\n", St(4), []St{5})
	fmt.Printf("%d|%x|%q|%s\n", St(6), St(255), St(7), St(8))
	fmt.Printf("%d\n", []interface{}{St(3), "x", 2.5, []string{"a"}, Name("q"), true})
	fmt.Printf("%s\n", []interface{}{St(3), 4, E{"q"}, errors.New("plain")})
	fmt.Printf("%x %X %q\n", []St{10, 11}, []string{"ab"}, []interface{}{"a", 1, St(2)})
	fmt.Printf("%5v|%-6v|%05d\n", []int{1, 2}, []string{"a"}, []int{3})
	fmt.Printf("%v %v\n", &t.In, &[1]St{12})
	fmt.Printf("%t %d\n", []bool{true}, map[string]bool{"a": true})
	var np *Inner
	var ni interface{}
	fmt.Printf("%v %v %+v %d\n", np, []interface{}{ni, np}, struct{ A, b interface{} }{}, []interface{}{nil})
	fmt.Printf("%v %s\n", [][]byte{[]byte("hi")}, [][]byte{[]byte("hi")})
	fmt.Printf("%s %v\n", struct{ B []byte }{[]byte("yo")}, [2][]byte{{1}, {2}})
	fmt.Printf("%d %s\n", 1, 2, 3)
	fmt.Printf("%!\n")
	fmt.Println(fmt.Sprint(St(1), St(2), "a", Name("b"), E{"c"}))
}
