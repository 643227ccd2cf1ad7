package main

import "fmt"

type Point struct{ X, Y int }

type Rect struct {
	Min, Max Point
	Tags     [2]string
}

func (p Point) Moved(dx int) Point { p.X += dx; return p }
func (p *Point) Move(dx int)       { p.X += dx }

func modify(r Rect) { r.Min.X = 100; r.Tags[0] = "changed" }

func main() {
	a := Point{1, 2}
	b := a
	b.X = 10
	fmt.Println(a, b)
	r := Rect{Min: Point{0, 0}, Max: Point{5, 5}, Tags: [2]string{"a", "b"}}
	r2 := r
	r2.Min.Y = 7
	r2.Tags[1] = "z"
	modify(r)
	fmt.Println(r, r2)
	fmt.Printf("%+v\n", r)
	arr := [3]int{1, 2, 3}
	arr2 := arr
	arr2[0] = 9
	fmt.Println(arr, arr2)
	pts := []Point{{1, 1}, {2, 2}}
	for _, p := range pts {
		p.X = 50
	}
	fmt.Println(pts)
	for i := range pts {
		pts[i].X = 50
	}
	fmt.Println(pts)
	m := map[string]Point{"a": {1, 2}}
	p := m["a"]
	p.X = 9
	fmt.Println(m, p)
	c := a.Moved(5)
	fmt.Println(a, c)
	a.Move(3)
	fmt.Println(a)
	pp := &a
	pp.Move(1)
	fmt.Println(a, *pp)
	q := *pp
	q.X = 0
	fmt.Println(a, q)
	ptrs := []*Point{&a, &b}
	for _, p := range ptrs {
		p.Y = -1
	}
	fmt.Println(a, b)
	x := 5
	px := &x
	*px = 6
	fmt.Println(x, *px)
	nested := [2][2]int{{1, 2}, {3, 4}}
	n2 := nested
	n2[0][0] = 99
	fmt.Println(nested, n2)
	s := []int{1, 2, 3}
	s2 := s
	s2[0] = 9
	fmt.Println(s, s2, len(s[1:]), cap(s[1:2]))
	var zero Rect
	fmt.Println(zero, zero == Rect{})
	fmt.Println(a == Point{5, -1}, a != b)
}
