// CompareAndSwap and Swap on int32 and uint64 words.
package main

import (
	"fmt"
	"sync/atomic"
)

func main() {
	var a int32 = 5
	fmt.Println(atomic.CompareAndSwapInt32(&a, 5, 9), a)
	fmt.Println(atomic.CompareAndSwapInt32(&a, 5, 1), a)
	fmt.Println(atomic.SwapInt32(&a, 3), a)
	var u uint64 = 1
	atomic.AddUint64(&u, 41)
	fmt.Println(atomic.LoadUint64(&u))
	atomic.StoreUint64(&u, 7)
	fmt.Println(atomic.SwapUint64(&u, 8), atomic.LoadUint64(&u))
	var v uint32
	atomic.AddUint32(&v, 1)
	atomic.AddUint32(&v, ^uint32(0))
	fmt.Println(atomic.LoadUint32(&v))
}
