// The strings package beyond the basics: searching, cutting, splitting,
// trimming, mapping and replacing, as Go 1.19 has them.
package main

import (
	"fmt"
	"strings"
	"unicode"
)

func main() {
	s := "the quick brown fox jumps over the lazy dog"
	fmt.Println(strings.Count(s, "the"), strings.Count("five", ""), strings.LastIndex(s, "the"))
	fmt.Println(strings.IndexByte(s, 'q'), strings.IndexRune("chicken", 'k'), strings.IndexAny("golang", "ny"))
	fmt.Println(strings.LastIndexAny("golang", "go"), strings.ContainsRune("abc", 'b'), strings.ContainsAny("", ""))
	before, after, found := strings.Cut("key=value=x", "=")
	fmt.Printf("%q %q %v\n", before, after, found)
	fmt.Printf("%q\n", strings.SplitN("a,b,c,d", ",", 2))
	fmt.Printf("%q\n", strings.SplitAfter("a,b,c", ","))
	fmt.Printf("%q\n", strings.Split("abc", ""))
	fmt.Printf("%q\n", strings.FieldsFunc("  foo1;bar2,baz3...", func(c rune) bool {
		return !unicode.IsLetter(c) && !unicode.IsNumber(c)
	}))
	fmt.Printf("[%s] [%s] [%s]\n", strings.Trim("¡¡¡Hello, Gophers!!!", "!¡"), strings.TrimLeft("xxhixx", "x"), strings.TrimRight("xxhixx", "x"))
	fmt.Println(strings.TrimPrefix("prefix-body", "prefix-"), strings.TrimSuffix("a.go", ".go"))
	fmt.Println(strings.TrimFunc("123abc456", unicode.IsDigit))
	fmt.Println(strings.Replace("oink oink oink", "k", "ky", 2), strings.Replace("oink oink oink", "oink", "moo", -1))
	fmt.Println(strings.Replace("abc", "", "-", -1))
	fmt.Println(strings.EqualFold("Go", "GO"), strings.Compare("a", "b"), strings.Compare("b", "a"))
	rot13 := func(r rune) rune {
		switch {
		case r >= 'A' && r <= 'Z':
			return 'A' + (r-'A'+13)%26
		case r >= 'a' && r <= 'z':
			return 'a' + (r-'a'+13)%26
		}
		return r
	}
	fmt.Println(strings.Map(rot13, "'Twas brillig and the slithy gopher..."))
	r := strings.NewReplacer("<", "&lt;", ">", "&gt;")
	fmt.Println(r.Replace("This is <b>HTML</b>!"))
	fmt.Println(strings.Title("her royal highness"), strings.IndexFunc("Hello, 世界", unicode.IsUpper))
}
