// strings.Builder accumulates text efficiently; fmt.Fprintf is not used, only its own methods.
package main

import (
	"fmt"
	"strings"
)

func main() {
	var b strings.Builder
	for i := 0; i < 5; i++ {
		b.WriteString("item")
		b.WriteByte(byte('0' + i))
		b.WriteRune('→')
	}
	fmt.Println(b.String())
	fmt.Println(b.Len())
	var sb strings.Builder
	sb.WriteString("a")
	sb.WriteString("b")
	fmt.Println(sb.String(), sb.Len())
	sb.Reset()
	fmt.Printf("%q\n", sb.String())
}
