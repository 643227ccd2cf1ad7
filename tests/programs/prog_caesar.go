// A Caesar cipher over runes: letters shift, everything else is kept.
package main

import (
	"fmt"
	"strings"
)

func shift(r rune, k int) rune {
	switch {
	case r >= 'a' && r <= 'z':
		return 'a' + (r-'a'+rune(k)+26)%26
	case r >= 'A' && r <= 'Z':
		return 'A' + (r-'A'+rune(k)+26)%26
	}
	return r
}

func caesar(s string, k int) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteRune(shift(r, k))
	}
	return b.String()
}

func main() {
	msg := "Hello, Gophers! ¿Qué tal?"
	enc := caesar(msg, 3)
	fmt.Println(enc)
	fmt.Println(caesar(enc, -3))
	fmt.Println(caesar(msg, 26) == msg)
}
