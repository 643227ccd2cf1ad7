// float64 and float32 arithmetic, conversion and default formatting.
package main

import "fmt"

func main() {
	a := 0.1
	b := 0.2
	fmt.Println(a+b, a*3, 1.0/3.0)
	var f32 float32 = 0.1
	fmt.Println(f32, float64(f32), f32*3)
	fmt.Println(1e21, 1e20, 123456789.0, 0.000001, 0.0000001)
	fmt.Println(3.0, -2.5, 100.0/8)
	x := 7
	fmt.Println(float64(x)/2, x/2, int(float64(x)/2))
	var z float64
	fmt.Println(1/(z+1), -z)
	fmt.Printf("%v %.3f %f %.0f\n", 2.0/3, 2.0/3, 1e6, 2.5)
	fmt.Printf("%T %T\n", a, f32)
}
