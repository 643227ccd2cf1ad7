// goto: forward out of loops and switches, backward to make a loop, inside a
// function literal, and to a label on a loop (continue and break still work).
package main

import "fmt"

func find(xs []int, want int) (idx int) {
	for i, x := range xs {
		if x == want {
			idx = i
			goto found
		}
	}
	return -1
found:
	return idx
}

func main() {
	for i := 0; i < 3; i++ {
		if i == 1 {
			goto done
		}
		fmt.Println("i", i)
	}
done:
	fmt.Println("done")

	n := 0
loop:
	n++
	if n < 3 {
		goto loop
	}
	fmt.Println("n", n)

	func() {
		goto inner
	inner:
		fmt.Println("inner")
	}()

	switch {
	case n == 3:
		goto out
	}
	fmt.Println("not printed")
out:
	var y = 4
	fmt.Println("out", y, find([]int{5, 6, 7}, 6), find(nil, 1))

	k := 0
outer:
	for ; k < 10; k++ {
		switch {
		case k == 1:
			continue outer
		case k == 3:
			break outer
		}
		fmt.Println("k", k)
	}
	if k == 3 {
		k = 10
		goto outer
	}
	fmt.Println("end", k)
}
