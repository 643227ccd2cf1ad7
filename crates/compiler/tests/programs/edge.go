package main

import (
	"fmt"
	"strings"
)

type Node struct {
	Val   int
	Left  *Node
	Right *Node
}

func (n *Node) Insert(v int) *Node {
	if n == nil {
		return &Node{Val: v}
	}
	if v < n.Val {
		n.Left = n.Left.Insert(v)
	} else {
		n.Right = n.Right.Insert(v)
	}
	return n
}

func (n *Node) Walk(f func(int)) {
	if n == nil {
		return
	}
	n.Left.Walk(f)
	f(n.Val)
	n.Right.Walk(f)
}

type Animal interface{ Sound() string }
type Dog struct{ name string }

func (d *Dog) Sound() string { return d.name + " says woof" }


func main() {
	var fib func(int) int
	fib = func(n int) int {
		if n < 2 {
			return n
		}
		return fib(n-1) + fib(n-2)
	}
	fmt.Println(fib(15))
	var root *Node
	for _, v := range []int{5, 3, 8, 1, 4, 9} {
		root = root.Insert(v)
	}
	var out []string
	root.Walk(func(v int) { out = append(out, fmt.Sprint(v)) })
	fmt.Println(strings.Join(out, ","))
	animals := map[string]Animal{"rex": &Dog{"rex"}}
	for k, a := range animals {
		fmt.Println(k, a.Sound())
	}
	x, y := 1, 2
	x, y = y, x+y
	fmt.Println(x, y)
	a := []int{1, 2, 3}
	a[0], a[2] = a[2], a[0]
	fmt.Println(a)
	var iface interface{} = a
	if s, ok := iface.([]int); ok {
		fmt.Println(len(s))
	}
	type local struct{ A, B string }
	l := local{"x", "y"}
	fmt.Printf("%v %+v %T\n", l, l, l)
	ch := make(chan int, 3)
	for i := 0; i < 3; i++ {
		ch <- i * i
	}
	close(ch)
	for v := range ch {
		fmt.Print(v, ";")
	}
	fmt.Println()
	var p *Dog
	defer func() { fmt.Println("recovered", recover() != nil) }()
	fmt.Println(p.Sound())
}
