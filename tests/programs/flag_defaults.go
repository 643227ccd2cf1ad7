// flag over an empty command line: every flag keeps its default. A
// FlagSet parses the arguments it is given, with Go's errors and usage
// text; time.ParseDuration is what -timeout uses.
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"time"
)

type list []string

func (l *list) String() string     { return strings.Join(*l, ",") }
func (l *list) Set(s string) error { *l = append(*l, s); return nil }

func main() {
	workers := flag.Int("workers", 4, "number of `goroutines`")
	name := flag.String("name", "gopher", "who to greet")
	verbose := flag.Bool("v", false, "verbose")
	timeout := flag.Duration("timeout", 2*time.Second, "how long to wait")
	var ratio float64
	flag.Float64Var(&ratio, "ratio", 0.5, "a ratio\non two lines")
	flag.Parse()
	fmt.Println(*workers, *name, *verbose, *timeout, ratio, flag.NArg(), flag.Args(), flag.Parsed(), flag.NFlag())
	flag.CommandLine.SetOutput(os.Stdout)
	flag.PrintDefaults()

	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	fs.SetOutput(os.Stdout)
	n := fs.Int("n", 1, "count")
	big := fs.Uint64("big", 0, "")
	q := fs.Bool("q", false, "quiet")
	var tags list
	fs.Var(&tags, "tag", "a tag (repeatable)")
	d := fs.Duration("d", 0, "delay")
	err := fs.Parse([]string{"-n", "7", "--q", "-tag=a", "-tag", "b", "-d=1h2m3.5s", "-big", "0x10", "rest", "-x"})
	fmt.Println(err, *n, *q, tags, *d, *big, fs.Args(), fs.NArg(), fs.Arg(1), fs.Arg(5), fs.NFlag())
	fs.Visit(func(f *flag.Flag) { fmt.Print(f.Name, "=", f.Value, " ") })
	fmt.Println()

	for _, args := range [][]string{{"-n", "x"}, {"-nope"}, {"-n"}, {"-q=maybe"}, {"---n"}, {"-h"}, {"-d", "5"}} {
		fmt.Println("args", args)
		fmt.Println("err:", fs.Parse(args))
	}
	fmt.Println(fs.Set("n", "12"), *n, fs.Set("zzz", "1"), fs.Lookup("n").DefValue, fs.Lookup("zzz") == nil)

	for _, s := range []string{"1h30m", "-1.5s", "300ms", "1µs", "2us", ".5m", "0", "+3ns", "", "1", "1x", "1.s", ".s", "9999999999h", "1.000000001s", "\x00", "3h\xff"} {
		d, err := time.ParseDuration(s)
		fmt.Println(d, err)
	}
}
