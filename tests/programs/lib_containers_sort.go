// container/heap, container/list, container/ring and sort.Interface: a
// priority queue of tasks, an LRU list, a ring, and sorting by two keys.
package main

import (
	"container/heap"
	"container/list"
	"container/ring"
	"fmt"
	"sort"
)

type Task struct {
	name     string
	priority int
	index    int
}

type PQ []*Task

func (pq PQ) Len() int            { return len(pq) }
func (pq PQ) Less(i, j int) bool  { return pq[i].priority > pq[j].priority }
func (pq PQ) Swap(i, j int)       { pq[i], pq[j] = pq[j], pq[i]; pq[i].index = i; pq[j].index = j }
func (pq *PQ) Push(x any)         { t := x.(*Task); t.index = len(*pq); *pq = append(*pq, t) }
func (pq *PQ) Pop() any {
	old := *pq
	n := len(old)
	t := old[n-1]
	*pq = old[:n-1]
	return t
}

type IntHeap []int

func (h IntHeap) Len() int           { return len(h) }
func (h IntHeap) Less(i, j int) bool { return h[i] < h[j] }
func (h IntHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *IntHeap) Push(x any)        { *h = append(*h, x.(int)) }
func (h *IntHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

type byAgeName []struct {
	name string
	age  int
}

func (a byAgeName) Len() int      { return len(a) }
func (a byAgeName) Swap(i, j int) { a[i], a[j] = a[j], a[i] }
func (a byAgeName) Less(i, j int) bool {
	if a[i].age != a[j].age {
		return a[i].age < a[j].age
	}
	return a[i].name < a[j].name
}

func main() {
	h := &IntHeap{5, 2, 8}
	heap.Init(h)
	heap.Push(h, 3)
	fmt.Println((*h)[0], *h)
	for h.Len() > 0 {
		fmt.Print(heap.Pop(h), " ")
	}
	fmt.Println()

	pq := PQ{}
	for i, n := range []string{"write", "test", "ship", "review"} {
		heap.Push(&pq, &Task{name: n, priority: (i * 7) % 5})
	}
	t := pq[len(pq)-1]
	t.priority = 10
	heap.Fix(&pq, t.index)
	for pq.Len() > 0 {
		t := heap.Pop(&pq).(*Task)
		fmt.Printf("%s(%d) ", t.name, t.priority)
	}
	fmt.Println()

	l := list.New()
	a := l.PushBack("a")
	l.PushBack("b")
	l.PushFront("z")
	l.MoveToBack(a)
	l.InsertAfter("y", l.Front())
	for e := l.Front(); e != nil; e = e.Next() {
		fmt.Print(e.Value, " ")
	}
	fmt.Println(l.Len(), l.Remove(l.Back()), l.Len())

	r := ring.New(4)
	for i := 0; i < r.Len(); i++ {
		r.Value = i * i
		r = r.Next()
	}
	r.Do(func(v any) { fmt.Print(v, " ") })
	fmt.Println(r.Move(2).Value, r.Unlink(2).Len(), r.Len())

	people := byAgeName{{"bob", 30}, {"al", 25}, {"cy", 30}, {"di", 25}}
	sort.Sort(people)
	fmt.Println(people)
	sort.Sort(sort.Reverse(sort.IntSlice([]int{1})))
	xs := []int{4, 1, 3}
	sort.Sort(sort.Reverse(sort.IntSlice(xs)))
	fmt.Println(xs, sort.SearchInts([]int{1, 3, 5, 7}, 5), sort.IsSorted(people))
	fs := []float64{2.5, -1, 0}
	sort.Float64s(fs)
	fmt.Println(fs, sort.Search(100, func(i int) bool { return i*i >= 50 }))
	big := make(sort.StringSlice, 0)
	for i := 0; i < 30; i++ {
		big = append(big, fmt.Sprint((i*17)%30))
	}
	sort.Stable(big)
	fmt.Println(big[:8], sort.StringsAreSorted(big))
}
