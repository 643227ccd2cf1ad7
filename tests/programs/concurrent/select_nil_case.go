// A nil channel disables its select case: merge two channels until both are done.
package main

import "fmt"

func gen(start, n int) chan int {
	ch := make(chan int)
	go func() {
		for i := 0; i < n; i++ {
			ch <- start + i
		}
		close(ch)
	}()
	return ch
}

func main() {
	a, b := gen(0, 3), gen(100, 4)
	sum, count := 0, 0
	for a != nil || b != nil {
		select {
		case v, ok := <-a:
			if !ok {
				a = nil
				continue
			}
			sum += v
			count++
		case v, ok := <-b:
			if !ok {
				b = nil
				continue
			}
			sum += v
			count++
		}
	}
	fmt.Println(count, sum)
}
