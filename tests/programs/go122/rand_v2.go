// math/rand/v2 (Go 1.22). Go 1.19 has no v2, so the output below is
// written by hand: the PCG and ChaCha8 numbers are Go's own test vectors
// (math/rand/v2's pcg_test.go and chacha8_test.go, NewPCG(1, 2) and the
// seed "ABCDEFGHIJKLMNOPQRSTUVWXYZ123456"; ChaCha8 draws 124 and 248 are
// the first after each re-key), the rest are properties that hold for
// any draw.
package main

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"time"
)

func main() {
	p := rand.NewPCG(1, 2)
	fmt.Printf("%#x %#x %#x\n", p.Uint64(), p.Uint64(), p.Uint64())
	for i := 3; i < 19; i++ {
		p.Uint64()
	}
	fmt.Printf("%#x\n", p.Uint64())

	var seed [32]byte
	copy(seed[:], "ABCDEFGHIJKLMNOPQRSTUVWXYZ123456")
	c := rand.NewChaCha8(seed)
	var got []uint64
	for i := 0; i < 300; i++ {
		got = append(got, c.Uint64())
	}
	for _, i := range []int{0, 31, 32, 123, 124, 248} {
		fmt.Printf("%d:%#x ", i, got[i])
	}
	fmt.Println()
	c.Seed(seed)
	fmt.Println(c.Uint64() == got[0])

	// The top-level functions and a Rand over a seeded source.
	r := rand.New(rand.NewPCG(7, 8))
	ok := true
	for i := 0; i < 1000; i++ {
		if n := rand.IntN(10); n < 0 || n >= 10 {
			ok = false
		}
		if n := r.Int64N(1 << 40); n < 0 || n >= 1<<40 {
			ok = false
		}
		if f := rand.Float64(); f < 0 || f >= 1 {
			ok = false
		}
		if d := rand.N(time.Second); d < 0 || d >= time.Second {
			ok = false
		}
		if u := rand.N(uint8(200)); u >= 200 {
			ok = false
		}
	}
	fmt.Println(ok)
	perm := r.Perm(20)
	slices.Sort(perm)
	fmt.Println(slices.Equal(perm, []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19}))

	defer func() { fmt.Println("recovered:", recover()) }()
	rand.IntN(0)
}

// Output:
// 0xc4f5a58656eef510 0x9dcec3ad077dec6c 0xc8d04605312f8088
// 0x54908a48e8e4736e
// 0:0xb773b6063d4616a5 31:0xf8f9ff0a65a3d43 32:0xccf065f7190ff080 123:0x861d6c139c06c871 124:0x5f41df72e05e0487 248:0xb433eec25dca1966 
// true
// true
// true
// recovered: invalid argument to IntN
