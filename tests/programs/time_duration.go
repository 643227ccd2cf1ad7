// time.Duration constants, arithmetic and String; Now and Since only checked for sign.
package main

import (
	"fmt"
	"time"
)

func main() {
	fmt.Println(time.Nanosecond, time.Microsecond, time.Millisecond, time.Second, time.Minute, time.Hour)
	d := 1500 * time.Millisecond
	fmt.Println(d, d.String(), int64(d))
	fmt.Println(90*time.Minute, 2*time.Hour+3*time.Second, 0*time.Second)
	fmt.Println(time.Duration(1234567), time.Duration(999), -3*time.Second)
	fmt.Println(d.Seconds(), d.Milliseconds(), time.Minute/time.Second)
	start := time.Now()
	sum := 0
	for i := 0; i < 1000; i++ {
		sum += i
	}
	elapsed := time.Since(start)
	fmt.Println(sum, elapsed >= 0)
	fmt.Printf("%v %T\n", 250*time.Millisecond, d)
}
