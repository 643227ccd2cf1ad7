// Package iter, as Go's (1.23 and later): the types of iterator functions
// that a for loop ranges over.
//
// Written in Go for this page, after Go's src/iter/iter.go. Go runs the
// iterator of Pull on a coroutine: a goroutine that runs only while the
// caller waits, the two handing control back and forth. Here that
// coroutine is a goroutine and the hand-offs are unbuffered channels, so
// the views show it as a goroutine that waits on a channel.
package iter

// goexit is runtime.Goexit, declared here rather than imported so that
// the many programs that import iter (through slices, maps, sort) do not
// link package runtime.
func goexit()

// Seq is an iterator over single values: `for v := range seq`.
type Seq[V any] func(yield func(V) bool)

// Seq2 is an iterator over pairs: `for k, v := range seq`.
type Seq2[K, V any] func(yield func(K, V) bool)

// coro is a coroutine: a goroutine that runs only between a resume and
// the next suspend (or its end), while its caller waits.
type coro struct {
	resume chan struct{}
	back   chan struct{}
}

// newcoro makes a coroutine that will run f at its first resume.
func newcoro(f func(*coro)) *coro {
	c := &coro{resume: make(chan struct{}), back: make(chan struct{})}
	go func() {
		<-c.resume
		defer func() { c.back <- struct{}{} }() // its end hands control back
		f(c)
	}()
	return c
}

// switchIn runs c until it suspends or ends (the caller's coroswitch).
func (c *coro) switchIn() {
	c.resume <- struct{}{}
	<-c.back
}

// switchOut hands control back to the caller until the next resume (the
// coroutine's coroswitch).
func (c *coro) switchOut() {
	c.back <- struct{}{}
	<-c.resume
}

// goexitPanicValue marks an iterator that ended by runtime.Goexit (a type,
// not Go's package variable, so that importing iter initialises nothing).
type goexitPanicValue struct{}

// Pull converts the push-style iterator seq into a pull-style iterator:
// next returns the next value and true, or the zero V and false once the
// sequence is over (or stop was called); stop ends the iteration and may
// be called any number of times. A panic in seq during next or stop
// panics there with the same value. Typically: defer stop().
func Pull[V any](seq Seq[V]) (next func() (V, bool), stop func()) {
	var pull struct {
		v          V
		ok         bool
		done       bool
		yieldNext  bool
		seqDone    bool // to tell a Goexit from a return
		panicValue any
	}
	c := newcoro(func(c *coro) {
		if pull.done {
			return
		}
		yield := func(v1 V) bool {
			if pull.done {
				return false
			}
			if !pull.yieldNext {
				panic("iter.Pull: yield called again before next")
			}
			pull.yieldNext = false
			pull.v, pull.ok = v1, true
			c.switchOut()
			return !pull.done
		}
		defer func() {
			if p := recover(); p != nil {
				pull.panicValue = p
			} else if !pull.seqDone {
				pull.panicValue = goexitPanicValue{}
			}
			pull.done = true
		}()
		seq(yield)
		var v0 V
		pull.v, pull.ok = v0, false
		pull.seqDone = true
	})
	next = func() (v1 V, ok1 bool) {
		if pull.done {
			return
		}
		if pull.yieldNext {
			panic("iter.Pull: next called again before yield")
		}
		pull.yieldNext = true
		c.switchIn()
		propagate(pull.panicValue)
		return pull.v, pull.ok
	}
	stop = func() {
		if !pull.done {
			pull.done = true
			c.switchIn()
			propagate(pull.panicValue)
		}
	}
	return next, stop
}

// Pull2 is Pull for an iterator over pairs.
func Pull2[K, V any](seq Seq2[K, V]) (next func() (K, V, bool), stop func()) {
	var pull struct {
		k          K
		v          V
		ok         bool
		done       bool
		yieldNext  bool
		seqDone    bool
		panicValue any
	}
	c := newcoro(func(c *coro) {
		if pull.done {
			return
		}
		yield := func(k1 K, v1 V) bool {
			if pull.done {
				return false
			}
			if !pull.yieldNext {
				panic("iter.Pull2: yield called again before next")
			}
			pull.yieldNext = false
			pull.k, pull.v, pull.ok = k1, v1, true
			c.switchOut()
			return !pull.done
		}
		defer func() {
			if p := recover(); p != nil {
				pull.panicValue = p
			} else if !pull.seqDone {
				pull.panicValue = goexitPanicValue{}
			}
			pull.done = true
		}()
		seq(yield)
		var k0 K
		var v0 V
		pull.k, pull.v, pull.ok = k0, v0, false
		pull.seqDone = true
	})
	next = func() (k1 K, v1 V, ok1 bool) {
		if pull.done {
			return
		}
		if pull.yieldNext {
			panic("iter.Pull2: next called again before yield")
		}
		pull.yieldNext = true
		c.switchIn()
		propagate(pull.panicValue)
		return pull.k, pull.v, pull.ok
	}
	stop = func() {
		if !pull.done {
			pull.done = true
			c.switchIn()
			propagate(pull.panicValue)
		}
	}
	return next, stop
}

// propagate re-raises in the caller what ended the iterator: its panic,
// or its runtime.Goexit.
func propagate(p any) {
	if p == nil {
		return
	}
	if _, ok := p.(goexitPanicValue); ok {
		goexit()
	}
	panic(p)
}
