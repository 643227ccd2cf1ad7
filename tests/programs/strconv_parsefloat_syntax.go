// strconv.ParseFloat reads Go's number syntax: underscores between digits,
// hexadecimal floats with a p exponent, and rejects the malformed ones.
package main

import (
	"fmt"
	"strconv"
)

func main() {
	for _, s := range []string{"1_0.5", "0x1.8p1", "-0x_1p-2", "0x1p-1074", "0x1.fffffffffffff8p0", "_1", "1_", "1__0", "0x1.8", "0x1p", "0X1P+3", "0x.8p0", "1e1_0", "0x1p1_0", "+Inf", "infinity", "0x1p128", "1e400"} {
		f, err := strconv.ParseFloat(s, 64)
		g, err2 := strconv.ParseFloat(s, 32)
		fmt.Println(s, f, err, g, err2)
	}
}
