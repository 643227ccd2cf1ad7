// math: Sqrt, Abs, Max, Min, MaxInt64, Pi.
package main

import (
	"fmt"
	"math"
)

func main() {
	fmt.Println(math.Sqrt(2), math.Sqrt(144), math.Sqrt(-1))
	fmt.Println(math.Abs(-3.5), math.Abs(2))
	fmt.Println(math.Max(3, 7), math.Min(3, 7), math.Max(-0.5, -1))
	fmt.Println(math.MaxInt64, math.MinInt64)
	fmt.Println(math.Pi)
	fmt.Printf("%.4f\n", math.Pi*2)
	var big int64 = math.MaxInt64
	fmt.Println(big, big+1 < 0)
	r := 3.0
	fmt.Printf("area %.3f\n", math.Pi*r*r)
	hyp := math.Sqrt(3*3 + 4*4)
	fmt.Println(hyp)
}
