// Labelled break and continue out of nested loops and a switch.
package main

import "fmt"

func main() {
outer:
	for i := 0; i < 4; i++ {
		for j := 0; j < 4; j++ {
			if j == 2 {
				continue outer
			}
			if i == 3 {
				break outer
			}
			fmt.Print(i, j, " ")
		}
	}
	fmt.Println()

loop:
	for n := 0; ; n++ {
		switch {
		case n == 5:
			break loop
		case n%2 == 0:
			continue loop
		}
		fmt.Print(n, " ")
	}
	fmt.Println()

next:
	for n := 2; n < 30; n++ {
		for d := 2; d*d <= n; d++ {
			if n%d == 0 {
				continue next
			}
		}
		fmt.Print(n, " ")
	}
	fmt.Println()
}
