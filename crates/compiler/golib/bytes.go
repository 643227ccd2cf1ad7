// Package bytes, the part programs use most: Buffer, and the functions of
// strings for byte slices.
//
// Written in Go for this page, after Go's src/bytes; most functions work
// through the strings package's, on a copy.
package bytes

import (
	"errors"
	"io"
	"strings"
	"unicode/utf8"
)

// MinRead is the smallest read ReadFrom asks for.
const MinRead = 512

// ErrTooLarge: a Buffer could not grow.
var ErrTooLarge = errors.New("bytes.Buffer: too large")

// A Buffer is a growable buffer of bytes: an io.Reader and io.Writer. Its
// zero value is an empty buffer ready to use.
type Buffer struct {
	buf []byte
	off int // read from buf[off:]
}

// NewBuffer returns a Buffer holding buf.
func NewBuffer(buf []byte) *Buffer { return &Buffer{buf: buf} }

// NewBufferString returns a Buffer holding s.
func NewBufferString(s string) *Buffer { return &Buffer{buf: []byte(s)} }

// Bytes returns the unread bytes.
func (b *Buffer) Bytes() []byte { return b.buf[b.off:] }

// String returns the unread bytes as a string ("<nil>" for a nil *Buffer).
func (b *Buffer) String() string {
	if b == nil {
		return "<nil>"
	}
	return string(b.buf[b.off:])
}

// Len returns the number of unread bytes.
func (b *Buffer) Len() int { return len(b.buf) - b.off }

// Cap returns the capacity of the buffer's storage.
func (b *Buffer) Cap() int { return cap(b.buf) }

// Reset empties the buffer.
func (b *Buffer) Reset() {
	b.buf = b.buf[:0]
	b.off = 0
}

// Truncate keeps the first n unread bytes.
func (b *Buffer) Truncate(n int) {
	if n == 0 {
		b.Reset()
		return
	}
	if n < 0 || n > b.Len() {
		panic("bytes.Buffer: truncation out of range")
	}
	b.buf = b.buf[:b.off+n]
}

// Grow makes room for n more bytes.
func (b *Buffer) Grow(n int) {
	if n < 0 {
		panic("bytes.Buffer.Grow: negative count")
	}
	if cap(b.buf)-len(b.buf) < n {
		nb := make([]byte, len(b.buf), 2*cap(b.buf)+n)
		copy(nb, b.buf)
		b.buf = nb
	}
}

// Write appends p.
func (b *Buffer) Write(p []byte) (n int, err error) {
	b.buf = append(b.buf, p...)
	return len(p), nil
}

// WriteString appends s.
func (b *Buffer) WriteString(s string) (n int, err error) {
	b.buf = append(b.buf, s...)
	return len(s), nil
}

// WriteByte appends c.
func (b *Buffer) WriteByte(c byte) error {
	b.buf = append(b.buf, c)
	return nil
}

// WriteRune appends the UTF-8 encoding of r.
func (b *Buffer) WriteRune(r rune) (n int, err error) {
	s := string(r)
	b.buf = append(b.buf, s...)
	return len(s), nil
}

// Read reads up to len(p) bytes; io.EOF when empty.
func (b *Buffer) Read(p []byte) (n int, err error) {
	if b.off >= len(b.buf) {
		b.Reset()
		if len(p) == 0 {
			return 0, nil
		}
		return 0, io.EOF
	}
	n = copy(p, b.buf[b.off:])
	b.off += n
	return n, nil
}

// Next returns the next n unread bytes.
func (b *Buffer) Next(n int) []byte {
	if n > b.Len() {
		n = b.Len()
	}
	data := b.buf[b.off : b.off+n]
	b.off += n
	return data
}

// ReadByte reads one byte.
func (b *Buffer) ReadByte() (byte, error) {
	if b.off >= len(b.buf) {
		b.Reset()
		return 0, io.EOF
	}
	c := b.buf[b.off]
	b.off++
	return c, nil
}

// ReadRune reads one rune.
func (b *Buffer) ReadRune() (r rune, size int, err error) {
	if b.off >= len(b.buf) {
		b.Reset()
		return 0, 0, io.EOF
	}
	r, size = utf8.DecodeRune(b.buf[b.off:])
	b.off += size
	return r, size, nil
}

// ReadString reads until the first delim, and returns it with delim.
func (b *Buffer) ReadString(delim byte) (line string, err error) {
	rest := b.buf[b.off:]
	i := IndexByte(rest, delim)
	end := i + 1
	if i < 0 {
		end = len(rest)
		err = io.EOF
	}
	b.off += end
	return string(rest[:end]), err
}

// WriteTo writes the unread bytes to w.
func (b *Buffer) WriteTo(w io.Writer) (n int64, err error) {
	m, err := w.Write(b.buf[b.off:])
	b.off += m
	return int64(m), err
}

