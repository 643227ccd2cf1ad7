// Type assertions to concrete and interface types, in the comma-ok and panicking forms.
package main

import "fmt"

type Speaker interface{ Speak() string }

type Cat struct{ name string }

func (c Cat) Speak() string { return c.name + " says meow" }

func main() {
	var x interface{} = "hello"
	s := x.(string)
	fmt.Println(s)
	n, ok := x.(int)
	fmt.Println(n, ok)
	s2, ok := x.(string)
	fmt.Println(s2, ok)

	var y interface{} = Cat{"tom"}
	if sp, ok := y.(Speaker); ok {
		fmt.Println(sp.Speak())
	}
	_, ok = x.(Speaker)
	fmt.Println(ok)
	c := y.(Cat)
	fmt.Println(c.name)
	var none interface{}
	v, ok := none.(int)
	fmt.Println(v, ok)
	var sp Speaker = Cat{"kit"}
	fmt.Println(sp.(Cat).name)
}
