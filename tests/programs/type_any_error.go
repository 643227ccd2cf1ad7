// interface{}, any and error: custom error types, nil errors, and %v of interfaces.
package main

import (
	"errors"
	"fmt"
)

type NotFound struct{ Key string }

func (e *NotFound) Error() string { return "not found: " + e.Key }

func lookup(m map[string]int, k string) (int, error) {
	v, ok := m[k]
	if !ok {
		return 0, &NotFound{k}
	}
	return v, nil
}

func main() {
	var things []any
	things = append(things, 1, "two", 3.0, nil, []int{4})
	fmt.Println(things, len(things))
	var e interface{} = things[1]
	fmt.Println(e)

	m := map[string]int{"a": 1}
	if _, err := lookup(m, "b"); err != nil {
		fmt.Println("error:", err)
		if nf, ok := err.(*NotFound); ok {
			fmt.Println("key was", nf.Key)
		}
	}
	v, err := lookup(m, "a")
	fmt.Println(v, err, err == nil)
	e1 := errors.New("same text")
	e2 := errors.New("same text")
	fmt.Println(e1 == e2, e1 == e1, e1.Error())
	wrapped := fmt.Errorf("context: %v", e1)
	fmt.Println(wrapped)
}
