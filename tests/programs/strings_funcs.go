// The strings functions of the subset: Repeat, Join, Split, Fields, Contains, ToUpper, ToLower, TrimSpace.
package main

import (
	"fmt"
	"strings"
)

func main() {
	fmt.Println(strings.Repeat("ab", 3), strings.Repeat("x", 0) == "")
	fmt.Println(strings.Join([]string{"a", "b", "c"}, ", "))
	fmt.Println(strings.Join(nil, "-") == "")
	parts := strings.Split("a,b,,c", ",")
	fmt.Println(len(parts), parts)
	fmt.Printf("%q\n", strings.Split("abc", ""))
	fmt.Printf("%q\n", strings.Split("", ","))
	fmt.Printf("%q\n", strings.Fields("  go   is\tfun\n "))
	fmt.Println(strings.Contains("seafood", "foo"), strings.Contains("seafood", "bar"), strings.Contains("x", ""))
	fmt.Println(strings.ToUpper("Hello, wörld"), strings.ToLower("ÀB C"))
	fmt.Printf("%q\n", strings.TrimSpace("\t  padded text \n"))
	words := strings.Fields("the quick brown fox")
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	fmt.Println(strings.Join(words, " "))
}
