// A go statement may call a library function directly.
package main

import (
	"fmt"
	"time"
)

func main() {
	go fmt.Println("hello from a goroutine", 42)
	time.Sleep(10 * time.Millisecond)
	done := make(chan bool)
	go close(done)
	<-done
	fmt.Println("main done")
}
