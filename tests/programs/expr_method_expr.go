// Method expressions: T.M and (*T).M are functions whose first parameter
// is the receiver; they can be stored, passed and called like any other.
package main

import (
	"fmt"
	"sort"
)

type Point struct{ X, Y int }

func (p Point) Dist() int          { return p.X*p.X + p.Y*p.Y }
func (p *Point) Scale(k int)       { p.X *= k; p.Y *= k }
func (p Point) Shift(d ...int) Point {
	for _, v := range d {
		p.X += v
	}
	return p
}

type byKey struct {
	ps  []Point
	key func(Point) int
}

func main() {
	dist := Point.Dist
	scale := (*Point).Scale
	p := Point{1, 2}
	scale(&p, 3)
	fmt.Println(p, dist(p), (*Point).Dist(&p))
	fmt.Println(Point.Shift(p, 1, 2, 3), Point.Shift(p))
	fmt.Printf("%T\n%T\n", dist, Point.Shift)

	ps := []Point{{3, 4}, {1, 1}, {0, 2}}
	b := byKey{ps, Point.Dist}
	sort.Slice(b.ps, func(i, j int) bool { return b.key(b.ps[i]) < b.key(b.ps[j]) })
	fmt.Println(b.ps)
	fs := []func(*Point, int){(*Point).Scale}
	fs[0](&ps[0], 10)
	fmt.Println(ps[0])
}
