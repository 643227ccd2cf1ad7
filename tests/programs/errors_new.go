// errors.New creates distinct error values; errors are compared by identity.
package main

import (
	"errors"
	"fmt"
)

var ErrEmpty = errors.New("empty input")

func first(s []string) (string, error) {
	if len(s) == 0 {
		return "", ErrEmpty
	}
	return s[0], nil
}

func main() {
	_, err := first(nil)
	fmt.Println(err, err == ErrEmpty)
	v, err := first([]string{"go"})
	fmt.Println(v, err)
	other := errors.New("empty input")
	fmt.Println(other == ErrEmpty, other.Error() == ErrEmpty.Error())
	fmt.Printf("%v|%s|%q\n", ErrEmpty, ErrEmpty, ErrEmpty)
}
