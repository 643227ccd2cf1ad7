// time.Ticker, and Go 1.23's timers, newer than the Go 1.19 that records
// goldens, so the output below is written by hand from the release notes and
// the time package's documentation: since 1.23 a timer's channel is
// synchronous, so after Stop or Reset returns no stale value is received, and
// Stop reports true when it took back a value not yet received (1.19 printed
// "stop: false" and "stale value"). NewTicker panics on a non-positive period.
package main

import (
	"fmt"
	"time"
)

func main() {
	t := time.NewTicker(10 * time.Millisecond)
	for i := 0; i < 3; i++ {
		<-t.C
		fmt.Println("tick", i)
	}
	t.Reset(30 * time.Millisecond)
	start := time.Now()
	<-t.C
	fmt.Println("slower tick:", time.Since(start) >= 25*time.Millisecond)
	t.Stop()
	select {
	case <-t.C:
		fmt.Println("stale tick")
	case <-time.After(50 * time.Millisecond):
		fmt.Println("no tick after Stop")
	}

	timer := time.NewTimer(5 * time.Millisecond)
	time.Sleep(20 * time.Millisecond) // the timer fires; its value waits
	fmt.Println("stop:", timer.Stop())
	select {
	case <-timer.C:
		fmt.Println("stale value")
	default:
		fmt.Println("no stale value after Stop")
	}
	timer.Reset(5 * time.Millisecond)
	<-timer.C
	fmt.Println("reset fired")
	defer func() { fmt.Println("recovered:", recover()) }()
	time.NewTicker(0)
}

// Output:
// tick 0
// tick 1
// tick 2
// slower tick: true
// no tick after Stop
// stop: true
// no stale value after Stop
// reset fired
// recovered: non-positive interval for NewTicker
