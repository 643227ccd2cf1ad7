// Strings index by byte and range by rune; conversions between them round-trip.
package main

import "fmt"

func reverseRunes(s string) string {
	r := []rune(s)
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	return string(r)
}

func main() {
	s := "añb"
	for i := 0; i < len(s); i++ {
		fmt.Print(s[i], " ")
	}
	fmt.Println()
	for i, r := range s {
		fmt.Print(i, ":", string(r), " ")
	}
	fmt.Println()
	fmt.Println(reverseRunes("Hello, 世界"))
	b := s[1]
	fmt.Printf("%T %v %x\n", b, b, s)
	fmt.Println(string(s[1:3]) == "ñ")
}
