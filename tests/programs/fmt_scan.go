// fmt's scanning: Sscan, Sscanln, Sscanf and Fscan, with Go's rules for
// spaces and newlines, verbs, widths, and Go's error for each mistake.
package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"
)

// point scans itself from "(x,y)".
type point struct{ x, y int }

func (p *point) Scan(st fmt.ScanState, verb rune) error {
	_, err := fmt.Fscanf(st, "(%d,%d)", &p.x, &p.y)
	return err
}

func show(n int, err error, vals ...any) {
	fmt.Printf("n=%d err=%v vals=%v\n", n, err, vals)
}

func main() {
	var i, j int
	var i8 int8
	var u uint
	var u16 uint16
	var s, t string
	var f float64
	var f32 float32
	var b bool
	var r rune
	var bs []byte

	n, err := fmt.Sscan("  12\n\n-7  word 2.5e3 true", &i, &j, &s, &f, &b)
	show(n, err, i, j, s, f, b)
	n, err = fmt.Sscan("0x1F 017 0b11", &i, &j, &u)
	show(n, err, i, j, u)
	n, err = fmt.Sscan("1_000 0o17 -0x_1F 0x1.8p1 1_0.5 0B101", &i, &j, &i8, &f, &f32, &u)
	show(n, err, i, j, i8, f, f32, u)
	n, err = fmt.Sscan("abc", &i)
	show(n, err)
	n, err = fmt.Sscan("", &i)
	show(n, err)
	n, err = fmt.Sscan("5", &i, &j)
	show(n, err)
	n, err = fmt.Sscan("300", &i8)
	show(n, err)
	n, err = fmt.Sscan("-1", &u)
	show(n, err)
	n, err = fmt.Sscan("70000", &u16)
	show(n, err)
	n, err = fmt.Sscan("x.5", &f)
	show(n, err)
	n, err = fmt.Sscan("1.5p2 inf -Inf NaN", &f, &f32, &f, &f)
	show(n, err, f32)
	n, err = fmt.Sscan("TRUE F tru", &b, &b, &b)
	show(n, err, b)
	n, err = fmt.Sscan("bytes", &bs)
	show(n, err, string(bs))
	n, err = fmt.Sscan("1", i)
	show(n, err)
	var list []int
	n, err = fmt.Sscan("1", &list)
	show(n, err)

	n, err = fmt.Sscanln("1 2\n3", &i, &j)
	show(n, err, i, j)
	n, err = fmt.Sscanln("1\n2", &i, &j)
	show(n, err)
	n, err = fmt.Sscanln("1 2 3", &i, &j)
	show(n, err)
	n, err = fmt.Sscanln("4 5   \n", &i, &j)
	show(n, err, i, j)

	n, err = fmt.Sscanf("name: Ana, age: 30", "name: %s age: %d", &s, &i)
	show(n, err, s, i)
	n, err = fmt.Sscanf("name: Ana age: 30", "name: %s age: %d", &s, &i)
	show(n, err, s, i)
	n, err = fmt.Sscanf("12345678", "%3d%2d%s", &i, &j, &s)
	show(n, err, i, j, s)
	n, err = fmt.Sscanf("ab cd", "%c%c%c", &r, &i, &j)
	show(n, err, r, i, j)
	n, err = fmt.Sscanf(`"quoted \"str\"" 6869 U+1F600 ff 101 17`, "%q %x %U %x %b %o", &s, &t, &r, &i, &j, &u)
	show(n, err, s, t, r, i, j, u)
	n, err = fmt.Sscanf("5 6", "%d", &i, &j)
	show(n, err)
	n, err = fmt.Sscanf("5", "%d %d", &i)
	show(n, err)
	n, err = fmt.Sscanf("7 8", "%d-%d", &i, &j)
	show(n, err)
	n, err = fmt.Sscanf("1\n2", "%d %d", &i, &j)
	show(n, err)
	n, err = fmt.Sscanf("1 2", "%d\n%d", &i, &j)
	show(n, err)
	n, err = fmt.Sscanf("1\n2", "%d\n%d", &i, &j)
	show(n, err, i, j)
	n, err = fmt.Sscanf("50%", "%d%%", &i)
	show(n, err, i)
	n, err = fmt.Sscanf("5", "%d%", &i)
	show(n, err)
	n, err = fmt.Sscanf("x", "%d", &s)
	show(n, err)
	n, err = fmt.Sscanf("1.5", "%d", &f)
	show(n, err)
	n, err = fmt.Sscanf("yes", "%t", &b)
	show(n, err)
	n, err = fmt.Sscanf("\"open", "%q", &s)
	show(n, err)
	n, err = fmt.Sscanf("zz", "%x", &s)
	show(n, err)

	var p point
	n, err = fmt.Sscan("(3,4)", &p)
	show(n, err, p.x, p.y)
	n, err = fmt.Sscan("(3;4)", &p)
	show(n, err)

	rd := bufio.NewReader(strings.NewReader("10 apples\n20 pears\n"))
	for {
		var k int
		var what string
		n, err := fmt.Fscanln(rd, &k, &what)
		if err != nil {
			show(n, err)
			break
		}
		fmt.Println(k, what)
	}
	n, err = fmt.Fscan(strings.NewReader("héllo wörld"), &s, &t)
	show(n, err, s, t)
	n, err = fmt.Fscan(os.Stdin, &i)
	show(n, err)
	n, err = fmt.Scanln(&i)
	show(n, err)
	n, err = fmt.Scanf("%d", &i)
	show(n, err)
}
