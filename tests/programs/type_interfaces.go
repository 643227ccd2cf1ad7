// Interfaces: method sets, dynamic dispatch, pointer-receiver method sets, Stringer, nil interfaces.
package main

import (
	"fmt"
	"math"
)

type Shape interface {
	Area() float64
	Perimeter() float64
}

type Circle struct{ R float64 }

type Square struct{ S float64 }

func (c Circle) Area() float64      { return math.Pi * c.R * c.R }
func (c Circle) Perimeter() float64 { return 2 * math.Pi * c.R }

func (s *Square) Area() float64      { return s.S * s.S }
func (s *Square) Perimeter() float64 { return 4 * s.S }
func (s *Square) String() string     { return fmt.Sprintf("Square(%g)", s.S) }

type Animal interface{ Sound() string }

type Dog struct{}

func (Dog) Sound() string { return "woof" }

func main() {
	shapes := []Shape{Circle{1}, &Square{2}, Circle{0.5}}
	total := 0.0
	for _, s := range shapes {
		total += s.Area()
		fmt.Printf("%.2f %.2f\n", s.Area(), s.Perimeter())
	}
	fmt.Printf("total %.3f\n", total)
	fmt.Println(&Square{3})
	var a Animal
	fmt.Println(a == nil)
	a = Dog{}
	fmt.Println(a.Sound(), a != nil)
	var sq *Square
	var sh Shape = sq
	fmt.Println(sh == nil, sq == nil)
	var x, y interface{} = 1, 1
	fmt.Println(x == y, x == interface{}(2))
}
