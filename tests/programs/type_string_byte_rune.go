// Strings are immutable bytes: indexing by byte, slicing, conversions to []byte and []rune.
package main

import "fmt"

func main() {
	s := "Hello, 世界"
	fmt.Println(len(s), s[0], s[7], string(s[0]))
	fmt.Println(s[:5], s[7:], s[7:10])
	bs := []byte(s)
	bs[0] = 'J'
	fmt.Println(string(bs), s)
	rs := []rune(s)
	fmt.Println(len(rs), string(rs[7]), rs[8])
	fmt.Println(string(rune(65)), string([]rune{72, 105}))
	r := 'é'
	fmt.Println(r, string(r), len(string(r)))
	fmt.Println("a" < "b", "abc" < "abd", "Z" < "a", "go" == "g"+"o")
	multi := `raw\n
string`
	fmt.Println(multi)
	fmt.Println("tab\tquote\"backslash\\ unicode\u00e9 hex\x41")
	var empty string
	fmt.Println(len(empty), empty == "")
}
