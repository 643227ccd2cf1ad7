// math/rand with a fixed seed gives the same sequence every run (Go 1.19's generator).
package main

import (
	"fmt"
	"math/rand"
)

func main() {
	rand.Seed(42)
	for i := 0; i < 5; i++ {
		fmt.Print(rand.Intn(100), " ")
	}
	fmt.Println()
	fmt.Println(rand.Int63n(1000000))
	fmt.Printf("%.6f\n", rand.Float64())
	rand.Seed(42)
	fmt.Println(rand.Intn(100))
}
