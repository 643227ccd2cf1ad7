// A stack type with methods, returning errors instead of panicking when empty.
package main

import (
	"errors"
	"fmt"
)

var ErrEmpty = errors.New("stack is empty")

type Stack struct {
	items []int
}

func (s *Stack) Push(v int) { s.items = append(s.items, v) }

func (s *Stack) Pop() (int, error) {
	if len(s.items) == 0 {
		return 0, ErrEmpty
	}
	v := s.items[len(s.items)-1]
	s.items = s.items[:len(s.items)-1]
	return v, nil
}

func (s Stack) Len() int { return len(s.items) }

// eval computes a postfix expression of single digits and + - *.
func eval(expr string) (int, error) {
	var s Stack
	for _, c := range expr {
		if c >= '0' && c <= '9' {
			s.Push(int(c - '0'))
			continue
		}
		b, err := s.Pop()
		if err != nil {
			return 0, err
		}
		a, err := s.Pop()
		if err != nil {
			return 0, fmt.Errorf("operator %c: %v", c, err)
		}
		switch c {
		case '+':
			s.Push(a + b)
		case '-':
			s.Push(a - b)
		case '*':
			s.Push(a * b)
		default:
			return 0, fmt.Errorf("bad operator %q", c)
		}
	}
	if s.Len() != 1 {
		return 0, fmt.Errorf("%d values left", s.Len())
	}
	return s.Pop()
}

func main() {
	for _, e := range []string{"34+2*", "123**9-", "1+", "12", "52/"} {
		v, err := eval(e)
		fmt.Println(e, v, err)
	}
}
