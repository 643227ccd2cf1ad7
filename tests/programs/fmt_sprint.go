// Sprint, Sprintf, Sprintln and Errorf build strings and errors.
package main

import "fmt"

func main() {
	a := fmt.Sprint("x", 1, 2, "y")
	b := fmt.Sprintf("%d-%s", 7, "seven")
	c := fmt.Sprintln("line", 3)
	fmt.Printf("%q %q %q\n", a, b, c)
	err := fmt.Errorf("failed after %d tries: %s", 3, "timeout")
	fmt.Println(err)
	fmt.Println(err.Error() == "failed after 3 tries: timeout")
	fmt.Printf("%T\n", err)
	s := fmt.Sprint()
	fmt.Println(len(s))
	fmt.Println(fmt.Sprint(3.0, 2.5, float32(0.1)))
	fmt.Println(fmt.Sprintf("%v", []interface{}{1, "a", 2.5, true}))
}
