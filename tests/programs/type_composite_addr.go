// Addresses of composite literals of every kind (&[]T{…} and &map…{…} need a new cell; &struct and &array are the object), and map literals whose interface keys differ only in type.
package main

import "fmt"

type point struct{ x, y int }

func grow(p *[]int) { *p = append(*p, len(*p)) }

func main() {
	s := &[]int{1, 2}
	grow(s)
	grow(s)
	fmt.Println(len(*s), cap(*s) >= 4, *s, (*s)[3])

	m := &map[string]int{"a": 1}
	(*m)["b"] = 2
	fmt.Println(len(*m), (*m)["a"]+(*m)["b"])

	a := &[3]int{1, 2, 3}
	a[0] = 9
	fmt.Println(len(a), *a)

	pt := &point{1, 2}
	pt.y = 5
	fmt.Println(*pt)

	ps := []*[]string{&[]string{"x"}, &[]string{"y", "z"}}
	for _, p := range ps {
		*p = append(*p, "!")
	}
	fmt.Println(*ps[0], *ps[1])

	k := map[interface{}]string{1: "int", int8(1): "int8", "1": "string", 1.0: "float64", point{1, 2}: "point"}
	fmt.Println(len(k), k[1], k[int8(1)], k["1"], k[1.0], k[point{1, 2}])
}
