// Printf verbs: %v %+v %d %s %q %c %t %f %.2f %x %X %o %b %e %g %T %p-free %%.
package main

import "fmt"

type Point struct {
	X, Y int
	Tag  string
}

func main() {
	p := Point{1, -2, "pt"}
	fmt.Printf("%v|%+v\n", p, p)
	fmt.Printf("%d %d %d\n", 42, -7, int64(1)<<40)
	fmt.Printf("%s|%q|%q\n", "go", "say \"hi\"\n", 'x')
	fmt.Printf("%c%c%c\n", 'G', 'o', 0x4E16)
	fmt.Printf("%t %t\n", true, 3 > 4)
	fmt.Printf("%f %.2f %.0f %.3f\n", 3.14159, 3.14159, 2.5, -0.0005)
	fmt.Printf("%x %X %x %x\n", 255, 255, "hi", -1)
	fmt.Printf("%o %b %08b\n", 8, 5, 5)
	fmt.Printf("%e %g %g %g\n", 123456.789, 123456.789, 1e21, 0.000012)
	fmt.Printf("%T %T %T %T %T %T\n", p, &p, []int{}, map[string]bool{}, 'a', nil)
	fmt.Printf("100%%\n")
	fmt.Printf("%v %v %v\n", []int{1, 2}, map[string]int{"b": 2, "a": 1}, [2]string{"x", "y"})
	fmt.Printf("%d %s\n", []int{1, 2}, []string{"a", "b"})
	fmt.Printf("%q\n", []string{"a b", "c"})
	fmt.Printf("%v %d\n", true, true)
	fmt.Printf("%d\n")
	fmt.Printf("%d %d\n", 1, 2, 3)
	fmt.Printf("%z\n", 1)
	fmt.Printf("%s\n", 42)
	fmt.Printf("%x\n", 3.5)
	fmt.Printf("%v\n", nil)
}
