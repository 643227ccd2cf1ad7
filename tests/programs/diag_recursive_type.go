// A type that contains itself by value has no size: Go rejects it, naming
// each type of the cycle.
package main

type List struct {
	Value int
	Next  List
}

type Pair [2]Pair

type Ping struct{ p Pong }
type Pong struct{ p Ping }

func main() {
	type Local struct{ l Local }
}
