// Package log, as Go's: a Logger writes one line per message, after the
// date and time (on the run's clock, see time.go) and a prefix.
//
// Written in Go for this page, after Go's src/log. Llongfile and
// Lshortfile are not here: this runtime does not tell code its caller's
// file and line.
package log

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"
)

// The flags that choose what each line starts with.
const (
	Ldate         = 1 << iota // 2009/01/23
	Ltime                     // 01:23:23
	Lmicroseconds             // 01:23:23.123123 (with Ltime)
	_                         // Llongfile: not here
	_                         // Lshortfile: not here
	LUTC                      // UTC (every time is, here)
	Lmsgprefix                // the prefix before the message, not the line
	LstdFlags     = Ldate | Ltime
)

// A Logger writes lines to an io.Writer; its methods may be called from
// several goroutines at once.
type Logger struct {
	mu     sync.Mutex
	prefix string
	flag   int
	out    io.Writer
}

// New returns a Logger writing to out.
func New(out io.Writer, prefix string, flag int) *Logger {
	return &Logger{prefix: prefix, flag: flag, out: out}
}

var std = New(os.Stderr, "", LstdFlags)

// Default returns the standard Logger, which writes to os.Stderr.
func Default() *Logger { return std }

func (l *Logger) header(now time.Time) string {
	h := ""
	if l.flag&Lmsgprefix == 0 {
		h = l.prefix
	}
	if l.flag&Ldate != 0 {
		h += now.Format("2006/01/02 ")
	}
	if l.flag&(Ltime|Lmicroseconds) != 0 {
		if l.flag&Lmicroseconds != 0 {
			h += now.Format("15:04:05.000000 ")
		} else {
			h += now.Format("15:04:05 ")
		}
	}
	if l.flag&Lmsgprefix != 0 {
		h += l.prefix
	}
	return h
}

// Output writes one line: the header, then s (with a newline if s lacks one).
func (l *Logger) Output(calldepth int, s string) error {
	now := time.Now()
	l.mu.Lock()
	defer l.mu.Unlock()
	line := l.header(now) + s
	if len(s) == 0 || s[len(s)-1] != '\n' {
		line += "\n"
	}
	_, err := io.WriteString(l.out, line)
	return err
}

func (l *Logger) Print(v ...any)                 { l.Output(2, fmt.Sprint(v...)) }
func (l *Logger) Printf(format string, v ...any) { l.Output(2, fmt.Sprintf(format, v...)) }
func (l *Logger) Println(v ...any)               { l.Output(2, fmt.Sprintln(v...)) }

func (l *Logger) Fatal(v ...any) {
	l.Output(2, fmt.Sprint(v...))
	os.Exit(1)
}

func (l *Logger) Fatalf(format string, v ...any) {
	l.Output(2, fmt.Sprintf(format, v...))
	os.Exit(1)
}

func (l *Logger) Fatalln(v ...any) {
	l.Output(2, fmt.Sprintln(v...))
	os.Exit(1)
}

func (l *Logger) Panic(v ...any) {
	s := fmt.Sprint(v...)
	l.Output(2, s)
	panic(s)
}

func (l *Logger) Panicf(format string, v ...any) {
	s := fmt.Sprintf(format, v...)
	l.Output(2, s)
	panic(s)
}

func (l *Logger) Panicln(v ...any) {
	s := fmt.Sprintln(v...)
	l.Output(2, s)
	panic(s)
}

func (l *Logger) SetPrefix(prefix string) { l.mu.Lock(); l.prefix = prefix; l.mu.Unlock() }
func (l *Logger) Prefix() string          { l.mu.Lock(); defer l.mu.Unlock(); return l.prefix }
func (l *Logger) SetFlags(flag int)       { l.mu.Lock(); l.flag = flag; l.mu.Unlock() }
func (l *Logger) Flags() int              { l.mu.Lock(); defer l.mu.Unlock(); return l.flag }
func (l *Logger) SetOutput(w io.Writer)   { l.mu.Lock(); l.out = w; l.mu.Unlock() }
func (l *Logger) Writer() io.Writer       { l.mu.Lock(); defer l.mu.Unlock(); return l.out }

// The standard Logger's functions.
func Print(v ...any)                 { std.Output(2, fmt.Sprint(v...)) }
func Printf(format string, v ...any) { std.Output(2, fmt.Sprintf(format, v...)) }
func Println(v ...any)               { std.Output(2, fmt.Sprintln(v...)) }
func Fatal(v ...any)                 { std.Fatal(v...) }
func Fatalf(format string, v ...any) { std.Fatalf(format, v...) }
func Fatalln(v ...any)               { std.Fatalln(v...) }
func Panic(v ...any)                 { std.Panic(v...) }
func Panicf(format string, v ...any) { std.Panicf(format, v...) }
func Panicln(v ...any)               { std.Panicln(v...) }
func SetPrefix(prefix string)        { std.SetPrefix(prefix) }
func Prefix() string                 { return std.Prefix() }
func SetFlags(flag int)              { std.SetFlags(flag) }
func Flags() int                     { return std.Flags() }
func SetOutput(w io.Writer)          { std.SetOutput(w) }
func Writer() io.Writer              { return std.Writer() }
