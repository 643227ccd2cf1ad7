// Slices share backing arrays until append must grow; growth doubles for small slices.
package main

import "fmt"

func main() {
	base := []int{1, 2, 3, 4, 5}
	s := base[1:3]
	fmt.Println(s, len(s), cap(s))
	s[0] = 20
	fmt.Println(base)
	s = append(s, 30)
	fmt.Println(base, s)
	t := base[1:3:3]
	t = append(t, 40)
	t[0] = 200
	fmt.Println(base, t)

	var grow []int
	last := -1
	for i := 0; i < 20; i++ {
		grow = append(grow, i)
		if cap(grow) != last {
			fmt.Print(cap(grow), " ")
			last = cap(grow)
		}
	}
	fmt.Println()

	var nilSlice []string
	fmt.Println(nilSlice == nil, len(nilSlice), nilSlice)
	empty := []string{}
	fmt.Println(empty == nil, len(empty))

	matrix := make([][]int, 3)
	for i := range matrix {
		matrix[i] = make([]int, 3)
		matrix[i][i] = 1
	}
	fmt.Println(matrix)
	x := make([]int, 2, 10)
	y := append(x, 1)
	z := append(x, 2)
	fmt.Println(y, z)
}
