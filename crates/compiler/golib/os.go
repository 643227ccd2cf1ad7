// Package os, the part written in Go: the standard files, the command
// line and the environment. Exit and ReadFile (on a small built-in file
// system) are the runtime's natives.
//
// Written in Go for this page: a program runs in the page with no real
// file system, processes or environment, so Stdin is empty, Args holds
// only the program's name, and the environment starts empty.
package os

import (
	"errors"
	"io"
)

// ErrInvalid: an invalid argument (a nil *File).
var ErrInvalid = errors.New("invalid argument")

// ErrClosed: the file is already closed.
var ErrClosed = errors.New("file already closed")

// A File is an open file: here, one of the standard three.
type File struct {
	fd     int
	name   string
	closed bool
}

// The standard files. Stdin is empty: reading it gives io.EOF.
var (
	Stdin  = &File{fd: 0, name: "/dev/stdin"}
	Stdout = &File{fd: 1, name: "/dev/stdout"}
	Stderr = &File{fd: 2, name: "/dev/stderr"}
)

// Name returns the file's name.
func (f *File) Name() string { return f.name }

// Write writes b to the file.
func (f *File) Write(b []byte) (n int, err error) {
	if f == nil {
		return 0, ErrInvalid
	}
	if f.closed {
		return 0, &PathError{Op: "write", Path: f.name, Err: ErrClosed}
	}
	if f.fd == 0 {
		return 0, &PathError{Op: "write", Path: f.name, Err: errors.New("bad file descriptor")}
	}
	return write(f.fd, b), nil
}

// WriteString writes s to the file.
func (f *File) WriteString(s string) (n int, err error) {
	return f.Write([]byte(s))
}

// Read reads from the file: standard input is empty here.
func (f *File) Read(b []byte) (n int, err error) {
	if f == nil {
		return 0, ErrInvalid
	}
	if f.closed {
		return 0, &PathError{Op: "read", Path: f.name, Err: ErrClosed}
	}
	if f.fd != 0 {
		return 0, &PathError{Op: "read", Path: f.name, Err: errors.New("bad file descriptor")}
	}
	return 0, io.EOF
}

// Close closes the file.
func (f *File) Close() error {
	if f == nil {
		return ErrInvalid
	}
	if f.closed {
		return &PathError{Op: "close", Path: f.name, Err: ErrClosed}
	}
	f.closed = true
	return nil
}

// PathError records an error and the operation and file that caused it.
type PathError struct {
	Op   string
	Path string
	Err  error
}

func (e *PathError) Error() string { return e.Op + " " + e.Path + ": " + e.Err.Error() }

func (e *PathError) Unwrap() error { return e.Err }

// Args holds the command-line arguments, starting with the program name.
var Args = []string{"/tmp/prog"}

var env = map[string]string{}

// Getenv returns the value of the environment variable key ("" if unset).
func Getenv(key string) string {
	return env[key]
}

// LookupEnv returns the value of key and whether it is set.
func LookupEnv(key string) (string, bool) {
	v, ok := env[key]
	return v, ok
}

// Setenv sets the environment variable key.
func Setenv(key, value string) error {
	if key == "" {
		return errors.New("setenv: invalid argument")
	}
	env[key] = value
	return nil
}

// Unsetenv removes the environment variable key.
func Unsetenv(key string) error {
	delete(env, key)
	return nil
}

// Environ returns the environment as "key=value" strings.
func Environ() []string {
	var out []string
	for k, v := range env {
		out = append(out, k+"="+v)
	}
	return out
}

// Getpid returns the process id: this page runs one program, as process 1.
func Getpid() int { return 1 }

// Hostname returns the name of this machine: the page's.
func Hostname() (name string, err error) { return "golab", nil }
