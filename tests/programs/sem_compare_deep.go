// == and map keys on values nested 20 000 levels deep through interfaces, as Go does.
package main

import "fmt"

type Node struct {
	Next interface{}
	N    int
}

func nest(n int, leaf interface{}) interface{} {
	x := leaf
	for i := 0; i < n; i++ {
		x = [1]interface{}{x}
	}
	return x
}

func main() {
	const n = 20000
	x, y := nest(n, 1), nest(n, 1)
	fmt.Println(x == y, x != y, x == nest(n, 2), x == nest(n-1, 1), x == nest(n, 1.0))

	// Structs, and a difference only at the bottom.
	var a, b interface{} = "leaf", "leaf"
	for i := 0; i < n; i++ {
		a = Node{a, i}
		b = Node{b, i}
	}
	fmt.Println(a == b)
	c := b
	for i := 0; i < n; i++ {
		c = c.(Node).Next
	}
	fmt.Println(c)
	var d interface{} = "LEAF"
	for i := 0; i < n; i++ {
		d = Node{d, i}
	}
	fmt.Println(a == d)

	// Map keys: stored, found, replaced and deleted.
	m := map[interface{}]int{x: 1}
	m[y] = 2
	m[nest(n, 2)] = 3
	m[a] = 4
	fmt.Println(len(m), m[x], m[nest(n, 2)], m[b], m[d])
	delete(m, nest(n, 1))
	_, ok := m[x]
	fmt.Println(len(m), ok)

	// An uncomparable value at the bottom panics on the way down.
	defer func() {
		fmt.Println("recovered:", recover())
		k := map[[1]interface{}]bool{}
		defer func() { fmt.Println("recovered:", recover()) }()
		k[nest(n, []int{1}).([1]interface{})] = true
	}()
	fmt.Println(nest(n, []int{1}) == nest(n, []int{1}))
}
