// Package fmt, its scanning part: Scan, Sscan, Fscan and their ln and f
// forms. A part of a package (this file's name is fmt+scan.go) is linked
// only into programs that name one of its exported identifiers, so that
// the many programs that only print compile none of it.
//
// Written in Go for this page, after Go's src/fmt/scan.go: the same
// rules for spaces and newlines, verbs, widths and errors. Without
// reflection it scans pointers to Go's basic types (and []byte) and any
// Scanner; a pointer to another named type (type Celsius float64) gets
// "can't scan type", where Go would scan its underlying type.
package fmt

import (
	"errors"
	"io"
	"os"
	"strconv"
	"unicode/utf8"
)

// ScanState represents the scanner state passed to custom scanners.
type ScanState interface {
	// ReadRune reads the next rune from the input; during Scanln and its
	// kin it returns EOF after the first '\n' or beyond the width.
	ReadRune() (r rune, size int, err error)
	// UnreadRune causes the next call to ReadRune to return the same rune.
	UnreadRune() error
	// SkipSpace skips space in the input, newlines as the operation does.
	SkipSpace()
	// Token skips space if skipSpace is true, then returns the run of
	// runes satisfying f (or that are not space, if f is nil).
	Token(skipSpace bool, f func(rune) bool) (token []byte, err error)
	// Width returns the width option and whether it has been set.
	Width() (wid int, ok bool)
	// Read is only here so that a ScanState is an io.Reader; use ReadRune.
	Read(buf []byte) (n int, err error)
}

// Scanner is implemented by any value with a Scan method, which scans
// the input for its representation and stores it in the receiver.
type Scanner interface {
	Scan(state ScanState, verb rune) error
}

// Scan scans text read from standard input (empty in this page), storing
// successive space-separated values into successive arguments.
func Scan(a ...any) (n int, err error) { return Fscan(os.Stdin, a...) }

// Scanln is like Scan, but stops at a newline, which must follow the
// last item (or EOF).
func Scanln(a ...any) (n int, err error) { return Fscanln(os.Stdin, a...) }

// Scanf scans text read from standard input as the format says.
func Scanf(format string, a ...any) (n int, err error) {
	return Fscanf(os.Stdin, format, a...)
}

// Sscan scans str, storing successive space-separated values into
// successive arguments; newlines count as space. It returns how many
// items it scanned; if fewer than the arguments, err says why.
func Sscan(str string, a ...any) (n int, err error) {
	return newScanState(&stringRunes{s: str}, true, false).doScan(a)
}

// Sscanln is like Sscan, but stops at a newline, which must follow the
// last item (or the end of str).
func Sscanln(str string, a ...any) (n int, err error) {
	return newScanState(&stringRunes{s: str}, false, true).doScan(a)
}

// Sscanf scans str as the format says. Newlines in the input must match
// newlines in the format.
func Sscanf(str string, format string, a ...any) (n int, err error) {
	return newScanState(&stringRunes{s: str}, false, false).doScanf(format, a)
}

// Fscan scans text read from r, as Sscan does a string.
func Fscan(r io.Reader, a ...any) (n int, err error) {
	return newScanState(runesOf(r), true, false).doScan(a)
}

// Fscanln scans text read from r, as Sscanln does a string.
func Fscanln(r io.Reader, a ...any) (n int, err error) {
	return newScanState(runesOf(r), false, true).doScan(a)
}

// Fscanf scans text read from r, as Sscanf does a string.
func Fscanf(r io.Reader, format string, a ...any) (n int, err error) {
	return newScanState(runesOf(r), false, false).doScanf(format, a)
}

// runeScanner is io.RuneScanner: what the scanner reads from.
type runeScanner interface {
	ReadRune() (r rune, size int, err error)
	UnreadRune() error
}

// stringRunes reads a string's runes.
type stringRunes struct {
	s    string
	i    int
	last int // size of the last rune read, for UnreadRune
}

func (r *stringRunes) ReadRune() (rune, int, error) {
	if r.i >= len(r.s) {
		r.last = 0
		return 0, 0, io.EOF
	}
	c, size := utf8.DecodeRuneInString(r.s[r.i:])
	r.i += size
	r.last = size
	return c, size, nil
}

