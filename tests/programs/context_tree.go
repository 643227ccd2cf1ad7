// context: cancellation flows down the tree (WithCancel, WithValue,
// WithTimeout, WithDeadline), Err and errors.Is, values, a worker that stops
// when its context is canceled, and no goroutine the library would not start.
package main

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"time"
)

type key string

func worker(ctx context.Context, out chan<- int) {
	defer close(out)
	for i := 0; ; i++ {
		select {
		case <-ctx.Done():
			return
		case out <- i:
		}
	}
}

func main() {
	bg := context.Background()
	fmt.Println(bg, context.TODO(), bg.Err(), bg.Done() == nil)
	_, ok := bg.Deadline()
	fmt.Println("deadline?", ok)

	parent, cancelParent := context.WithCancel(bg)
	child, cancelChild := context.WithCancel(parent)
	defer cancelChild()
	vctx := context.WithValue(child, key("user"), "gopher")
	grand, cancelGrand := context.WithCancel(vctx)
	defer cancelGrand()
	fmt.Println(parent)
	fmt.Println(grand.Value(key("user")), grand.Value(key("none")), grand.Err())
	fmt.Println("goroutines:", runtime.NumGoroutine())

	cancelParent()
	<-grand.Done()
	fmt.Println(parent.Err(), child.Err(), grand.Err(), errors.Is(grand.Err(), context.Canceled))
	cancelParent() // a second cancel does nothing
	other, cancelOther := context.WithCancel(bg)
	fmt.Println("sibling tree untouched:", other.Err())
	cancelOther()

	tctx, cancelT := context.WithTimeout(bg, 20*time.Millisecond)
	defer cancelT()
	d, ok := tctx.Deadline()
	fmt.Println("has deadline:", ok, time.Until(d) > 0)
	select {
	case <-tctx.Done():
		fmt.Println("timeout:", tctx.Err(), errors.Is(tctx.Err(), context.DeadlineExceeded))
	case <-time.After(time.Second):
		fmt.Println("no timeout")
	}

	past, cancelPast := context.WithDeadline(bg, time.Now().Add(-time.Second))
	defer cancelPast()
	fmt.Println("past:", past.Err())

	// A shorter child deadline wins; a longer one keeps the parent's.
	short, cancelShort := context.WithTimeout(tctx, time.Hour)
	defer cancelShort()
	fmt.Println("child of expired:", short.Err())

	work, stopWork := context.WithCancel(bg)
	results := make(chan int)
	go worker(work, results)
	sum := 0
	for v := range results {
		sum += v
		if v == 3 {
			stopWork()
			break
		}
	}
	for range results {
	}
	fmt.Println("sum:", sum, "err:", work.Err())
	time.Sleep(time.Millisecond)
	fmt.Println("goroutines at end:", runtime.NumGoroutine())
}
