// Package strconv, the part written in Go: parsing and formatting
// integers and booleans, quoting, and the NumError every parse returns.
// Itoa, FormatFloat and the float parser are the runtime's natives.
//
// Written in Go for this page, after Go's src/strconv; the messages are
// Go's (strconv.Atoi: parsing "x": invalid syntax).
package strconv

import (
	"errors"
	"fmt"
)

// IntSize is the size in bits of an int.
const IntSize = 64

// ErrRange: a value is out of range for its type.
var ErrRange = errors.New("value out of range")

// ErrSyntax: a value does not have the right syntax.
var ErrSyntax = errors.New("invalid syntax")

// A NumError records a failed conversion.
type NumError struct {
	Func string // the failing function (ParseBool, ParseInt, ...)
	Num  string // the input
	Err  error  // why it failed (ErrRange, ErrSyntax, ...)
}

func (e *NumError) Error() string {
	return "strconv." + e.Func + ": parsing " + Quote(e.Num) + ": " + e.Err.Error()
}

func (e *NumError) Unwrap() error { return e.Err }

func syntaxError(fn, str string) *NumError { return &NumError{fn, str, ErrSyntax} }
func rangeError(fn, str string) *NumError  { return &NumError{fn, str, ErrRange} }

// Atoi is ParseInt(s, 10, 0), converted to int.
func Atoi(s string) (int, error) {
	i, err := ParseInt(s, 10, 0)
	if nerr, ok := err.(*NumError); ok {
		nerr.Func = "Atoi"
	}
	return int(i), err
}

// ParseBool accepts 1, t, T, TRUE, true, True, 0, f, F, FALSE, false, False.
func ParseBool(str string) (bool, error) {
	switch str {
	case "1", "t", "T", "true", "TRUE", "True":
		return true, nil
	case "0", "f", "F", "false", "FALSE", "False":
		return false, nil
	}
	return false, syntaxError("ParseBool", str)
}

