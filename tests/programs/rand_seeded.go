// A generator made with rand.New(rand.NewSource(seed)) gives the same
// numbers on every run and in every Go release (Go 1's generator; the
// derived methods keep their formulas for that reason). The top-level
// functions do not: see go122/rand_seed_nop.go.
package main

import (
	"fmt"
	"math/rand"
)

func main() {
	r := rand.New(rand.NewSource(42))
	for i := 0; i < 5; i++ {
		fmt.Print(r.Intn(100), " ")
	}
	fmt.Println()
	fmt.Println(r.Int63n(1000000), r.Int31n(1000), r.Int63(), r.Int31(), r.Uint32(), r.Uint64(), r.Int())
	fmt.Printf("%.6f %.4f\n", r.Float64(), r.Float32())
	fmt.Println(r.Perm(8))
	s := []string{"a", "b", "c", "d", "e", "f"}
	r.Shuffle(len(s), func(i, j int) { s[i], s[j] = s[j], s[i] })
	fmt.Println(s)
	buf := make([]byte, 5)
	n, err := r.Read(buf)
	fmt.Println(n, err, buf)
	fmt.Println(r.Intn(1<<40), r.Int63n(1<<40))

	// Seeding again restarts the sequence; seeds equal modulo 2³¹-1 agree.
	r.Seed(42)
	fmt.Println(r.Intn(100))
	r2 := rand.New(rand.NewSource(42 + (1<<31 - 1)))
	fmt.Println(r2.Intn(100))
	r0 := rand.New(rand.NewSource(0))
	fmt.Println(r0.Int63())

	// A Source of the program's own.
	c := rand.New(&counter{})
	fmt.Println(c.Intn(10), c.Intn(10), c.Uint64())

	defer func() { fmt.Println("recovered:", recover()) }()
	r.Intn(0)
}

// counter is a (very bad) Source: 0, 2^40, 2·2^40, ...
type counter struct{ n int64 }

func (c *counter) Int63() int64    { c.n += 1 << 40; return c.n }
func (c *counter) Seed(seed int64) { c.n = seed }
