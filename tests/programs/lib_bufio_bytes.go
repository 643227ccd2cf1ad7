// bufio and bytes: scanning lines and words, a buffered writer that must
// be flushed, and a bytes.Buffer as an io.Writer and io.Reader.
package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strings"
)

func main() {
	sc := bufio.NewScanner(strings.NewReader("first line\nsecond line\r\n\nlast"))
	for sc.Scan() {
		fmt.Printf("%q\n", sc.Text())
	}
	fmt.Println(sc.Err())

	words := bufio.NewScanner(strings.NewReader("  the quick\tbrown\n fox "))
	words.Split(bufio.ScanWords)
	n := 0
	for words.Scan() {
		n++
		fmt.Print(words.Text(), "|")
	}
	fmt.Println(n)

	in := bufio.NewScanner(os.Stdin)
	fmt.Println(in.Scan(), in.Err())

	w := bufio.NewWriter(os.Stdout)
	fmt.Fprintf(w, "buffered %d\n", 1)
	fmt.Println("unbuffered first,", w.Buffered(), "bytes waiting")
	w.Flush()

	r := bufio.NewReader(strings.NewReader("k=v\nrest"))
	line, err := r.ReadString('\n')
	fmt.Printf("%q %v\n", line, err)
	line, err = r.ReadString('\n')
	fmt.Printf("%q %v\n", line, err)

	var b bytes.Buffer
	b.WriteString("hello ")
	fmt.Fprintf(&b, "%s!", "world")
	fmt.Println(b.String(), b.Len())
	p := make([]byte, 5)
	k, _ := b.Read(p)
	fmt.Println(string(p[:k]), b.String())
	fmt.Println(bytes.Equal([]byte("a"), []byte("a")), bytes.Contains([]byte("seafood"), []byte("foo")))
	fmt.Printf("%q\n", bytes.Split([]byte("a,b,c"), []byte(",")))
	fmt.Println(string(bytes.ToUpper([]byte("up"))), string(bytes.TrimSpace([]byte("  x  "))))
	var nb *bytes.Buffer
	fmt.Println(nb.String())
}
