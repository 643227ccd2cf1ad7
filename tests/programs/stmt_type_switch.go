// Type switches: single types, lists of types, nil, default, and the bound variable.
package main

import "fmt"

type Stringer interface{ String() string }

type Name string

func (n Name) String() string { return "Name(" + string(n) + ")" }

func describe(x interface{}) string {
	switch v := x.(type) {
	case nil:
		return "nil"
	case int:
		return fmt.Sprintf("int %d", v+1)
	case string:
		return "string " + v
	case bool, float64:
		return fmt.Sprintf("bool or float %v", v)
	case Stringer:
		return "stringer " + v.String()
	case []int:
		return fmt.Sprintf("slice of %d", len(v))
	case error:
		return "error " + v.Error()
	default:
		return fmt.Sprintf("other %T", v)
	}
}

func main() {
	vals := []interface{}{nil, 41, "go", true, 2.5, Name("ann"), []int{1, 2}, fmt.Errorf("bad"), 'r', struct{}{}}
	for _, v := range vals {
		fmt.Println(describe(v))
	}
	var e interface{} = 3
	switch e.(type) {
	case int:
		fmt.Println("plain type switch")
	}
}