// FormatBool returns "true" or "false".
func FormatBool(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// ParseUint is like ParseInt for unsigned numbers.
func ParseUint(s string, base int, bitSize int) (uint64, error) {
	const fnParseUint = "ParseUint"
	if s == "" {
		return 0, syntaxError(fnParseUint, s)
	}
	s0 := s
	base0 := base == 0
	switch {
	case 2 <= base && base <= 36:
	case base == 0:
		// A prefix chooses the base: 0b, 0o, 0 (octal), 0x; else 10.
		base = 10
		if s[0] == '0' {
			switch {
			case len(s) >= 3 && lower(s[1]) == 'b':
				base = 2
				s = s[2:]
			case len(s) >= 3 && lower(s[1]) == 'o':
				base = 8
				s = s[2:]
			case len(s) >= 3 && lower(s[1]) == 'x':
				base = 16
				s = s[2:]
			default:
				base = 8
				s = s[1:]
			}
		}
	default:
		return 0, &NumError{fnParseUint, s0, errors.New("invalid base " + Itoa(base))}
	}
	if bitSize == 0 {
		bitSize = IntSize
	} else if bitSize < 0 || bitSize > 64 {
		return 0, &NumError{fnParseUint, s0, errors.New("invalid bit size " + Itoa(bitSize))}
	}
	maxVal := uint64(1)<<uint(bitSize) - 1
	if bitSize == 64 {
		maxVal = 1<<64 - 1
	}
	var n uint64
	underscores := false
	for _, c := range []byte(s) {
		var d byte
		switch {
		case c == '_' && base0:
			underscores = true
			continue
		case '0' <= c && c <= '9':
			d = c - '0'
		case 'a' <= lower(c) && lower(c) <= 'z':
			d = lower(c) - 'a' + 10
		default:
			return 0, syntaxError(fnParseUint, s0)
		}
		if d >= byte(base) {
			return 0, syntaxError(fnParseUint, s0)
		}
		if n > (maxVal-uint64(d))/uint64(base) {
			// Overflow: the rest must still be digits.
			for _, c := range []byte(s) {
				if !isDigitIn(c, base) && !(c == '_' && base0) {
					return 0, syntaxError(fnParseUint, s0)
				}
			}
			return maxVal, rangeError(fnParseUint, s0)
		}
		n = n*uint64(base) + uint64(d)
	}
	if underscores && !underscoreOK(s0) {
		return 0, syntaxError(fnParseUint, s0)
	}
	return n, nil
}

// ParseInt interprets s in the given base (0: from its prefix) and bit
// size (0: int), returning the closest value and ErrRange if it does not
// fit.
func ParseInt(s string, base int, bitSize int) (i int64, err error) {
	const fnParseInt = "ParseInt"
	if s == "" {
		return 0, syntaxError(fnParseInt, s)
	}
	s0 := s
	neg := false
	if s[0] == '+' {
		s = s[1:]
	} else if s[0] == '-' {
		neg = true
		s = s[1:]
	}
	un, err := ParseUint(s, base, bitSize)
	if err != nil && err.(*NumError).Err != ErrRange {
		err.(*NumError).Func = fnParseInt
		err.(*NumError).Num = s0
		return 0, err
	}
	if bitSize == 0 {
		bitSize = IntSize
	}
	cutoff := uint64(1 << uint(bitSize-1))
	if !neg && un >= cutoff {
		return int64(cutoff - 1), rangeError(fnParseInt, s0)
	}
	if neg && un > cutoff {
		return -int64(cutoff), rangeError(fnParseInt, s0)
	}
	n := int64(un)
	if neg {
		n = -n
	}
	return n, nil
}

func lower(c byte) byte { return c | ('x' - 'X') }

func isDigitIn(c byte, base int) bool {
	var d byte
	switch {
	case '0' <= c && c <= '9':
		d = c - '0'
	case 'a' <= lower(c) && lower(c) <= 'z':
		d = lower(c) - 'a' + 10
	default:
		return false
	}
	return d < byte(base)
}

// underscoreOK reports whether the underscores in s are where Go allows
// them: only between digits, or between a base prefix and a digit.
func underscoreOK(s string) bool {
	saw := '^'
	i := 0
	if len(s) >= 1 && (s[0] == '-' || s[0] == '+') {
		s = s[1:]
	}
	hex := false
	if len(s) >= 2 && s[0] == '0' && (lower(s[1]) == 'b' || lower(s[1]) == 'o' || lower(s[1]) == 'x') {
		i = 2
		saw = '0'
		hex = lower(s[1]) == 'x'
	}
	for ; i < len(s); i++ {
		if '0' <= s[i] && s[i] <= '9' || hex && 'a' <= lower(s[i]) && lower(s[i]) <= 'f' {
			saw = '0'
			continue
		}
		if s[i] == '_' {
			if saw != '0' {
				return false
			}
			saw = '_'
			continue
		}
		if saw == '_' {
			return false
		}
		saw = '!'
	}
	return saw != '_'
}

// FormatInt returns i in the given base (2 to 36), lower-case letters for
// digits above 9.
func FormatInt(i int64, base int) string {
	if i < 0 {
		return "-" + formatBits(uint64(-i), base)
	}
	return formatBits(uint64(i), base)
}

// FormatUint returns i in the given base.
func FormatUint(i uint64, base int) string {
	return formatBits(i, base)
}

func formatBits(u uint64, base int) string {
	if base < 2 || base > 36 {
		panic("strconv: illegal AppendInt/FormatInt base")
	}
	const digits = "0123456789abcdefghijklmnopqrstuvwxyz"
	var a [65]byte
	i := len(a)
	b := uint64(base)
	for u >= b {
		i--
		a[i] = digits[u%b]
		u /= b
	}
	i--
	a[i] = digits[u]
	return string(a[i:])
}

// AppendInt appends FormatInt(i, base) to dst.
func AppendInt(dst []byte, i int64, base int) []byte {
	return append(dst, FormatInt(i, base)...)
}

// AppendUint appends FormatUint(i, base) to dst.
func AppendUint(dst []byte, i uint64, base int) []byte {
	return append(dst, FormatUint(i, base)...)
}

// AppendBool appends "true" or "false" to dst.
func AppendBool(dst []byte, b bool) []byte {
	return append(dst, FormatBool(b)...)
}

// AppendQuote appends Quote(s) to dst.
func AppendQuote(dst []byte, s string) []byte {
	return append(dst, Quote(s)...)
}

// ParseFloat converts s to the nearest float64 (float32 if bitSize is 32);
// out of range, it returns ±Inf and ErrRange.
func ParseFloat(s string, bitSize int) (float64, error) {
	f, code := parseFloat(s, bitSize)
	switch code {
	case 1:
		return 0, syntaxError("ParseFloat", s)
	case 2:
		return f, rangeError("ParseFloat", s)
	}
	return f, nil
}

// IsPrint reports whether r is printable as Go defines it: a letter, mark,
// number, punctuation, symbol or the ASCII space (what %q leaves as it is).
func IsPrint(r rune) bool

// IsGraphic reports whether r is printable or a space of category Zs.
func IsGraphic(r rune) bool

// Quote returns s as a double-quoted Go string literal.
func Quote(s string) string { return fmt.Sprintf("%q", s) }

// QuoteRune returns r as a single-quoted Go rune literal.
func QuoteRune(r rune) string { return fmt.Sprintf("%q", r) }

// QuoteToASCII is Quote with every non-ASCII rune escaped.
func QuoteToASCII(s string) string {
	out := []byte{'"'}
	for _, r := range s {
		if r < 0x80 {
			q := Quote(string(r))
			out = append(out, q[1:len(q)-1]...)
		} else if r < 0x10000 {
			out = append(out, fmt.Sprintf("\\u%04x", r)...)
		} else {
			out = append(out, fmt.Sprintf("\\U%08x", r)...)
		}
	}
	return string(append(out, '"'))
}

// Unquote interprets s as a quoted Go string literal ("...", `...` or
// '...') and returns its value.
func Unquote(s string) (string, error) {
	n := len(s)
	if n < 2 {
		return "", ErrSyntax
	}
	q := s[0]
	if q != s[n-1] {
		return "", ErrSyntax
	}
	body := s[1 : n-1]
	if q == '`' {
		for i := 0; i < len(body); i++ {
			if body[i] == '`' {
				return "", ErrSyntax
			}
		}
		return body, nil
	}
	if q != '"' && q != '\'' {
		return "", ErrSyntax
	}
	var out []byte
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c == q || c == '\n' {
			return "", ErrSyntax
		}
		if c != '\\' {
			out = append(out, c)
			continue
		}
		i++
		if i >= len(body) {
			return "", ErrSyntax
		}
		switch body[i] {
		case 'a':
			out = append(out, '\a')
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'v':
			out = append(out, '\v')
		case '\\', '\'', '"':
			if body[i] != q && body[i] != '\\' {
				return "", ErrSyntax
			}
			out = append(out, body[i])
		case 'x', 'u', 'U':
			size := map[byte]int{'x': 2, 'u': 4, 'U': 8}[body[i]]
			if i+size >= len(body) {
				return "", ErrSyntax
			}
			v, err := ParseUint(body[i+1:i+1+size], 16, 32)
			if err != nil {
				return "", ErrSyntax
			}
			if body[i] == 'x' {
				out = append(out, byte(v))
			} else {
				out = append(out, string(rune(v))...)
			}
			i += size
		default:
			if '0' <= body[i] && body[i] <= '7' && i+2 < len(body) {
				v, err := ParseUint(body[i:i+3], 8, 8)
				if err != nil {
					return "", ErrSyntax
				}
				out = append(out, byte(v))
				i += 2
				continue
			}
			return "", ErrSyntax
		}
	}
	if q == '\'' && len([]rune(string(out))) != 1 {
		return "", ErrSyntax
	}
	return string(out), nil
}
