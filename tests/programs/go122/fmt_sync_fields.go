// %v, %+v and %#v of structs holding sync.Mutex, RWMutex, WaitGroup and Once print Go 1.26's fields.
// Output written by hand: Go 1.24 made sync.Mutex {_ noCopy; mu internal/sync.Mutex}, Go 1.20
// made RWMutex's reader counts atomic.Int32 and WaitGroup's state an atomic.Uint64, Go 1.22-1.24
// made Once {_ noCopy; done atomic.Bool; m Mutex}; Go 1.19 prints {state:0 sema:0} and the
// like. Values: a held Mutex has state 1 (mutexLocked), a WaitGroup counter n is n<<32, a
// writer-held RWMutex has readerCount -rwmutexMaxReaders (-1<<30).
package main

import (
	"fmt"
	"sync"
)

type Counter struct {
	mu sync.Mutex
	n  int
}

type All struct {
	rw   sync.RWMutex
	wg   sync.WaitGroup
	once sync.Once
}

func main() {
	var c Counter
	fmt.Printf("%v\n%+v\n", c, c)
	c.mu.Lock()
	fmt.Printf("%+v\n", c)
	c.mu.Unlock()
	var a All
	fmt.Printf("%+v\n", a)
	a.rw.RLock()
	a.wg.Add(2)
	a.once.Do(func() {})
	fmt.Printf("%+v\n", a)
	a.rw.RUnlock()
	a.rw.Lock()
	fmt.Printf("%v\n", a)
	fmt.Printf("%#v\n", c)
}

// Output:
// {{{} {0 0}} 0}
// {mu:{_:{} mu:{state:0 sema:0}} n:0}
// {mu:{_:{} mu:{state:1 sema:0}} n:0}
// {rw:{w:{_:{} mu:{state:0 sema:0}} writerSem:0 readerSem:0 readerCount:{_:{} v:0} readerWait:{_:{} v:0}} wg:{noCopy:{} state:{_:{} _:{} v:0} sema:0} once:{_:{} done:{_:{} v:0} m:{_:{} mu:{state:0 sema:0}}}}
// {rw:{w:{_:{} mu:{state:0 sema:0}} writerSem:0 readerSem:0 readerCount:{_:{} v:1} readerWait:{_:{} v:0}} wg:{noCopy:{} state:{_:{} _:{} v:8589934592} sema:0} once:{_:{} done:{_:{} v:1} m:{_:{} mu:{state:0 sema:0}}}}
// {{{{} {1 0}} 0 0 {{} -1073741824} {{} 0}} {{} {{} {} 8589934592} 0} {{} {{} 1} {{} {0 0}}}}
// main.Counter{mu:sync.Mutex{_:sync.noCopy{}, mu:sync.Mutex{state:0, sema:0x0}}, n:0}
