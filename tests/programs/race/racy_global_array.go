// race: elements of a global array written by a goroutine, read by main.
package main

import (
	"fmt"
	"time"
)

var grid [3]int

func fill() {
	for i := range grid {
		grid[i] = i * 10
	}
}

func main() {
	go fill()
	time.Sleep(20 * time.Millisecond)
	fmt.Println(grid[2])
}
