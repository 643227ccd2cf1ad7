// runtime.Goexit ends the goroutine that calls it after running its
// deferred calls; recover returns nil while it runs, a panic recovered
// during it does not stop it, and when main calls it the program goes on
// until the other goroutines are done.
package main

import (
	"fmt"
	"runtime"
	"sync"
)

func worker(wg *sync.WaitGroup) {
	defer wg.Done()
	defer fmt.Println("worker: deferred runs")
	defer func() { fmt.Println("worker: recover sees", recover()) }()
	func() {
		defer fmt.Println("worker: inner deferred runs")
		runtime.Goexit()
	}()
	fmt.Println("worker: not reached")
}

func panicky(wg *sync.WaitGroup) {
	defer wg.Done()
	defer fmt.Println("panicky: still exiting")
	defer func() { fmt.Println("panicky: recovered", recover()) }()
	defer panic("during Goexit")
	runtime.Goexit()
}

func main() {
	var wg sync.WaitGroup
	wg.Add(1)
	go worker(&wg)
	wg.Wait()
	wg.Add(1)
	go panicky(&wg)
	wg.Wait()

	done := make(chan bool)
	go func() {
		<-done
		fmt.Println("last goroutine: done")
	}()
	defer fmt.Println("main: deferred runs")
	defer close(done)
	runtime.Goexit()
}
