// no race: workers return results over a channel; only main touches the sum.
package main

import "fmt"

func main() {
	jobs := make(chan int, 10)
	results := make(chan int, 10)
	for w := 0; w < 3; w++ {
		go func() {
			for j := range jobs {
				results <- j * j
			}
		}()
	}
	for i := 1; i <= 9; i++ {
		jobs <- i
	}
	close(jobs)
	sum := 0
	for i := 0; i < 9; i++ {
		sum += <-results
	}
	fmt.Println(sum)
}
