// errors.Is/As/Unwrap through fmt.Errorf's %w, user Is and Unwrap methods, As into a pointer and an interface, nil errors, %w misuse, and As's panic for a bad target.
package main

import (
	"errors"
	"fmt"
)

var ErrX = errors.New("x")

type MyErr struct{ Code int }

func (e *MyErr) Error() string { return fmt.Sprintf("code %d", e.Code) }

type Temp interface{ Temporary() bool }

type tempErr struct{}

func (tempErr) Error() string   { return "temp" }
func (tempErr) Temporary() bool { return true }

type isErr struct{}

func (isErr) Error() string          { return "isErr" }
func (isErr) Is(target error) bool   { return target == ErrX }

type unw struct{ inner error }

func (u unw) Error() string { return "unw(" + u.inner.Error() + ")" }
func (u unw) Unwrap() error { return u.inner }

func main() {
	w := fmt.Errorf("ctx: %w", ErrX)
	fmt.Println(w, errors.Is(w, ErrX), errors.Unwrap(w) == ErrX)
	w2 := fmt.Errorf("outer: %w", w)
	fmt.Println(w2, errors.Is(w2, ErrX), errors.Unwrap(errors.Unwrap(w2)) == ErrX)
	fmt.Println(errors.Unwrap(ErrX) == nil, errors.Is(nil, ErrX), errors.Is(nil, nil), errors.Is(ErrX, nil))
	var me *MyErr
	e := fmt.Errorf("wrap: %w", &MyErr{42})
	fmt.Println(errors.As(e, &me), me.Code, me)
	var t Temp
	fmt.Println(errors.As(fmt.Errorf("a: %w", tempErr{}), &t), t.Temporary())
	fmt.Println(errors.Is(isErr{}, ErrX), errors.Is(fmt.Errorf("z: %w", isErr{}), ErrX))
	u := unw{fmt.Errorf("q: %w", ErrX)}
	fmt.Println(u, errors.Is(u, ErrX))
	fmt.Println(fmt.Errorf("bad: %w", 5))
	fmt.Println(fmt.Errorf("nil: %w", nil))
	fmt.Println(fmt.Sprintf("%w", ErrX))
	fmt.Printf("%v|%+v|%#v\n", ErrX, ErrX, ErrX)
	var target *MyErr
	fmt.Println(errors.As(ErrX, &target), target == nil)
	fmt.Println(errors.Unwrap(fmt.Errorf("no wrap %v", ErrX)) == nil)
	fmt.Printf("%T %T %T\n", ErrX, w, fmt.Errorf("plain"))
	defer func() { fmt.Println("recovered:", recover()) }()
	var x int
	errors.As(ErrX, &x)
}
