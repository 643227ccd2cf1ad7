// A defined pointer type has no methods: `type PS *T` does not give PS T's.
package main

type dch struct{ req int }

func (d *dch) M() {}

type PS *dch

func main() {
	var z PS = &dch{}
	z.M()
}
