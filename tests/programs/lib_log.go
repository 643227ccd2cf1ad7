// log: the standard logger on stderr and a logger of the program's own,
// with flags and a prefix; log.Fatal ends the program with status 1.
package main

import (
	"log"
	"os"
	"strings"
)

func main() {
	log.SetFlags(0)
	log.Println("plain line")
	log.SetPrefix("[app] ")
	log.Printf("%d items", 3)
	var b strings.Builder
	l := log.New(&b, "worker: ", log.Lmsgprefix)
	l.Print("started")
	l.Println("done", 2)
	os.Stdout.WriteString(b.String())
	log.Fatalln("giving up")
}
