// range over a map; keys are sorted before printing so the output is deterministic.
package main

import (
	"fmt"
	"sort"
)

func main() {
	ages := map[string]int{"carol": 41, "alice": 30, "bob": 25}
	keys := make([]string, 0, len(ages))
	sum := 0
	for k, v := range ages {
		keys = append(keys, k)
		sum += v
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Println(k, ages[k])
	}
	fmt.Println("sum", sum)
	n := 0
	for range ages {
		n++
	}
	fmt.Println(n)
	// Deleting during iteration is allowed.
	for k := range ages {
		if k != "bob" {
			delete(ages, k)
		}
	}
	fmt.Println(ages)
}
