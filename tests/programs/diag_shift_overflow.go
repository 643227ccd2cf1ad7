// A shifted untyped constant must fit the type the context gives the shift.
package main

func main() {
	var s uint = 1
	var u uint8 = 256 << s
	var v uint = -1 << s
	_, _ = u, v
}
