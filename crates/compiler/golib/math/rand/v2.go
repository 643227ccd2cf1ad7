// Package rand (math/rand/v2, Go 1.22), written in Go for this page.
//
// The top-level functions draw from the runtime's randomness, which in
// this page comes from the run's seed (one seed replays one run; under
// `go run` every run differs). PCG and ChaCha8 are Go's generators, bit
// for bit, and the methods of Rand derive numbers as Go's do, so
// rand.New(rand.NewPCG(1, 2)) prints Go's numbers.
//
// NormFloat64 and ExpFloat64 have the right distributions but are not
// Go's ziggurat: from a seeded source they give other numbers than Go's.
package rand

import (
	"math"
	"math/bits"
)

// runtime_rand is the runtime's randomness (Go's runtime.rand).
func runtime_rand() uint64

// A Source is a source of uniformly-distributed pseudo-random uint64
// values in the range [0, 1<<64).
type Source interface {
	Uint64() uint64
}

// A Rand is a source of random numbers.
type Rand struct {
	src Source
}

// New returns a new Rand that uses random values from src.
func New(src Source) *Rand {
	return &Rand{src: src}
}

// Int64 returns a non-negative pseudo-random 63-bit integer as an int64.
func (r *Rand) Int64() int64 { return int64(r.src.Uint64() &^ (1 << 63)) }

// Uint32 returns a pseudo-random 32-bit value as a uint32.
func (r *Rand) Uint32() uint32 { return uint32(r.src.Uint64() >> 32) }

// Uint64 returns a pseudo-random 64-bit value as a uint64.
func (r *Rand) Uint64() uint64 { return r.src.Uint64() }

// Int32 returns a non-negative pseudo-random 31-bit integer as an int32.
func (r *Rand) Int32() int32 { return int32(r.src.Uint64() >> 33) }

// Int returns a non-negative pseudo-random int.
func (r *Rand) Int() int { return int(uint(r.src.Uint64()) << 1 >> 1) }

// Uint returns a pseudo-random uint.
func (r *Rand) Uint() uint { return uint(r.src.Uint64()) }

// Int64N returns a non-negative pseudo-random int64 in [0,n). It panics
// if n <= 0.
func (r *Rand) Int64N(n int64) int64 {
	if n <= 0 {
		panic("invalid argument to Int64N")
	}
	return int64(r.uint64n(uint64(n)))
}

// Uint64N returns a pseudo-random uint64 in [0,n). It panics if n == 0.
func (r *Rand) Uint64N(n uint64) uint64 {
	if n == 0 {
		panic("invalid argument to Uint64N")
	}
	return r.uint64n(n)
}

// uint64n reduces a 64-bit draw to [0,n) by Lemire's method: the high
// word of draw·n, with the few draws that would favour some values
// rejected, so that every value is exactly as likely.
func (r *Rand) uint64n(n uint64) uint64 {
	if n&(n-1) == 0 { // a power of two: mask
		return r.Uint64() & (n - 1)
	}
	hi, lo := bits.Mul64(r.Uint64(), n)
	if lo < n {
		thresh := -n % n
		for lo < thresh {
			hi, lo = bits.Mul64(r.Uint64(), n)
		}
	}
	return hi
}

// Int32N returns a non-negative pseudo-random int32 in [0,n). It panics
// if n <= 0.
func (r *Rand) Int32N(n int32) int32 {
	if n <= 0 {
		panic("invalid argument to Int32N")
	}
	return int32(r.uint64n(uint64(n)))
}

// Uint32N returns a pseudo-random uint32 in [0,n). It panics if n == 0.
func (r *Rand) Uint32N(n uint32) uint32 {
	if n == 0 {
		panic("invalid argument to Uint32N")
	}
	return uint32(r.uint64n(uint64(n)))
}

// IntN returns a non-negative pseudo-random int in [0,n). It panics if
// n <= 0.
func (r *Rand) IntN(n int) int {
	if n <= 0 {
		panic("invalid argument to IntN")
	}
	return int(r.uint64n(uint64(n)))
}

// UintN returns a pseudo-random uint in [0,n). It panics if n == 0.
func (r *Rand) UintN(n uint) uint {
	if n == 0 {
		panic("invalid argument to UintN")
	}
	return uint(r.uint64n(uint64(n)))
}

// Float64 returns a pseudo-random number in [0.0,1.0): one of the 2⁵³
// evenly spaced float64s there.
func (r *Rand) Float64() float64 {
	return float64(r.Uint64()<<11>>11) / (1 << 53)
}

// Float32 returns a pseudo-random number in [0.0,1.0).
func (r *Rand) Float32() float32 {
	return float32(r.Uint32()<<8>>8) / (1 << 24)
}

// Perm returns a pseudo-random permutation of the integers in [0,n).
func (r *Rand) Perm(n int) []int {
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	r.Shuffle(len(p), func(i, j int) { p[i], p[j] = p[j], p[i] })
	return p
}

