// no race: requests carry their own reply channel.
package main

import "fmt"

type request struct {
	n     int
	reply chan int
}

func main() {
	reqs := make(chan request)
	go func() {
		for r := range reqs {
			r.reply <- r.n * 2
		}
	}()
	total := 0
	for i := 1; i <= 3; i++ {
		r := request{n: i, reply: make(chan int)}
		reqs <- r
		total += <-r.reply
	}
	close(reqs)
	fmt.Println(total)
}
