// no race: close happens before a receive that returns because of it.
package main

import "fmt"

func main() {
	result := 0
	done := make(chan struct{})
	go func() {
		result = 7 * 6
		close(done)
	}()
	<-done
	fmt.Println(result)
}
