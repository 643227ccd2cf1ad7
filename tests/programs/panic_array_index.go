// Indexing an array with a variable out of range panics at run time.
package main

import "fmt"

func main() {
	var arr [3]int
	for i := 0; i <= 3; i++ {
		arr[i] = i * i
		fmt.Println(arr[i])
	}
}
