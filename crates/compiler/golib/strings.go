// Package strings, the part written in Go: searching, splitting, trimming
// and comparing. Builder and the most used functions (Contains, Index,
// Split, Join, Fields, Repeat, ReplaceAll, ToUpper, ToLower, TrimSpace,
// HasPrefix, HasSuffix) are the runtime's natives.
//
// Written in Go for this page, after Go's src/strings; byte-oriented
// where Go's is, rune-oriented where Go's is.
package strings

import (
	"io"
	"iter"
)

// Compare returns -1, 0 or +1 as a < b, a == b or a > b.
func Compare(a, b string) int {
	if a == b {
		return 0
	}
	if a < b {
		return -1
	}
	return +1
}

// Count returns the number of non-overlapping instances of substr in s
// (the number of runes plus one if substr is empty).
func Count(s, substr string) int {
	if len(substr) == 0 {
		return len([]rune(s)) + 1
	}
	n := 0
	for {
		i := Index(s, substr)
		if i == -1 {
			return n
		}
		n++
		s = s[i+len(substr):]
	}
}

// IndexByte returns the index of the first c in s, or -1.
func IndexByte(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}

// IndexRune returns the index of the first r in s, or -1.
func IndexRune(s string, r rune) int {
	for i, c := range s {
		if c == r {
			return i
		}
	}
	return -1
}

// IndexAny returns the index of the first rune of s that is in chars.
func IndexAny(s, chars string) int {
	for i, c := range s {
		if IndexRune(chars, c) >= 0 {
			return i
		}
	}
	return -1
}

// IndexFunc returns the index of the first rune satisfying f, or -1.
func IndexFunc(s string, f func(rune) bool) int {
	for i, c := range s {
		if f(c) {
			return i
		}
	}
	return -1
}

// LastIndex returns the index of the last substr in s, or -1.
func LastIndex(s, substr string) int {
	for i := len(s) - len(substr); i >= 0; i-- {
		if s[i:i+len(substr)] == substr {
			return i
		}
	}
	return -1
}

// LastIndexByte returns the index of the last c in s, or -1.
func LastIndexByte(s string, c byte) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == c {
			return i
		}
	}
	return -1
}

// LastIndexAny returns the index of the last rune of s in chars, or -1.
func LastIndexAny(s, chars string) int {
	last := -1
	for i, c := range s {
		if IndexRune(chars, c) >= 0 {
			last = i
		}
	}
	return last
}

// LastIndexFunc returns the index of the last rune satisfying f, or -1.
func LastIndexFunc(s string, f func(rune) bool) int {
	last := -1
	for i, c := range s {
		if f(c) {
			last = i
		}
	}
	return last
}

// ContainsRune reports whether r is in s.
func ContainsRune(s string, r rune) bool { return IndexRune(s, r) >= 0 }

// ContainsAny reports whether any rune of chars is in s.
func ContainsAny(s, chars string) bool { return IndexAny(s, chars) >= 0 }

// ContainsFunc reports whether a rune of s satisfies f.
func ContainsFunc(s string, f func(rune) bool) bool { return IndexFunc(s, f) >= 0 }

// Cut slices s around the first sep: before, after, and whether sep was
// found (if not: s, "", false).
func Cut(s, sep string) (before, after string, found bool) {
	if i := Index(s, sep); i >= 0 {
		return s[:i], s[i+len(sep):], true
	}
	return s, "", false
}

// CutPrefix returns s without prefix, and whether it had it.
func CutPrefix(s, prefix string) (after string, found bool) {
	if !HasPrefix(s, prefix) {
		return s, false
	}
	return s[len(prefix):], true
}

// CutSuffix returns s without suffix, and whether it had it.
func CutSuffix(s, suffix string) (before string, found bool) {
	if !HasSuffix(s, suffix) {
		return s, false
	}
	return s[:len(s)-len(suffix)], true
}

// EqualFold reports whether s and t are equal under simple case folding.
func EqualFold(s, t string) bool

// Replace returns s with the first n instances of old replaced by new
// (all of them if n < 0).
func Replace(s, old, new string, n int) string {
	if old == new || n == 0 {
		return s
	}
	if m := Count(s, old); m == 0 {
		return s
	} else if n < 0 || m < n {
		n = m
	}
	var b Builder
	start := 0
	for i := 0; i < n; i++ {
		j := start
		if len(old) == 0 {
			if i > 0 {
				_, size := firstRune(s[start:])
				j += size
			}
		} else {
			j += Index(s[start:], old)
		}
		b.WriteString(s[start:j])
		b.WriteString(new)
		start = j + len(old)
	}
	b.WriteString(s[start:])
	return b.String()
}