// Shuffle pseudo-randomizes the order of n elements (Fisher–Yates); swap
// swaps the elements with indexes i and j. It panics if n < 0.
func (r *Rand) Shuffle(n int, swap func(i, j int)) {
	if n < 0 {
		panic("invalid argument to Shuffle")
	}
	for i := n - 1; i > 0; i-- {
		j := int(r.uint64n(uint64(i + 1)))
		swap(i, j)
	}
}

// NormFloat64 returns a normally distributed float64 (mean 0, standard
// deviation 1), by the Marsaglia polar method.
func (r *Rand) NormFloat64() float64 {
	for {
		u := 2*r.Float64() - 1
		v := 2*r.Float64() - 1
		s := u*u + v*v
		if s > 0 && s < 1 {
			return u * math.Sqrt(-2*math.Log(s)/s)
		}
	}
}

// ExpFloat64 returns an exponentially distributed float64 with rate 1.
func (r *Rand) ExpFloat64() float64 {
	for {
		f := r.Float64()
		if f != 0 {
			return -math.Log(f)
		}
	}
}

// A PCG is a PCG generator with 128 bits of state (the DXSM variant, as
// Go's). A zero PCG is equivalent to NewPCG(0, 0).
type PCG struct {
	hi uint64
	lo uint64
}

// NewPCG returns a new PCG seeded with the given values.
func NewPCG(seed1, seed2 uint64) *PCG {
	return &PCG{seed1, seed2}
}

// Seed resets the PCG to behave the same way as NewPCG(seed1, seed2).
func (p *PCG) Seed(seed1, seed2 uint64) {
	p.hi = seed1
	p.lo = seed2
}

// Uint64 returns a uniformly-distributed random uint64 value.
func (p *PCG) Uint64() uint64 {
	// Step the 128-bit LCG: state = state·mul + inc.
	const (
		mulHi = 2549297995355413924
		mulLo = 4865540595714422341
		incHi = 6364136223846793005
		incLo = 1442695040888963407
	)
	hi, lo := bits.Mul64(p.lo, mulLo)
	hi += p.hi*mulLo + p.lo*mulHi
	lo, c := bits.Add64(lo, incLo, 0)
	hi, _ = bits.Add64(hi, incHi, c)
	p.lo = lo
	p.hi = hi

	// Output by "double xorshift multiply" of the new state.
	const cheapMul = 0xda942042e4dd58b5
	hi ^= hi >> 32
	hi *= cheapMul
	hi ^= hi >> 48
	hi *= (lo | 1)
	return hi
}

// A ChaCha8 is a ChaCha8-based cryptographically strong random number
// generator (Go's chacha8rand: each 32-byte key gives 16 ChaCha8 blocks,
// four at a time, interleaved; the last 32 bytes key the next round).
type ChaCha8 struct {
	buf  [32]uint64
	seed [4]uint64
	i    uint32 // next unread word of buf
	n    uint32 // words of buf to read
	c    uint32 // block counter of buf

	readBuf [8]byte
	readLen int
}

// NewChaCha8 returns a new ChaCha8 seeded with the given seed.
func NewChaCha8(seed [32]byte) *ChaCha8 {
	c := new(ChaCha8)
	c.Seed(seed)
	return c
}

// Seed resets the ChaCha8 to behave the same way as NewChaCha8(seed).
func (c *ChaCha8) Seed(seed [32]byte) {
	for i := range c.seed {
		var w uint64
		for b := 7; b >= 0; b-- {
			w = w<<8 | uint64(seed[i*8+b])
		}
		c.seed[i] = w
	}
	chachaBlock(&c.seed, &c.buf, 0)
	c.c = 0
	c.i = 0
	c.n = 32
	c.readLen = 0
}

// Uint64 returns a uniformly distributed random uint64 value.
func (c *ChaCha8) Uint64() uint64 {
	if c.i >= c.n {
		c.refill()
	}
	x := c.buf[c.i]
	c.i++
	return x
}

// refill computes the next four blocks; after the last four of a key, the
// last four words of the output become the next key.
func (c *ChaCha8) refill() {
	c.c += 4
	if c.c == 16 {
		copy(c.seed[:], c.buf[28:])
		c.c = 0
	}
	chachaBlock(&c.seed, &c.buf, c.c)
	c.i = 0
	c.n = 32
	if c.c == 12 {
		c.n = 28 // the last four words are the next key
	}
}

// Read reads exactly len(p) bytes into p. It always returns len(p) and a
// nil error.
func (c *ChaCha8) Read(p []byte) (n int, err error) {
	for n < len(p) {
		if c.readLen == 0 {
			x := c.Uint64()
			for b := 0; b < 8; b++ {
				c.readBuf[b] = byte(x >> (8 * b))
			}
			c.readLen = 8
		}
		p[n] = c.readBuf[8-c.readLen]
		c.readLen--
		n++
	}
	return n, nil
}

