// Per-iteration loop variables (Go 1.22): each closure sees its own i and v.
package main

import "fmt"

func main() {
	var fs []func() int
	for i := 0; i < 3; i++ {
		fs = append(fs, func() int { return i })
	}
	for _, f := range fs {
		fmt.Print(f(), " ")
	}
	fmt.Println()

	var ps []*string
	for _, v := range []string{"a", "b", "c"} {
		ps = append(ps, &v)
	}
	for _, p := range ps {
		fmt.Print(*p, " ")
	}
	fmt.Println()

	// The per-iteration copy is taken before the post statement, so changes
	// made in the body are carried to the next iteration.
	var gs []func() int
	for i := 0; i < 6; i++ {
		gs = append(gs, func() int { return i })
		i++
	}
	for _, g := range gs {
		fmt.Print(g(), " ")
	}
	fmt.Println()
}

// Output:
// 0 1 2 
// a b c 
// 1 3 5 
