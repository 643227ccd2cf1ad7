// Type inference from untyped constants of different kinds (Go 1.21): the
// type parameter takes the default type of the "largest" kind, so
// Max(2.5, 1) is Max[float64]. Go 1.19 rejected this call ("default type
// int of 1 does not match inferred type float64 for T"), which is why
// this output is written by hand, from the Go 1.21 release notes and spec
// ("Type inference": untyped arguments of one type parameter).
package main

import "fmt"

type Ordered interface {
	~int | ~int32 | ~float64 | ~string
}

func Max[T Ordered](a, b T) T {
	if a > b {
		return a
	}
	return b
}

func main() {
	m := Max(2.5, 1)
	fmt.Printf("%v %T\n", m, m)
	r := Max('a', 1)
	fmt.Printf("%v %T\n", r, r)
	fmt.Println(Max(3, 4), Max("go", "rust"))
}

// Output:
// 2.5 float64
// 97 int32
// 4 rust
