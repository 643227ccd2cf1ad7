// Type declarations: structs, named basic types, slices of named types, interfaces.
package main

import "fmt"

type Celsius float64

type Point struct {
	X, Y int
}

type Path []Point

type Shape interface {
	Area() float64
}

type Rect struct {
	W, H float64
}

func (r Rect) Area() float64 { return r.W * r.H }

func main() {
	var t Celsius = 21.5
	fmt.Println(t + 1)
	p := Path{{1, 2}, {3, 4}}
	p = append(p, Point{X: 5})
	fmt.Println(len(p), p[2].X, p[2].Y)
	var s Shape = Rect{W: 2, H: 3}
	fmt.Println(s.Area())
	fmt.Printf("%v %+v\n", p[0], p[1])
}
