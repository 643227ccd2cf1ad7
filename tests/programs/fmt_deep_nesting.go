// fmt prints values nested 100 000 levels deep (slices; arrays, structs and maps 20 000 deep) as Go does.
package main

import (
	"fmt"
	"strings"
)

type Box struct {
	V interface{}
}

type Name string

func (n Name) String() string { return "Name(" + string(n) + ")" }

// ends shows both ends of s and, between them, what is left when bytes
// of open and close are trimmed from the ends (the innermost value).
func ends(s string, open, close string) string {
	i, j := 0, len(s)
	for i < j && in(open, s[i]) {
		i++
	}
	for j > i && in(close, s[j-1]) {
		j--
	}
	core := s[i:j]
	if len(core) > 60 {
		core = core[:30] + "..." + core[len(core)-30:]
	}
	if len(s) <= 40 {
		return s
	}
	return fmt.Sprintf("%s ... %s ... %s (%d+%d+%d)", s[:20], core, s[len(s)-20:], i, j-i, len(s)-j)
}

func in(set string, c byte) bool {
	for k := 0; k < len(set); k++ {
		if set[k] == c {
			return true
		}
	}
	return false
}

func main() {
	const n = 100000
	const k = 20000

	var x interface{}
	for i := 0; i < n; i++ {
		x = []interface{}{x}
	}
	s := fmt.Sprint(x)
	fmt.Println(len(s), s == strings.Repeat("[", n)+"<nil>"+strings.Repeat("]", n))
	fmt.Println(ends(fmt.Sprintf("%v|%d|%s", x, x, x), "[", "]"))

	var a interface{} = Name("deep")
	for i := 0; i < k; i++ {
		a = [1]interface{}{a}
	}
	s = fmt.Sprintln(a)
	fmt.Println(len(s), ends(s, "[", "]\n"))
	fmt.Println(ends(fmt.Sprintf("%d", a), "[", "]"))
	fmt.Println(ends(fmt.Sprintf("%q", a), "[", "]"))

	var b interface{} = 7
	for i := 0; i < k; i++ {
		b = Box{b}
	}
	fmt.Println(ends(fmt.Sprintf("%v", b), "{", "}"))
	fmt.Println(ends(fmt.Sprintf("%+v", b), "{V:", "}"))
	fmt.Println(ends(fmt.Sprintf("%+v", &Box{b}), "&{V:", "}"))

	var m interface{} = "leaf"
	for i := 0; i < k; i++ {
		m = map[int]interface{}{i % 3: m}
	}
	s = fmt.Sprint(m)
	fmt.Println(len(s), ends(s, "map[012:", "]"))

	// Two at a time: a wide value that is also deep.
	var w interface{}
	for i := 0; i < k/2; i++ {
		w = []interface{}{i, w, "x"}
	}
	s = fmt.Sprint(w)
	fmt.Println(len(s), ends(s, "[0123456789 ", "x] "))
	fmt.Print(ends(fmt.Sprint(w, x, a), "[0123456789 ", "]"), "\n")
}
