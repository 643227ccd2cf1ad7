package main

import (
	"fmt"
	"sync"
)

type Base struct {
	ID   int
	Name string
}

func (b Base) Describe() string { return fmt.Sprintf("%d:%s", b.ID, b.Name) }
func (b *Base) Rename(n string) { b.Name = n }

type Employee struct {
	Base
	Salary int
}

type Manager struct {
	*Employee
	Reports []string
}

type SafeCounter struct {
	sync.Mutex
	counts map[string]int
}

func (c *SafeCounter) Inc(k string) {
	c.Lock()
	defer c.Unlock()
	c.counts[k]++
}

type Describer interface{ Describe() string }
type Renamer interface {
	Describer
	Rename(string)
}

type Logger interface{ Log(string) string }
type prefixLogger struct{ p string }

func (l prefixLogger) Log(s string) string { return l.p + s }

type Service struct {
	Logger
	name string
}

func main() {
	e := Employee{Base: Base{1, "ann"}, Salary: 10}
	fmt.Println(e.ID, e.Name, e.Describe(), e.Base.Name)
	e.Rename("anne")
	fmt.Println(e.Describe())
	e.ID = 7
	fmt.Printf("%+v\n", e)
	var d Describer = e
	fmt.Println(d.Describe())
	var r Renamer = &e
	r.Rename("bob")
	fmt.Println(r.Describe(), e.Name)
	m := Manager{Employee: &e, Reports: []string{"x"}}
	m.Rename("carl")
	fmt.Println(m.Describe(), e.Name, m.Salary)
	var d2 Describer = m
	fmt.Println(d2.Describe())
	c := SafeCounter{counts: map[string]int{}}
	var wg sync.WaitGroup
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.Inc("k")
		}()
	}
	wg.Wait()
	fmt.Println(c.counts["k"])
	s := Service{Logger: prefixLogger{"> "}, name: "svc"}
	fmt.Println(s.Log("hello"))
	var l Logger = s
	fmt.Println(l.Log("via iface"))
	f := e.Describe
	e.Name = "zed"
	fmt.Println(f(), e.Describe())
}
