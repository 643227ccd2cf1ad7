// sort.Ints, sort.Strings and sort.Slice (with a total order so the result is deterministic).
package main

import (
	"fmt"
	"sort"
)

type Person struct {
	Name string
	Age  int
}

func main() {
	nums := []int{5, 2, 8, -1, 2, 9}
	sort.Ints(nums)
	fmt.Println(nums)
	words := []string{"pear", "Apple", "banana", "apple"}
	sort.Strings(words)
	fmt.Println(words)
	people := []Person{{"Ann", 30}, {"Bob", 25}, {"Cid", 30}, {"Dee", 22}}
	sort.Slice(people, func(i, j int) bool {
		if people[i].Age != people[j].Age {
			return people[i].Age > people[j].Age
		}
		return people[i].Name < people[j].Name
	})
	fmt.Println(people)
	var empty []int
	sort.Ints(empty)
	fmt.Println(empty, len(empty))
	big := make([]int, 0, 100)
	for i := 0; i < 100; i++ {
		big = append(big, (i*37)%101)
	}
	sort.Ints(big)
	fmt.Println(big[:5], big[95:])
}
