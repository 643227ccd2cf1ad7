// Package iter, as Go's (1.23 and later): the types of iterator functions
// that a for loop ranges over.
//
// Written in Go for this page, after Go's src/iter/iter.go. Pull and
// Pull2 (which need coroutines) are not here yet.
package iter

// Seq is an iterator over single values: `for v := range seq`.
type Seq[V any] func(yield func(V) bool)

// Seq2 is an iterator over pairs: `for k, v := range seq`.
type Seq2[K, V any] func(yield func(K, V) bool)
