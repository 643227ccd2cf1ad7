// A failed assertion from one interface type to another names the missing method.
package main

import "fmt"

type Walker interface{ Walk() string }

type Rock struct{}

func main() {
	var x interface{} = Rock{}
	_, ok := x.(Walker)
	fmt.Println(ok)
	w := x.(Walker)
	fmt.Println(w.Walk())
}
