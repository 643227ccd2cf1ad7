// A field through a defined pointer type: with `type PS *T`, x.f is (*x).f.
package main

import "fmt"

type dch struct {
	req int
	in  struct{ n int }
}

type PS *dch

func get(p PS) int { return p.req + p.in.n }

func main() {
	var z PS = &dch{req: 3}
	z.req = 4
	z.in.n = 2
	z.req++
	fmt.Println(z.req, (*z).req, get(z))
	q := &z.req
	*q = 10
	fmt.Println(z.req)
}
