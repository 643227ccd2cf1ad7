// main returning ends the program while other goroutines are still blocked.
package main

import "fmt"

func main() {
	block := make(chan int)
	for i := 0; i < 3; i++ {
		go func() {
			<-block
			fmt.Println("never")
		}()
	}
	fmt.Println("main returns")
}
