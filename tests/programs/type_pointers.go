// Pointers: &x, *p, &T{}, new, pointer equality, pointers to struct fields and slice elements.
package main

import "fmt"

type Node struct {
	Val  int
	Next *Node
}

func inc(p *int) { *p++ }

func main() {
	x := 1
	p := &x
	*p = 5
	inc(p)
	inc(&x)
	fmt.Println(x, *p, p == &x)

	q := new(int)
	fmt.Println(*q)
	*q = 9
	r := q
	*r = 10
	fmt.Println(*q)

	var head *Node
	for i := 3; i > 0; i-- {
		head = &Node{Val: i, Next: head}
	}
	for n := head; n != nil; n = n.Next {
		fmt.Print(n.Val, " ")
	}
	fmt.Println()

	s := []int{1, 2, 3}
	e := &s[1]
	*e = 20
	fmt.Println(s)
	n := Node{Val: 1}
	f := &n.Val
	*f = 100
	fmt.Println(n.Val, n.Next == nil)
	var np *Node
	fmt.Println(np == nil)
	pp := &p
	**pp = 42
	fmt.Println(x)
}