func (r *stringRunes) UnreadRune() error {
	r.i -= r.last
	r.last = 0
	return nil
}

// runesOf reads runes from r, one byte at a time unless r can unread
// (as a bufio.Reader can), so that no byte past the scan is consumed.
func runesOf(r io.Reader) runeScanner {
	if rs, ok := r.(runeScanner); ok {
		return rs
	}
	return &readRune{reader: r, peek: -1}
}

type readRune struct {
	reader  io.Reader
	pending []byte // bytes read past an invalid UTF-8 sequence
	peek    rune   // >= 0: the next rune; < 0: ^(the last rune read)
}

func (r *readRune) readByte() (byte, error) {
	if len(r.pending) > 0 {
		b := r.pending[0]
		r.pending = r.pending[1:]
		return b, nil
	}
	var one [1]byte
	n, err := io.ReadFull(r.reader, one[:])
	if n != 1 {
		return 0, err
	}
	return one[0], nil
}

func (r *readRune) ReadRune() (rune, int, error) {
	if r.peek >= 0 {
		c := r.peek
		r.peek = ^c
		return c, utf8.RuneLen(c), nil
	}
	b, err := r.readByte()
	if err != nil {
		return 0, 0, err
	}
	buf := []byte{b}
	for b >= utf8.RuneSelf && !utf8.FullRune(buf) {
		b, err = r.readByte()
		if err != nil {
			break
		}
		buf = append(buf, b)
	}
	c, size := utf8.DecodeRune(buf)
	r.pending = append(r.pending, buf[size:]...)
	r.peek = ^c
	return c, size, nil
}

func (r *readRune) UnreadRune() error {
	if r.peek >= 0 {
		return errors.New("fmt: scanning called UnreadRune with no rune available")
	}
	r.peek = ^r.peek
	return nil
}

// scanError carries an error out of the scanner's panics.
type scanError struct{ err error }

const (
	eof     = -1
	hugeWid = 1 << 30
)

// ss is the scanner's state; it implements ScanState.
type ss struct {
	rs        runeScanner
	buf       []byte // the token so far
	count     int    // runes consumed so far
	atEOF     bool
	nlIsEnd   bool // a newline ends the scan (Scanln)
	nlIsSpace bool // a newline counts as space (Scan)
	argLimit  int  // the most runes this operand may consume
	maxWid    int  // the width of this operand
}

func newScanState(rs runeScanner, nlIsSpace, nlIsEnd bool) *ss {
	return &ss{rs: rs, nlIsSpace: nlIsSpace, nlIsEnd: nlIsEnd, argLimit: hugeWid, maxWid: hugeWid}
}

func (s *ss) Read(buf []byte) (n int, err error) {
	return 0, errors.New("ScanState's Read should not be called. Use ReadRune")
}

func (s *ss) ReadRune() (r rune, size int, err error) {
	if s.atEOF || s.count >= s.argLimit {
		return 0, 0, io.EOF
	}
	r, size, err = s.rs.ReadRune()
	if err == nil {
		s.count++
		if s.nlIsEnd && r == '\n' {
			s.atEOF = true
		}
	} else if err == io.EOF {
		s.atEOF = true
	}
	return
}

func (s *ss) Width() (wid int, ok bool) {
	if s.maxWid == hugeWid {
		return 0, false
	}
	return s.maxWid, true
}

func (s *ss) UnreadRune() error {
	s.rs.UnreadRune()
	s.atEOF = false
	s.count--
	return nil
}

// getRune returns the next rune, or eof.
func (s *ss) getRune() rune {
	r, _, err := s.ReadRune()
	if err != nil {
		if err == io.EOF {
			return eof
		}
		s.error(err)
	}
	return r
}

// mustReadRune is getRune where the input may not end.
func (s *ss) mustReadRune() rune {
	r := s.getRune()
	if r == eof {
		s.error(io.ErrUnexpectedEOF)
	}
	return r
}

func (s *ss) error(err error)       { panic(scanError{err}) }
func (s *ss) errorString(e string) { panic(scanError{errors.New(e)}) }

func (s *ss) Token(skipSpace bool, f func(rune) bool) (tok []byte, err error) {
	defer func() {
		if e := recover(); e != nil {
			se, ok := e.(scanError)
			if !ok {
				panic(e)
			}
			err = se.err
		}
	}()
	if f == nil {
		f = notSpace
	}
	s.buf = s.buf[:0]
	return s.token(skipSpace, f), nil
}

