// no race: goroutines fill a struct's fields; main reads after Wait.
package main

import (
	"fmt"
	"strings"
	"sync"
)

type Report struct {
	Upper string
	Words int
}

func main() {
	text := "the race detector"
	var r Report
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		r.Upper = strings.ToUpper(text)
	}()
	go func() {
		defer wg.Done()
		r.Words = len(strings.Fields(text))
	}()
	wg.Wait()
	fmt.Println(r.Upper, r.Words)
}
