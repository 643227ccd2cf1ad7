// Unlocking an unlocked mutex is a fatal error, not a panic.
package main

import (
	"fmt"
	"sync"
)

func main() {
	var mu sync.Mutex
	mu.Lock()
	mu.Unlock()
	fmt.Println("ok")
	mu.Unlock()
}
