//! The hostile inputs, shared by the native test (`hostile.rs`, each case in
//! a child `lab` process with a wall-clock kill and an address-space limit)
//! and the wasm test (`hostile_wasm.rs`, the same compiler and runtime in
//! headless Chromium). Each must end with a Go-style error (or Go's own
//! result) within bounded time and memory: never a host panic, abort or hang.
//!
//! Wording compared with Go 1.19 (`go build` / the built binary) on the same
//! input, noted beside each case where ours differs.

#![allow(dead_code)]

/// Resource limits of a case (`lab run --max-...` natively, `Limits` in wasm).
#[derive(Clone, Copy, Debug, Default)]
pub struct Limits {
    pub max_instructions: Option<u64>,
    pub max_goroutines: Option<usize>,
    pub max_memory: Option<usize>,
    pub max_wall_ms: Option<u64>,
}

/// What stderr's first line must be.
#[derive(Clone, Debug)]
pub enum First {
    /// Exactly this line.
    Is(String),
    /// This prefix (for positions that are ours, not Go's).
    Starts(String),
    /// Stderr is empty.
    Empty,
}

/// What stdout must be.
#[derive(Clone, Debug)]
pub enum Stdout {
    Is(Vec<u8>),
    /// Exactly this many bytes (huge output: not kept in memory).
    Len(u64),
    Any,
}

pub struct Case {
    pub name: &'static str,
    pub source: Vec<u8>,
    pub limits: Limits,
    pub exit: i32,
    pub first: First,
    /// Also somewhere in stderr.
    pub stderr_has: Option<&'static str>,
    pub stdout: Stdout,
    /// Skip in wasm: the input is too big for the debug wasm build in a few
    /// seconds, or it needs the host process's isolation to fail safely.
    pub native_only: bool,
}

impl Case {
    pub fn file_name(&self) -> String {
        format!("{}.go", self.name)
    }
}

fn go(body: &str) -> Vec<u8> {
    body.as_bytes().to_vec()
}

fn case(name: &'static str, source: Vec<u8>, exit: i32, first: First) -> Case {
    Case {
        name,
        source,
        limits: Limits::default(),
        exit,
        first,
        stderr_has: None,
        stdout: Stdout::Is(Vec::new()),
        native_only: false,
    }
}

fn is(s: &str) -> First {
    First::Is(s.to_string())
}

fn starts(s: &str) -> First {
    First::Starts(s.to_string())
}

const OOM: &str = "fatal error: runtime: out of memory";

/// Cases whose nesting once drove the host's recursion (the compiler's or
/// the runtime's), which `hostile.rs` also runs in-process on a thread with
/// the wasm build's 1 MiB stack.
pub const DEEP_NESTING: &[&str] = &[
    "fmt_nested_100000",
    "fmt_cyclic_slice",
    "equal_nested_100000",
    "map_key_nested_100000",
    "named_array_types_10000",
    "named_struct_types_10000",
    "types_nested_40_thrice",
    "init_order_call_chain_10000",
];