// firstRune decodes the first rune of s and its length in bytes.
func firstRune(s string) (rune, int) {
	for i, r := range s {
		if i > 0 {
			return r, i
		}
	}
	for _, r := range s {
		return r, len(s)
	}
	return 0, 0
}

// SplitN splits s around sep into at most n pieces (all if n < 0).
func SplitN(s, sep string, n int) []string {
	return genSplit(s, sep, 0, n)
}

// SplitAfter splits s after each sep.
func SplitAfter(s, sep string) []string {
	return genSplit(s, sep, len(sep), -1)
}

// SplitAfterN splits s after each sep into at most n pieces.
func SplitAfterN(s, sep string, n int) []string {
	return genSplit(s, sep, len(sep), n)
}

func genSplit(s, sep string, sepSave, n int) []string {
	if n == 0 {
		return nil
	}
	if sep == "" {
		var a []string
		for _, r := range s {
			if n > 0 && len(a) == n-1 {
				break
			}
			a = append(a, string(r))
		}
		if n > 0 && len(a) == n-1 {
			rest := s
			for _, p := range a {
				rest = rest[len(p):]
			}
			if rest != "" {
				a = append(a, rest)
			}
		}
		return a
	}
	if n < 0 {
		n = Count(s, sep) + 1
	}
	a := make([]string, 0, n)
	i := 0
	for i < n-1 {
		m := Index(s, sep)
		if m < 0 {
			break
		}
		a = append(a, s[:m+sepSave])
		s = s[m+len(sep):]
		i++
	}
	return append(a, s)
}

