// Package utf8, as Go's: UTF-8 encoding and decoding of runes.
//
// Written in Go for this page, after Go's src/unicode/utf8.
package utf8

const (
	RuneError = '\uFFFD'     // the "error" rune, Unicode's replacement character
	RuneSelf  = 0x80         // runes below are one byte
	MaxRune   = '\U0010FFFF' // the largest valid code point
	UTFMax    = 4            // the most bytes of one rune
)

// RuneLen returns the number of bytes of r's encoding, or -1 if r is not
// a valid code point.
func RuneLen(r rune) int {
	switch {
	case r < 0:
		return -1
	case r < 0x80:
		return 1
	case r < 0x800:
		return 2
	case 0xD800 <= r && r <= 0xDFFF:
		return -1
	case r < 0x10000:
		return 3
	case r <= MaxRune:
		return 4
	}
	return -1
}

// ValidRune reports whether r can be encoded as UTF-8.
func ValidRune(r rune) bool {
	return RuneLen(r) > 0
}

// RuneCountInString returns the number of runes in s.
func RuneCountInString(s string) int {
	n := 0
	for range s {
		n++
	}
	return n
}

// RuneCount returns the number of runes in p.
func RuneCount(p []byte) int {
	return RuneCountInString(string(p))
}

// DecodeRuneInString returns the first rune of s and its width in bytes:
// (RuneError, 1) for an invalid encoding, (RuneError, 0) for "".
func DecodeRuneInString(s string) (rune, int) {
	n := len(s)
	if n < 1 {
		return RuneError, 0
	}
	c0 := s[0]
	if c0 < RuneSelf {
		return rune(c0), 1
	}
	if c0 < 0xC2 || c0 > 0xF4 {
		return RuneError, 1
	}
	if c0 < 0xE0 {
		if n < 2 || s[1]&0xC0 != 0x80 {
			return RuneError, 1
		}
		return rune(c0&0x1F)<<6 | rune(s[1]&0x3F), 2
	}
	lo, hi := second(c0)
	if n < 2 || s[1] < lo || hi < s[1] {
		return RuneError, 1
	}
	if c0 < 0xF0 {
		if n < 3 || s[2]&0xC0 != 0x80 {
			return RuneError, 1
		}
		return rune(c0&0x0F)<<12 | rune(s[1]&0x3F)<<6 | rune(s[2]&0x3F), 3
	}
	if n < 4 || s[2]&0xC0 != 0x80 || s[3]&0xC0 != 0x80 {
		return RuneError, 1
	}
	return rune(c0&0x07)<<18 | rune(s[1]&0x3F)<<12 | rune(s[2]&0x3F)<<6 | rune(s[3]&0x3F), 4
}

// second returns the range of a valid second byte after the first byte
// c0: narrower than 0x80..0xBF where that rules out overlong forms and
// surrogates.
func second(c0 byte) (lo, hi byte) {
	switch c0 {
	case 0xE0:
		return 0xA0, 0xBF
	case 0xED:
		return 0x80, 0x9F
	case 0xF0:
		return 0x90, 0xBF
	case 0xF4:
		return 0x80, 0x8F
	}
	return 0x80, 0xBF
}

// DecodeRune is DecodeRuneInString for bytes.
func DecodeRune(p []byte) (rune, int) {
	return DecodeRuneInString(string(p))
}

// DecodeLastRuneInString returns the last rune of s and its width.
func DecodeLastRuneInString(s string) (rune, int) {
	if len(s) == 0 {
		return RuneError, 0
	}
	start := len(s) - 1
	for start > 0 && len(s)-start < UTFMax && s[start]&0xC0 == 0x80 {
		start--
	}
	r, n := DecodeRuneInString(s[start:])
	if start+n != len(s) {
		return RuneError, 1
	}
	return r, n
}

// EncodeRune writes the UTF-8 encoding of r into p and returns its length.
func EncodeRune(p []byte, r rune) int {
	if !ValidRune(r) {
		r = RuneError
	}
	return copy(p, string(r))
}

// AppendRune appends the UTF-8 encoding of r to p.
func AppendRune(p []byte, r rune) []byte {
	if !ValidRune(r) {
		r = RuneError
	}
	return append(p, string(r)...)
}

// ValidString reports whether s is valid UTF-8.
func ValidString(s string) bool {
	for len(s) > 0 {
		r, n := DecodeRuneInString(s)
		if r == RuneError && n == 1 {
			return false
		}
		s = s[n:]
	}
	return true
}

// Valid reports whether p is valid UTF-8.
func Valid(p []byte) bool {
	return ValidString(string(p))
}

// FullRuneInString reports whether s begins with a whole rune's
// encoding (an invalid one counts: it decodes as RuneError, width 1).
func FullRuneInString(s string) bool {
	n := len(s)
	if n == 0 {
		return false
	}
	c0 := s[0]
	need := 1
	switch {
	case c0 < 0xC2 || c0 > 0xF4:
		return true
	case c0 < 0xE0:
		need = 2
	case c0 < 0xF0:
		need = 3
	default:
		need = 4
	}
	if n >= need {
		return true
	}
	// Too short: full only if a byte already present makes it invalid.
	lo, hi := second(c0)
	if n > 1 && (s[1] < lo || hi < s[1]) {
		return true
	}
	return n > 2 && (s[2] < 0x80 || 0xBF < s[2])
}

// FullRune reports whether p begins with a whole rune's encoding.
func FullRune(p []byte) bool { return FullRuneInString(string(p)) }

// RuneStart reports whether b can begin a rune's encoding.
func RuneStart(b byte) bool { return b&0xC0 != 0x80 }