/// Every case.
pub fn all() -> Vec<Case> {
    let mut v = Vec::new();

    // --- runaway programs ---
    let mut c = case(
        "infinite_loop",
        go("package main\n\nfunc main() {\n\tx := 0\n\tfor {\n\t\tx++\n\t}\n}\n"),
        2,
        is("fatal error: instruction limit exceeded (20000000 instructions)"),
    );
    c.limits.max_instructions = Some(20_000_000);
    v.push(c);

    // Only the wall-clock limit can end this one (the page's Stop, unattended).
    // Native only: the wasm test has no host clock.
    let mut c = case(
        "infinite_loop_wall_limit",
        go("package main\n\nfunc main() {\n\tx := 0\n\tfor {\n\t\tx++\n\t}\n}\n"),
        2,
        is("fatal error: wall-time limit exceeded (0.5s)"),
    );
    c.limits.max_instructions = Some(1 << 60);
    c.limits.max_wall_ms = Some(500);
    c.native_only = true;
    v.push(c);

    let mut c = case(
        "empty_for_select",
        go("package main\n\nfunc main() {\n\tfor {\n\t\tselect {\n\t\tdefault:\n\t\t}\n\t}\n}\n"),
        2,
        is("fatal error: instruction limit exceeded (20000000 instructions)"),
    );
    c.limits.max_instructions = Some(20_000_000);
    v.push(c);

    let mut c = case(
        "goroutine_bomb",
        go("package main\n\nfunc f() {\n\tselect {}\n}\n\nfunc main() {\n\tfor {\n\t\tgo f()\n\t}\n}\n"),
        2,
        is("fatal error: too many goroutines (limit 10000)"),
    );
    c.limits.max_goroutines = Some(10_000);
    v.push(c);

    // Go 1.19: "fatal error: runtime: out of memory" once the OS refuses.
    let mut c = case(
        "memory_bomb_append",
        go("package main\n\nfunc main() {\n\ts := []int{1}\n\tfor {\n\t\ts = append(s, s...)\n\t}\n}\n"),
        2,
        is(OOM),
    );
    c.limits.max_memory = Some(256 << 20);
    v.push(c);

    let mut c = case(
        "memory_bomb_map",
        go("package main\n\nfunc main() {\n\tm := map[int]int{}\n\tfor i := 0; ; i++ {\n\t\tm[i] = i\n\t}\n}\n"),
        2,
        is(OOM),
    );
    c.limits.max_memory = Some(32 << 20);
    c.native_only = true; // a few seconds of map inserts even natively
    v.push(c);

    // Doubling a string: 2^40 bytes if nothing stops it.
    let mut c = case(
        "memory_bomb_string_concat",
        go("package main\n\nimport \"fmt\"\n\nfunc main() {\n\ts := \"x\"\n\tfor i := 0; i < 40; i++ {\n\t\ts += s\n\t}\n\tfmt.Println(len(s))\n}\n"),
        2,
        is(OOM),
    );
    c.limits.max_memory = Some(256 << 20);
    v.push(c);

    let mut c = case(
        "memory_bomb_sprintf",
        go("package main\n\nimport \"fmt\"\n\nfunc main() {\n\ts := \"x\"\n\tfor i := 0; i < 40; i++ {\n\t\ts = fmt.Sprintf(\"%s%s\", s, s)\n\t}\n\tfmt.Println(len(s))\n}\n"),
        2,
        is(OOM),
    );
    c.limits.max_memory = Some(64 << 20);
    v.push(c);

    let mut c = case(
        "memory_bomb_builder",
        go("package main\n\nimport (\n\t\"fmt\"\n\t\"strings\"\n)\n\nfunc main() {\n\tvar b strings.Builder\n\tb.WriteString(\"x\")\n\tfor i := 0; i < 40; i++ {\n\t\tb.WriteString(b.String())\n\t}\n\tfmt.Println(b.Len())\n}\n"),
        2,
        is(OOM),
    );
    c.limits.max_memory = Some(64 << 20);
    v.push(c);

    // Go 1.19 on this machine: "fatal error: out of memory" after
    // "runtime: out of memory: cannot allocate 3298534883328-byte block".
    v.push(case(
        "repeat_3_terabytes",
        go("package main\n\nimport (\n\t\"fmt\"\n\t\"strings\"\n)\n\nfunc main() {\n\ts := strings.Repeat(\"abc\", 1<<40)\n\tfmt.Println(len(s))\n}\n"),
        2,
        is(OOM),
    ));

    let mut c = case(
        "repeat_overflow",
        go("package main\n\nimport (\n\t\"fmt\"\n\t\"strings\"\n)\n\nfunc main() {\n\ts := strings.Repeat(\"abcd\", 1<<62)\n\tfmt.Println(len(s))\n}\n"),
        2,
        is("panic: strings: Repeat count causes overflow"),
    );
    c.stderr_has = Some("goroutine 1 [running]:");
    v.push(c);

    // Go 1.19: the same panic.
    let mut c = case(
        "make_slice_huge",
        go("package main\n\nimport \"fmt\"\n\nfunc main() {\n\tn := 1 << 40\n\ts := make([]int, n)\n\tfmt.Println(len(s))\n}\n"),
        2,
        is("panic: runtime error: makeslice: len out of range"),
    );
    c.stderr_has = Some("goroutine 1 [running]:");
    v.push(c);

    // 8 GiB: Go 1.19 gets it from the OS (and prints 1073741824); we stop
    // at the heap limit. On wasm32 the size overflowed a 32-bit usize.
    let mut c = case(
        "make_slice_8gb",
        go("package main\n\nimport \"fmt\"\n\nfunc main() {\n\ts := make([]int, 1<<30)\n\tfmt.Println(len(s))\n}\n"),
        2,
        is(OOM),
    );
    c.stderr_has = Some("goroutine 1 [running]:");
    v.push(c);

    v.push(case(
        "make_chan_huge",
        go("package main\n\nimport \"fmt\"\n\nfunc main() {\n\tn := 1 << 40\n\tc := make(chan int, n)\n\tfmt.Println(cap(c))\n}\n"),
        2,
        is("panic: makechan: size out of range"),
    ));

    // A 100 MB string is fine: Go prints its length, and so do we.
    let mut c = case(
        "string_100mb",
        go("package main\n\nimport (\n\t\"fmt\"\n\t\"strings\"\n)\n\nfunc main() {\n\ts := strings.Repeat(\"x\", 100<<20)\n\tfmt.Println(len(s), s[len(s)-1:])\n}\n"),
        0,
        First::Empty,
    );
    c.stdout = Stdout::Is(b"104857600 x\n".to_vec());
    v.push(c);

    // Go 1.19 prints the same two lines, then the stack.
    let mut c = case(
        "deep_recursion",
        go("package main\n\nfunc f(n int) int {\n\treturn f(n+1) + 1\n}\n\nfunc main() {\n\tf(0)\n}\n"),
        2,
        is("runtime: goroutine stack exceeds 1000000000-byte limit"),
    );
    c.stderr_has = Some("\nfatal error: stack overflow\n");
    v.push(c);

    let mut c = case(
        "deep_recursion_in_goroutine_with_defer",
        go("package main\n\nimport \"fmt\"\n\nfunc main() {\n\tvar f func(int) int\n\tf = func(n int) int {\n\t\tdefer func() {}()\n\t\treturn f(n+1) + 1\n\t}\n\tdone := make(chan int)\n\tgo func() { done <- f(0) }()\n\tfmt.Println(<-done)\n}\n"),
        2,
        is("runtime: goroutine stack exceeds 1000000000-byte limit"),
    );
    c.stderr_has = Some("\nfatal error: stack overflow\n");
    v.push(c);

    // 20 MB on stdout, all of it, in bounded memory.
    let mut c = case(
        "huge_output",
        go("package main\n\nimport \"fmt\"\n\nfunc main() {\n\tline := \"0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456\"\n\tfor i := 0; i < 200000; i++ {\n\t\tfmt.Println(line, i%10)\n\t}\n}\n"),
        0,
        First::Empty,
    );
    c.stdout = Stdout::Len(200_000 * 100);
    c.native_only = true; // the page's console caps output; run_captured keeps it all
    v.push(c);

    // --- deeply nested values ---
    // Each of these overflowed the host stack (exit 134; in the page, a
    // broken tab): fmt, == and map keys recursed once per nesting level.
    // Go 1.19 prints 200005.
    let mut c = case(
        "fmt_nested_100000",
        go("package main\n\nimport \"fmt\"\n\nfunc main() {\n\tvar x interface{}\n\tfor i := 0; i < 100000; i++ {\n\t\tx = []interface{}{x}\n\t}\n\ts := fmt.Sprint(x)\n\tfmt.Println(len(s))\n}\n"),
        0,
        First::Empty,
    );
    c.stdout = Stdout::Is(b"200005\n".to_vec());
    v.push(c);

    // Go 1.19 recurses until its 1 GB goroutine stack is used up; the same
    // two lines, then its stack.
    let mut c = case(
        "fmt_cyclic_slice",
        go("package main\n\nimport \"fmt\"\n\nfunc main() {\n\ts := []interface{}{nil}\n\ts[0] = s\n\tfmt.Println(s)\n}\n"),
        2,
        is("runtime: goroutine stack exceeds 1000000000-byte limit"),
    );
    c.stderr_has = Some("\nfatal error: stack overflow\n");
    v.push(c);

    // 2^40 leaves: Go 1.19 grows its buffer until memory runs out.
    let mut c = case(
        "fmt_shared_value_bomb",
        go("package main\n\nimport \"fmt\"\n\nfunc main() {\n\tvar x interface{} = 1\n\tfor i := 0; i < 40; i++ {\n\t\tx = []interface{}{x, x}\n\t}\n\tfmt.Println(len(fmt.Sprint(x)))\n}\n"),
        2,
        is(OOM),
    );
    c.limits.max_memory = Some(8 << 20);
    v.push(c);

    // 2^60 leaves shared over and over: Go 1.19's `==` and map hash walk
    // them all (centuries). Ours stop at the memory limit's worth of parts
    // with a fatal error (Go has no such error: a host limit, like the
    // page's thread limit).
    let mut c = case(
        "equal_shared_value_bomb",
        go("package main\n\nimport \"fmt\"\n\ntype T struct{ a, b interface{} }\n\nfunc main() {\n\tvar x interface{} = 1\n\tfor i := 0; i < 60; i++ {\n\t\tx = T{x, x}\n\t}\n\tfmt.Println(x == x)\n}\n"),
        2,
        is("fatal error: ==: value too large for this host (parts shared over and over; Go would run for a very long time)"),
    );
    c.limits.max_memory = Some(8 << 20);
    v.push(c);
    let mut c = case(
        "map_key_shared_value_bomb",
        go("package main\n\nimport \"fmt\"\n\ntype T struct{ a, b interface{} }\n\nfunc main() {\n\tvar x interface{} = 1\n\tfor i := 0; i < 60; i++ {\n\t\tx = T{x, x}\n\t}\n\tm := map[interface{}]bool{}\n\tm[x] = true\n\tfmt.Println(len(m))\n}\n"),
        2,
        is("fatal error: hash of map key: value too large for this host (parts shared over and over; Go would run for a very long time)"),
    );
    c.limits.max_memory = Some(8 << 20);
    v.push(c);

    // Go 1.19: "true" and "1 1 0".
    let mut c = case(
        "equal_nested_100000",
        go("package main\n\nimport \"fmt\"\n\nfunc main() {\n\tvar x, y interface{}\n\tfor i := 0; i < 100000; i++ {\n\t\tx = [1]interface{}{x}\n\t\ty = [1]interface{}{y}\n\t}\n\tfmt.Println(x == y)\n}\n"),
        0,
        First::Empty,
    );
    c.stdout = Stdout::Is(b"true\n".to_vec());
    v.push(c);
    let mut c = case(
        "map_key_nested_100000",
        go("package main\n\nimport \"fmt\"\n\ntype S struct{ V interface{} }\n\nfunc main() {\n\tvar x, y interface{}\n\tfor i := 0; i < 100000; i++ {\n\t\tx = S{x}\n\t\ty = S{y}\n\t}\n\tm := map[interface{}]int{x: 1}\n\tfmt.Println(len(m), m[y], m[S{y}])\n}\n"),
        0,
        First::Empty,
    );
    c.stdout = Stdout::Is(b"1 1 0\n".to_vec());
    v.push(c);

    // --- hostile source ---
    v.push({
        let mut s = String::from("package main\n\nimport \"fmt\"\n\n");
        let mut i = 0;
        while s.len() < 1 << 20 {
            s.push_str(&format!(
                "func f{i}(x int) int {{\n\treturn x + {i}\n}}\n\n"
            ));
            i += 1;
        }
        s.push_str(&format!(
            "func main() {{\n\tfmt.Println(f0(1), f{}(1))\n}}\n",
            i - 1
        ));
        let mut c = case("source_1mb", s.into_bytes(), 0, First::Empty);
        c.stdout = Stdout::Is(format!("1 {}\n", i).into_bytes());
        c
    });

    // Go 1.19 compiles these; we refuse them with a syntax error at the
    // depth where our parser stops (a diagnostic, not a host stack overflow).
    let n = 10_000;
    v.push(case(
        "nested_parens_10000",
        format!(
            "package main\n\nfunc main() {{\n\tx := {}1{}\n\t_ = x\n}}\n",
            "(".repeat(n),
            ")".repeat(n)
        )
        .into_bytes(),
        1,
        starts("nested_parens_10000.go:4:"),
    ));
    v.push(case(
        "nested_blocks_10000",
        format!(
            "package main\n\nfunc main() {{\n{}{}\n}}\n",
            "{".repeat(n),
            "}".repeat(n)
        )
        .into_bytes(),
        1,
        starts("nested_blocks_10000.go:4:"),
    ));
    v.push(case(
        "nested_else_if_10000",
        format!(
            "package main\n\nimport \"fmt\"\n\nfunc main() {{\n\tx := 3\n\t{}\n}}\n",
            (0..n)
                .map(|i| format!("if x == {i} {{\n\t\tfmt.Println({i})\n\t}}"))
                .collect::<Vec<_>>()
                .join(" else ")
        )
        .into_bytes(),
        1,
        starts("nested_else_if_10000.go:"),
    ));
    v.push(case(
        "nested_types_10000",
        format!(
            "package main\n\nimport \"fmt\"\n\nfunc main() {{\n\tvar x {}int\n\tfmt.Println(x == nil)\n}}\n",
            "[]".repeat(n)
        )
        .into_bytes(),
        1,
        starts("nested_types_10000.go:6:"),
    ));
    v.push(case(
        "nested_func_literals_10000",
        format!(
            "package main\n\nfunc main() {{\n\tf := {}{}\n\tf()\n}}\n",
            "func() {".repeat(n),
            "}".repeat(n)
        )
        .into_bytes(),
        1,
        starts("nested_func_literals_10000.go:4:"),
    ));
    v.push(case(
        "long_sum_100000_terms",
        format!(
            "package main\n\nimport \"fmt\"\n\nfunc main() {{\n\ty := 1\n\tx := {}\n\tfmt.Println(x)\n}}\n",
            vec!["y"; 100_000].join("+")
        )
        .into_bytes(),
        1,
        starts("long_sum_100000_terms.go:7:"),
    ));

    // Named types nested 10 000 deep, each an array or struct of the
    // previous one: the compiler's recursive-type check, type lowering and
    // comparability, and the runtime's zero values, copies, ==, map keys
    // and fmt all followed the nesting on the host stack (and the check
    // took cubic time). Go 1.19's compiler has not finished after two
    // minutes; at 2 000 types it prints what we print.
    for (name, decl0, decl) in [
        (
            "named_array_types_10000",
            "type T0 [1]int",
            "type T{i} [1]T{j}",
        ),
        (
            "named_struct_types_10000",
            "type T0 struct{ A int }",
            "type T{i} struct{ A T{j} }",
        ),
    ] {
        let mut s = format!("package main\n\nimport \"fmt\"\n\n{decl0}\n");
        for i in 1..n {
            s.push_str(
                &decl
                    .replace("{i}", &i.to_string())
                    .replace("{j}", &(i - 1).to_string()),
            );
            s.push('\n');
        }
        s.push_str(&format!(
            "\nfunc main() {{\n\tvar x, y T{last}\n\tz := x\n\tfmt.Println(x == y, z == x)\n\tm := map[T{last}]int{{x: 1}}\n\tfmt.Println(m[y], len(fmt.Sprint(x)))\n\tvar i interface{{}} = x\n\tfmt.Println(i == interface{{}}(y), len(append([]T{last}{{}}, x)))\n}}\n",
            last = n - 1
        ));
        let mut c = case(name, s.into_bytes(), 0, First::Empty);
        c.stdout = Stdout::Is(b"true true\n1 20001\ntrue 1\n".to_vec());
        v.push(c);
    }

    // Forty types, each holding the previous one three times (two in
    // zero-length arrays): every search of all paths through the types took
    // 2^40 steps. Go 1.19's compiler has not finished after ten minutes.
    v.push({
        let mut s = String::from("package main\n\nimport \"fmt\"\n\ntype T0 struct{ A int }\n");
        for i in 1..=40 {
            s.push_str(&format!(
                "type T{i} struct {{\n\tA, B [0]T{j}\n\tC    [1]T{j}\n\tN    int\n}}\n",
                j = i - 1
            ));
        }
        s.push_str("\nfunc main() {\n\tvar x, y T40\n\tx.C[0].C[0].N = 1\n\tvar i interface{} = x\n\tfmt.Println(x == y, i == interface{}(x), len(append([]T40{}, x, y)), T2{})\n}\n");
        let mut c = case("types_nested_40_thrice", s.into_bytes(), 0, First::Empty);
        c.stdout = Stdout::Is(b"false true 2 {[] [] [{[] [] [{0}] 0}] 0}\n".to_vec());
        c
    });

    // Initialization order through functions each calling the next (a
    // recursive walk of the dependencies: 10 000 overflowed a 1 MB stack,
    // 90 000 the native 8 MB one). Go 1.19 prints 10000 and 90000.
    // Native only at 90 000: a 4 MB source, slow for the debug wasm build.
    for (name, count, native_only) in [
        ("init_order_call_chain_10000", 10_000, false),
        ("init_order_call_chain_90000", 90_000, true),
    ] {
        let mut s = String::from("package main\n\nimport \"fmt\"\n\nvar x = f0()\n\n");
        for i in 0..count - 1 {
            s.push_str(&format!("func f{i}() int {{ return f{}() + 1 }}\n", i + 1));
        }
        s.push_str(&format!(
            "func f{}() int {{ return 1 }}\n\nfunc main() {{\n\tfmt.Println(x)\n}}\n",
            count - 1
        ));
        let mut c = case(name, s.into_bytes(), 0, First::Empty);
        c.stdout = Stdout::Is(format!("{count}\n").into_bytes());
        c.native_only = native_only;
        v.push(c);
    }

    // Go 1.19 (go build): "./invalid_utf8.go:4:8: invalid UTF-8 encoding";
    // it reports one equal error per line, we report each bad byte (4:9 too).
    v.push(case(
        "invalid_utf8",
        b"package main\n\nfunc main() {\n\tx := \"\xff\xfe\"\n\t_ = x\n}\n".to_vec(),
        1,
        is("invalid_utf8.go:4:8: invalid UTF-8 encoding"),
    ));
    v.push(case(
        "invalid_utf8_in_comment",
        b"package main\n\n// \xc3\x28 bad\nfunc main() {\n}\n".to_vec(),
        1,
        is("invalid_utf8_in_comment.go:3:4: invalid UTF-8 encoding"),
    ));
    // Go 1.19: "./nul.go:4:7: malformed constant: 1 " then
    // "./nul.go:4:8: invalid NUL character".
    v.push(case(
        "nul_byte",
        b"package main\n\nfunc main() {\n\tx := 1\x00\n\t_ = x\n}\n".to_vec(),
        1,
        is("nul_byte.go:4:8: invalid NUL character"),
    ));
    v.push(case(
        "nul_bytes_only",
        vec![0u8; 4096],
        1,
        is("nul_bytes_only.go:1:1: invalid NUL character"),
    ));
    // Go 1.19: go build says "empty.go:1:1: expected 'package', found
    // 'EOF'" (go/parser); the compiler's own wording is ours.
    v.push(case(
        "empty",
        Vec::new(),
        1,
        is("empty.go:1:1: syntax error: package statement must be first"),
    ));
    // Go 1.19: "no_package.go:1:1: expected 'package', found 'func'".
    v.push(case(
        "no_package",
        go("func main() {}\n"),
        1,
        is("no_package.go:1:1: syntax error: package statement must be first"),
    ));
    // Found by `cargo fuzz` (fuzz/RUNS.md): a type that contains itself.
    // Go 1.19: "./recursive_struct_type.go:3:6: invalid recursive type A"
    // then "\t./recursive_struct_type.go:3:6: A refers to" and "\t...: A".
    v.push(case(
        "recursive_struct_type",
        go("package main\n\ntype A struct {\n\tX int\n\tA A\n}\n\nfunc main() {\n\tvar a A\n\t_ = a\n}\n"),
        1,
        is("recursive_struct_type.go:3:6: invalid recursive type A"),
    ));
    v.push(case(
        "recursive_array_type",
        go("package main\n\ntype A [2]A\n\nfunc main() {\n\tvar a A\n\tprintln(a == a)\n}\n"),
        1,
        is("recursive_array_type.go:3:6: invalid recursive type A"),
    ));
    // Generic code that instantiates ever bigger types must end in an
    // error, not in instances without end. Go 1.19: "./instantiation_cycle.go:3:8:
    // instantiation cycle:" then "\t./instantiation_cycle.go:3:24: T instantiated as []T".
    v.push(case(
        "instantiation_cycle",
        go("package main\n\nfunc F[T any](x T) { F[[]T](nil) }\n\nfunc main() {\n\tF(1)\n}\n"),
        1,
        is("instantiation_cycle.go:3:8: instantiation cycle"),
    ));
    v.push(case(
        "instantiation_cycle_inferred",
        go("package main\n\nfunc F[T any](x T, n int) {\n\tif n > 0 {\n\t\tF([]T{x}, n-1)\n\t}\n}\n\nfunc main() {\n\tF(1, 3)\n}\n"),
        1,
        is("instantiation_cycle_inferred.go:3:8: instantiation cycle"),
    ));
    v.push(case(
        "generic_type_cycle",
        go("package main\n\ntype L[T any] struct{ next *L[[]T] }\n\nfunc main() {\n\tvar l L[int]\n\t_ = l\n}\n"),
        1,
        is("generic_type_cycle.go:3:8: instantiation cycle"),
    ));
    // Go 1.19 (`go run`): "package command-line-arguments is not a main package".
    v.push(case(
        "package_not_main",
        go("package foo\n\nfunc main() {}\n"),
        1,
        is("package_not_main.go:1:9: package foo is not a main package; only package main can be run"),
    ));
    // Go 1.19 (the linker): "runtime.main_main·f: function main is
    // undeclared in the main package".
    v.push(case(
        "no_func_main",
        go("package main\n\nfunc f() {}\n"),
        1,
        is("no_func_main.go:1:1: function main is undeclared in the main package"),
    ));
    v
}

