// runtime.Error: what the runtime panics with (index out of range, nil
// map write, integer divide by zero, a failed type assertion) is a
// runtime.Error; an ordinary error is not. And a constant -0.0 is zero
// without a sign, as constants are exact.
package main

import (
	"errors"
	"fmt"
	"math"
	"runtime"
)

func try(name string, f func()) {
	defer func() {
		r := recover()
		re, ok := r.(runtime.Error)
		fmt.Printf("%s: runtime.Error=%v %v\n", name, ok, re)
		if err, isErr := r.(error); isErr {
			var target runtime.Error
			fmt.Println("  errors.As:", errors.As(fmt.Errorf("wrapped: %w", err), &target))
		}
	}()
	f()
}

func main() {
	var m map[string]int
	var s []int
	var i interface{} = "x"
	zero := 0
	try("nil map", func() { m["a"] = 1 })
	try("index", func() { _ = s[3] })
	try("divide", func() { _ = 1 / zero })
	try("assert", func() { _ = i.(int) })
	try("error", func() { panic(errors.New("plain")) })
	try("string", func() { panic("just a string") })
	fmt.Println(math.Signbit(-0.0), math.Signbit(math.Copysign(0, -1)), 1/math.Copysign(0, -1))
}
