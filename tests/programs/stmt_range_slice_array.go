// range over slices and arrays: index only, index and value, value copies, blank.
package main

import "fmt"

func main() {
	s := []string{"a", "b", "c"}
	for i := range s {
		fmt.Print(i)
	}
	fmt.Println()
	for i, v := range s {
		fmt.Print(i, "=", v, " ")
	}
	fmt.Println()
	arr := [4]int{1, 2, 3, 4}
	total := 0
	for _, v := range arr {
		total += v
	}
	fmt.Println(total)
	// The range expression is evaluated once: appending inside does not extend the loop.
	nums := []int{1, 2, 3}
	for _, v := range nums {
		nums = append(nums, v*10)
	}
	fmt.Println(nums)
	// Ranging over an array copies it; writes during the loop are not seen.
	a := [3]int{1, 2, 3}
	for i, v := range a {
		a[2] = 100
		fmt.Print(i, v, " ")
	}
	fmt.Println(a)
	for range s {
		total++
	}
	fmt.Println(total)
}
