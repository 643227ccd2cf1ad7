// A select loop serving data until a quit channel closes.
package main

import "fmt"

func main() {
	data := make(chan int)
	quit := make(chan bool)
	go func() {
		for i := 1; i <= 5; i++ {
			data <- i
		}
		close(quit)
	}()
	total := 0
	for {
		select {
		case v := <-data:
			total += v
			fmt.Println("data", v)
		case <-quit:
			fmt.Println("quit, total", total)
			return
		}
	}
}
