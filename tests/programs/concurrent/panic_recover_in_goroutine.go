// A goroutine can recover its own panic; the program continues.
package main

import (
	"fmt"
	"sync"
)

func safeDiv(a, b int, wg *sync.WaitGroup, out *int) {
	defer wg.Done()
	defer func() {
		if r := recover(); r != nil {
			fmt.Println("recovered:", r)
			*out = -1
		}
	}()
	*out = a / b
}

func main() {
	var wg sync.WaitGroup
	var x, y int
	wg.Add(1)
	go safeDiv(10, 2, &wg, &x)
	wg.Wait()
	wg.Add(1)
	go safeDiv(1, 0, &wg, &y)
	wg.Wait()
	fmt.Println(x, y)
}
