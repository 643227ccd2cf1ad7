// range over a channel ends when it is closed and drained.
package main

import "fmt"

func producer(n int) <-chan int {
	ch := make(chan int, 2)
	go func() {
		defer close(ch)
		for i := 0; i < n; i++ {
			ch <- i * 10
		}
	}()
	return ch
}

func main() {
	sum := 0
	for v := range producer(6) {
		fmt.Println("got", v)
		sum += v
	}
	fmt.Println("sum", sum)
}