// isSpace reports whether r is Unicode white space (as unicode.IsSpace).
func isSpace(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', ' ', 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
		return true
	}
	return 0x2000 <= r && r <= 0x200a
}

func notSpace(r rune) bool { return !isSpace(r) }

func (s *ss) SkipSpace() { s.skipSpace(false) }

// skipSpace skips spaces and, where they count as space, newlines.
func (s *ss) skipSpace(stopAtNewline bool) {
	for {
		r := s.getRune()
		if r == eof {
			return
		}
		if r == '\r' && s.peek("\n") {
			continue
		}
		if r == '\n' {
			if stopAtNewline {
				break
			}
			if s.nlIsSpace {
				continue
			}
			s.errorString("unexpected newline")
			return
		}
		if !isSpace(r) {
			s.UnreadRune()
			break
		}
	}
}

// token reads the runes satisfying f into s.buf.
func (s *ss) token(skipSpace bool, f func(rune) bool) []byte {
	if skipSpace {
		s.skipSpace(false)
	}
	for {
		r := s.getRune()
		if r == eof {
			break
		}
		if !f(r) {
			s.UnreadRune()
			break
		}
		s.buf = utf8.AppendRune(s.buf, r)
	}
	return s.buf
}

func indexRune(s string, r rune) int {
	for i, c := range s {
		if c == r {
			return i
		}
	}
	return -1
}

// consume reads the next rune and reports whether it is in ok; with
// accept, a rune in ok joins the token and any other is unread.
func (s *ss) consume(ok string, accept bool) bool {
	r := s.getRune()
	if r == eof {
		return false
	}
	if indexRune(ok, r) >= 0 {
		if accept {
			s.buf = utf8.AppendRune(s.buf, r)
		}
		return true
	}
	if accept {
		s.UnreadRune()
	}
	return false
}

// peek reports whether the next rune is in ok, without consuming it.
func (s *ss) peek(ok string) bool {
	r := s.getRune()
	if r != eof {
		s.UnreadRune()
	}
	return indexRune(ok, r) >= 0
}

// notEOF panics with io.EOF if the input is at its end.
func (s *ss) notEOF() {
	if r := s.getRune(); r == eof {
		panic(io.EOF)
	}
	s.UnreadRune()
}

func (s *ss) accept(ok string) bool { return s.consume(ok, true) }

func (s *ss) okVerb(verb rune, okVerbs, typ string) bool {
	for _, v := range okVerbs {
		if v == verb {
			return true
		}
	}
	s.errorString("bad verb '%" + string(verb) + "' for " + typ)
	return false
}

var boolError = errors.New("syntax error scanning boolean")

func (s *ss) scanBool(verb rune) bool {
	s.skipSpace(false)
	s.notEOF()
	if !s.okVerb(verb, "tv", "boolean") {
		return false
	}
	// Go is not fastidious about case here, and neither are we.
	switch s.getRune() {
	case '0':
		return false
	case '1':
		return true
	case 't', 'T':
		if s.accept("rR") && (!s.accept("uU") || !s.accept("eE")) {
			s.error(boolError)
		}
		return true
	case 'f', 'F':
		if s.accept("aA") && (!s.accept("lL") || !s.accept("sS") || !s.accept("eE")) {
			s.error(boolError)
		}
		return false
	}
	return false
}

const (
	binaryDigits      = "01"
	octalDigits       = "01234567"
	decimalDigits     = "0123456789"
	hexadecimalDigits = "0123456789aAbBcCdDeEfF"
	sign              = "+-"
	period            = "."
	exponent          = "eEpP"
	floatVerbs        = "beEfFgGv"
)

func (s *ss) getBase(verb rune) (base int, digits string) {
	s.okVerb(verb, "bdoUxXv", "integer")
	switch verb {
	case 'b':
		return 2, binaryDigits
	case 'o':
		return 8, octalDigits
	case 'x', 'X', 'U':
		return 16, hexadecimalDigits
	}
	return 10, decimalDigits
}

