// Locking a sync.Mutex twice in the same goroutine deadlocks (mutexes are not reentrant).
package main

import (
	"fmt"
	"sync"
)

func main() {
	var mu sync.Mutex
	mu.Lock()
	fmt.Println("locked once")
	mu.Lock()
	fmt.Println("never")
}
