// os.Exit(0) from a nested call stops the program successfully.
package main

import (
	"fmt"
	"os"
)

func finish(code int) {
	fmt.Println("finishing")
	os.Exit(code)
}

func main() {
	for i := 0; i < 10; i++ {
		if i == 2 {
			finish(0)
		}
		fmt.Println(i)
	}
}
