// panic and recover as builtins: recover returns nil when not panicking, and any value otherwise.
package main

import "fmt"

func try(v interface{}) (got interface{}) {
	defer func() { got = recover() }()
	panic(v)
}

func main() {
	fmt.Println(recover())
	fmt.Println(try("text"))
	fmt.Println(try(12))
	fmt.Println(try(fmt.Errorf("err %d", 3)))
	fmt.Printf("%T\n", try(3.5))
}
