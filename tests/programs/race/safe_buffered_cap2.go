// no race: capacity 2, the k-th receive happens before the (k+2)-th send.
package main

import "fmt"

func main() {
	slots := make(chan int, 2)
	var log [4]int
	done := make(chan bool)
	go func() {
		for i := 0; i < 4; i++ {
			v := <-slots
			log[v] = v * 10
		}
		done <- true
	}()
	for i := 0; i < 4; i++ {
		slots <- i
	}
	<-done
	fmt.Println(log)
}
