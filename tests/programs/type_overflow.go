// Integer arithmetic wraps around at the width of the type.
package main

import "fmt"

func main() {
	var a int8 = 127
	a++
	fmt.Println(a)
	var b uint8 = 0
	b--
	fmt.Println(b)
	var c int32 = 2147483647
	c += 10
	fmt.Println(c)
	var d uint16 = 300
	d *= 300
	fmt.Println(d)
	var e int64 = 9223372036854775807
	e++
	fmt.Println(e)
	var f uint = 0
	f--
	fmt.Println(f)
	var g int = -9223372036854775808
	g--
	fmt.Println(g)
	var h int8 = -128
	h = -h
	fmt.Println(h, h/-1)
	x := 1
	for i := 0; i < 70; i++ {
		x *= 3
	}
	fmt.Println(x)
	var m uint32 = 1 << 31
	fmt.Println(m<<1, m*2+5)
}
