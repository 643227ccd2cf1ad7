// Values whose type has a String or Error method are formatted by fmt with that method.
package main

import (
	"fmt"
	"strings"
)

type Color int

const (
	Red Color = iota
	Green
	Blue
)

func (c Color) String() string {
	return [...]string{"Red", "Green", "Blue"}[c]
}

type Temp float64

func (t Temp) String() string { return fmt.Sprintf("%.1f°C", float64(t)) }

type Stack struct{ items []int }

func (s *Stack) String() string {
	parts := make([]string, len(s.items))
	for i, v := range s.items {
		parts[i] = fmt.Sprint(v)
	}
	return "Stack[" + strings.Join(parts, ",") + "]"
}

type MyErr struct{ code int }

func (e MyErr) Error() string { return fmt.Sprintf("code %d", e.code) }

func main() {
	fmt.Println(Red, Blue, []Color{Green, Red})
	fmt.Printf("%v %s %d\n", Green, Green, Green)
	fmt.Println(Temp(21.55))
	s := &Stack{items: []int{1, 2, 3}}
	fmt.Println(s)
	fmt.Printf("%v\n", s)
	fmt.Println(MyErr{7})
	var e error = MyErr{9}
	fmt.Printf("%v|%s\n", e, e)
}
