// race: two goroutines write the same slice element.
package main

import (
	"fmt"
	"sync"
)

func main() {
	s := make([]int, 4)
	var wg sync.WaitGroup
	for g := 1; g <= 2; g++ {
		wg.Add(1)
		go func(v int) {
			defer wg.Done()
			s[0] = v
		}(g)
	}
	wg.Wait()
	fmt.Println(s[0] == 1 || s[0] == 2, len(s))
}
