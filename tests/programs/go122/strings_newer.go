// strings functions newer than Go 1.19: CutPrefix and CutSuffix (1.20),
// and the iterators Lines, SplitSeq and FieldsSeq (1.24). The output below
// is written by hand from their documentation, since Go 1.19 lacks them.
package main

import (
	"fmt"
	"strings"
)

func main() {
	after, ok := strings.CutPrefix("v1.26.0", "v")
	fmt.Println(after, ok)
	before, ok := strings.CutSuffix("main.go", ".rs")
	fmt.Println(before, ok)
	for line := range strings.Lines("one\ntwo\nthree") {
		fmt.Printf("%q\n", line)
	}
	for part := range strings.SplitSeq("a,b,,c", ",") {
		fmt.Printf("[%s]", part)
	}
	fmt.Println()
	n := 0
	for f := range strings.FieldsSeq("  go   runs  here ") {
		n += len(f)
	}
	fmt.Println(n)
}

// Output:
// 1.26.0 true
// main.go false
// "one\n"
// "two\n"
// "three"
// [a][b][][c]
// 10
