// time.NewTimer: t.C fires once; Stop reports whether it stopped a pending
// timer; Reset re-arms a stopped one.
package main

import (
	"fmt"
	"time"
)

func main() {
	t := time.NewTimer(20 * time.Millisecond)
	<-t.C
	fmt.Println("fired")
	fmt.Println("stop after firing:", t.Stop())

	slow := time.NewTimer(time.Hour)
	fmt.Println("stop a pending timer:", slow.Stop())
	slow.Reset(5 * time.Millisecond)
	select {
	case <-slow.C:
		fmt.Println("reset timer fired")
	case <-time.After(time.Second):
		fmt.Println("timeout")
	}
}