func (s *ss) scanNumber(digits string, haveDigits bool) string {
	if !haveDigits {
		s.notEOF()
		if !s.accept(digits) {
			s.errorString("expected integer")
		}
	}
	for s.accept(digits) {
	}
	return string(s.buf)
}

func (s *ss) scanRune(bitSize int) int64 {
	s.notEOF()
	r := int64(s.getRune())
	n := uint(bitSize)
	if x := (r << (64 - n)) >> (64 - n); x != r {
		s.errorString("overflow on character value " + string(rune(r)))
	}
	return r
}

// scanBasePrefix reads a leading 0, 0b, 0o or 0x for %v into the token;
// base 0 then lets ParseInt read the prefix and any underscores.
func (s *ss) scanBasePrefix() (base int, digits string, zeroFound bool) {
	if !s.peek("0") {
		return 0, decimalDigits + "_", false
	}
	s.accept("0")
	switch {
	case s.peek("bB"):
		s.consume("bB", true)
		return 0, binaryDigits + "_", true
	case s.peek("oO"):
		s.consume("oO", true)
		return 0, octalDigits + "_", true
	case s.peek("xX"):
		s.consume("xX", true)
		return 0, hexadecimalDigits + "_", true
	}
	return 0, octalDigits + "_", true
}

func (s *ss) scanInt(verb rune, bitSize int) int64 {
	if verb == 'c' {
		return s.scanRune(bitSize)
	}
	s.skipSpace(false)
	s.notEOF()
	base, digits := s.getBase(verb)
	haveDigits := false
	if verb == 'U' {
		if !s.consume("U", false) || !s.consume("+", false) {
			s.errorString("bad unicode format ")
		}
	} else {
		s.accept(sign)
		if verb == 'v' {
			base, digits, haveDigits = s.scanBasePrefix()
		}
	}
	tok := s.scanNumber(digits, haveDigits)
	i, err := strconv.ParseInt(tok, base, 64)
	if err != nil {
		s.error(err)
	}
	n := uint(bitSize)
	if x := (i << (64 - n)) >> (64 - n); x != i {
		s.errorString("integer overflow on token " + tok)
	}
	return i
}

func (s *ss) scanUint(verb rune, bitSize int) uint64 {
	if verb == 'c' {
		return uint64(s.scanRune(bitSize))
	}
	s.skipSpace(false)
	s.notEOF()
	base, digits := s.getBase(verb)
	haveDigits := false
	if verb == 'U' {
		if !s.consume("U", false) || !s.consume("+", false) {
			s.errorString("bad unicode format ")
		}
	} else if verb == 'v' {
		base, digits, haveDigits = s.scanBasePrefix()
	}
	tok := s.scanNumber(digits, haveDigits)
	i, err := strconv.ParseUint(tok, base, 64)
	if err != nil {
		s.error(err)
	}
	n := uint(bitSize)
	if x := (i << (64 - n)) >> (64 - n); x != i {
		s.errorString("unsigned integer overflow on token " + tok)
	}
	return i
}

// floatToken reads what may be a float (decimal, or hexadecimal with a
// p exponent; underscores allowed); ParseFloat judges it.
func (s *ss) floatToken() string {
	s.buf = s.buf[:0]
	if s.accept("nN") && s.accept("aA") && s.accept("nN") {
		return string(s.buf)
	}
	s.accept(sign)
	if s.accept("iI") && s.accept("nN") && s.accept("fF") {
		return string(s.buf)
	}
	digits := decimalDigits + "_"
	exp := exponent
	if s.accept("0") && s.accept("xX") {
		digits = hexadecimalDigits + "_"
		exp = "pP"
	}
	for s.accept(digits) {
	}
	if s.accept(period) {
		for s.accept(digits) {
		}
	}
	if s.accept(exp) {
		s.accept(sign)
		for s.accept(decimalDigits + "_") {
		}
	}
	return string(s.buf)
}

func hasX(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == 'x' || s[i] == 'X' {
			return true
		}
	}
	return false
}

