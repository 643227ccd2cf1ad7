// Calling a method a type does not have, and using a type that misses an interface method.
package main

import "fmt"

type Shape interface{ Area() float64 }

type Sq struct{ s float64 }

func (q *Sq) Area() float64 { return q.s * q.s }

func main() {
	q := Sq{2}
	q.Perimeter()
	var s Shape = q
	fmt.Println(s)
}
