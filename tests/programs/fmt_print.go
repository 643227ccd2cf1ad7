// fmt.Print adds spaces only between operands that are not strings; Println always does.
package main

import "fmt"

func main() {
	fmt.Print("a", "b", 1, 2, "c", 3.5, true, "\n")
	fmt.Print(1, 2, 3, "\n")
	fmt.Println("a", "b", 1, 2, nil, 'x')
	fmt.Println()
	fmt.Print()
	n, err := fmt.Println("count")
	fmt.Println(n, err)
	var p *int
	fmt.Println([]string{"a", "b"}, [2]bool{}, map[string]int{"z": 1, "a": 2}, p, struct{}{})
	fmt.Println(int8(-5), uint64(18446744073709551615), 1e100, float32(1.5))
	type T struct {
		A int
		B []string
		C map[int]string
	}
	fmt.Println(T{1, []string{"x"}, map[int]string{2: "two"}})
	fmt.Println(&T{A: 2})
	fmt.Println([]interface{}{1, "a", nil})
	fmt.Println([]byte("hi"), []rune("hi"))
}
