// One variable assigned a call that returns two values: an assignment mismatch.
package main

import "strconv"

func two() (int, int) { return 1, 2 }

func main() {
	x := strconv.Atoi("1")
	var z int
	z = two()
	w := two() + 1
	_, _, _ = x, z, w
}
