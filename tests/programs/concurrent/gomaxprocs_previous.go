// runtime.GOMAXPROCS returns the previous setting; n < 1 only queries.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	runtime.GOMAXPROCS(3)
	fmt.Println(runtime.GOMAXPROCS(1))
	fmt.Println(runtime.GOMAXPROCS(0))
	fmt.Println(runtime.GOMAXPROCS(-1))
	fmt.Println(runtime.GOMAXPROCS(2))
	fmt.Println(runtime.GOMAXPROCS(0))
}
