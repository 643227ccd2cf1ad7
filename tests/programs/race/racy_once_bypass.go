// race: one goroutine initialises through sync.Once, another reads directly.
package main

import (
	"fmt"
	"sync"
	"time"
)

var (
	once  sync.Once
	table map[string]int
)

func setup() {
	table = map[string]int{"one": 1}
}

func main() {
	go func() { once.Do(setup) }()
	time.Sleep(20 * time.Millisecond)
	if table != nil {
		fmt.Println(table["one"])
	}
}
