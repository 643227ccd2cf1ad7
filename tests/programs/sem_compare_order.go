// == and map keys as Go's generated equality and hashing: parts in order, interfaces by type first, uncomparable panics, NaN.
package main

import "fmt"

type S struct {
	A interface{}
	B int
}

type R struct {
	B int
	A interface{}
}

type P struct{ X, Y int }

type Bad struct{ L []int }

func try(name string, f func() interface{}) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Println(name, "panic:", r)
		}
	}()
	fmt.Println(name, f())
}

func main() {
	var sl interface{} = []int{}
	var one interface{} = 1
	try("different types", func() interface{} { return sl == one })
	try("same uncomparable type", func() interface{} { return sl == sl })
	try("uncomparable struct", func() interface{} {
		var b interface{} = Bad{}
		return b == b
	})
	try("array, first element differs", func() interface{} {
		return [2]interface{}{1, []int{}} == [2]interface{}{2, []int{}}
	})
	try("array, panics before the difference", func() interface{} {
		return [2]interface{}{[]int{}, 1} == [2]interface{}{[]int{}, "x"}
	})
	try("struct, interface field first", func() interface{} {
		return S{[]int{}, 1} == S{[]int{}, 2}
	})
	try("struct, int field first", func() interface{} {
		return R{1, []int{}} == R{2, []int{}}
	})
	try("struct, nested", func() interface{} {
		return S{[1]interface{}{[]int{}}, 1} == S{[1]interface{}{[]int{}}, 2}
	})
	try("nil interfaces", func() interface{} {
		return [2]interface{}{nil, 1} == [2]interface{}{nil, 1}
	})
	try("nil and not", func() interface{} {
		return [2]interface{}{nil, 1} == [2]interface{}{0, 1}
	})
	try("strings", func() interface{} {
		a, b := "ab", "a"
		b += "b"
		return [2]interface{}{a, P{1, 2}} == [2]interface{}{b, P{1, 2}}
	})
	zero := 0.0
	nan, inf := zero/zero, 1/zero
	try("NaN", func() interface{} { return nan == nan })
	try("NaN in array", func() interface{} { return [1]float64{nan} == [1]float64{nan} })
	try("NaN in interface", func() interface{} {
		var x interface{} = [1]interface{}{nan}
		return x == x
	})
	try("zeros", func() interface{} {
		z := 0.0
		return [2]interface{}{z, P{}} == [2]interface{}{-z, P{}}
	})

	try("map key slice", func() interface{} {
		m := map[interface{}]int{}
		m[[]int{}] = 1
		return len(m)
	})
	try("map key nested map", func() interface{} {
		m := map[interface{}]int{}
		m[[1]interface{}{map[int]int{}}] = 1
		return len(m)
	})
	try("map key uncomparable struct", func() interface{} {
		m := map[interface{}]int{}
		m[Bad{}] = 1
		return len(m)
	})
	try("map lookup func", func() interface{} {
		m := map[interface{}]int{1: 1}
		_, ok := m[func() {}]
		return ok
	})
	try("map delete slice", func() interface{} {
		m := map[interface{}]int{1: 1}
		delete(m, []int{})
		return len(m)
	})
	try("map key hashed in order", func() interface{} {
		m := map[[2]interface{}]int{}
		m[[2]interface{}{[]int{}, map[int]int{}}] = 1
		return len(m)
	})

	m := map[interface{}]int{}
	m[[1]interface{}{nan}] = 1
	m[[1]interface{}{nan}] = 2
	m[S{1, 2}] = 3
	m[S{1, 2}] = 4
	m[[2]interface{}{1, "a"}] = 5
	m[[2]interface{}{1, "a"}] = 6
	m[P{1, 2}] = 7
	m[[2]int{1, 2}] = 8
	m[int8(1)] = 9
	m[1] = 10
	m["1"] = 11
	m[nil] = 12
	m[[0]int{}] = 13
	m[struct{}{}] = 14
	_, found := m[[1]interface{}{nan}]
	fmt.Println(len(m), m[S{1, 2}], m[[2]interface{}{1, "a"}], m[P{1, 2}], m[[2]int{1, 2}], m[int8(1)], m[1], m["1"], m[nil], m[[0]int{}], m[struct{}{}], found)
	delete(m, [1]interface{}{nan})
	delete(m, S{1, 2})
	fmt.Println(len(m))

	f := map[float64]string{}
	f[nan] = "a"
	f[nan] = "b"
	f[1] = "one"
	f[-inf] = "-inf"
	f[0] = "zero"
	f[-zero] = "minus zero"
	_, found = f[nan]
	fmt.Println(len(f), found, f[0])
	delete(f, nan)
	fmt.Println(len(f))
	n := 0
	for k, v := range f {
		if k != k {
			n++
			fmt.Println("NaN key", v == "a" || v == "b")
		}
	}
	fmt.Println(n)
	fmt.Println(map[float64]int{1: 1, inf: 2, -1: 3, -inf: 4})

	z := 0.0
	k := map[[1]interface{}]int{}
	k[[1]interface{}{z}] = 1
	k[[1]interface{}{-z}] = 2
	fmt.Println(len(k), k)
}
