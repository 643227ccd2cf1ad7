// Towers of Hanoi: recursion with a closure counting the moves.
package main

import "fmt"

func main() {
	moves := 0
	var hanoi func(n int, from, to, via string)
	hanoi = func(n int, from, to, via string) {
		if n == 0 {
			return
		}
		hanoi(n-1, from, via, to)
		moves++
		if n >= 3 {
			fmt.Printf("move disk %d %s -> %s\n", n, from, to)
		}
		hanoi(n-1, via, to, from)
	}
	hanoi(4, "A", "C", "B")
	fmt.Println("moves:", moves)
	moves = 0
	hanoi(12, "A", "C", "B")
	fmt.Println("moves for 12:", moves)
}
