package main

import (
	"fmt"
	"os"
)

func a() (r int) {
	defer func() {
		if x := recover(); x != nil {
			fmt.Println("recovered:", x)
			r = -1
		}
	}()
	var m map[string]int
	m["x"] = 1
	return 5
}

func b() {
	for i := 0; i < 3; i++ {
		defer fmt.Println("deferred", i)
	}
	fmt.Println("b body")
}

func c() (s string) {
	defer func() { s += "!" }()
	s = "hello"
	return s + " world"
}

func d() {
	defer func() {
		r := recover()
		fmt.Println("d recovered", r)
	}()
	defer func() {
		panic("second")
	}()
	panic("first")
}

type T struct{ n int }

func (t *T) Close() { fmt.Println("close", t.n) }

func e() {
	t := &T{1}
	defer t.Close()
	t = &T{2}
	defer t.Close()
	x := 10
	defer fmt.Println("x at defer time", x)
	x = 20
	fmt.Println("x now", x)
}

func div(a, b int) (q int, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("div failed: %v", r)
		}
	}()
	q = a / b
	return
}

func main() {
	fmt.Println(a())
	b()
	fmt.Println(c())
	d()
	e()
	fmt.Println(div(7, 2))
	fmt.Println(div(7, 0))
	defer fmt.Println("main deferred")
	func() {
		defer func() {
			fmt.Println("inner recovered", recover())
		}()
		var arr []int
		_ = arr[3]
	}()
	if fib := 3; fib > 5 {
		os.Exit(3)
	}
	var p *T
	defer func() {
		r := recover()
		fmt.Println("nil deref recovered:", r)
		panic(fmt.Sprintf("final %d", 42))
	}()
	fmt.Println(p.n)
}
