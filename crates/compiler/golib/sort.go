// Package sort, the part written in Go: sort.Interface with Sort, Stable
// and IsSorted, Ints and Strings (with slices.Sort, as Go 1.22's), binary
// search, and the IntSlice, StringSlice and Float64Slice types. Slice is
// the runtime's native.
//
// Written in Go for this page, after Go's src/sort. Sort is not Go's
// pattern-defeating quicksort: up to 12 elements it sorts by insertion,
// as Go's does, so the order of equal elements is Go's; longer data is
// sorted stably by insertion and in-place merging (Go promises no order
// for equal elements: only Stable keeps it).
package sort

import "slices"

// An Interface is a collection that Sort can sort by index.
type Interface interface {
	// Len is the number of elements.
	Len() int
	// Less reports whether element i must sort before element j.
	Less(i, j int) bool
	// Swap swaps elements i and j.
	Swap(i, j int)
}

// Sort sorts data in increasing order of Less.
func Sort(data Interface) {
	stable(data, data.Len())
}

// Stable sorts data, keeping equal elements in their original order.
func Stable(data Interface) {
	stable(data, data.Len())
}

// IsSorted reports whether data is sorted.
func IsSorted(data Interface) bool {
	for i := data.Len() - 1; i > 0; i-- {
		if data.Less(i, i-1) {
			return false
		}
	}
	return true
}

// Reverse returns data with the reverse order.
func Reverse(data Interface) Interface {
	return &reverse{data}
}

type reverse struct {
	Interface
}

func (r reverse) Less(i, j int) bool {
	return r.Interface.Less(j, i)
}

// stable sorts blocks of 20 by insertion, then merges them in place, as
// Go's sort.Stable does.
func stable(data Interface, n int) {
	blockSize := 20
	a, b := 0, blockSize
	for b <= n {
		insertionSort(data, a, b)
		a = b
		b += blockSize
	}
	insertionSort(data, a, n)
	for blockSize < n {
		a, b = 0, 2*blockSize
		for b <= n {
			symMerge(data, a, a+blockSize, b)
			a = b
			b += 2 * blockSize
		}
		if m := a + blockSize; m < n {
			symMerge(data, a, m, n)
		}
		blockSize *= 2
	}
}

func insertionSort(data Interface, a, b int) {
	for i := a + 1; i < b; i++ {
		for j := i; j > a && data.Less(j, j-1); j-- {
			data.Swap(j, j-1)
		}
	}
}

// symMerge merges the sorted runs data[a:m] and data[m:b] in place
// (Kim and Kutzner's SymMerge).
func symMerge(data Interface, a, m, b int) {
	if m-a == 1 {
		i, j := m, b
		for i < j {
			h := int(uint(i+j) >> 1)
			if data.Less(h, a) {
				i = h + 1
			} else {
				j = h
			}
		}
		for k := a; k < i-1; k++ {
			data.Swap(k, k+1)
		}
		return
	}
	if b-m == 1 {
		i, j := a, m
		for i < j {
			h := int(uint(i+j) >> 1)
			if !data.Less(m, h) {
				i = h + 1
			} else {
				j = h
			}
		}
		for k := m; k > i; k-- {
			data.Swap(k, k-1)
		}
		return
	}
	mid := int(uint(a+b) >> 1)
	n := mid + m
	var start, r int
	if m > mid {
		start = n - b
		r = mid
	} else {
		start = a
		r = m
	}
	p := n - 1
	for start < r {
		c := int(uint(start+r) >> 1)
		if !data.Less(p-c, c) {
			start = c + 1
		} else {
			r = c
		}
	}
	end := n - start
	if start < m && m < end {
		rotate(data, start, m, end)
	}
	if a < start && start < mid {
		symMerge(data, a, start, mid)
	}
	if mid < end && end < b {
		symMerge(data, mid, end, b)
	}
}

