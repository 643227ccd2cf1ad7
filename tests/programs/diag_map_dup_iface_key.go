// A map literal with interface keys still rejects a key repeated with the same type and value.
package main

import "fmt"

func main() {
	m := map[interface{}]int{1: 1, int8(1): 2, 1: 3}
	fmt.Println(m)
}
