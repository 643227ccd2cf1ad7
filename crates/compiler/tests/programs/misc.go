package main

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

type Op func(int, int) int

func apply(op Op, a, b int) int { return op(a, b) }

func sum(nums ...int) int {
	t := 0
	for _, n := range nums {
		t += n
	}
	return t
}

func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

func counter() func() int {
	c := 0
	return func() int {
		c++
		return c
	}
}

const (
	KB = 1 << (10 * (iota + 1))
	MB
	GB
)

type Weekday int

const (
	Sunday Weekday = iota
	Monday
	Tuesday
)

func (d Weekday) String() string { return [...]string{"Sun", "Mon", "Tue"}[d] }

func main() {
	fmt.Println(apply(func(a, b int) int { return a * b }, 6, 7))
	fmt.Println(sum(), sum(1, 2, 3), sum([]int{4, 5}...))
	fmt.Println(fib(20))
	c1, c2 := counter(), counter()
	fmt.Println(c1(), c1(), c2(), c1())
	fmt.Println(KB, MB, GB)
	fmt.Println(Monday, Tuesday+0, Weekday(0))
	var i8 int8 = 127
	i8++
	var u8 uint8 = 0
	u8--
	var u uint = 1
	fmt.Println(i8, u8, u<<63, -7/2, -7%2, 7>>1, -7>>1)
	x := 0xFF
	fmt.Println(x&^0x0F, x|0x100, x^0xAA, ^x)
	f := 10.0 / 4
	fmt.Println(f, int(f), float64(7)/2, int64(-f))
	fmt.Println(strconv.Itoa(123)+"!", len("héllo"), []byte("hi"), []rune("hé"), string(rune(65)))
	n, err := strconv.Atoi("12a")
	fmt.Println(n, err)
	words := strings.Fields(" the quick  brown fox ")
	sort.Strings(words)
	fmt.Println(words, strings.Join(words, "-"), strings.Repeat("ab", 3))
	people := []struct {
		Name string
		Age  int
	}{{"Al", 30}, {"Bo", 25}, {"Cy", 35}}
	sort.Slice(people, func(i, j int) bool { return people[i].Age < people[j].Age })
	fmt.Println(people)
	m := map[string][]int{}
	m["a"] = append(m["a"], 1, 2)
	m["b"] = append(m["b"], 3)
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	fmt.Println(keys, m, len(m))
	if v, ok := m["zz"]; !ok {
		fmt.Println("missing", v == nil)
	}
outer:
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			if j == 2 {
				continue outer
			}
			if i == 2 {
				break outer
			}
			fmt.Print(i, j, " ")
		}
	}
	fmt.Println()
	switch x := 5; {
	case x > 3:
		fmt.Println("big")
		fallthrough
	case x > 10:
		fmt.Println("fell")
	default:
		fmt.Println("default")
	}
	var sb strings.Builder
	for i := 0; i < 3; i++ {

		sb.WriteString(strconv.Itoa(i))
	}
	fmt.Println(sb.String(), sb.Len())
	grid := make([][]int, 3)
	for i := range grid {
		grid[i] = make([]int, 3)
		for j := range grid[i] {
			grid[i][j] = i * j
		}
	}
	fmt.Println(grid)
	s := "abc"
	for i, r := range s {
		fmt.Print(i, string(r), s[i], " ")
	}
	fmt.Println()
	type pair struct{ a, b int }
	pm := map[pair]string{{1, 2}: "x"}
	fmt.Println(pm[pair{1, 2}], pm[pair{2, 1}] == "")
	fmt.Printf("%5d|%-5s|%05.2f|%x|%q|%c|%t|%v|%%\n", 42, "ab", 3.14159, 255, "q", 'A', true, []string{"a"})
}
