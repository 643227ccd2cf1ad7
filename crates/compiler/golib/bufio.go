// Package bufio, as Go's: buffered reading (Scanner, Reader) and writing
// (Writer) over an io.Reader or io.Writer.
//
// Written in Go for this page, after Go's src/bufio. A Writer keeps what
// is written until it is full or flushed, as Go's does: a program that
// forgets Flush loses its last output here too.
package bufio

import (
	"errors"
	"io"
	"strings"
	"unicode/utf8"
)

// MaxScanTokenSize is the largest token a Scanner reads by default.
const MaxScanTokenSize = 64 * 1024

const defaultBufSize = 4096

// ErrTooLong: a token longer than the Scanner's buffer.
var ErrTooLong = errors.New("bufio.Scanner: token too long")

// ErrFinalToken tells a Scanner that this token is the last.
var ErrFinalToken = errors.New("final token")

// A SplitFunc finds the next token in data.
type SplitFunc func(data []byte, atEOF bool) (advance int, token []byte, err error)

// A Scanner reads input token by token: lines by default.
type Scanner struct {
	r     io.Reader
	split SplitFunc
	max   int
	buf   []byte
	token []byte
	err   error
	eof   bool
	done  bool
}

// NewScanner returns a Scanner reading lines from r.
func NewScanner(r io.Reader) *Scanner {
	return &Scanner{r: r, split: ScanLines, max: MaxScanTokenSize}
}

// Split sets the split function; call it before Scan.
func (s *Scanner) Split(split SplitFunc) { s.split = split }

// Buffer sets the largest token size.
func (s *Scanner) Buffer(buf []byte, max int) { s.max = max }

// Err returns the first error other than io.EOF.
func (s *Scanner) Err() error {
	if s.err == io.EOF {
		return nil
	}
	return s.err
}

// Bytes returns the last token (valid until the next Scan).
func (s *Scanner) Bytes() []byte { return s.token }

// Text returns the last token as a string.
func (s *Scanner) Text() string { return string(s.token) }

// Scan advances to the next token; false at the end of the input or on
// an error.
func (s *Scanner) Scan() bool {
	if s.done {
		return false
	}
	for {
		if len(s.buf) > 0 || s.eof {
			adv, tok, err := s.split(s.buf, s.eof)
			if err != nil {
				if err == ErrFinalToken {
					s.token = tok
					s.done = true
					return tok != nil
				}
				s.err = err
				s.done = true
				return false
			}
			if adv > 0 || tok != nil {
				s.buf = s.buf[adv:]
				if tok != nil {
					s.token = tok
					return true
				}
				continue
			}
			if s.eof {
				s.token = nil
				s.done = true
				return false
			}
		}
		if len(s.buf) >= s.max {
			s.err = ErrTooLong
			s.done = true
			return false
		}
		chunk := make([]byte, defaultBufSize)
		n, err := s.r.Read(chunk)
		s.buf = append(s.buf, chunk[:n]...)
		if err != nil {
			if err != io.EOF {
				s.err = err
			}
			s.eof = true
		}
	}
}

// ScanLines splits lines, without their "\n" or "\r\n".
func ScanLines(data []byte, atEOF bool) (advance int, token []byte, err error) {
	if atEOF && len(data) == 0 {
		return 0, nil, nil
	}
	for i, c := range data {
		if c == '\n' {
			line := data[:i]
			if len(line) > 0 && line[len(line)-1] == '\r' {
				line = line[:len(line)-1]
			}
			return i + 1, line, nil
		}
	}
	if atEOF {
		line := data
		if len(line) > 0 && line[len(line)-1] == '\r' {
			line = line[:len(line)-1]
		}
		return len(data), line, nil
	}
	return 0, nil, nil
}

func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\v', '\f', '\r', 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
		return true
	}
	return 0x2000 <= r && r <= 0x200A
}

// ScanWords splits words separated by white space.
func ScanWords(data []byte, atEOF bool) (advance int, token []byte, err error) {
	start := 0
	for start < len(data) {
		r, w := utf8.DecodeRune(data[start:])
		if !isSpace(r) {
			break
		}
		start += w
	}
	for i := start; i < len(data); {
		r, w := utf8.DecodeRune(data[i:])
		if isSpace(r) {
			return i + w, data[start:i], nil
		}
		i += w
	}
	if atEOF && len(data) > start {
		return len(data), data[start:], nil
	}
	return start, nil, nil
}

// ScanRunes splits UTF-8 runes.
func ScanRunes(data []byte, atEOF bool) (advance int, token []byte, err error) {
	if atEOF && len(data) == 0 {
		return 0, nil, nil
	}
	if !atEOF && !utf8.FullRune(data) {
		return 0, nil, nil
	}
	r, w := utf8.DecodeRune(data)
	if r == utf8.RuneError && w == 1 {
		return 1, []byte(string(utf8.RuneError)), nil
	}
	return w, data[:w], nil
}

// ScanBytes splits bytes.
func ScanBytes(data []byte, atEOF bool) (advance int, token []byte, err error) {
	if atEOF && len(data) == 0 {
		return 0, nil, nil
	}
	return 1, data[0:1], nil
}

