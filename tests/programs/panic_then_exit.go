// os.Exit in a deferred call during a panic ends the program with that status.
package main

import (
	"fmt"
	"os"
)

func main() {
	defer func() {
		if r := recover(); r != nil {
			fmt.Println("fatal:", r)
			os.Exit(4)
		}
	}()
	var m map[string][]int
	m["k"] = append(m["k"], 1)
}
