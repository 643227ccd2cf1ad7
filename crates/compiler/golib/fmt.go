// Package fmt, the part written in Go: printing to any io.Writer
// (Fprint, Fprintf, Fprintln) and appending to byte slices. The printers
// themselves (Print, Printf, Sprint, Errorf ...) are the runtime's natives,
// which follow Go's rules for every verb.
//
// Written in Go for this page, after Go's src/fmt/print.go.
package fmt

import "io"

// Fprint formats like Sprint and writes to w.
func Fprint(w io.Writer, a ...any) (n int, err error) {
	return io.WriteString(w, Sprint(a...))
}

// Fprintln formats like Sprintln and writes to w.
func Fprintln(w io.Writer, a ...any) (n int, err error) {
	return io.WriteString(w, Sprintln(a...))
}

// Fprintf formats like Sprintf and writes to w.
func Fprintf(w io.Writer, format string, a ...any) (n int, err error) {
	return io.WriteString(w, Sprintf(format, a...))
}

// Append formats like Sprint and appends to b.
func Append(b []byte, a ...any) []byte {
	return append(b, Sprint(a...)...)
}

// Appendln formats like Sprintln and appends to b.
func Appendln(b []byte, a ...any) []byte {
	return append(b, Sprintln(a...)...)
}

// Appendf formats like Sprintf and appends to b.
func Appendf(b []byte, format string, a ...any) []byte {
	return append(b, Sprintf(format, a...)...)
}
