// racy: the lost-update counter: 2 goroutines x 1,000,000 plain x++ on one
// shared variable, no lock and no atomic (a data race on purpose). GOMAXPROCS
// comes from the environment (GOMAXPROCS=N for Go, lab run --parallel
// --gomaxprocs N). With two Ps running at once increments are lost, so the
// total varies from run to run; 2000000 means none was lost.
package main

import (
	"fmt"
	"sync"
)

var x int

func main() {
	var wg sync.WaitGroup
	for g := 0; g < 2; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 1000000; i++ {
				x++
			}
		}()
	}
	wg.Wait()
	fmt.Println(x)
}
