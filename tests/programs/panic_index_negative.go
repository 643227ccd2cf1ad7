// A negative computed index panics with "index out of range [-1]".
package main

import "fmt"

func main() {
	arr := [4]string{"a", "b", "c", "d"}
	i := 3
	for j := 0; j < 4; j++ {
		i--
	}
	fmt.Println("i is", i)
	fmt.Println(arr[i])
}
