// append of single values, several values and a spread slice; copy returns the count.
package main

import "fmt"

func main() {
	var s []int
	s = append(s, 1)
	s = append(s, 2, 3)
	s = append(s, []int{4, 5}...)
	fmt.Println(s, len(s))
	dst := make([]int, 3)
	n := copy(dst, s)
	fmt.Println(n, dst)
	n = copy(dst, []int{9})
	fmt.Println(n, dst)
	n = copy(s[1:], s)
	fmt.Println(n, s)
	b := make([]byte, 3)
	n = copy(b, "hello")
	fmt.Println(n, string(b))
	bs := append([]byte("ab"), "cd"...)
	fmt.Println(string(bs))
	var strs []string
	strs = append(strs, "x")
	fmt.Println(strs, len(strs))
	u := append(s[:2], 100)
	fmt.Println(u, s)
}