// ReadFrom reads from r until EOF and appends what it read.
func (b *Buffer) ReadFrom(r io.Reader) (n int64, err error) {
	data, err := io.ReadAll(r)
	b.buf = append(b.buf, data...)
	return int64(len(data)), err
}

// Equal reports whether a and b hold the same bytes (nil equals empty).
func Equal(a, b []byte) bool { return string(a) == string(b) }

// Compare compares a and b lexically: -1, 0 or +1.
func Compare(a, b []byte) int { return strings.Compare(string(a), string(b)) }

// Contains reports whether sub is in b.
func Contains(b, sub []byte) bool { return strings.Contains(string(b), string(sub)) }

// ContainsRune reports whether r is in b.
func ContainsRune(b []byte, r rune) bool { return strings.ContainsRune(string(b), r) }

// Count counts the non-overlapping instances of sep in s.
func Count(s, sep []byte) int { return strings.Count(string(s), string(sep)) }

// Index returns the index of the first sep in s, or -1.
func Index(s, sep []byte) int { return strings.Index(string(s), string(sep)) }

// IndexByte returns the index of the first c in b, or -1.
func IndexByte(b []byte, c byte) int {
	for i, x := range b {
		if x == c {
			return i
		}
	}
	return -1
}

// LastIndex returns the index of the last sep in s, or -1.
func LastIndex(s, sep []byte) int { return strings.LastIndex(string(s), string(sep)) }

// HasPrefix reports whether s begins with prefix.
func HasPrefix(s, prefix []byte) bool { return strings.HasPrefix(string(s), string(prefix)) }

// HasSuffix reports whether s ends with suffix.
func HasSuffix(s, suffix []byte) bool { return strings.HasSuffix(string(s), string(suffix)) }

func toSlices(ss []string) [][]byte {
	out := make([][]byte, len(ss))
	for i, s := range ss {
		out[i] = []byte(s)
	}
	return out
}

// Split slices s into the pieces around sep.
func Split(s, sep []byte) [][]byte { return toSlices(strings.Split(string(s), string(sep))) }

// SplitN slices s into at most n pieces around sep.
func SplitN(s, sep []byte, n int) [][]byte {
	return toSlices(strings.SplitN(string(s), string(sep), n))
}

// Fields splits s around runs of white space.
func Fields(s []byte) [][]byte { return toSlices(strings.Fields(string(s))) }

// Join concatenates the slices with sep between them.
func Join(s [][]byte, sep []byte) []byte {
	parts := make([]string, len(s))
	for i, p := range s {
		parts[i] = string(p)
	}
	return []byte(strings.Join(parts, string(sep)))
}

// Repeat returns count copies of b.
func Repeat(b []byte, count int) []byte { return []byte(strings.Repeat(string(b), count)) }

// ToUpper returns b in upper case.
func ToUpper(s []byte) []byte { return []byte(strings.ToUpper(string(s))) }

// ToLower returns b in lower case.
func ToLower(s []byte) []byte { return []byte(strings.ToLower(string(s))) }

// TrimSpace returns s without leading and trailing white space.
func TrimSpace(s []byte) []byte { return []byte(strings.TrimSpace(string(s))) }

// Trim returns s without the leading and trailing runes in cutset.
func Trim(s []byte, cutset string) []byte { return []byte(strings.Trim(string(s), cutset)) }

// TrimPrefix returns s without prefix.
func TrimPrefix(s, prefix []byte) []byte {
	if HasPrefix(s, prefix) {
		return s[len(prefix):]
	}
	return s
}

// TrimSuffix returns s without suffix.
func TrimSuffix(s, suffix []byte) []byte {
	if HasSuffix(s, suffix) {
		return s[:len(s)-len(suffix)]
	}
	return s
}

// ReplaceAll replaces every old in s with new.
func ReplaceAll(s, old, new []byte) []byte {
	return []byte(strings.ReplaceAll(string(s), string(old), string(new)))
}

// EqualFold reports whether s and t are equal under simple case folding.
func EqualFold(s, t []byte) bool { return strings.EqualFold(string(s), string(t)) }

// Clone returns a copy of b (nil if b is nil).
func Clone(b []byte) []byte {
	if b == nil {
		return nil
	}
	return append([]byte{}, b...)
}

// A Reader reads from a byte slice.
type Reader struct {
	s []byte
	i int
}

// NewReader returns a Reader reading from b.
func NewReader(b []byte) *Reader { return &Reader{b, 0} }

// Len returns the number of unread bytes.
func (r *Reader) Len() int { return len(r.s) - r.i }

// Read reads up to len(b) bytes.
func (r *Reader) Read(b []byte) (n int, err error) {
	if r.i >= len(r.s) {
		return 0, io.EOF
	}
	n = copy(b, r.s[r.i:])
	r.i += n
	return
}