func (s *ss) convertFloat(str string, n int) float64 {
	if p := indexRune(str, 'p'); p >= 0 && !hasX(str) {
		// A power-of-two exponent on a decimal mantissa (1.5p3 is 12),
		// which ParseFloat does not read; 0x1.8p3 it does.
		f, err := strconv.ParseFloat(str[:p], n)
		if err != nil {
			if e, ok := err.(*strconv.NumError); ok {
				e.Num = str
			}
			s.error(err)
		}
		m, err := strconv.Atoi(str[p+1:])
		if err != nil {
			if e, ok := err.(*strconv.NumError); ok {
				e.Num = str
			}
			s.error(err)
		}
		for ; m > 0; m-- {
			f *= 2
		}
		for ; m < 0; m++ {
			f /= 2
		}
		return f
	}
	f, err := strconv.ParseFloat(str, n)
	if err != nil {
		s.error(err)
	}
	return f
}

func (s *ss) convertString(verb rune) string {
	if !s.okVerb(verb, "svqxX", "string") {
		return ""
	}
	s.skipSpace(false)
	s.notEOF()
	switch verb {
	case 'q':
		return s.quotedString()
	case 'x', 'X':
		return s.hexString()
	}
	return string(s.token(true, notSpace)) // %s and %v: the next word
}

func (s *ss) quotedString() string {
	s.notEOF()
	quote := s.getRune()
	switch quote {
	case '`':
		for {
			r := s.mustReadRune()
			if r == quote {
				break
			}
			s.buf = utf8.AppendRune(s.buf, r)
		}
		return string(s.buf)
	case '"':
		s.buf = append(s.buf, '"')
		for {
			r := s.mustReadRune()
			s.buf = utf8.AppendRune(s.buf, r)
			if r == '\\' {
				// Only the rune right after a backslash can be a quote
				// that does not end the string.
				s.buf = utf8.AppendRune(s.buf, s.mustReadRune())
			} else if r == '"' {
				break
			}
		}
		result, err := strconv.Unquote(string(s.buf))
		if err != nil {
			s.error(err)
		}
		return result
	}
	s.errorString("expected quoted string")
	return ""
}

func hexDigit(d rune) (int, bool) {
	switch {
	case '0' <= d && d <= '9':
		return int(d - '0'), true
	case 'a' <= d && d <= 'f':
		return 10 + int(d-'a'), true
	case 'A' <= d && d <= 'F':
		return 10 + int(d-'A'), true
	}
	return -1, false
}

func (s *ss) hexByte() (b byte, ok bool) {
	r1 := s.getRune()
	if r1 == eof {
		return
	}
	v1, ok := hexDigit(r1)
	if !ok {
		s.UnreadRune()
		return
	}
	v2, ok := hexDigit(s.mustReadRune())
	if !ok {
		s.errorString("illegal hex digit")
		return
	}
	return byte(v1<<4 | v2), true
}

func (s *ss) hexString() string {
	s.notEOF()
	for {
		b, ok := s.hexByte()
		if !ok {
			break
		}
		s.buf = append(s.buf, b)
	}
	if len(s.buf) == 0 {
		s.errorString("no hex data for %x string")
		return ""
	}
	return string(s.buf)
}

// scanOne scans one operand, as its type says.
func (s *ss) scanOne(verb rune, arg any) {
	s.buf = s.buf[:0]
	if v, ok := arg.(Scanner); ok {
		if err := v.Scan(s, verb); err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			s.error(err)
		}
		return
	}
	switch v := arg.(type) {
	case *bool:
		*v = s.scanBool(verb)
	case *int:
		*v = int(s.scanInt(verb, 64))
	case *int8:
		*v = int8(s.scanInt(verb, 8))
	case *int16:
		*v = int16(s.scanInt(verb, 16))
	case *int32:
		*v = int32(s.scanInt(verb, 32))
	case *int64:
		*v = s.scanInt(verb, 64)
	case *uint:
		*v = uint(s.scanUint(verb, 64))
	case *uint8:
		*v = uint8(s.scanUint(verb, 8))
	case *uint16:
		*v = uint16(s.scanUint(verb, 16))
	case *uint32:
		*v = uint32(s.scanUint(verb, 32))
	case *uint64:
		*v = s.scanUint(verb, 64)
	case *uintptr:
		*v = uintptr(s.scanUint(verb, 64))
	case *float32:
		if s.okVerb(verb, floatVerbs, "float32") {
			s.skipSpace(false)
			s.notEOF()
			*v = float32(s.convertFloat(s.floatToken(), 32))
		}
	case *float64:
		if s.okVerb(verb, floatVerbs, "float64") {
			s.skipSpace(false)
			s.notEOF()
			*v = s.convertFloat(s.floatToken(), 64)
		}
	case *string:
		*v = s.convertString(verb)
	case *[]byte:
		*v = []byte(s.convertString(verb))
	default:
		t := Sprintf("%T", arg)
		if t == "" || t[0] != '*' {
			s.errorString("type not a pointer: " + t)
		}
		s.errorString("can't scan type: " + t)
	}
}

