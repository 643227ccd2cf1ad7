package main

import (
	"errors"
	"fmt"
	"strings"
)

type Shape interface {
	Area() float64
	Name() string
}

type Named interface{ Name() string }

type Sq struct{ S float64 }
type Circle struct{ R float64 }

func (s Sq) Area() float64     { return s.S * s.S }
func (s Sq) Name() string      { return "square" }
func (c *Circle) Area() float64 { return 3 * c.R * c.R }
func (c *Circle) Name() string  { return "circle" }

type MyErr struct{ Code int }

func (e *MyErr) Error() string { return fmt.Sprintf("code %d", e.Code) }

func find(n int) error {
	if n < 0 {
		return &MyErr{n}
	}
	if n == 0 {
		return errors.New("zero")
	}
	return nil
}

func describe(v interface{}) string {
	switch x := v.(type) {
	case nil:
		return "nil"
	case int, int64:
		return fmt.Sprintf("int-ish %v", x)
	case string:
		return "string " + strings.ToUpper(x)
	case Shape:
		return "shape " + x.Name()
	case error:
		return "error " + x.Error()
	default:
		return fmt.Sprintf("other %T", x)
	}
}

func main() {
	shapes := []Shape{Sq{2}, &Circle{1}}
	total := 0.0
	for _, s := range shapes {
		total += s.Area()
		fmt.Println(s.Name(), s.Area())
	}
	fmt.Println(total)
	var n Named = shapes[1]
	fmt.Println(n.Name())
	if s, ok := n.(Shape); ok {
		fmt.Println("also shape", s.Area())
	}
	if _, ok := n.(Sq); !ok {
		fmt.Println("not a Sq")
	}
	for _, v := range []interface{}{nil, 3, int64(4), "hi", Sq{1}, &MyErr{2}, 2.5, []int{1}} {
		fmt.Println(describe(v))
	}
	for _, i := range []int{-3, 0, 5} {
		err := find(i)
		if err != nil {
			fmt.Println("err:", err)
			var me *MyErr
			if e, ok := err.(*MyErr); ok {
				me = e
				fmt.Println("code", me.Code)
			}
		} else {
			fmt.Println("ok", i)
		}
	}
	var e error
	fmt.Println(e == nil, e)
	var sh Shape = Sq{3}
	var sh2 Shape = Sq{3}
	fmt.Println(sh == sh2, sh != Sq{4})
	f := sh.Area
	fmt.Println(f())
	fmt.Printf("%v %+v %T %T\n", sh, &Circle{2}, sh, shapes[1])
}
