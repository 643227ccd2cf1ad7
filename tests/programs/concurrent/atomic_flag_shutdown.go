// A shutdown flag set with atomic.StoreInt64 stops workers that poll it.
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

var shutdown int64

func worker(id int, wg *sync.WaitGroup, rounds *int64) {
	defer wg.Done()
	for {
		atomic.AddInt64(rounds, 1)
		time.Sleep(5 * time.Millisecond)
		if atomic.LoadInt64(&shutdown) == 1 {
			return
		}
	}
}

func main() {
	var wg sync.WaitGroup
	var rounds int64
	wg.Add(2)
	go worker(1, &wg, &rounds)
	go worker(2, &wg, &rounds)
	time.Sleep(50 * time.Millisecond)
	atomic.StoreInt64(&shutdown, 1)
	wg.Wait()
	fmt.Println("shut down; workers ran", atomic.LoadInt64(&rounds) > 2)
}
