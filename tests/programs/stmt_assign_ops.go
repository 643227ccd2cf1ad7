// Assignment, op-assignment, ++/--, tuple assignment and swap.
package main

import "fmt"

func main() {
	x := 10
	x += 5
	x -= 3
	x *= 4
	x /= 6
	x %= 5
	fmt.Println(x)
	y := 0xF0
	y |= 0x0F
	y &= 0x3C
	y ^= 0xFF
	y <<= 2
	y >>= 1
	y &^= 0x10
	fmt.Println(y)
	x++
	x++
	x--
	fmt.Println(x)
	a, b := 1, 2
	a, b = b, a
	fmt.Println(a, b)
	s := []int{1, 2, 3}
	i := 0
	i, s[i] = 1, 9
	fmt.Println(i, s)
	s[0], s[2] = s[2], s[0]
	fmt.Println(s)
	str := "go"
	str += "pher"
	fmt.Println(str)
}
