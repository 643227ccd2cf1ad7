// no race: each stage owns a value after receiving it and before sending it on.
package main

import "fmt"

type Order struct {
	ID    int
	Total int
	Tax   int
}

func main() {
	orders := make(chan *Order)
	taxed := make(chan *Order)
	go func() {
		for i := 1; i <= 3; i++ {
			orders <- &Order{ID: i, Total: i * 100}
		}
		close(orders)
	}()
	go func() {
		for o := range orders {
			o.Tax = o.Total / 10
			taxed <- o
		}
		close(taxed)
	}()
	for o := range taxed {
		o.Total += o.Tax
		fmt.Println(o.ID, o.Total)
	}
}