// errorHandler turns the scanner's panics into the error it returns.
func errorHandler(errp *error) {
	if e := recover(); e != nil {
		if se, ok := e.(scanError); ok {
			*errp = se.err
		} else if eof, ok := e.(error); ok && eof == io.EOF {
			*errp = eof
		} else {
			panic(e)
		}
	}
}

func (s *ss) doScan(a []any) (numProcessed int, err error) {
	defer errorHandler(&err)
	for _, arg := range a {
		s.scanOne('v', arg)
		numProcessed++
	}
	// Scanln: only space may follow the last operand on its line.
	if s.nlIsEnd {
		for {
			r := s.getRune()
			if r == '\n' || r == eof {
				break
			}
			if !isSpace(r) {
				s.errorString("expected newline")
				break
			}
		}
	}
	return
}

// advance matches the input against the format's text up to its next
// verb, and returns how many bytes of the format it consumed: 0 at a
// verb or at the end of the input, negative if the input did not match.
// Runs of spaces match runs of spaces; newlines must match newlines.
func (s *ss) advance(format string) (i int) {
	for i < len(format) {
		fmtc, w := utf8.DecodeRuneInString(format[i:])
		if fmtc == '%' {
			if i+w == len(format) {
				s.errorString("missing verb: % at end of format string")
			}
			nextc, _ := utf8.DecodeRuneInString(format[i+w:])
			if nextc != '%' {
				return
			}
			i += w // %% is a literal percent
		}
		sawSpace := false
		wasNewline := false
		for isSpace(fmtc) && i < len(format) {
			if fmtc == '\n' {
				if wasNewline {
					break
				}
				wasNewline = true
			}
			sawSpace = true
			i += w
			fmtc, w = utf8.DecodeRuneInString(format[i:])
		}
		if sawSpace {
			inputc := s.getRune()
			if inputc == eof {
				return
			}
			if !isSpace(inputc) {
				s.errorString("expected space in input to match format")
			}
			for inputc != '\n' && isSpace(inputc) {
				inputc = s.getRune()
			}
			if inputc == '\n' {
				if !wasNewline {
					s.errorString("newline in input does not match format")
				}
				return
			}
			s.UnreadRune()
			if wasNewline {
				s.errorString("newline in format does not match input")
			}
			continue
		}
		inputc := s.mustReadRune()
		if fmtc != inputc {
			s.UnreadRune()
			return -1
		}
		i += w
	}
	return
}

func (s *ss) doScanf(format string, a []any) (numProcessed int, err error) {
	defer errorHandler(&err)
	end := len(format) - 1
	for i := 0; i <= end; {
		w := s.advance(format[i:])
		if w > 0 {
			i += w
			continue
		}
		if format[i] != '%' {
			if w < 0 {
				s.errorString("input does not match format")
			}
			break // at EOF; "too many operands" below
		}
		i++ // the %

		// A width: at most that many runes for this operand.
		wid, widPresent := 0, false
		for i <= end && '0' <= format[i] && format[i] <= '9' {
			wid = wid*10 + int(format[i]-'0')
			widPresent = true
			i++
		}
		s.maxWid = hugeWid
		if widPresent {
			s.maxWid = wid
		}

		c, w := utf8.DecodeRuneInString(format[i:])
		i += w
		if c != 'c' {
			s.SkipSpace()
		}
		s.argLimit = hugeWid
		if f := s.count + s.maxWid; f < s.argLimit {
			s.argLimit = f
		}
		if numProcessed >= len(a) {
			s.errorString("too few operands for format '%" + format[i-w:] + "'")
			break
		}
		s.scanOne(c, a[numProcessed])
		numProcessed++
		s.argLimit = hugeWid
	}
	if numProcessed < len(a) {
		s.errorString("too many operands")
	}
	return
}
