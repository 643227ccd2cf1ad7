// If the function given to Once.Do panics, Do counts as returned: later
// calls return at once without calling it (Go's sync.Once documentation).
package main

import (
	"fmt"
	"sync"
)

func main() {
	var once sync.Once
	for i := 0; i < 2; i++ {
		func() {
			defer func() { fmt.Println("recovered:", recover()) }()
			once.Do(func() { panic("boom") })
			fmt.Println("Do returned")
		}()
	}
}
