// A recovered runtime error is an error value; its Error text matches the panic message.
package main

import "fmt"

func main() {
	defer func() {
		r := recover()
		if err, ok := r.(error); ok {
			fmt.Println("error:", err.Error())
		}
		fmt.Printf("%T\n", r == nil)
	}()
	a, b := 1, 0
	fmt.Println(a / b)
}
