// The slices, maps and cmp packages (Go 1.21, with the iterators of Go
// 1.23: maps.Keys, slices.Sorted, slices.All). Go 1.19 has none of them
// (they were golang.org/x/exp), so the output below is written by hand,
// from the packages' documentation.
package main

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
)

type Person struct {
	Name string
	Age  int
}

func main() {
	xs := []int{5, 2, 8, 1, 9, 3}
	slices.Sort(xs)
	fmt.Println(xs, slices.Contains(xs, 8), slices.Index(xs, 9))
	i, found := slices.BinarySearch(xs, 5)
	fmt.Println(i, found, slices.Max(xs), slices.Min(xs))
	m := map[string]int{"b": 2, "a": 1, "c": 3}
	keys := slices.Sorted(maps.Keys(m))
	fmt.Println(keys)
	people := []Person{{"Alice", 30}, {"Bob", 25}, {"Carol", 35}}
	slices.SortFunc(people, func(a, b Person) int { return cmp.Compare(a.Age, b.Age) })
	fmt.Println(people)
	slices.SortStableFunc(people, func(a, b Person) int { return cmp.Compare(b.Name, a.Name) })
	fmt.Println(people)
	ys := slices.Clone(xs)
	slices.Reverse(ys)
	fmt.Println(ys, xs)
	ys = slices.Insert(ys, 1, 100, 200)
	fmt.Println(ys)
	ys = slices.Delete(ys, 0, 2)
	fmt.Println(ys, len(ys))
	fmt.Println(slices.Compact([]int{1, 1, 2, 2, 2, 3, 1}))
	fmt.Println(slices.Equal(xs, []int{1, 2, 3, 5, 8, 9}))
	for i, v := range slices.All([]string{"x", "y"}) {
		fmt.Println(i, v)
	}
	fmt.Println(cmp.Compare(1, 2), cmp.Compare("b", "a"), cmp.Or("", "def"))
	c := maps.Clone(m)
	c["d"] = 4
	fmt.Println(len(m), len(c), maps.Equal(m, c))
	fmt.Println(slices.Collect(maps.Values(map[int]int{1: 10})))
	big := []int{15, 3, 9, 12, 1, 7, 14, 2, 8, 11, 5, 13, 4, 10, 6}
	slices.Sort(big)
	fmt.Println(big, slices.IsSorted(big))
}

// Output:
// [1 2 3 5 8 9] true 5
// 3 true 9 1
// [a b c]
// [{Bob 25} {Alice 30} {Carol 35}]
// [{Carol 35} {Bob 25} {Alice 30}]
// [9 8 5 3 2 1] [1 2 3 5 8 9]
// [9 100 200 8 5 3 2 1]
// [200 8 5 3 2 1] 6
// [1 2 3 1]
// true
// 0 x
// 1 y
// -1 1 def
// 3 4 false
// [10]
// [1 2 3 4 5 6 7 8 9 10 11 12 13 14 15] true
