// math/rand values stay within their documented ranges (output independent of the generator).
package main

import (
	"fmt"
	"math/rand"
)

func main() {
	rand.Seed(7)
	okIntn, okInt63n, okFloat := true, true, true
	seen := make(map[int]bool)
	for i := 0; i < 1000; i++ {
		n := rand.Intn(10)
		if n < 0 || n >= 10 {
			okIntn = false
		}
		seen[n] = true
		m := rand.Int63n(5)
		if m < 0 || m >= 5 {
			okInt63n = false
		}
		f := rand.Float64()
		if f < 0 || f >= 1 {
			okFloat = false
		}
	}
	fmt.Println(okIntn, okInt63n, okFloat, len(seen))
}
