// len and cap of strings, arrays, slices, maps, channels and pointers to arrays.
package main

import "fmt"

func main() {
	arr := [5]int{}
	s := arr[1:3]
	fmt.Println(len("héllo"), len(arr), cap(arr), len(s), cap(s))
	m := map[int]bool{1: true, 2: false}
	ch := make(chan int, 3)
	ch <- 1
	fmt.Println(len(m), len(ch), cap(ch))
	p := &arr
	fmt.Println(len(p), cap(p))
	var ns []int
	fmt.Println(len(ns), cap(ns))
	const c = len("constant")
	fmt.Println(c)
}
