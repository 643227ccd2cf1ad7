// select with a send case and a receive case on different channels.
package main

import "fmt"

func main() {
	in := make(chan int)
	out := make(chan int, 5)
	go func() {
		for i := 0; i < 3; i++ {
			in <- i
		}
		close(in)
	}()
	sent := 0
	for recv := 0; recv < 3; {
		select {
		case v := <-in:
			recv++
			fmt.Println("in", v)
		case out <- sent:
			sent++
		}
		if sent == 5 {
			break
		}
	}
	close(out)
	n := 0
	for range out {
		n++
	}
	fmt.Println("out had", n == sent)
}
