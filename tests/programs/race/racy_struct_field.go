// race: a goroutine updates a struct field that main reads.
package main

import (
	"fmt"
	"time"
)

type Stats struct {
	Hits   int
	Misses int
}

func main() {
	st := &Stats{}
	go func() {
		st.Hits++
	}()
	time.Sleep(20 * time.Millisecond)
	fmt.Println("hits:", st.Hits)
}
