// Counting primes by trial division: a small CPU-bound program with a labelled continue.
package main

import "fmt"

func main() {
	const limit = 20000
	count := 0
	last := 0
next:
	for n := 2; n < limit; n++ {
		for d := 2; d*d <= n; d++ {
			if n%d == 0 {
				continue next
			}
		}
		count++
		last = n
	}
	fmt.Printf("%d primes below %d, the largest is %d\n", count, limit, last)
}
