// time.Since measures at least the time slept.
package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	time.Sleep(25 * time.Millisecond)
	d := time.Since(start)
	fmt.Println(d >= 25*time.Millisecond, d < time.Second)
	time.Sleep(0)
	time.Sleep(-5)
	fmt.Println("negative and zero sleeps return at once")
}
