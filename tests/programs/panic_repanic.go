// A panic recovered and raised again is reported with "[recovered]".
package main

import "fmt"

func main() {
	defer func() {
		r := recover()
		fmt.Println("recovered:", r)
		panic(r)
	}()
	panic("first")
}
