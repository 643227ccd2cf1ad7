// runtime.GC is a scheduling point: with one P, a goroutine that is ready runs
// while main waits for the collection (Go parks the caller until the cycle
// ends), so a loop that calls runtime.GC does not starve it.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	runtime.GOMAXPROCS(1)
	done := make(chan bool, 1)
	go func() {
		fmt.Println("other goroutine ran")
		done <- true
	}()
	runtime.GC()
	fmt.Println("main after GC")
	<-done
	ready := make(chan bool, 1)
	go func() { ready <- true }()
	for n := 0; ; n++ {
		select {
		case <-ready:
			fmt.Println("the other goroutine ran; collections so far:", n)
			return
		default:
		}
		runtime.GC()
	}
}
