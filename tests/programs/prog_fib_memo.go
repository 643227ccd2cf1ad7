// Fibonacci numbers with a memo map, and uint64 values near the top of the range.
package main

import "fmt"

var memo = map[int]uint64{}

func fib(n int) uint64 {
	if n < 2 {
		return uint64(n)
	}
	if v, ok := memo[n]; ok {
		return v
	}
	v := fib(n-1) + fib(n-2)
	memo[n] = v
	return v
}

func slowFib(n int) int {
	if n < 2 {
		return n
	}
	return slowFib(n-1) + slowFib(n-2)
}

func main() {
	for _, n := range []int{0, 1, 10, 50, 93} {
		fmt.Println(n, fib(n))
	}
	fmt.Println(fib(94), "(wrapped)")
	fmt.Println(slowFib(20), len(memo))
}
