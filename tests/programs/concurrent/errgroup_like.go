// Collect the first error from a group of goroutines via a buffered channel.
package main

import (
	"errors"
	"fmt"
	"sync"
)

func check(n int) error {
	if n%4 == 3 {
		return errors.New("bad input")
	}
	return nil
}

func main() {
	errs := make(chan error, 10)
	var wg sync.WaitGroup
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			if err := check(i); err != nil {
				errs <- fmt.Errorf("item %d: %w", i, err)
			}
		}(i)
	}
	wg.Wait()
	close(errs)
	n := 0
	for err := range errs {
		if err != nil {
			n++
		}
	}
	fmt.Println("errors:", n)
}
