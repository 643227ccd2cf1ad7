// A non-constant shift of an untyped constant takes its type from the context:
// the constant becomes the type the whole shift would have.
package main

import "fmt"

func bit(shift uint) uint { return 1 << shift }
func mask(n int) uint8  { return 1<<n - 1 }

func main() {
	var s uint = 3
	var u8 uint8 = 1 << s
	var i8 int8 = 1 << (s + 4)
	x := 1 << s
	var u64 uint64 = 1<<63>>s + 1<<s
	fmt.Println(bit(3), bit(63), mask(3), mask(8))
	fmt.Println(u8, i8, x, u64)
	fmt.Printf("%T %T %T\n", 1<<s, 'a'<<s, x)
	var y int32 = (1<<s + 2) * 3
	fmt.Println(y, 1<<s == 8, uint16(1<<(s+13)))
	var big uint8 = 1 << (s + 5)
	fmt.Println(big)
	m := map[uint8]int{1 << s: 1}
	fmt.Println(m)
	var arr [4]int
	fmt.Println(arr[1<<1>>s], len(arr)<<s)
}
