package main

import (
	"fmt"
	"math"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

type IntList []int

func (l IntList) Sum() (s int) {
	for _, v := range l {
		s += v
	}
	return
}

type Counter map[string]int

func (c Counter) Add(k string) { c[k]++ }

type Handler func(string) string

func (h Handler) Twice(s string) string { return h(h(s)) }

type Matrix struct {
	cells [2][3]float64
}

func (m *Matrix) Set(i, j int, v float64) { m.cells[i][j] = v }

type Stack struct{ items []int }

func (s *Stack) Push(v int) { s.items = append(s.items, v) }
func (s *Stack) Pop() (int, bool) {
	if len(s.items) == 0 {
		return 0, false
	}
	v := s.items[len(s.items)-1]
	s.items = s.items[:len(s.items)-1]
	return v, true
}

func worker(id int, jobs <-chan int, results chan<- [2]int, wg *sync.WaitGroup) {
	defer wg.Done()
	for j := range jobs {
		results <- [2]int{id, j * j}
	}
}

func main() {
	fmt.Println(IntList{1, 2, 3}.Sum())
	c := Counter{}
	c.Add("a")
	c.Add("a")
	fmt.Println(c["a"], len(c))
	h := Handler(func(s string) string { return s + "!" })
	fmt.Println(h.Twice("hi"))
	var m Matrix
	m.Set(1, 2, 2.5)
	mp := &m
	mp.Set(0, 0, 1)
	fmt.Println(m.cells, mp.cells[1][2])
	var st Stack
	for i := 0; i < 4; i++ {
		st.Push(i * 10)
	}
	for {
		v, ok := st.Pop()
		if !ok {
			break
		}
		fmt.Print(v, " ")
	}
	fmt.Println()

	jobs := make(chan int, 10)
	results := make(chan [2]int, 10)
	var wg sync.WaitGroup
	for w := 1; w <= 3; w++ {
		wg.Add(1)
		go worker(w, jobs, results, &wg)
	}
	for j := 1; j <= 6; j++ {
		jobs <- j
	}
	close(jobs)
	wg.Wait()
	close(results)
	total := 0
	for r := range results {
		total += r[1]
	}
	fmt.Println("total", total)

	var ops int64
	var wg2 sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg2.Add(1)
		go func() {
			defer wg2.Done()
			for k := 0; k < 10; k++ {
				atomic.AddInt64(&ops, 1)
				runtime.Gosched()
			}
		}()
	}
	wg2.Wait()
	fmt.Println("ops", atomic.LoadInt64(&ops))
	var cnt atomic.Int32
	cnt.Add(5)
	fmt.Println(cnt.Load())

	start := time.Now()
	time.Sleep(2 * time.Millisecond)
	fmt.Println(time.Since(start) >= 2*time.Millisecond, time.Duration(1500)*time.Millisecond)

	var big uint64 = math.MaxUint64
	fmt.Println(big, big/3, int64(math.MinInt64), math.Sqrt(2), math.Pi)
	var f32 float32 = 0.1
	fmt.Println(f32, float64(f32) == 0.1, f32*3)
	const huge = 1 << 100
	fmt.Println(huge>>98, uint8(huge>>95))
	var sh uint = 3
	fmt.Println(1<<sh, int8(1)<<6, uint16(1)<<15)

	arr := [5]int{1, 2, 3, 4, 5}
	pa := &arr
	pa[0] = 100
	sl := pa[1:3]
	sl = append(sl, 99)
	fmt.Println(arr, sl, len(pa), cap(sl))
	s1 := make([]int, 3, 10)
	s2 := append(s1, 4)
	s3 := append(s1, 5)
	fmt.Println(s2[3], s3[3], len(s1))
	bs := []byte("hello")
	bs[0] = 'H'
	fmt.Println(string(bs), string(bs[1:3]))
	x := 1
	{
		x := 2
		x++
		_ = x
	}
	if x := 3; x > 2 {
		fmt.Println("inner", x)
	}
	fmt.Println("outer", x)
	funcs := []func() int{}
	for i := 0; i < 3; i++ {
		j := i
		funcs = append(funcs, func() int { return j * 10 })
	}
	for _, fn := range funcs {
		fmt.Print(fn(), " ")
	}
	fmt.Println()
	var any interface{} = 3.5
	defer func() {
		fmt.Println("recovered:", recover())
		s := []int{1, 2, 3}
		i := 5
		fmt.Println(s[1:i])
	}()
	fmt.Println(any.(int))
}
