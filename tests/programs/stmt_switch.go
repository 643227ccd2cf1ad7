// switch: expression, tagless, with init, multiple values per case, fallthrough, default.
package main

import "fmt"

func kind(c byte) string {
	switch c {
	case 'a', 'e', 'i', 'o', 'u':
		return "vowel"
	case ' ':
		return "space"
	default:
		return "consonant"
	}
}

func grade(score int) string {
	switch {
	case score >= 90:
		return "A"
	case score >= 80:
		return "B"
	default:
		return "C"
	}
}

func main() {
	for _, c := range []byte("hi yo") {
		fmt.Print(kind(c), " ")
	}
	fmt.Println()
	fmt.Println(grade(95), grade(85), grade(10))
	switch x := 5; x * 2 {
	case 10:
		fmt.Println("ten")
		fallthrough
	case 11:
		fmt.Println("eleven (via fallthrough)")
	case 12:
		fmt.Println("twelve")
	}
	switch n := 3; {
	case n > 2:
		fmt.Println("big")
		fallthrough
	default:
		fmt.Println("default after fallthrough")
	}
	switch {
	}
	fmt.Println("done")
}
