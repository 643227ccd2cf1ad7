// Binary search over a sorted slice, and insertion keeping it sorted.
package main

import (
	"fmt"
	"sort"
)

func search(xs []int, target int) (int, bool) {
	lo, hi := 0, len(xs)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if xs[mid] < target {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo, lo < len(xs) && xs[lo] == target
}

func insert(xs []int, v int) []int {
	i, _ := search(xs, v)
	xs = append(xs, 0)
	copy(xs[i+1:], xs[i:])
	xs[i] = v
	return xs
}

func main() {
	xs := []int{42, 7, 19, 3, 88, 23}
	sort.Ints(xs)
	for _, t := range []int{19, 20, 3, 100, 0} {
		i, found := search(xs, t)
		fmt.Println(t, i, found)
	}
	for _, v := range []int{5, 50, 1, 99} {
		xs = insert(xs, v)
	}
	fmt.Println(xs)
}
