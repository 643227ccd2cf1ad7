// The top-level functions of math/rand are seeded randomly at start-up
// (Go 1.20), and since Go 1.24 the top-level rand.Seed does nothing
// (GODEBUG randseednop=1): seeding twice with 1 does not repeat a number.
// Go 1.19 would print "true" for the first line, so the output below is
// written by hand from the Go 1.24 release notes and math/rand's docs. A
// repeatable sequence needs a generator of one's own (last line).
package main

import (
	"fmt"
	"math/rand"
)

func main() {
	rand.Seed(1)
	a := rand.Int63()
	rand.Seed(1)
	b := rand.Int63()
	fmt.Println(a == b)

	r := rand.New(rand.NewSource(1))
	x := r.Int63()
	r.Seed(1)
	fmt.Println(x == r.Int63())
}

// Output:
// false
// true
