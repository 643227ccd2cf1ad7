// Go 1.20 errors: fmt.Errorf with several %w (Unwrap() []error), errors.Join, a user Unwrap() []error, As through them, and %w of a non-error making a *fmt.wrapError.
// Output written by hand: Go 1.19 rejects a second %w (%!w) and makes an *errors.errorString for %w of a non-error.
package main

import (
	"errors"
	"fmt"
)

var (
	ErrA = errors.New("a")
	ErrB = errors.New("b")
	ErrC = errors.New("c")
)

type Coded interface{ Code() int }

type codeErr struct{ code int }

func (e codeErr) Error() string { return fmt.Sprint("code ", e.code) }
func (e codeErr) Code() int     { return e.code }

type multi struct{ errs []error }

func (m multi) Error() string   { return "multi" }
func (m multi) Unwrap() []error { return m.errs }

func main() {
	e := fmt.Errorf("both: %w and %w", ErrA, ErrB)
	fmt.Println(e)
	fmt.Println(errors.Is(e, ErrA), errors.Is(e, ErrB), errors.Is(e, ErrC))
	fmt.Println(errors.Unwrap(e) == nil)
	fmt.Printf("%T\n", e)
	if u, ok := e.(interface{ Unwrap() []error }); ok {
		fmt.Println(len(u.Unwrap()), u.Unwrap()[1] == ErrB)
	}
	j := errors.Join(ErrA, nil, codeErr{7})
	fmt.Printf("%q %T\n", j.Error(), j)
	fmt.Println(j)
	var c Coded
	fmt.Println(errors.As(j, &c), c.Code())
	var ce codeErr
	fmt.Println(errors.As(fmt.Errorf("w: %w", j), &ce), ce.code)
	fmt.Println(errors.Join() == nil, errors.Join(nil, nil) == nil)
	m := multi{[]error{ErrC, fmt.Errorf("x: %w", ErrB)}}
	fmt.Println(errors.Is(m, ErrB), errors.Is(m, ErrA))
	w := fmt.Errorf("%w, %w, %v", ErrA, 42, ErrC)
	fmt.Println(w)
	fmt.Println(errors.Is(w, ErrA), errors.Is(w, ErrC))
	if u, ok := w.(interface{ Unwrap() []error }); ok {
		fmt.Println(len(u.Unwrap()))
	}
	one := fmt.Errorf("one: %w", 5)
	fmt.Printf("%T %v\n", one, errors.Unwrap(one) == nil)
	fmt.Printf("%T\n", fmt.Errorf("nothing"))
}

// Output:
// both: a and b
// true true false
// true
// *fmt.wrapErrors
// 2 true
// "a\ncode 7" *errors.joinError
// a
// code 7
// true 7
// true 7
// true true
// true false
// a, %!w(int=42), c
// true false
// 1
// *fmt.wrapError true
// *errors.errorString
