// Package atomic, the part written in Go: Value and Pointer[T]. The
// integer and Bool types and functions are the runtime's natives
// (hardware atomics in parallel mode).
//
// Written in Go for this page. Go's Value and Pointer are lock-free over
// unsafe pointers, which this page's runtime does not have; here each
// operation holds a small spin lock (an atomic Int32), so every Load,
// Store, Swap and CompareAndSwap is still one indivisible step, ordered
// with the others as Go's memory model requires.
package atomic

import (
	"fmt"
	"runtime"
)

// spin is the lock each Value and Pointer operation holds.
type spin struct {
	held Int32
}

func (s *spin) lock() {
	for !s.held.CompareAndSwap(0, 1) {
		runtime.Gosched()
	}
}

func (s *spin) unlock() { s.held.Store(0) }

// A Value holds a value of one type, loaded and stored atomically.
type Value struct {
	mu spin
	v  any
}

// Load returns the value last stored, or nil if none was.
func (v *Value) Load() (val any) {
	v.mu.lock()
	val = v.v
	v.mu.unlock()
	return
}

func (v *Value) check(val any) {
	if val == nil {
		panic("sync/atomic: store of nil value into Value")
	}
	if v.v != nil && fmt.Sprintf("%T", v.v) != fmt.Sprintf("%T", val) {
		panic("sync/atomic: store of inconsistently typed value into Value")
	}
}

// Store sets the value; every Store must be of the same concrete type.
func (v *Value) Store(val any) {
	v.mu.lock()
	defer v.mu.unlock()
	v.check(val)
	v.v = val
}

// Swap stores new and returns the previous value.
func (v *Value) Swap(new any) (old any) {
	v.mu.lock()
	defer v.mu.unlock()
	v.check(new)
	old, v.v = v.v, new
	return old
}

// CompareAndSwap stores new if the value is old.
func (v *Value) CompareAndSwap(old, new any) (swapped bool) {
	v.mu.lock()
	defer v.mu.unlock()
	v.check(new)
	if v.v != old {
		return false
	}
	v.v = new
	return true
}

// A Pointer is an atomic pointer of type *T.
type Pointer[T any] struct {
	mu spin
	v  *T
}

// Load atomically loads the pointer.
func (x *Pointer[T]) Load() *T {
	x.mu.lock()
	p := x.v
	x.mu.unlock()
	return p
}

// Store atomically stores val.
func (x *Pointer[T]) Store(val *T) {
	x.mu.lock()
	x.v = val
	x.mu.unlock()
}

// Swap stores new and returns the previous pointer.
func (x *Pointer[T]) Swap(new *T) (old *T) {
	x.mu.lock()
	old, x.v = x.v, new
	x.mu.unlock()
	return old
}

// CompareAndSwap stores new if the pointer is old.
func (x *Pointer[T]) CompareAndSwap(old, new *T) (swapped bool) {
	x.mu.lock()
	swapped = x.v == old
	if swapped {
		x.v = new
	}
	x.mu.unlock()
	return swapped
}
