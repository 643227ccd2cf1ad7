// Package runtime, the part written in Go: the Error interface, MemStats
// and ReadMemStats. Gosched, GOMAXPROCS, NumGoroutine, NumCPU, GC and
// Goexit are the runtime's natives.
//
// Written in Go for this page, over one native that reads this runtime's
// own counters. Its heap is not Go's, so the byte counts are of the same
// order as Go's, not equal to them; the goroutines' stacks are sized as
// Go sizes them (2 KiB each, doubled while the frames need more), so the
// memory a goroutine costs reads as it does in Go.
package runtime

func memstats() (heapAlloc, totalAlloc, mallocs, frees, numGC, stacks uint64)

// The Error interface identifies a run time error: what an index out of
// range, a nil map write or a failed type assertion panics with.
type Error interface {
	error
	// RuntimeError is a no-op function but serves to distinguish types
	// that are run time errors from ordinary errors.
	RuntimeError()
}

// MemStats records statistics about the memory allocator (the fields
// Go's has; those this runtime does not keep are 0).
type MemStats struct {
	Alloc      uint64 // bytes of allocated heap objects
	TotalAlloc uint64 // bytes allocated for heap objects, ever
	Sys        uint64 // bytes obtained from the system
	Lookups    uint64
	Mallocs    uint64 // heap objects allocated, ever
	Frees      uint64 // heap objects freed, ever

	HeapAlloc    uint64
	HeapSys      uint64
	HeapIdle     uint64
	HeapInuse    uint64
	HeapReleased uint64
	HeapObjects  uint64

	StackInuse  uint64 // bytes of goroutine stacks
	StackSys    uint64
	MSpanInuse  uint64
	MSpanSys    uint64
	MCacheInuse uint64
	MCacheSys   uint64
	BuckHashSys uint64
	GCSys       uint64
	OtherSys    uint64

	NextGC        uint64
	LastGC        uint64
	PauseTotalNs  uint64
	PauseNs       [256]uint64
	PauseEnd      [256]uint64
	NumGC         uint32
	NumForcedGC   uint32
	GCCPUFraction float64
	EnableGC      bool
	DebugGC       bool
}

// ReadMemStats fills m with memory allocator statistics.
func ReadMemStats(m *MemStats) {
	heap, total, mallocs, frees, numGC, stacks := memstats()
	*m = MemStats{}
	m.Alloc = heap
	m.TotalAlloc = total
	m.Mallocs = mallocs
	m.Frees = frees
	m.HeapAlloc = heap
	m.HeapInuse = heap
	m.HeapObjects = mallocs - frees
	m.HeapSys = heap
	m.StackInuse = stacks
	m.StackSys = stacks
	m.Sys = m.HeapSys + m.StackSys
	m.NextGC = 4 << 20
	if heap*2 > m.NextGC {
		m.NextGC = heap * 2
	}
	m.NumGC = uint32(numGC)
	m.EnableGC = true
}