// FieldsFunc splits s at each run of runes satisfying f.
func FieldsFunc(s string, f func(rune) bool) []string {
	var out []string
	start := -1
	for i, r := range s {
		if f(r) {
			if start >= 0 {
				out = append(out, s[start:i])
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

// Trim returns s without the leading and trailing runes in cutset.
func Trim(s, cutset string) string {
	return TrimRight(TrimLeft(s, cutset), cutset)
}

// TrimLeft returns s without the leading runes in cutset.
func TrimLeft(s, cutset string) string {
	return TrimLeftFunc(s, func(r rune) bool { return IndexRune(cutset, r) >= 0 })
}

// TrimRight returns s without the trailing runes in cutset.
func TrimRight(s, cutset string) string {
	return TrimRightFunc(s, func(r rune) bool { return IndexRune(cutset, r) >= 0 })
}

// TrimFunc returns s without the leading and trailing runes satisfying f.
func TrimFunc(s string, f func(rune) bool) string {
	return TrimRightFunc(TrimLeftFunc(s, f), f)
}

// TrimLeftFunc returns s without the leading runes satisfying f.
func TrimLeftFunc(s string, f func(rune) bool) string {
	for i, r := range s {
		if !f(r) {
			return s[i:]
		}
	}
	return ""
}

// TrimRightFunc returns s without the trailing runes satisfying f.
func TrimRightFunc(s string, f func(rune) bool) string {
	end := 0
	for i, r := range s {
		if !f(r) {
			end = i + len(string(r))
		}
	}
	return s[:end]
}

// TrimPrefix returns s without prefix (s itself if it has none).
func TrimPrefix(s, prefix string) string {
	if HasPrefix(s, prefix) {
		return s[len(prefix):]
	}
	return s
}

// TrimSuffix returns s without suffix (s itself if it has none).
func TrimSuffix(s, suffix string) string {
	if HasSuffix(s, suffix) {
		return s[:len(s)-len(suffix)]
	}
	return s
}

// Map returns s with every rune replaced by mapping(r); a negative
// result drops the rune.
func Map(mapping func(rune) rune, s string) string {
	var b Builder
	for _, r := range s {
		if m := mapping(r); m >= 0 {
			b.WriteRune(m)
		}
	}
	return b.String()
}

// Title is deprecated in Go; it maps the first letter of each word to
// upper case (words are separated by anything but letters, digits, _).
func Title(s string) string {
	prev := ' '
	return Map(func(r rune) rune {
		sep := isSeparator(prev)
		prev = r
		if sep {
			return []rune(ToUpper(string(r)))[0]
		}
		return r
	}, s)
}

// isSeparator reports whether r separates words, for Title (as Go's, for
// ASCII; other runes separate words only if they are spaces).
func isSeparator(r rune) bool {
	if r <= 0x7F {
		switch {
		case '0' <= r && r <= '9', 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z', r == '_':
			return false
		}
		return true
	}
	return r == 0x85 || r == 0xA0 || r == 0x1680 || (0x2000 <= r && r <= 0x200A) ||
		r == 0x2028 || r == 0x2029 || r == 0x202F || r == 0x205F || r == 0x3000
}

// Write appends the contents of p to b: a Builder is an io.Writer.
func (b *Builder) Write(p []byte) (int, error) {
	return b.WriteString(string(p))
}

// A Reader reads from a string: an io.Reader, io.ByteReader and
// io.RuneReader. (Seek, ReadAt and the Unread methods are not here yet.)
type Reader struct {
	s string
	i int // the next byte to read
}

// NewReader returns a Reader reading from s.
func NewReader(s string) *Reader { return &Reader{s, 0} }

// Len returns the number of bytes not yet read.
func (r *Reader) Len() int { return len(r.s) - r.i }

// Size returns the length of the string the Reader reads.
func (r *Reader) Size() int64 { return int64(len(r.s)) }

// Read reads up to len(b) bytes.
func (r *Reader) Read(b []byte) (n int, err error) {
	if r.i >= len(r.s) {
		return 0, io.EOF
	}
	n = copy(b, r.s[r.i:])
	r.i += n
	return
}

// ReadByte reads one byte.
func (r *Reader) ReadByte() (byte, error) {
	if r.i >= len(r.s) {
		return 0, io.EOF
	}
	b := r.s[r.i]
	r.i++
	return b, nil
}

// ReadRune reads one rune.
func (r *Reader) ReadRune() (ch rune, size int, err error) {
	if r.i >= len(r.s) {
		return 0, 0, io.EOF
	}
	for j, c := range r.s[r.i:] {
		if j > 0 {
			size = j
			break
		}
		ch = c
		size = len(r.s) - r.i
	}
	r.i += size
	return ch, size, nil
}

// Reset makes the Reader read from s.
func (r *Reader) Reset(s string) { *r = Reader{s, 0} }

// A Replacer replaces a list of strings with replacements, trying them in
// order at each position of the input.
type Replacer struct {
	oldnew []string
}

// NewReplacer returns a Replacer from old, new pairs.
func NewReplacer(oldnew ...string) *Replacer {
	if len(oldnew)%2 == 1 {
		panic("strings.NewReplacer: odd argument count")
	}
	return &Replacer{oldnew: append([]string(nil), oldnew...)}
}

// Replace returns s with all replacements made.
func (r *Replacer) Replace(s string) string {
	var b Builder
	for i := 0; i < len(s); {
		matched := false
		for k := 0; k < len(r.oldnew); k += 2 {
			old := r.oldnew[k]
			if old != "" && HasPrefix(s[i:], old) {
				b.WriteString(r.oldnew[k+1])
				i += len(old)
				matched = true
				break
			}
		}
		if !matched {
			b.WriteByte(s[i])
			i++
		}
	}
	return b.String()
}

// Lines iterates over the newline-terminated lines of s (Go 1.24).
func Lines(s string) iter.Seq[string] {
	return func(yield func(string) bool) {
		for len(s) > 0 {
			var line string
			if i := IndexByte(s, '\n'); i >= 0 {
				line, s = s[:i+1], s[i+1:]
			} else {
				line, s = s, ""
			}
			if !yield(line) {
				return
			}
		}
	}
}

// SplitSeq iterates over the pieces of s around sep (Go 1.24).
func SplitSeq(s, sep string) iter.Seq[string] {
	return func(yield func(string) bool) {
		for _, p := range Split(s, sep) {
			if !yield(p) {
				return
			}
		}
	}
}

// FieldsSeq iterates over the fields of s (Go 1.24).
func FieldsSeq(s string) iter.Seq[string] {
	return func(yield func(string) bool) {
		for _, p := range Fields(s) {
			if !yield(p) {
				return
			}
		}
	}
}
