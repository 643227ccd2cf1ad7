// race: two goroutines assign the same error variable.
package main

import (
	"errors"
	"fmt"
	"sync"
)

func main() {
	var err error
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		err = errors.New("first")
	}()
	go func() {
		defer wg.Done()
		err = errors.New("second")
	}()
	wg.Wait()
	fmt.Println(err != nil)
}
