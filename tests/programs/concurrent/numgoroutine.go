// runtime.NumGoroutine counts live goroutines as they start and finish.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	fmt.Println(runtime.NumGoroutine())
	release := make(chan bool)
	done := make(chan bool)
	for i := 0; i < 5; i++ {
		go func() {
			<-release
			done <- true
		}()
	}
	fmt.Println(runtime.NumGoroutine())
	close(release)
	for i := 0; i < 5; i++ {
		<-done
	}
	runtime.Gosched()
	fmt.Println(runtime.NumGoroutine() <= 6)
}
