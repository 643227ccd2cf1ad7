// new(expr) (Go 1.26): new takes an expression as well as a type, and
// returns a pointer to a new variable holding the expression's value
// (an untyped constant gets its default type). Go 1.19 accepts only
// new(T), so the output below is written by hand from the Go 1.26
// release notes and spec ("Allocation").
package main

import (
	"fmt"
	"strings"
)

type Config struct {
	Name    *string
	Retries *int
	Debug   *bool
}

type Logger struct{ prefix string }

func (l Logger) Logf(format string, args ...any) string {
	return l.prefix + fmt.Sprintf(format, args...)
}

func main() {
	p := new(42)
	fmt.Println(*p)
	*p++
	fmt.Println(*p)
	c := Config{Name: new("server"), Retries: new(3), Debug: new(false)}
	fmt.Println(*c.Name, *c.Retries, *c.Debug)
	x := 1.5
	q := new(x * 2)
	x = 10
	fmt.Println(*q, x)
	s := new(strings.ToUpper("go"))
	fmt.Printf("%T %v\n", s, *s)
	old := new(int)
	fmt.Println(*old)

	logf := Logger.Logf
	fmt.Println(logf(Logger{"> "}, "%d-%s", 7, "x"))
}

// Output:
// 42
// 43
// server 3 false
// 3 10
// *string GO
// 0
// > 7-x
