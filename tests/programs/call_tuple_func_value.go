// f(g()) where g returns several results and is a func value (a variable,
// a closure, a method value, a field): g's results become f's arguments,
// for a variadic f (fmt.Println) and a fixed one, and under go and defer.
package main

import (
	"fmt"
	"strconv"
	"sync"
)

type pair struct{ a, b int }

func (p pair) both() (int, int) { return p.a, p.b }

type holder struct{ fn func() (string, error) }

func add(x, y int) int { return x + y }

func two() (int, bool) { return 1, true }

func main() {
	f := two
	fmt.Println(f())
	g := func() (int, bool) { return 2, false }
	fmt.Println(g())
	fmt.Println(g())
	m := pair{3, 4}.both
	fmt.Println(add(m()))
	fmt.Println(m())
	h := holder{fn: func() (string, error) { return "x", nil }}
	fmt.Println(h.fn())
	atoi := strconv.Atoi
	fmt.Println(atoi("42"))
	fmt.Println(atoi("nope"))
	fs := []func() (int, int){func() (int, int) { return 5, 6 }}
	fmt.Println(add(fs[0]()))

	var wg sync.WaitGroup
	wg.Add(1)
	go func(a, b int) {
		defer wg.Done()
		fmt.Println("go:", a, b)
	}(m())
	wg.Wait()
	defer fmt.Println("deferred:", 0)
	defer fmt.Println(g())
}
