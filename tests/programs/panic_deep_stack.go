// A panic deep in a call chain unwinds every frame's defers in order.
package main

import "fmt"

func level(n int) {
	defer fmt.Println("leaving level", n)
	if n == 3 {
		var arr []int
		idx := n * 2
		fmt.Println(arr[idx])
	}
	level(n + 1)
}

func main() {
	level(1)
}