// chachaBlock computes four ChaCha8 blocks (counters counter..counter+3)
// keyed by seed into buf, interleaved as a 4-way SIMD version lays them
// out: 32-bit word w of block k is word 4·w+k of buf, read as
// little-endian uint32 pairs. The constant and counter words are left
// as the rounds left them (Go's chacha8rand subtracts nothing back).
func chachaBlock(seed *[4]uint64, buf *[32]uint64, counter uint32) {
	var key [8]uint32
	for i, s := range seed {
		key[2*i] = uint32(s)
		key[2*i+1] = uint32(s >> 32)
	}
	var out [64]uint32
	for k := uint32(0); k < 4; k++ {
		x := [16]uint32{
			0x61707865, 0x3320646e, 0x79622d32, 0x6b206574,
			key[0], key[1], key[2], key[3],
			key[4], key[5], key[6], key[7],
			counter + k, 0, 0, 0,
		}
		in := x
		for round := 0; round < 4; round++ {
			quarter(&x, 0, 4, 8, 12)
			quarter(&x, 1, 5, 9, 13)
			quarter(&x, 2, 6, 10, 14)
			quarter(&x, 3, 7, 11, 15)
			quarter(&x, 0, 5, 10, 15)
			quarter(&x, 1, 6, 11, 12)
			quarter(&x, 2, 7, 8, 13)
			quarter(&x, 3, 4, 9, 14)
		}
		for w := 0; w < 16; w++ {
			v := x[w]
			if w >= 4 && w < 12 {
				v += in[w] // only the key words are added back
			}
			out[4*w+int(k)] = v
		}
	}
	for i := range buf {
		buf[i] = uint64(out[2*i]) | uint64(out[2*i+1])<<32
	}
}

// quarter is the ChaCha quarter round on words a, b, c, d of x.
func quarter(x *[16]uint32, a, b, c, d int) {
	x[a] += x[b]
	x[d] ^= x[a]
	x[d] = x[d]<<16 | x[d]>>16
	x[c] += x[d]
	x[b] ^= x[c]
	x[b] = x[b]<<12 | x[b]>>20
	x[a] += x[b]
	x[d] ^= x[a]
	x[d] = x[d]<<8 | x[d]>>24
	x[c] += x[d]
	x[b] ^= x[c]
	x[b] = x[b]<<7 | x[b]>>25
}

// runtimeSource is the top-level functions' Source.
type runtimeSource struct{}

func (runtimeSource) Uint64() uint64 { return runtime_rand() }

var globalRand = &Rand{src: runtimeSource{}}

// Int64 returns a non-negative pseudo-random 63-bit integer as an int64.
func Int64() int64 { return globalRand.Int64() }

// Uint32 returns a pseudo-random 32-bit value as a uint32.
func Uint32() uint32 { return globalRand.Uint32() }

// Uint64N returns a pseudo-random uint64 in [0,n). It panics if n == 0.
func Uint64N(n uint64) uint64 { return globalRand.Uint64N(n) }

// Uint32N returns a pseudo-random uint32 in [0,n). It panics if n == 0.
func Uint32N(n uint32) uint32 { return globalRand.Uint32N(n) }

// Uint64 returns a pseudo-random 64-bit value as a uint64.
func Uint64() uint64 { return globalRand.Uint64() }

// Int32 returns a non-negative pseudo-random 31-bit integer as an int32.
func Int32() int32 { return globalRand.Int32() }

// Int returns a non-negative pseudo-random int.
func Int() int { return globalRand.Int() }

// Uint returns a pseudo-random uint.
func Uint() uint { return globalRand.Uint() }

// Int64N returns a pseudo-random int64 in [0,n). It panics if n <= 0.
func Int64N(n int64) int64 { return globalRand.Int64N(n) }

// Int32N returns a pseudo-random int32 in [0,n). It panics if n <= 0.
func Int32N(n int32) int32 { return globalRand.Int32N(n) }

// IntN returns a pseudo-random int in [0,n). It panics if n <= 0.
func IntN(n int) int { return globalRand.IntN(n) }

// UintN returns a pseudo-random uint in [0,n). It panics if n == 0.
func UintN(n uint) uint { return globalRand.UintN(n) }

// N returns a pseudo-random number in [0,n) of any integer type, a
// time.Duration included. It panics if n <= 0.
func N[Int intType](n Int) Int {
	if n <= 0 {
		panic("invalid argument to N")
	}
	return Int(globalRand.uint64n(uint64(n)))
}

type intType interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 |
		~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr
}

// Float64 returns a pseudo-random number in [0.0,1.0).
func Float64() float64 { return globalRand.Float64() }

// Float32 returns a pseudo-random number in [0.0,1.0).
func Float32() float32 { return globalRand.Float32() }

// Perm returns a pseudo-random permutation of the integers in [0,n).
func Perm(n int) []int { return globalRand.Perm(n) }

// Shuffle pseudo-randomizes the order of n elements with swap.
func Shuffle(n int, swap func(i, j int)) { globalRand.Shuffle(n, swap) }

// NormFloat64 returns a normally distributed float64 (mean 0, standard
// deviation 1).
func NormFloat64() float64 { return globalRand.NormFloat64() }

// ExpFloat64 returns an exponentially distributed float64 (rate 1).
func ExpFloat64() float64 { return globalRand.ExpFloat64() }
