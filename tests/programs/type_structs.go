// Structs: literals, field access, comparison, anonymous structs, nested structs, copies.
package main

import "fmt"

type Address struct {
	City string
	Zip  int
}

type Person struct {
	Name    string
	Age     int
	Address Address
	Tags    []string
}

func birthday(p Person) Person {
	p.Age++
	return p
}

func main() {
	p := Person{Name: "Ada", Age: 36, Address: Address{"London", 1}}
	q := p
	q.Name = "Bob"
	q.Address.City = "Paris"
	fmt.Println(p.Name, p.Address.City, q.Name, q.Address.City)
	older := birthday(p)
	fmt.Println(p.Age, older.Age)
	fmt.Println(Address{"A", 1} == Address{"A", 1}, Address{"A", 1} == Address{"B", 1})
	pt := struct {
		X, Y int
	}{3, 4}
	fmt.Println(pt, pt.X*pt.Y)
	fmt.Printf("%v\n%+v\n", p, p)
	var zero Person
	fmt.Printf("%+v %v\n", zero, zero.Tags == nil)
	pp := &p
	pp.Age = 40
	fmt.Println(p.Age, (*pp).Name)
}
