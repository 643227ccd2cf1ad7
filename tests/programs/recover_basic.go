// recover stops a panic inside a deferred call; the function returns normally.
package main

import "fmt"

func safe(f func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprint("recovered: ", r)
		}
	}()
	f()
	return "no panic"
}

func main() {
	fmt.Println(safe(func() {}))
	fmt.Println(safe(func() { panic("boom") }))
	fmt.Println(safe(func() {
		var s []int
		_ = s[3]
	}))
	fmt.Println(safe(func() {
		var m map[int]int
		m[1] = 2
	}))
	fmt.Println(safe(func() {
		var p *struct{ x int }
		p.x = 1
	}))
	fmt.Println(safe(func() {
		var i interface{} = 1.5
		_ = i.(string)
	}))
	fmt.Println(recover())
	fmt.Println("main continues")
}