// A Reader reads from an io.Reader through a buffer.
type Reader struct {
	rd  io.Reader
	buf []byte
	err error
}

// NewReader returns a Reader over rd.
func NewReader(rd io.Reader) *Reader { return &Reader{rd: rd} }

func (b *Reader) fill() bool {
	if b.err != nil {
		return false
	}
	chunk := make([]byte, defaultBufSize)
	n, err := b.rd.Read(chunk)
	b.buf = append(b.buf, chunk[:n]...)
	if err != nil {
		b.err = err
	}
	return n > 0 || err == nil
}

// Read reads up to len(p) bytes.
func (b *Reader) Read(p []byte) (n int, err error) {
	if len(b.buf) == 0 && !b.fill() && len(b.buf) == 0 {
		return 0, b.readErr()
	}
	n = copy(p, b.buf)
	b.buf = b.buf[n:]
	return n, nil
}

func (b *Reader) readErr() error {
	err := b.err
	b.err = nil
	if err == nil {
		return io.EOF
	}
	return err
}

// ReadByte reads one byte.
func (b *Reader) ReadByte() (byte, error) {
	for len(b.buf) == 0 {
		if !b.fill() && len(b.buf) == 0 {
			return 0, b.readErr()
		}
	}
	c := b.buf[0]
	b.buf = b.buf[1:]
	return c, nil
}

// ReadRune reads one UTF-8 rune.
func (b *Reader) ReadRune() (r rune, size int, err error) {
	for len(b.buf) < utf8.UTFMax && !utf8.FullRune(b.buf) && b.fill() {
	}
	if len(b.buf) == 0 {
		return 0, 0, b.readErr()
	}
	r, size = utf8.DecodeRune(b.buf)
	b.buf = b.buf[size:]
	return r, size, nil
}

// ReadString reads until the first delim and returns it with delim; at
// the end of the input, what is left and the error (io.EOF).
func (b *Reader) ReadString(delim byte) (string, error) {
	for {
		if i := strings.IndexByte(string(b.buf), delim); i >= 0 {
			line := string(b.buf[:i+1])
			b.buf = b.buf[i+1:]
			return line, nil
		}
		if !b.fill() {
			line := string(b.buf)
			b.buf = nil
			return line, b.readErr()
		}
	}
}

// ReadBytes is ReadString returning bytes.
func (b *Reader) ReadBytes(delim byte) ([]byte, error) {
	s, err := b.ReadString(delim)
	return []byte(s), err
}

// A Writer buffers writes to an io.Writer until the buffer is full or
// Flush is called.
type Writer struct {
	wr  io.Writer
	buf []byte
	n   int
	err error
}

// NewWriter returns a Writer with the default buffer size (4096 bytes).
func NewWriter(w io.Writer) *Writer { return NewWriterSize(w, defaultBufSize) }

// NewWriterSize returns a Writer with a buffer of size bytes.
func NewWriterSize(w io.Writer, size int) *Writer {
	if size <= 0 {
		size = defaultBufSize
	}
	return &Writer{wr: w, buf: make([]byte, size)}
}

// Flush writes the buffered data to the underlying io.Writer.
func (b *Writer) Flush() error {
	if b.err != nil {
		return b.err
	}
	if b.n == 0 {
		return nil
	}
	n, err := b.wr.Write(b.buf[0:b.n])
	if n < b.n && err == nil {
		err = io.ErrShortWrite
	}
	if err != nil {
		if n > 0 && n < b.n {
			copy(b.buf[0:b.n-n], b.buf[n:b.n])
		}
		b.n -= n
		b.err = err
		return err
	}
	b.n = 0
	return nil
}

// Available returns how many bytes are unused in the buffer.
func (b *Writer) Available() int { return len(b.buf) - b.n }

// Buffered returns how many bytes are in the buffer.
func (b *Writer) Buffered() int { return b.n }

// Size returns the buffer's size.
func (b *Writer) Size() int { return len(b.buf) }

// Write writes p, through the buffer.
func (b *Writer) Write(p []byte) (nn int, err error) {
	for len(p) > b.Available() && b.err == nil {
		var n int
		if b.Buffered() == 0 {
			// Large write, empty buffer: write directly.
			n, b.err = b.wr.Write(p)
		} else {
			n = copy(b.buf[b.n:], p)
			b.n += n
			b.Flush()
		}
		nn += n
		p = p[n:]
	}
	if b.err != nil {
		return nn, b.err
	}
	n := copy(b.buf[b.n:], p)
	b.n += n
	nn += n
	return nn, nil
}

// WriteString writes s, through the buffer.
func (b *Writer) WriteString(s string) (int, error) {
	return b.Write([]byte(s))
}

// WriteByte writes one byte.
func (b *Writer) WriteByte(c byte) error {
	_, err := b.Write([]byte{c})
	return err
}

// WriteRune writes one rune.
func (b *Writer) WriteRune(r rune) (size int, err error) {
	return b.WriteString(string(r))
}
