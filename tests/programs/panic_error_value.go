// panic with an error value prints the error's message.
package main

import (
	"errors"
	"fmt"
)

func main() {
	fmt.Println("start")
	panic(errors.New("something broke"))
}
