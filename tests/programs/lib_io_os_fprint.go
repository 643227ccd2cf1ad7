// fmt.Fprint* to os.Stdout, os.Stderr and any io.Writer (strings.Builder,
// a type of the program's own), io helpers over strings.Reader, and os's
// command line and environment.
package main

import (
	"fmt"
	"io"
	"os"
	"strings"
)

type upper struct{ w io.Writer }

func (u upper) Write(p []byte) (int, error) {
	return u.w.Write([]byte(strings.ToUpper(string(p))))
}

func main() {
	fmt.Fprintln(os.Stdout, "to stdout", 1, 2)
	fmt.Fprintf(os.Stderr, "to stderr: %d\n", 42)
	var b strings.Builder
	n, err := fmt.Fprintf(&b, "%s-%03d", "id", 7)
	fmt.Println(b.String(), n, err)
	fmt.Fprint(upper{os.Stdout}, "shout", "\n")
	data, err := io.ReadAll(strings.NewReader("all of it"))
	fmt.Println(string(data), err)
	r := strings.NewReader("a,b,c")
	c, err := r.ReadByte()
	fmt.Printf("%q %v %d %d\n", c, err, r.Len(), r.Size())
	w := io.MultiWriter(os.Stdout, &b)
	io.WriteString(w, "twice\n")
	fmt.Print(b.String())
	nn, err := io.Copy(os.Stdout, strings.NewReader("copied\n"))
	fmt.Println(nn, err)
	buf := make([]byte, 4)
	_, err = io.ReadFull(strings.NewReader("ab"), buf)
	fmt.Println(err, err == io.ErrUnexpectedEOF)
	_, err = os.Stdin.Read(buf)
	fmt.Println(err == io.EOF, len(os.Args))
	fmt.Println(os.Getenv("GOLAB_UNSET") == "")
	os.Setenv("GOLAB_X", "1")
	v, ok := os.LookupEnv("GOLAB_X")
	fmt.Println(v, ok)
	fmt.Println(string(fmt.Appendf([]byte("x="), "%d", 5)))
}
