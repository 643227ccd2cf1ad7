// A constant index out of range of an array is a compile error.
package main

import "fmt"

func main() {
	arr := [3]int{1, 2, 3}
	fmt.Println(arr[5])
}
