// range copies elements; index to modify structs in place; maps hold copies of struct values.
package main

import "fmt"

type Item struct {
	Name string
	Qty  int
}

func main() {
	items := []Item{{"a", 1}, {"b", 2}}
	for _, it := range items {
		it.Qty *= 10
	}
	fmt.Println(items)
	for i := range items {
		items[i].Qty *= 10
	}
	fmt.Println(items)
	m := map[string]Item{"x": {"x", 1}}
	it := m["x"]
	it.Qty = 99
	fmt.Println(m["x"].Qty, it.Qty)
	m["x"] = it
	fmt.Println(m["x"].Qty)
	ptrs := map[string]*Item{"y": {"y", 1}}
	ptrs["y"].Qty = 5
	fmt.Println(*ptrs["y"])
	arr := [2]Item{{"p", 1}, {"q", 2}}
	cp := arr
	cp[0].Name = "changed"
	fmt.Println(arr[0].Name, cp[0].Name)
}