/// Checks a run's result against the case; `Err` says what differs.
pub fn verify(
    c: &Case,
    exit: i32,
    stdout_len: u64,
    stdout: &[u8],
    stderr: &[u8],
) -> Result<(), String> {
    let err = String::from_utf8_lossy(stderr);
    let first_line = err.lines().next().unwrap_or("");
    let mut problems = Vec::new();
    if exit != c.exit {
        problems.push(format!("exit status {exit}, want {}", c.exit));
    }
    match &c.first {
        First::Is(want) if first_line != want => {
            problems.push(format!("stderr's first line {first_line:?}, want {want:?}"))
        }
        First::Starts(want) if !first_line.starts_with(want.as_str()) => problems.push(format!(
            "stderr's first line {first_line:?}, want it to start with {want:?}"
        )),
        First::Empty if !stderr.is_empty() => problems.push("stderr is not empty".into()),
        _ => {}
    }
    if let Some(has) = c.stderr_has {
        if !err.contains(has) {
            problems.push(format!("stderr lacks {has:?}"));
        }
    }
    match &c.stdout {
        Stdout::Is(want) if stdout != &want[..] => problems.push(format!(
            "stdout {:?}, want {:?}",
            String::from_utf8_lossy(&stdout[..stdout.len().min(200)]),
            String::from_utf8_lossy(want)
        )),
        Stdout::Len(n) if stdout_len != *n => {
            problems.push(format!("stdout has {stdout_len} bytes, want {n}"))
        }
        _ => {}
    }
    if problems.is_empty() {
        Ok(())
    } else {
        let head: String = err.chars().take(600).collect();
        Err(format!(
            "{}\n  stderr begins: {head:?}",
            problems.join("; ")
        ))
    }
}
