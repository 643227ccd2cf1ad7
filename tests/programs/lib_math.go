// The math package: trigonometry, logarithms, rounding, special values and
// the bits of floats, as printed by fmt.
package main

import (
	"fmt"
	"math"
)

func main() {
	fmt.Println(math.Sin(math.Pi/2), math.Cos(0), math.Atan2(1, 1)*4 == math.Pi)
	fmt.Println(math.Log(math.E), math.Log2(1024), math.Log10(0.001), math.Exp(0))
	fmt.Println(math.Hypot(3, 4), math.Cbrt(27), math.Mod(7, -3), math.Mod(-7, 3))
	fmt.Println(math.Trunc(-2.7), math.Round(-2.5), math.RoundToEven(2.5), math.Round(2.4999))
	fmt.Println(math.Inf(1), math.Inf(-1), math.IsNaN(math.NaN()), math.IsInf(math.Inf(-1), -1))
	fmt.Println(math.Signbit(math.Copysign(0, -1)), math.Dim(5, 3), math.Dim(3, 5))
	i, f := math.Modf(-3.25)
	fmt.Println(i, f)
	fmt.Printf("%#x %v %#x\n", math.Float64bits(1.0), math.Float64frombits(0x4000000000000000), math.Float32bits(1.5))
	fmt.Println(math.MaxFloat32, math.SmallestNonzeroFloat64, math.Sqrt2, math.Phi)
	fmt.Println(math.Sqrt(-1), math.Log(-1), math.Log(0))
	var x float32 = math.Float32frombits(0x40490fdb)
	fmt.Println(x)
}