func swapRange(data Interface, a, b, n int) {
	for i := 0; i < n; i++ {
		data.Swap(a+i, b+i)
	}
}

func rotate(data Interface, a, m, b int) {
	i := m - a
	j := b - m
	for i != j {
		if i > j {
			swapRange(data, m-i, m, j)
			i -= j
		} else {
			swapRange(data, m-i, m+j-i, i)
			j -= i
		}
	}
	swapRange(data, m-i, m, i)
}

// Search returns the smallest index i in [0, n) at which f(i) is true,
// assuming f is false then true; n if there is none.
func Search(n int, f func(int) bool) int {
	i, j := 0, n
	for i < j {
		h := int(uint(i+j) >> 1)
		if !f(h) {
			i = h + 1
		} else {
			j = h
		}
	}
	return i
}

// Find is like Search with a three-way comparison; found reports whether
// cmp(i) == 0 there.
func Find(n int, cmp func(int) int) (i int, found bool) {
	i, j := 0, n
	for i < j {
		h := int(uint(i+j) >> 1)
		if cmp(h) > 0 {
			i = h + 1
		} else {
			j = h
		}
	}
	return i, i < n && cmp(i) == 0
}

// SearchInts finds x in sorted a: its index, or where it would go.
func SearchInts(a []int, x int) int {
	return Search(len(a), func(i int) bool { return a[i] >= x })
}

// SearchStrings finds x in sorted a.
func SearchStrings(a []string, x string) int {
	return Search(len(a), func(i int) bool { return a[i] >= x })
}

// SearchFloat64s finds x in sorted a.
func SearchFloat64s(a []float64, x float64) int {
	return Search(len(a), func(i int) bool { return a[i] >= x })
}

// Ints sorts x in increasing order.
func Ints(x []int) { slices.Sort(x) }

// Strings sorts x in increasing order.
func Strings(x []string) { slices.Sort(x) }

// Float64s sorts a in increasing order (NaNs first).
func Float64s(x []float64) { Sort(Float64Slice(x)) }

// IntsAreSorted reports whether x is sorted.
func IntsAreSorted(x []int) bool { return IsSorted(IntSlice(x)) }

// StringsAreSorted reports whether x is sorted.
func StringsAreSorted(x []string) bool { return IsSorted(StringSlice(x)) }

// Float64sAreSorted reports whether x is sorted.
func Float64sAreSorted(x []float64) bool { return IsSorted(Float64Slice(x)) }

// IntSlice attaches the methods of Interface to []int.
type IntSlice []int

func (x IntSlice) Len() int              { return len(x) }
func (x IntSlice) Less(i, j int) bool    { return x[i] < x[j] }
func (x IntSlice) Swap(i, j int)         { x[i], x[j] = x[j], x[i] }
func (x IntSlice) Sort()                 { Sort(x) }
func (x IntSlice) Search(v int) int      { return SearchInts(x, v) }

// StringSlice attaches the methods of Interface to []string.
type StringSlice []string

func (x StringSlice) Len() int            { return len(x) }
func (x StringSlice) Less(i, j int) bool  { return x[i] < x[j] }
func (x StringSlice) Swap(i, j int)       { x[i], x[j] = x[j], x[i] }
func (x StringSlice) Sort()               { Sort(x) }
func (x StringSlice) Search(v string) int { return SearchStrings(x, v) }

// Float64Slice attaches the methods of Interface to []float64, with NaNs
// before other values.
type Float64Slice []float64

func (x Float64Slice) Len() int { return len(x) }
func (x Float64Slice) Less(i, j int) bool {
	return x[i] < x[j] || (x[i] != x[i] && x[j] == x[j])
}
func (x Float64Slice) Swap(i, j int)         { x[i], x[j] = x[j], x[i] }
func (x Float64Slice) Sort()                 { Sort(x) }
func (x Float64Slice) Search(v float64) int { return SearchFloat64s(x, v) }
