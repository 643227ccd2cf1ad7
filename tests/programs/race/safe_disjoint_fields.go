// no race: two goroutines write different fields of one struct.
package main

import (
	"fmt"
	"sync"
)

type Pair struct {
	Left  int
	Right int
}

func main() {
	p := &Pair{}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		p.Left = 1
	}()
	go func() {
		defer wg.Done()
		p.Right = 2
	}()
	wg.Wait()
	fmt.Println(p.Left, p.Right)
}
