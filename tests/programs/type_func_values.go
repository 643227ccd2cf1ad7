// Function values, higher-order functions, multiple results, variadic functions.
package main

import (
	"fmt"
	"strings"
)

func apply(xs []int, f func(int) int) []int {
	out := make([]int, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

func minMax(xs ...int) (lo, hi int) {
	lo, hi = xs[0], xs[0]
	for _, x := range xs[1:] {
		if x < lo {
			lo = x
		}
		if x > hi {
			hi = x
		}
	}
	return
}

func sum(nums ...int) int {
	t := 0
	for _, n := range nums {
		t += n
	}
	return t
}

type op func(a, b int) int

func main() {
	double := func(x int) int { return 2 * x }
	fmt.Println(apply([]int{1, 2, 3}, double))
	lo, hi := minMax(4, -2, 9, 0)
	fmt.Println(lo, hi)
	fmt.Println(sum(), sum(1, 2), sum([]int{4, 5, 6}...))
	ops := map[string]op{
		"add": func(a, b int) int { return a + b },
		"mul": func(a, b int) int { return a * b },
	}
	fmt.Println(ops["add"](3, 4), ops["mul"](3, 4))
	var f func()
	fmt.Println(f == nil)
	up := strings.ToUpper
	fmt.Println(up("value"))
	fmt.Println(minMax(7))
}
