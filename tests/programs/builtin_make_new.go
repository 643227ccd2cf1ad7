// make for slices, maps and channels; new for any type returns a pointer to a zero value.
package main

import "fmt"

type Pair struct {
	A int
	B string
}

func main() {
	s := make([]string, 2, 5)
	fmt.Println(len(s), cap(s), s[0] == "")
	s2 := make([]int, 3)
	fmt.Println(s2)
	m := make(map[string]int, 100)
	m["x"] = 1
	fmt.Println(m, len(m))
	ch := make(chan bool)
	fmt.Println(cap(ch))
	p := new(Pair)
	p.A = 3
	fmt.Printf("%+v\n", *p)
	ip := new(int)
	sp := new([]int)
	fmt.Println(*ip, *sp == nil)
	*sp = append(*sp, 5)
	fmt.Println(*sp)
}
