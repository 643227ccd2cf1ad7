// delete removes map entries; deleting a missing key or from a nil map is a no-op.
package main

import "fmt"

func main() {
	m := map[string]int{"a": 1, "b": 2, "c": 3}
	delete(m, "b")
	fmt.Println(m, len(m))
	delete(m, "zzz")
	fmt.Println(len(m))
	var nm map[string]int
	delete(nm, "a")
	fmt.Println(nm == nil)
	for k := range m {
		delete(m, k)
	}
	fmt.Println(m, len(m))
	m["d"] = 4
	fmt.Println(m)
}
