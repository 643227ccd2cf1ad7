// Methods on value and pointer receivers; automatic address-taking and dereference.
package main

import "fmt"

type Counter struct {
	name string
	n    int
}

func (c Counter) Value() int { return c.n }

func (c *Counter) Inc() { c.n++ }

func (c Counter) TryInc() { c.n++ }

type Celsius float64

func (c Celsius) Fahrenheit() float64 { return float64(c)*9/5 + 32 }

func main() {
	c := Counter{name: "hits"}
	c.Inc()
	c.Inc()
	c.TryInc()
	fmt.Println(c.name, c.Value())
	p := &c
	p.Inc()
	fmt.Println(p.Value(), c.n)
	fmt.Println(Celsius(100).Fahrenheit())
	f := c.Value
	c.Inc()
	fmt.Println(f(), c.Value())
}
