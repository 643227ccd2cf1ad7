package main

import (
	"fmt"
	"sync"
	"time"
)

func producer(n int, ch chan<- int, wg *sync.WaitGroup) {
	defer wg.Done()
	for i := 0; i < n; i++ {
		ch <- i
	}
}

func main() {
	ch := make(chan int, 4)
	var wg sync.WaitGroup
	wg.Add(2)
	go producer(5, ch, &wg)
	go producer(5, ch, &wg)
	go func() {
		wg.Wait()
		close(ch)
	}()
	sum := 0
	for v := range ch {
		sum += v
	}
	fmt.Println("sum", sum)

	var mu sync.Mutex
	count := 0
	var wg2 sync.WaitGroup
	for i := 0; i < 50; i++ {
		wg2.Add(1)
		go func() {
			defer wg2.Done()
			mu.Lock()
			count++
			mu.Unlock()
		}()
	}
	wg2.Wait()
	fmt.Println("count", count)

	done := make(chan struct{})
	results := make(chan string)
	go func() {
		for i := 0; i < 3; i++ {
			results <- fmt.Sprint("r", i)
		}
		close(done)
	}()
	for {
		select {
		case r := <-results:
			fmt.Println(r)
			continue
		case <-done:
			fmt.Println("done")
		}
		break
	}
	select {
	case v, ok := <-results:
		fmt.Println("unexpected", v, ok)
	case <-time.After(10 * time.Millisecond):
		fmt.Println("timeout")
	}
	unbuf := make(chan int)
	go func() { unbuf <- 42 }()
	fmt.Println(<-unbuf)
	var once sync.Once
	for i := 0; i < 3; i++ {
		once.Do(func() { fmt.Println("once") })
	}
}
