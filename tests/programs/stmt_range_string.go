// range over a string yields byte offsets and runes; invalid UTF-8 yields U+FFFD.
package main

import "fmt"

func main() {
	s := "héllo, 世界"
	for i, r := range s {
		fmt.Printf("%d:%c(%d) ", i, r, r)
	}
	fmt.Println()
	fmt.Println(len(s), len([]rune(s)))
	bad := "a\xffb"
	for i, r := range bad {
		fmt.Print(i, " ", r, "; ")
	}
	fmt.Println()
	count := 0
	for range "日本語" {
		count++
	}
	fmt.Println(count)
}
