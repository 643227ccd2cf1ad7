// iter.Pull and Pull2 (Go 1.23) turn a push iterator into next/stop
// functions. Go 1.19 has no iter package, so the output below is written
// by hand from the iter package's documentation: next gives each value
// then the zero value and false forever; stop ends the sequence early
// (its yield returns false, so the iterator's deferred cleanup runs), and
// is safe to call again; a panic in the iterator comes out of next.
package main

import (
	"fmt"
	"iter"
	"maps"
	"slices"
)

func count(n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		defer fmt.Println("count: cleaned up")
		for i := 0; i < n; i++ {
			if !yield(i) {
				return
			}
		}
	}
}

func main() {
	next, stop := iter.Pull(count(3))
	for {
		v, ok := next()
		if !ok {
			break
		}
		fmt.Println("got", v)
	}
	fmt.Println(next())
	stop()

	next, stop = iter.Pull(count(100))
	fmt.Println(next())
	fmt.Println(next())
	stop()
	stop()
	fmt.Println(next())

	// Zip two sequences, the use Pull exists for.
	a, stopA := iter.Pull(slices.Values([]string{"x", "y", "z"}))
	defer stopA()
	b, stopB := iter.Pull(count(2))
	defer stopB()
	for {
		s, ok1 := a()
		n, ok2 := b()
		if !ok1 || !ok2 {
			break
		}
		fmt.Println(s, n)
	}

	next2, stop2 := iter.Pull2(maps.All(map[string]int{"only": 1}))
	fmt.Println(next2())
	fmt.Println(next2())
	stop2()

	boom := func(yield func(int) bool) {
		yield(1)
		panic("boom")
	}
	nb, _ := iter.Pull(iter.Seq[int](boom))
	fmt.Println(nb())
	defer func() { fmt.Println("recovered:", recover()) }()
	nb()
}

// Output:
// got 0
// got 1
// got 2
// count: cleaned up
// 0 false
// 0 true
// 1 true
// count: cleaned up
// 0 false
// x 0
// y 1
// count: cleaned up
// only 1 true
//  0 false
// 1 true
// recovered: boom
