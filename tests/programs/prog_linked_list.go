// A singly linked list: build, reverse in place, and print via a String method.
package main

import (
	"fmt"
	"strings"
)

type Node struct {
	Val  int
	Next *Node
}

type List struct {
	Head *Node
	Len  int
}

func (l *List) PushFront(v int) {
	l.Head = &Node{v, l.Head}
	l.Len++
}

func (l *List) Reverse() {
	var prev *Node
	cur := l.Head
	for cur != nil {
		next := cur.Next
		cur.Next = prev
		prev, cur = cur, next
	}
	l.Head = prev
}

func (l *List) String() string {
	var b strings.Builder
	b.WriteString("[")
	for n := l.Head; n != nil; n = n.Next {
		if n != l.Head {
			b.WriteString(" -> ")
		}
		b.WriteString(fmt.Sprint(n.Val))
	}
	b.WriteString("]")
	return b.String()
}

func main() {
	l := &List{}
	for i := 1; i <= 5; i++ {
		l.PushFront(i * i)
	}
	fmt.Println(l, l.Len)
	l.Reverse()
	fmt.Println(l)
	empty := &List{}
	empty.Reverse()
	fmt.Println(empty)
}
