// Generics meet concurrency: a generic fan-in of channels and a generic
// parallel map that keeps the order of its input.
package main

import (
	"fmt"
	"sort"
	"sync"
)

func Generate[T any](xs ...T) <-chan T {
	c := make(chan T)
	go func() {
		defer close(c)
		for _, x := range xs {
			c <- x
		}
	}()
	return c
}

func Merge[T any](cs ...<-chan T) <-chan T {
	out := make(chan T)
	var wg sync.WaitGroup
	wg.Add(len(cs))
	for _, c := range cs {
		go func(c <-chan T) {
			defer wg.Done()
			for x := range c {
				out <- x
			}
		}(c)
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	return out
}

func ParallelMap[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, len(xs))
	var wg sync.WaitGroup
	for i, x := range xs {
		wg.Add(1)
		go func(i int, x T) {
			defer wg.Done()
			out[i] = f(x) // each goroutine writes its own element: no race
		}(i, x)
	}
	wg.Wait()
	return out
}

type Result[T any] struct {
	Val T
	Err error
}

func main() {
	var got []int
	for x := range Merge(Generate(1, 2, 3), Generate(10, 20)) {
		got = append(got, x)
	}
	sort.Ints(got) // the order of a fan-in depends on the schedule
	fmt.Println(got)

	sq := ParallelMap([]int{1, 2, 3, 4}, func(x int) int { return x * x })
	fmt.Println(sq)

	rs := make(chan Result[string], 2)
	rs <- Result[string]{Val: "ok"}
	rs <- Result[string]{Err: fmt.Errorf("failed")}
	close(rs)
	for r := range rs {
		fmt.Printf("%+v\n", r)
	}
}
