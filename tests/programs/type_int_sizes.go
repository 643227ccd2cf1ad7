// Sized integer types, their limits and explicit conversions between them.
package main

import (
	"fmt"
	"math"
)

func main() {
	var i8 int8 = 127
	var i16 int16 = -32768
	var i32 int32 = math.MaxInt32
	var i64 int64 = math.MinInt64
	var u8 uint8 = 255
	var u16 uint16 = 65535
	var u32 uint32 = math.MaxUint32
	var u64 uint64 = math.MaxUint64
	var b byte = 'A'
	var r rune = '世'
	var u uint = 42
	fmt.Println(i8, i16, i32, i64)
	fmt.Println(u8, u16, u32, u64)
	fmt.Println(b, r, u)
	big, neg := 255, int32(-1)
	fl, nfl := 7.9, -7.9
	fmt.Println(int8(big), uint8(i8)+1, int16(u16), uint32(neg))
	fmt.Println(int64(u32)*2, uint64(i64), int(nfl), int(fl))
	fmt.Println(-7/2, -7%2, 7/-2, 7%-2)
	fmt.Println(u8>>1, i8>>3, int8(-128)>>1, uint16(1)<<15)
	fmt.Printf("%T %T %T %T\n", b, r, u, i32)
}
