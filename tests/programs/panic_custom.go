// panic with a string value; deferred calls run first, then the program dies with status 2.
package main

import "fmt"

func check(n int) {
	if n > 2 {
		panic(fmt.Sprintf("n too large: %d", n))
	}
	fmt.Println("ok", n)
}

func main() {
	defer fmt.Println("deferred in main runs before the crash")
	for i := 1; i <= 5; i++ {
		check(i)
	}
}
