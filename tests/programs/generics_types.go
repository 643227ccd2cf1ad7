// Generic types: methods on them, instances inside generic functions,
// recursive generic types, embedding, method values, interfaces they
// satisfy, and how Go names their instances (%T).
package main

import (
	"errors"
	"fmt"
)

type Stack[T any] struct {
	items []T
}

func (s *Stack[T]) Push(x T) { s.items = append(s.items, x) }

func (s *Stack[T]) Pop() (T, error) {
	var zero T
	if len(s.items) == 0 {
		return zero, errors.New("empty stack")
	}
	x := s.items[len(s.items)-1]
	s.items = s.items[:len(s.items)-1]
	return x, nil
}

func (s Stack[T]) Len() int { return len(s.items) }

type Pair[K comparable, V any] struct {
	Key K
	Val V
}

func (p Pair[K, V]) String() string { return fmt.Sprintf("%v=%v", p.Key, p.Val) }

type List[T any] struct {
	head *node[T]
	size int
}

type node[T any] struct {
	val  T
	next *node[T]
}

func (l *List[T]) Prepend(v T) {
	l.head = &node[T]{v, l.head}
	l.size++
}

func (l *List[T]) Each(f func(T)) {
	for n := l.head; n != nil; n = n.next {
		f(n.val)
	}
}

type Tree[T interface{ ~int | ~string }] struct {
	Left, Right *Tree[T]
	Val         T
}

func (t *Tree[T]) Insert(v T) *Tree[T] {
	if t == nil {
		return &Tree[T]{Val: v}
	}
	if v < t.Val {
		t.Left = t.Left.Insert(v)
	} else {
		t.Right = t.Right.Insert(v)
	}
	return t
}

func (t *Tree[T]) Walk(f func(T)) {
	if t == nil {
		return
	}
	t.Left.Walk(f)
	f(t.Val)
	t.Right.Walk(f)
}

// A generic type used inside a generic function.
func Reverse[T any](xs []T) []T {
	var s Stack[T]
	for _, x := range xs {
		s.Push(x)
	}
	out := make([]T, 0, len(xs))
	for s.Len() > 0 {
		x, _ := s.Pop()
		out = append(out, x)
	}
	return out
}

type Named struct {
	Stack[string]
	Name string
}

func main() {
	var s Stack[int]
	s.Push(1)
	s.Push(2)
	x, err := s.Pop()
	fmt.Println(x, err, s.Len())
	s.Pop()
	_, err = s.Pop()
	fmt.Println(err)

	p := Pair[string, int]{"go", 126}
	var st fmt.Stringer = p
	fmt.Println(st, p)
	fmt.Printf("%v|%+v|%T\n", p, []Pair[int, bool]{{1, true}}, p)

	var l List[string]
	l.Prepend("c")
	l.Prepend("b")
	l.Prepend("a")
	l.Each(func(v string) { fmt.Print(v, " ") })
	fmt.Println(l.size)

	var t *Tree[int]
	for _, v := range []int{5, 3, 8, 1, 4} {
		t = t.Insert(v)
	}
	t.Walk(func(v int) { fmt.Print(v, " ") })
	fmt.Println()
	var ts *Tree[string]
	ts = ts.Insert("pear").Insert("apple")
	ts.Walk(func(v string) { fmt.Print(v, " ") })
	fmt.Println()

	fmt.Println(Reverse([]string{"x", "y", "z"}))

	n := Named{Name: "names"}
	n.Push("ann")
	push := n.Push
	push("bob")
	fmt.Println(n.Len(), n.items)
	fmt.Printf("%T %T %T\n", n.Stack, &l, t)
}
