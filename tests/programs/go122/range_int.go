// range over an integer (Go 1.22): 0 up to n-1, none when n <= 0.
package main

import "fmt"

func main() {
	for i := range 4 {
		fmt.Print(i, " ")
	}
	fmt.Println()
	n := 0
	for range 3 {
		n++
	}
	fmt.Println(n)
	for i := range -2 {
		fmt.Println("never", i)
	}
	total := 0
	for i := range int8(5) {
		total += int(i)
	}
	fmt.Println(total)
}

// Output:
// 0 1 2 3 
// 3
// 10
