// context of Go 1.20 and 1.21, newer than the Go 1.19 that records goldens,
// so the output below is written by hand from the package documentation:
// WithCancelCause and Cause (1.20), WithTimeoutCause, WithoutCancel and
// AfterFunc (1.21), and Background's type, backgroundCtx since 1.21 (1.19
// printed *context.emptyCtx).
package main

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"time"
)

type key string

func main() {
	bg := context.Background()
	parent, cancelParent := context.WithCancel(bg)
	child := context.WithValue(parent, key("k"), "v")
	cancelParent()
	// Cause of a plain cancel is the cancel error itself.
	fmt.Println(child.Err(), context.Cause(child))

	cc, cancelCause := context.WithCancelCause(bg)
	fmt.Println("before:", context.Cause(cc))
	cancelCause(errors.New("shutting down"))
	cancelCause(errors.New("ignored: already canceled"))
	fmt.Println(cc.Err(), context.Cause(cc))

	tctx, cancelT := context.WithTimeout(bg, 5*time.Millisecond)
	defer cancelT()
	<-tctx.Done()
	fmt.Println(tctx.Err(), context.Cause(tctx))

	tc, cancelTC := context.WithTimeoutCause(bg, 5*time.Millisecond, errors.New("too slow"))
	defer cancelTC()
	<-tc.Done()
	fmt.Println(tc.Err(), context.Cause(tc))

	// WithoutCancel keeps values, drops cancellation and deadline.
	wc := context.WithoutCancel(child)
	_, hasDeadline := wc.Deadline()
	fmt.Println(wc.Err(), wc.Done() == nil, hasDeadline, wc.Value(key("k")), context.Cause(wc))

	// AfterFunc runs f in its own goroutine once the context is canceled.
	actx, acancel := context.WithCancel(bg)
	ran := make(chan bool)
	// Registering f starts no goroutine. (Compare with <=: the goroutine
	// of a timeout above may still be exiting, in Go as here.)
	n0 := runtime.NumGoroutine()
	stop := context.AfterFunc(actx, func() { ran <- true })
	fmt.Println("no goroutine before cancel:", runtime.NumGoroutine() <= n0)
	acancel()
	fmt.Println("after func ran:", <-ran, "stop after:", stop())
	actx2, acancel2 := context.WithCancel(bg)
	stop2 := context.AfterFunc(actx2, func() { fmt.Println("never printed") })
	fmt.Println("stop before:", stop2(), stop2())
	acancel2()
	// Already canceled: f starts at once.
	context.AfterFunc(actx2, func() { ran <- true })
	fmt.Println("on a canceled context:", <-ran)

	fmt.Printf("%T %T %v\n", bg, parent, context.TODO())
}

// Output:
// context canceled context canceled
// before: <nil>
// context canceled shutting down
// context deadline exceeded context deadline exceeded
// context deadline exceeded too slow
// <nil> true false v <nil>
// no goroutine before cancel: true
// after func ran: true stop after: false
// stop before: true false
// on a canceled context: true
// context.backgroundCtx *context.cancelCtx context.TODO
