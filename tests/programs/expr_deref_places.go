// Writes through an explicit dereference change the pointee: fields, elements,
// compound assignment, ++, two levels of pointers and & of each place.
package main

import "fmt"

type T struct {
	x int
	a [3]int
	s []int
	m map[string]int
	in struct{ y int }
}

func main() {
	p := &T{s: make([]int, 3), m: map[string]int{}}
	(*p).x = 7
	(*p).a[1] = 5
	(*p).s[2] = 4
	(*p).m["k"] = 3
	(*p).in.y = 6
	fmt.Println(p.x, p.a, p.s, p.m, p.in.y)

	(*p).x++
	(*p).x += 10
	(*p).a[1] *= 3
	(*p).in.y--
	fmt.Println(p.x, p.a, p.in.y)

	pp := &p
	(**pp).x = 1
	(*pp).a[0] = 2
	(**pp).in.y += 100
	fmt.Println(p.x, p.a, p.in.y)

	arr := &[3]int{}
	(*arr)[1] = 9
	(*arr)[0]++
	fmt.Println(*arr, arr[1])

	q := &(*p).x
	*q = 42
	r := &(*p).a[2]
	*r = 8
	u := &(*arr)[2]
	*u = 11
	w := &(**pp).in
	w.y = 77
	fmt.Println(p.x, p.a, *arr, p.in.y)

	// A copy of the pointee is a copy: these do not change p.
	v := *p
	v.x = -1
	v.a[0] = -1
	c := *arr
	c[0] = -1
	fmt.Println(p.x, p.a[0], arr[0], v.x, c[0])

	// Through a pointer a function received.
	set := func(t *T) { (*t).x = 5; (*t).a[2]-- }
	set(p)
	fmt.Println(p.x, p.a)

	defer func() { fmt.Println("recovered:", recover()) }()
	var np *T
	(*np).x = 1
}
