// close: receivers drain buffered values, then get zero values with ok == false.
package main

import "fmt"

func main() {
	ch := make(chan string, 2)
	ch <- "a"
	ch <- "b"
	close(ch)
	v, ok := <-ch
	fmt.Println(v, ok)
	v, ok = <-ch
	fmt.Println(v, ok)
	v, ok = <-ch
	fmt.Printf("%q %v\n", v, ok)
	fmt.Println(len(ch), cap(ch))
	nums := make(chan int)
	close(nums)
	fmt.Println(<-nums)
}
