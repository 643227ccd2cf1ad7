//! Code generation snapshots: the disassembly of small programs. The
//! expected text is what `golab_bytecode::disassemble` prints; review a
//! change to it like a change to code.

fn disassemble(src: &str) -> String {
    let p = golab_compiler::compile("prog.go", src).unwrap_or_else(|d| panic!("{d}"));
    p.validate().unwrap();
    let mut s = String::new();
    for f in &p.functions {
        s.push_str(&golab_bytecode::disassemble(f, &p));
        s.push('\n');
    }
    s
}

#[test]
fn narrow_integer_arithmetic_wraps_with_trunc() {
    let src = r#"package main

func add8(a, b int8) int8 { return a + b }

func main() {
	println(add8(100, 100))
}
"#;
    let want = r#"func main.add8 (prog.go:3) params=2 results=1 regs=4
    0     3  add dst=r2 a=r0 b=r1
    1     3  trunc dst=r2 src=r2 kind=i8
    2     3  return src=r2 n=1

func main.main (prog.go:5) params=0 results=0 regs=7
    0     6  load_int dst=r4 imm=100
    1     6  load_int dst=r5 imm=100
    2     6  call func=0 base=r4 nargs=2 nret=1  ; main.add8
    3     6  move dst=r3 src=r4
    4     6  make_iface dst=r2 src=r3 ty=0  ; int8
    5     6  slice_lit dst=r1 elem=1 base=r2 n=1  ; interface {}
    6     6  call_native native=0 base=r1 nargs=1 nret=0  ; println
    7     7  return src=r0 n=0

"#;
    assert_eq!(disassemble(src), want);
}

#[test]
fn closures_capture_variables_in_cells() {
    let src = r#"package main

func counter() func() int {
	n := 0
	return func() int {
		n++
		return n
	}
}

func main() {
	c := counter()
	println(c())
}
"#;
    let want = r#"func main.counter (prog.go:3) params=0 results=1 regs=4
    0     4  new dst=r0 ty=0  ; int
    1     4  load_int dst=r1 imm=0
    2     4  store ptr=r0 src=r1
    3     5  move dst=r2 src=r0
    4     5  make_closure dst=r1 func=2 base=r2 n=1  ; main.counter.func1
    5     5  return src=r1 n=1

func main.main (prog.go:11) params=0 results=0 regs=8
    0    12  call func=0 base=r1 nargs=0 nret=1  ; main.counter
    1    12  move dst=r0 src=r1
    2    13  move dst=r5 src=r0
    3    13  call_value callee=r5 base=r6 nargs=0 nret=1
    4    13  move dst=r4 src=r6
    5    13  make_iface dst=r3 src=r4 ty=0  ; int
    6    13  slice_lit dst=r2 elem=1 base=r3 n=1  ; interface {}
    7    13  call_native native=0 base=r2 nargs=1 nret=0  ; println
    8    14  return src=r1 n=0

func main.counter.func1 (prog.go:5) params=0 results=1 regs=3
    0     6  upval dst=r0 idx=0
    1     6  load dst=r0 ptr=r0
    2     6  add_imm dst=r0 a=r0 imm=1
    3     6  upval dst=r1 idx=0
    4     6  store ptr=r1 src=r0
    5     7  upval dst=r0 idx=0
    6     7  load dst=r0 ptr=r0
    7     7  return src=r0 n=1

"#;
    assert_eq!(disassemble(src), want);
}

#[test]
fn defer_uses_an_epilogue_and_interfaces_dispatch() {
    let src = r#"package main

type S interface{ M() int }

type T struct{ v int }

func (t T) M() int { return t.v }

func call(s S) int {
	defer println("done")
	return s.M()
}

func main() {
	println(call(T{7}))
}
"#;
    let want = r#"func main.call (prog.go:9) params=1 results=1 regs=7
    0     9  load_int dst=r1 imm=0
    1    10  load_func dst=r2 func=3  ; runtime.println
    2    10  load_const dst=r5 idx=0  ; "done"
    3    10  make_iface dst=r4 src=r5 ty=0  ; string
    4    10  slice_lit dst=r3 elem=1 base=r4 n=1  ; interface {}
    5    10  defer callee=r2 base=r3 nargs=1
    6    11  move dst=r3 src=r0
    7    11  call_iface method=0 base=r3 nargs=1 nret=1  ; M
    8    11  move dst=r2 src=r3
    9    11  move dst=r1 src=r2
   10    11  jump target=11
   11    12  run_defers  ; epilogue
   12    12  move dst=r2 src=r1
   13    12  return src=r2 n=1

func main.main (prog.go:14) params=0 results=0 regs=8
    0    15  zero dst=r5 ty=2  ; main.T
    1    15  load_int dst=r6 imm=7
    2    15  set_field obj=r5 field=0 src=r6
    3    15  make_iface dst=r4 src=r5 ty=2  ; main.T
    4    15  call func=0 base=r4 nargs=1 nret=1  ; main.call
    5    15  move dst=r3 src=r4
    6    15  make_iface dst=r2 src=r3 ty=3  ; int
    7    15  slice_lit dst=r1 elem=1 base=r2 n=1  ; interface {}
    8    15  call_native native=0 base=r1 nargs=1 nret=0  ; println
    9    16  return src=r0 n=0

func main.T.M (prog.go:7) params=1 results=1 regs=3
    0     7  get_field dst=r1 obj=r0 field=0
    1     7  return src=r1 n=1

func runtime.println (prog.go:0) params=1 results=0 regs=3
    0    10  call_native native=0 base=r0 nargs=1 nret=0  ; println
    1    10  return src=r0 n=0

"#;
    assert_eq!(disassemble(src), want);
}

/// The collector's register map (`Function::reg_kinds`): a register is a
/// scalar only if everything ever written to it is one (integers from
/// arithmetic, `len`, comparisons, int parameters); a register that ever
/// holds a reference (the slice, a value read from memory or returned by a
/// call, a temporary reused for both) is a reference.
#[test]
fn register_maps_mark_only_pure_scalars() {
    let src = r#"package main

func sum(xs []int, k int) int {
	total := 0
	for i := 0; i < len(xs); i++ {
		total += xs[i] * k
	}
	return total
}

func main() {
	xs := make([]int, 10)
	println(sum(xs, 3))
}
"#;
    let p = golab_compiler::compile("prog.go", src).unwrap_or_else(|d| panic!("{d}"));
    let f = p.functions.iter().find(|f| f.name == "main.sum").unwrap();
    let kinds: Vec<String> = f
        .reg_kinds
        .iter()
        .enumerate()
        .map(|(r, k)| format!("r{r}:{k:?}"))
        .collect();
    assert_eq!(
        kinds.join(" "),
        // r0 xs, r1 k, r2 total, r3 i, r4 the comparison and the product,
        // r5 len(xs) and then xs[i] (read from memory: a reference for the
        // map, since the instruction does not say the element type), r6 the
        // result.
        "r0:Ref r1:Scalar r2:Scalar r3:Scalar r4:Scalar r5:Ref r6:Scalar",
        "{}",
        golab_bytecode::disassemble(f, &p)
    );
}
