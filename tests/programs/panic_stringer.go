// A panic value that is an error prints its Error text.
package main

import "fmt"

type ErrBad struct{ Code int }

func (e ErrBad) Error() string { return fmt.Sprintf("bad thing %d", e.Code) }

func main() {
	fmt.Println("working")
	var err error = ErrBad{7}
	panic(err)
}
