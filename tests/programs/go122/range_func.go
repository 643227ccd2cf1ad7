// Range over functions (Go 1.23): the loop body becomes the yield
// function; break, continue, return and labeled break/continue out of
// nested loops work as in Go, and each iteration has its own variables.
// Go 1.19 has no range over functions, so the output below is written by
// hand from the Go 1.23 spec ("For statements with range clause": a
// function iterator ends its loop when yield returns false).
package main

import "fmt"

func Count(n int) func(func(int) bool) {
	return func(yield func(int) bool) {
		for i := 0; i < n; i++ {
			if !yield(i) {
				fmt.Println("stopped at", i)
				return
			}
		}
	}
}

func Pairs[K comparable, V any](m map[K]V, keys []K) func(func(K, V) bool) {
	return func(yield func(K, V) bool) {
		for _, k := range keys {
			if !yield(k, m[k]) {
				return
			}
		}
	}
}

func find(n, want int) (int, bool) {
	for i := range Count(n) {
		if i == want {
			return i * 10, true
		}
	}
	return 0, false
}

func main() {
	for i := range Count(3) {
		fmt.Println("i", i)
	}
	for i := range Count(10) {
		if i%2 == 0 {
			continue
		}
		if i > 5 {
			break
		}
		fmt.Println("odd", i)
	}
	fmt.Println(find(5, 3))
	fmt.Println(find(2, 3))
	m := map[string]int{"a": 1, "b": 2}
	for k, v := range Pairs(m, []string{"b", "a"}) {
		fmt.Println(k, v)
	}
	var funcs []func() int
	for i := range Count(3) {
		funcs = append(funcs, func() int { return i })
	}
	fmt.Println(funcs[0](), funcs[1](), funcs[2]())
outer:
	for i := range Count(3) {
		for j := range Count(3) {
			if j == 1 {
				continue outer
			}
			if i == 2 {
				break outer
			}
			fmt.Println(i, j)
		}
	}
	n := 0
	for range Count(4) {
		n++
	}
	var k int
	for k = range Count(2) {
	}
	fmt.Println(n, k)
}

// Output:
// i 0
// i 1
// i 2
// odd 1
// odd 3
// odd 5
// stopped at 7
// stopped at 3
// 30 true
// 0 false
// b 2
// a 1
// 0 1 2
// 0 0
// stopped at 1
// 1 0
// stopped at 1
// stopped at 0
// stopped at 2
// 4 1
