// math/bits: counting, rotating and reversing bits, and full-width
// arithmetic, at the edges (0, 1, all ones).
package main

import (
	"fmt"
	"math/bits"
)

func main() {
	for _, x := range []uint64{0, 1, 6, 1 << 63, ^uint64(0), 0x0123456789abcdef} {
		fmt.Println(bits.LeadingZeros64(x), bits.TrailingZeros64(x), bits.OnesCount64(x), bits.Len64(x),
			bits.RotateLeft64(x, 4), bits.RotateLeft64(x, -4), bits.Reverse64(x), bits.ReverseBytes64(x))
	}
	fmt.Println(bits.LeadingZeros8(1), bits.LeadingZeros16(1), bits.LeadingZeros32(1), bits.LeadingZeros(1))
	fmt.Println(bits.TrailingZeros8(0), bits.TrailingZeros16(0), bits.TrailingZeros32(0), bits.TrailingZeros(8))
	fmt.Println(bits.OnesCount8(255), bits.OnesCount16(0xf0f0), bits.OnesCount32(7), bits.OnesCount(3))
	fmt.Println(bits.RotateLeft8(0x81, 1), bits.RotateLeft16(1, -1), bits.RotateLeft32(1, 33), bits.RotateLeft(1, 64))
	fmt.Println(bits.Reverse8(1), bits.Reverse16(1), bits.Reverse32(1), bits.ReverseBytes16(0x1234), bits.ReverseBytes32(0x12345678))
	fmt.Println(bits.Len8(0), bits.Len16(256), bits.Len32(1<<31), bits.UintSize)

	s, c := bits.Add64(^uint64(0), 1, 0)
	fmt.Println(s, c)
	s, c = bits.Add64(^uint64(0), ^uint64(0), 1)
	fmt.Println(s, c)
	s32, c32 := bits.Add32(1<<31, 1<<31, 1)
	fmt.Println(s32, c32)
	d, b := bits.Sub64(0, 1, 0)
	fmt.Println(d, b)
	d, b = bits.Sub64(5, 3, 1)
	fmt.Println(d, b)
	d32, b32 := bits.Sub32(0, 0, 1)
	fmt.Println(d32, b32)
	hi, lo := bits.Mul64(^uint64(0), ^uint64(0))
	fmt.Println(hi, lo)
	hi, lo = bits.Mul64(0x0123456789abcdef, 0xfedcba9876543210)
	fmt.Println(hi, lo)
	h32, l32 := bits.Mul32(1<<31, 6)
	fmt.Println(h32, l32)
	q, r := bits.Div64(hi, lo, 0xfedcba9876543210)
	fmt.Println(q, r)
	q, r = bits.Div64(1, 0, 3)
	fmt.Println(q, r)
	q32, r32 := bits.Div32(1, 5, 7)
	fmt.Println(q32, r32)
	fmt.Println(bits.Rem64(10, 3, 7), bits.Rem32(9, 1, 4))

	defer func() { fmt.Println("recovered:", recover()) }()
	bits.Div64(2, 0, 2)
}
