// Generic functions: type parameters, constraints with methods and with
// type sets, inference from arguments (also through a constraint's core
// type), explicit and partial instantiation, and generic function values.
package main

import (
	"fmt"
	"strconv"
)

type Number interface {
	~int | ~int32 | ~int64 | ~float64
}

type Celsius float64

func Sum[T Number](xs []T) T {
	var total T
	for _, x := range xs {
		total += x
	}
	return total
}

func Map[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

func Filter[S ~[]E, E any](s S, keep func(E) bool) S {
	var out S
	for _, x := range s {
		if keep(x) {
			out = append(out, x)
		}
	}
	return out
}

func Reduce[T, A any](xs []T, init A, f func(A, T) A) A {
	acc := init
	for _, x := range xs {
		acc = f(acc, x)
	}
	return acc
}

func Index[T comparable](xs []T, x T) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return -1
}

type Stringer interface {
	String() string
}

type Point struct{ X, Y int }

func (p Point) String() string { return "(" + strconv.Itoa(p.X) + "," + strconv.Itoa(p.Y) + ")" }

func Join[T Stringer](xs []T, sep string) string {
	s := ""
	for i, x := range xs {
		if i > 0 {
			s += sep
		}
		s += x.String()
	}
	return s
}

func Convert[To, From Number](x From) To {
	return To(x)
}

func Zero[T any]() T {
	var z T
	return z
}

type Evens []int

func main() {
	fmt.Println(Sum([]int{1, 2, 3}), Sum([]float64{0.5, 0.25}))
	fmt.Println(Sum([]Celsius{20.5, 1.5}))
	fmt.Printf("%T\n", Sum([]Celsius{1}))

	words := Map([]int{1, 22, 333}, strconv.Itoa)
	fmt.Println(words, len(words[2]))
	lens := Map(words, func(s string) int { return len(s) })
	fmt.Println(lens)

	e := Filter(Evens{1, 2, 3, 4, 5, 6}, func(x int) bool { return x%2 == 0 })
	fmt.Printf("%v %T\n", e, e)

	fmt.Println(Reduce([]int{1, 2, 3, 4}, "", func(a string, x int) string { return a + strconv.Itoa(x) }))
	fmt.Println(Index([]string{"a", "b", "c"}, "c"), Index([]Point{{1, 2}}, Point{3, 4}))
	fmt.Println(Join([]Point{{1, 2}, {3, 4}}, " -> "))

	fmt.Println(Convert[int](3.75), Convert[float64, int32](7))
	fmt.Printf("%q %v %v\n", Zero[string](), Zero[*Point](), Zero[Point]())

	sumInts := Sum[int]
	fmt.Printf("%T %d\n", sumInts, sumInts([]int{40, 2}))
}
