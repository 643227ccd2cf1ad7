// %v, %+v and %#v of a struct holding sync/atomic types print Go's fields (_ noCopy, _ align64, v), the same in Go 1.19 and 1.26.
package main

import (
	"fmt"
	"sync/atomic"
)

type Stats struct {
	Hits  atomic.Int64
	Ready atomic.Bool
	Miss  atomic.Uint32
	Neg   atomic.Int32
}

func main() {
	var s Stats
	fmt.Printf("%v\n%+v\n", s, s)
	s.Hits.Add(5)
	s.Ready.Store(true)
	s.Miss.Store(7)
	s.Neg.Add(-2)
	fmt.Printf("%+v\n", s)
	fmt.Printf("%#v\n", s.Miss)
	fmt.Println(s.Hits.Load(), s.Ready.Load())
}
