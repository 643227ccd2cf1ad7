//! VM tests on hand-assembled programs. Expected texts were checked against
//! Go 1.19 (`go run` of the equivalent program).

use golab_bytecode::{
    Callee, Const, Field, Function, IntKind, Method, Op, Pos, Program, Reg, SlotKind, TypeDesc,
    TypeKind,
};
use golab_runtime::{run_captured, Captured, Config};
use std::sync::Arc;

fn r(i: u16) -> Reg {
    Reg(i)
}

/// A tiny assembler: each instruction carries its source line.
struct Asm {
    p: Program,
}

impl Asm {
    fn new() -> Asm {
        Asm {
            p: Program::default(),
        }
    }
    fn ty(&mut self, name: &str, kind: TypeKind) -> u32 {
        self.p.type_id(TypeDesc::new(name, kind))
    }
    fn int(&mut self) -> u32 {
        self.ty("int", TypeKind::Int(IntKind::I64))
    }
    fn string(&mut self) -> u32 {
        self.ty("string", TypeKind::String)
    }
    fn any(&mut self) -> u32 {
        self.ty("interface {}", TypeKind::Interface(vec![]))
    }
    fn native(&mut self, name: &str) -> u32 {
        self.p.native_id(name)
    }
    #[allow(clippy::too_many_arguments)]
    fn func(
        &mut self,
        name: &str,
        params: u16,
        results: u16,
        regs: u16,
        consts: Vec<Const>,
        code: Vec<(u32, Op)>,
    ) -> u32 {
        let mut f = Function {
            name: name.into(),
            file: "prog.go".into(),
            decl_line: code.first().map(|c| c.0).unwrap_or(1),
            num_params: params,
            num_results: results,
            num_regs: regs,
            consts,
            reg_kinds: vec![SlotKind::Ref; regs as usize],
            ..Default::default()
        };
        for (line, op) in code {
            f.emit(op, Pos { line, col: 2 });
        }
        if f.code.iter().any(|op| matches!(op, Op::Defer { .. })) {
            // Convention: the epilogue is the last RunDefers.
            f.epilogue = f
                .code
                .iter()
                .rposition(|op| matches!(op, Op::RunDefers))
                .map(|i| i as u32);
        }
        self.p.functions.push(f);
        (self.p.functions.len() - 1) as u32
    }
    fn run(mut self, main: u32) -> Captured {
        self.p.main = main;
        run_captured(Arc::new(self.p), Config::default())
    }
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Emits `fmt.Println(rX)` for a value of type `ty` in register `x`, using
/// registers `tmp`, `tmp+1`.
fn println(a: &mut Asm, line: u32, x: u16, ty: u32, tmp: u16) -> Vec<(u32, Op)> {
    let any = a.any();
    let p = a.native("fmt.Println");
    vec![
        (
            line,
            Op::MakeIface {
                dst: r(tmp),
                src: r(x),
                ty,
            },
        ),
        (
            line,
            Op::SliceLit {
                dst: r(tmp),
                elem: any,
                base: r(tmp),
                n: 1,
            },
        ),
        (
            line,
            Op::CallNative {
                native: p,
                base: r(tmp),
                nargs: 1,
                nret: 0,
            },
        ),
    ]
}

#[test]
fn integers_wrap_at_their_width() {
    let mut a = Asm::new();
    let i8t = a.ty("int8", TypeKind::Int(IntKind::I8));
    let u8t = a.ty("uint8", TypeKind::Int(IntKind::U8));
    let int = a.int();
    let mut code = vec![
        (
            3,
            Op::LoadInt {
                dst: r(0),
                imm: 127,
            },
        ),
        (
            4,
            Op::AddImm {
                dst: r(0),
                a: r(0),
                imm: 1,
            },
        ),
        (
            4,
            Op::Trunc {
                dst: r(0),
                src: r(0),
                kind: IntKind::I8,
            },
        ),
        (5, Op::LoadInt { dst: r(1), imm: 0 }),
        (
            6,
            Op::AddImm {
                dst: r(1),
                a: r(1),
                imm: -1,
            },
        ),
        (
            6,
            Op::Trunc {
                dst: r(1),
                src: r(1),
                kind: IntKind::U8,
            },
        ),
        (7, Op::LoadConst { dst: r(2), idx: 0 }),
        (
            8,
            Op::AddImm {
                dst: r(2),
                a: r(2),
                imm: 1,
            },
        ),
    ];
    code.extend(println(&mut a, 9, 0, i8t, 5));
    code.extend(println(&mut a, 10, 1, u8t, 5));
    code.extend(println(&mut a, 11, 2, int, 5));
    code.push((12, Op::Return { src: r(0), n: 0 }));
    let main = a.func("main.main", 0, 0, 8, vec![Const::Int(i64::MAX)], code);
    let c = a.run(main);
    assert_eq!(text(&c.stdout), "-128\n255\n-9223372036854775808\n");
    assert_eq!(c.exit_code, 0);
}

fn panic_program(ops: Vec<(u32, Op)>, a: &mut Asm) -> u32 {
    let mut code = ops;
    code.push((20, Op::Return { src: r(0), n: 0 }));
    a.func("main.main", 0, 0, 10, vec![], code)
}

#[test]
fn integer_divide_by_zero_panics_with_gos_text() {
    let mut a = Asm::new();
    let main = panic_program(
        vec![
            (4, Op::LoadInt { dst: r(0), imm: 1 }),
            (5, Op::LoadInt { dst: r(1), imm: 0 }),
            (
                6,
                Op::DivS {
                    dst: r(2),
                    a: r(0),
                    b: r(1),
                },
            ),
        ],
        &mut a,
    );
    let c = a.run(main);
    assert_eq!(
        text(&c.stderr),
        "panic: runtime error: integer divide by zero\n\ngoroutine 1 [running]:\nmain.main()\n\t/prog.go:6 +0x0\n"
    );
    assert_eq!(c.exit_code, 2);
}

#[test]
fn index_out_of_range_names_index_and_length_and_callers() {
    let mut a = Asm::new();
    let int = a.int();
    // func g(s []int, i int) int { return s[i] }
    let g = a.func(
        "main.g",
        2,
        1,
        3,
        vec![],
        vec![
            (
                4,
                Op::Index {
                    dst: r(2),
                    obj: r(0),
                    idx: r(1),
                },
            ),
            (4, Op::Return { src: r(2), n: 1 }),
        ],
    );
    let main = panic_program(
        vec![
            (8, Op::LoadInt { dst: r(0), imm: 1 }),
            (8, Op::LoadInt { dst: r(1), imm: 2 }),
            (8, Op::LoadInt { dst: r(2), imm: 3 }),
            (
                8,
                Op::SliceLit {
                    dst: r(3),
                    elem: int,
                    base: r(0),
                    n: 3,
                },
            ),
            (
                9,
                Op::Move {
                    dst: r(4),
                    src: r(3),
                },
            ),
            (9, Op::LoadInt { dst: r(5), imm: 5 }),
            (
                9,
                Op::Call {
                    func: g,
                    base: r(4),
                    nargs: 2,
                    nret: 1,
                },
            ),
        ],
        &mut a,
    );
    let c = a.run(main);
    assert_eq!(
        text(&c.stderr),
        "panic: runtime error: index out of range [5] with length 3\n\ngoroutine 1 [running]:\nmain.g(...)\n\t/prog.go:4 +0x0\nmain.main()\n\t/prog.go:9 +0x0\n"
    );
    assert_eq!(c.exit_code, 2);
}

#[test]
fn nil_map_write_nil_deref_and_bad_assertion() {
    let mut a = Asm::new();
    let int = a.int();
    let s = a.string();
    let any = a.any();
    let mt = a.ty("map[string]int", TypeKind::Map(s, int));
    let _ = mt;
    let main = panic_program(
        vec![(
            5,
            Op::MapSet {
                map: r(0),
                key: r(1),
                val: r(2),
            },
        )],
        &mut a,
    );
    let c = a.run(main);
    assert_eq!(
        text(&c.stderr).lines().next(),
        Some("panic: assignment to entry in nil map")
    );

    let mut a = Asm::new();
    let main = panic_program(
        vec![(
            5,
            Op::Load {
                dst: r(1),
                ptr: r(0),
            },
        )],
        &mut a,
    );
    let c = a.run(main);
    assert!(text(&c.stderr).starts_with(
        "panic: runtime error: invalid memory address or nil pointer dereference\n[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x0]\n\ngoroutine 1 [running]:\n"
    ));

    let mut a = Asm::new();
    let s = a.string();
    let int = a.int();
    let any2 = a.any();
    assert_eq!(any, any2 - any2 + any);
    let main = panic_program(
        vec![
            (4, Op::LoadConst { dst: r(0), idx: 0 }),
            (
                4,
                Op::MakeIface {
                    dst: r(1),
                    src: r(0),
                    ty: s,
                },
            ),
            (
                5,
                Op::TypeAssert {
                    dst: r(2),
                    src: r(1),
                    ty: int,
                    iface: any2,
                },
            ),
        ],
        &mut a,
    );
    a.p.functions[main as usize]
        .consts
        .push(Const::Str("s".into()));
    let c = a.run(main);
    assert_eq!(
        text(&c.stderr).lines().next(),
        Some("panic: interface conversion: interface {} is string, not int")
    );
}

#[test]
fn slice_bounds_text() {
    let mut a = Asm::new();
    let int = a.int();
    let main = panic_program(
        vec![
            (4, Op::LoadInt { dst: r(0), imm: 3 }),
            (
                4,
                Op::MakeSlice {
                    dst: r(1),
                    elem: int,
                    len: r(0),
                    cap: r(0),
                },
            ),
            (5, Op::LoadInt { dst: r(3), imm: 5 }),
            (
                5,
                Op::SliceExpr {
                    dst: r(4),
                    src: r(1),
                    base: r(2),
                    has: 2,
                },
            ),
        ],
        &mut a,
    );
    let c = a.run(main);
    assert_eq!(
        text(&c.stderr).lines().next(),
        Some("panic: runtime error: slice bounds out of range [:5] with capacity 3")
    );
}

/// func f() (r int) {
///     defer func() { fmt.Println("first deferred, last run") }()
///     defer func() { if e := recover(); e != nil { fmt.Println("recovered:", e); r = 42 } }()
///     panic("boom")
/// }
/// func main() { fmt.Println(f()) }
#[test]
fn defer_recover_order_and_named_results() {
    let mut a = Asm::new();
    let int = a.int();
    let s = a.string();
    let any = a.any();
    let println = a.native("fmt.Println");
    let d1 = a.func(
        "main.f.func1",
        0,
        0,
        4,
        vec![Const::Str("first deferred, last run".into())],
        vec![
            (3, Op::LoadConst { dst: r(0), idx: 0 }),
            (
                3,
                Op::MakeIface {
                    dst: r(0),
                    src: r(0),
                    ty: s,
                },
            ),
            (
                3,
                Op::SliceLit {
                    dst: r(0),
                    elem: any,
                    base: r(0),
                    n: 1,
                },
            ),
            (
                3,
                Op::CallNative {
                    native: println,
                    base: r(0),
                    nargs: 1,
                    nret: 0,
                },
            ),
            (3, Op::Return { src: r(0), n: 0 }),
        ],
    );
    // Captures the cell of r (upval 0).
    let d2 = a.func(
        "main.f.func2",
        0,
        0,
        6,
        vec![Const::Str("recovered:".into())],
        vec![
            (5, Op::Recover { dst: r(0) }),
            (5, Op::LoadInt { dst: r(1), imm: 0 }),
            (
                5,
                Op::Eq {
                    dst: r(1),
                    a: r(0),
                    b: r(1),
                },
            ),
            (
                5,
                Op::JumpIfTrue {
                    cond: r(1),
                    target: 12,
                },
            ),
            (6, Op::LoadConst { dst: r(2), idx: 0 }),
            (
                6,
                Op::MakeIface {
                    dst: r(2),
                    src: r(2),
                    ty: s,
                },
            ),
            (
                6,
                Op::Move {
                    dst: r(3),
                    src: r(0),
                },
            ),
            (
                6,
                Op::SliceLit {
                    dst: r(2),
                    elem: any,
                    base: r(2),
                    n: 2,
                },
            ),
            (
                6,
                Op::CallNative {
                    native: println,
                    base: r(2),
                    nargs: 1,
                    nret: 0,
                },
            ),
            (7, Op::Upval { dst: r(4), idx: 0 }),
            (7, Op::LoadInt { dst: r(5), imm: 42 }),
            (
                7,
                Op::Store {
                    ptr: r(4),
                    src: r(5),
                },
            ),
            (9, Op::Return { src: r(0), n: 0 }),
        ],
    );
    let f = a.func(
        "main.f",
        0,
        1,
        6,
        vec![Const::Str("boom".into())],
        vec![
            (1, Op::New { dst: r(1), ty: int }),
            (
                2,
                Op::LoadFunc {
                    dst: r(2),
                    func: d1,
                },
            ),
            (
                2,
                Op::Defer {
                    callee: r(2),
                    base: r(3),
                    nargs: 0,
                },
            ),
            (
                4,
                Op::MakeClosure {
                    dst: r(2),
                    func: d2,
                    base: r(1),
                    n: 1,
                },
            ),
            (
                4,
                Op::Defer {
                    callee: r(2),
                    base: r(3),
                    nargs: 0,
                },
            ),
            (10, Op::LoadConst { dst: r(3), idx: 0 }),
            (
                10,
                Op::MakeIface {
                    dst: r(3),
                    src: r(3),
                    ty: s,
                },
            ),
            (10, Op::Panic { src: r(3) }),
            (11, Op::RunDefers),
            (
                11,
                Op::Load {
                    dst: r(0),
                    ptr: r(1),
                },
            ),
            (11, Op::Return { src: r(0), n: 1 }),
        ],
    );
    let mut code = vec![(
        14,
        Op::Call {
            func: f,
            base: r(0),
            nargs: 0,
            nret: 1,
        },
    )];
    code.extend(self::println(&mut a, 14, 0, int, 1));
    code.push((15, Op::Return { src: r(0), n: 0 }));
    let main = a.func("main.main", 0, 0, 4, vec![], code);
    let c = a.run(main);
    assert_eq!(text(&c.stderr), "");
    assert_eq!(
        text(&c.stdout),
        "recovered: boom\nfirst deferred, last run\n42\n"
    );
    assert_eq!(c.exit_code, 0);
}

/// A re-panic inside a deferred call prints the chain as Go does.
#[test]
fn repanic_prints_recovered_chain() {
    let mut a = Asm::new();
    let s = a.string();
    let d = a.func(
        "main.main.func1",
        0,
        0,
        2,
        vec![],
        vec![
            (6, Op::Recover { dst: r(0) }),
            (7, Op::Panic { src: r(0) }),
            (8, Op::Return { src: r(0), n: 0 }),
        ],
    );
    let main = a.func(
        "main.main",
        0,
        0,
        4,
        vec![Const::Str("first".into())],
        vec![
            (5, Op::LoadFunc { dst: r(0), func: d }),
            (
                5,
                Op::Defer {
                    callee: r(0),
                    base: r(1),
                    nargs: 0,
                },
            ),
            (9, Op::LoadConst { dst: r(1), idx: 0 }),
            (
                9,
                Op::MakeIface {
                    dst: r(1),
                    src: r(1),
                    ty: s,
                },
            ),
            (9, Op::Panic { src: r(1) }),
            (10, Op::RunDefers),
            (10, Op::Return { src: r(0), n: 0 }),
        ],
    );
    let c = a.run(main);
    assert_eq!(
        text(&c.stderr),
        "panic: first [recovered]\n\tpanic: first\n\ngoroutine 1 [running]:\nmain.main.func1()\n\t/prog.go:7 +0x0\npanic({0x0, 0x0})\n\t/usr/lib/go-1.19/src/runtime/panic.go:884 +0x0\nmain.main()\n\t/prog.go:9 +0x0\n"
    );
    assert_eq!(c.exit_code, 2);
}

/// Closures capture variables by reference: a counter closure.
#[test]
fn closures_share_captured_cells() {
    let mut a = Asm::new();
    let int = a.int();
    // func() int { n++; return n }
    let inc = a.func(
        "main.main.func1",
        0,
        1,
        3,
        vec![],
        vec![
            (4, Op::Upval { dst: r(1), idx: 0 }),
            (
                4,
                Op::Load {
                    dst: r(2),
                    ptr: r(1),
                },
            ),
            (
                4,
                Op::AddImm {
                    dst: r(2),
                    a: r(2),
                    imm: 1,
                },
            ),
            (
                4,
                Op::Store {
                    ptr: r(1),
                    src: r(2),
                },
            ),
            (4, Op::Return { src: r(2), n: 1 }),
        ],
    );
    let mut code = vec![
        (3, Op::New { dst: r(0), ty: int }),
        (
            4,
            Op::MakeClosure {
                dst: r(1),
                func: inc,
                base: r(0),
                n: 1,
            },
        ),
        (
            5,
            Op::CallValue {
                callee: r(1),
                base: r(2),
                nargs: 0,
                nret: 1,
            },
        ),
        (
            5,
            Op::CallValue {
                callee: r(1),
                base: r(2),
                nargs: 0,
                nret: 1,
            },
        ),
        (
            6,
            Op::Load {
                dst: r(3),
                ptr: r(0),
            },
        ),
    ];
    code.extend(println(&mut a, 7, 2, int, 5));
    code.extend(println(&mut a, 7, 3, int, 5));
    code.push((8, Op::Return { src: r(0), n: 0 }));
    let main = a.func("main.main", 0, 0, 8, vec![], code);
    let c = a.run(main);
    assert_eq!(text(&c.stdout), "2\n2\n");
}

/// type T struct{ N int; name string }; func (t T) String() string { return "T#" + t.name }
/// Interface dispatch (CallIface) and fmt calling the Go String method.
#[test]
fn interface_dispatch_and_stringer_in_fmt() {
    let mut a = Asm::new();
    let int = a.int();
    let s = a.string();
    let any = a.any();
    let m_string = a.p.method_name_id("String");
    let stringer = a.ty("fmt.Stringer", TypeKind::Interface(vec![m_string]));
    let t = a.ty(
        "main.T",
        TypeKind::Struct(vec![
            Field {
                name: "N".into(),
                ty: int,
                embedded: false,
            },
            Field {
                name: "name".into(),
                ty: s,
                embedded: false,
            },
        ]),
    );
    let string_m = a.func(
        "main.T.String",
        1,
        1,
        3,
        vec![Const::Str("T#".into())],
        vec![
            (8, Op::LoadConst { dst: r(1), idx: 0 }),
            (
                8,
                Op::GetField {
                    dst: r(2),
                    obj: r(0),
                    field: 1,
                },
            ),
            (
                8,
                Op::Concat {
                    dst: r(1),
                    a: r(1),
                    b: r(2),
                },
            ),
            (8, Op::Return { src: r(1), n: 1 }),
        ],
    );
    a.p.types[t as usize].methods.push(Method {
        name: m_string,
        callee: Callee::Func(string_m),
        deref: false,
    });
    let sprintf = a.native("fmt.Sprintf");
    let println = a.native("fmt.Println");
    let code = vec![
        (10, Op::Zero { dst: r(0), ty: t }),
        (10, Op::LoadInt { dst: r(1), imm: 7 }),
        (
            10,
            Op::SetField {
                obj: r(0),
                field: 0,
                src: r(1),
            },
        ),
        (10, Op::LoadConst { dst: r(1), idx: 0 }),
        (
            10,
            Op::SetField {
                obj: r(0),
                field: 1,
                src: r(1),
            },
        ),
        // var x fmt.Stringer = t; x.String()
        (
            11,
            Op::MakeIface {
                dst: r(2),
                src: r(0),
                ty: t,
            },
        ),
        (
            12,
            Op::Move {
                dst: r(3),
                src: r(2),
            },
        ),
        (
            12,
            Op::CallIface {
                method: m_string,
                base: r(3),
                nargs: 1,
                nret: 1,
            },
        ),
        // fmt.Sprintf("%v|%+v|%d|%s", t, t, t.N, x)
        (13, Op::LoadConst { dst: r(4), idx: 1 }),
        (
            13,
            Op::MakeIface {
                dst: r(6),
                src: r(0),
                ty: t,
            },
        ),
        (
            13,
            Op::Move {
                dst: r(7),
                src: r(6),
            },
        ),
        (
            13,
            Op::GetField {
                dst: r(8),
                obj: r(0),
                field: 0,
            },
        ),
        (
            13,
            Op::MakeIface {
                dst: r(8),
                src: r(8),
                ty: int,
            },
        ),
        (
            13,
            Op::Move {
                dst: r(9),
                src: r(2),
            },
        ),
        (
            13,
            Op::SliceLit {
                dst: r(5),
                elem: any,
                base: r(6),
                n: 4,
            },
        ),
        (
            13,
            Op::CallNative {
                native: sprintf,
                base: r(4),
                nargs: 2,
                nret: 1,
            },
        ),
        (
            14,
            Op::MakeIface {
                dst: r(3),
                src: r(3),
                ty: s,
            },
        ),
        (
            14,
            Op::MakeIface {
                dst: r(4),
                src: r(4),
                ty: s,
            },
        ),
        (
            14,
            Op::SliceLit {
                dst: r(3),
                elem: any,
                base: r(3),
                n: 2,
            },
        ),
        (
            14,
            Op::CallNative {
                native: println,
                base: r(3),
                nargs: 1,
                nret: 0,
            },
        ),
        (15, Op::Return { src: r(0), n: 0 }),
    ];
    let _ = stringer;
    let main = a.func(
        "main.main",
        0,
        0,
        12,
        vec![Const::Str("x".into()), Const::Str("%v|%+v|%d|%s".into())],
        code,
    );
    let c = a.run(main);
    assert_eq!(text(&c.stderr), "");
    assert_eq!(text(&c.stdout), "T#x T#x|T#x|7|T#x\n");
}

/// Sprintf over a table of format strings and values, expected from Go 1.19.
#[test]
fn fmt_table_matches_go() {
    enum V {
        I(i64),
        F(f64),
        S(&'static str),
        B(bool),
        Ints(&'static [i64]),
        Map(&'static [(&'static str, i64)]),
        PtrStruct,
        Nil,
    }
    let cases: Vec<(&str, Vec<V>, &str)> = vec![
        (
            "%d|%5d|%-5d|%05d",
            vec![V::I(42), V::I(42), V::I(42), V::I(-42)],
            "42|   42|42   |-0042",
        ),
        (
            "%x %X %c %q",
            vec![V::I(255), V::I(255), V::I(65), V::I(120)],
            "ff FF A 'x'",
        ),
        (
            "%v %f %.2f %6.2f",
            vec![V::F(1.5), V::F(2.0), V::F(1.23456), V::F(2.5)],
            "1.5 2.000000 1.23   2.50",
        ),
        (
            "%v %v %v",
            vec![V::F(1e21), V::F(1e-5), V::F(123456789.0)],
            "1e+21 1e-05 1.23456789e+08",
        ),
        (
            "%s|%5s|%-5s|%q|%x",
            vec![V::S("ab"), V::S("ab"), V::S("cd"), V::S("hi\n"), V::S("hi")],
            "ab|   ab|cd   |\"hi\\n\"|6869",
        ),
        ("%t %v", vec![V::B(true), V::B(false)], "true false"),
        ("%v %d", vec![V::Ints(&[1, 2]), V::Ints(&[3])], "[1 2] [3]"),
        ("%v", vec![V::Map(&[("b", 2), ("a", 1)])], "map[a:1 b:2]"),
        (
            "%v %+v",
            vec![V::PtrStruct, V::PtrStruct],
            "&{1 s} &{X:1 S:s}",
        ),
        ("%v %d", vec![V::Nil, V::Nil], "<nil> %!d(<nil>)"),
        ("%d", vec![V::S("str")], "%!d(string=str)"),
        ("%d %d", vec![V::I(1)], "1 %!d(MISSING)"),
        ("%d", vec![V::I(1), V::I(2)], "1%!(EXTRA int=2)"),
        (
            "%T %T %T %%",
            vec![V::F(1.0), V::S(""), V::Ints(&[])],
            "float64 string []int %",
        ),
    ];
    for (format, vals, want) in cases {
        let mut a = Asm::new();
        let int = a.int();
        let s = a.string();
        let any = a.any();
        let f64t = a.ty("float64", TypeKind::Float64);
        let boolt = a.ty("bool", TypeKind::Bool);
        let ints = a.ty("[]int", TypeKind::Slice(int));
        let mt = a.ty("map[string]int", TypeKind::Map(s, int));
        let st = a.ty(
            "main.P",
            TypeKind::Struct(vec![
                Field {
                    name: "X".into(),
                    ty: int,
                    embedded: false,
                },
                Field {
                    name: "S".into(),
                    ty: s,
                    embedded: false,
                },
            ]),
        );
        let pt = a.ty("*main.P", TypeKind::Pointer(st));
        let sprintf = a.native("fmt.Sprintf");
        let println = a.native("fmt.Println");
        let mut consts = vec![Const::Str(format.into())];
        let mut code = vec![(1, Op::LoadConst { dst: r(0), idx: 0 })];
        let n = vals.len() as u16;
        for (i, v) in vals.into_iter().enumerate() {
            let d = r(10 + i as u16);
            let mut k = |c: Const, code: &mut Vec<(u32, Op)>| {
                consts.push(c);
                code.push((
                    1,
                    Op::LoadConst {
                        dst: r(2),
                        idx: consts.len() as u32 - 1,
                    },
                ));
            };
            let ty = match v {
                V::I(x) => {
                    k(Const::Int(x), &mut code);
                    int
                }
                V::F(x) => {
                    k(Const::Float(x), &mut code);
                    f64t
                }
                V::S(x) => {
                    k(Const::Str(x.into()), &mut code);
                    s
                }
                V::B(x) => {
                    code.push((
                        1,
                        Op::LoadInt {
                            dst: r(2),
                            imm: x as i32,
                        },
                    ));
                    boolt
                }
                V::Ints(xs) => {
                    code.push((1, Op::LoadInt { dst: r(3), imm: 0 }));
                    code.push((
                        1,
                        Op::MakeSlice {
                            dst: r(2),
                            elem: int,
                            len: r(3),
                            cap: r(3),
                        },
                    ));
                    for x in xs {
                        code.push((
                            1,
                            Op::LoadInt {
                                dst: r(4),
                                imm: *x as i32,
                            },
                        ));
                        code.push((
                            1,
                            Op::Append {
                                dst: r(2),
                                slice: r(2),
                                elem: int,
                                base: r(4),
                                n: 1,
                            },
                        ));
                    }
                    ints
                }
                V::Map(es) => {
                    code.push((
                        1,
                        Op::MakeMap {
                            dst: r(2),
                            ty: mt,
                            hint: r(3),
                        },
                    ));
                    for (key, val) in es {
                        consts.push(Const::Str(key.to_string()));
                        code.push((
                            1,
                            Op::LoadConst {
                                dst: r(4),
                                idx: consts.len() as u32 - 1,
                            },
                        ));
                        code.push((
                            1,
                            Op::LoadInt {
                                dst: r(5),
                                imm: *val as i32,
                            },
                        ));
                        code.push((
                            1,
                            Op::MapSet {
                                map: r(2),
                                key: r(4),
                                val: r(5),
                            },
                        ));
                    }
                    mt
                }
                V::PtrStruct => {
                    consts.push(Const::Str("s".into()));
                    code.push((1, Op::New { dst: r(2), ty: st }));
                    code.push((1, Op::LoadInt { dst: r(4), imm: 1 }));
                    code.push((
                        1,
                        Op::SetField {
                            obj: r(2),
                            field: 0,
                            src: r(4),
                        },
                    ));
                    code.push((
                        1,
                        Op::LoadConst {
                            dst: r(4),
                            idx: consts.len() as u32 - 1,
                        },
                    ));
                    code.push((
                        1,
                        Op::SetField {
                            obj: r(2),
                            field: 1,
                            src: r(4),
                        },
                    ));
                    pt
                }
                V::Nil => {
                    code.push((1, Op::LoadInt { dst: d, imm: 0 }));
                    continue;
                }
            };
            code.push((
                1,
                Op::MakeIface {
                    dst: d,
                    src: r(2),
                    ty,
                },
            ));
        }
        code.push((
            1,
            Op::SliceLit {
                dst: r(1),
                elem: any,
                base: r(10),
                n,
            },
        ));
        code.push((
            1,
            Op::CallNative {
                native: sprintf,
                base: r(0),
                nargs: 2,
                nret: 1,
            },
        ));
        code.push((
            1,
            Op::MakeIface {
                dst: r(0),
                src: r(0),
                ty: s,
            },
        ));
        code.push((
            1,
            Op::SliceLit {
                dst: r(0),
                elem: any,
                base: r(0),
                n: 1,
            },
        ));
        code.push((
            1,
            Op::CallNative {
                native: println,
                base: r(0),
                nargs: 1,
                nret: 0,
            },
        ));
        code.push((1, Op::Return { src: r(0), n: 0 }));
        let main = a.func("main.main", 0, 0, 20, consts, code);
        let c = a.run(main);
        assert_eq!(text(&c.stderr), "", "{format}");
        assert_eq!(text(&c.stdout), format!("{want}\n"), "{format}");
    }
}

/// func f(n int) int { return f(n+1) + 1 }
#[test]
fn deep_recursion_is_gos_stack_overflow_not_a_host_crash() {
    let mut a = Asm::new();
    let f = a.func(
        "main.f",
        1,
        1,
        3,
        vec![],
        vec![
            (
                3,
                Op::AddImm {
                    dst: r(1),
                    a: r(0),
                    imm: 1,
                },
            ),
            (
                3,
                Op::Call {
                    func: 0,
                    base: r(1),
                    nargs: 1,
                    nret: 1,
                },
            ),
            (
                3,
                Op::AddImm {
                    dst: r(1),
                    a: r(1),
                    imm: 1,
                },
            ),
            (3, Op::Return { src: r(1), n: 1 }),
        ],
    );
    assert_eq!(f, 0);
    let main = a.func(
        "main.main",
        0,
        0,
        2,
        vec![],
        vec![
            (6, Op::LoadInt { dst: r(0), imm: 0 }),
            (
                6,
                Op::Call {
                    func: f,
                    base: r(0),
                    nargs: 1,
                    nret: 1,
                },
            ),
            (7, Op::Return { src: r(0), n: 0 }),
        ],
    );
    let c = a.run(main);
    let err = text(&c.stderr);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines[0],
        "runtime: goroutine stack exceeds 1000000000-byte limit"
    );
    assert_eq!(lines[2], "fatal error: stack overflow");
    assert_eq!(lines[4], "goroutine 1 [running]:");
    assert_eq!(lines[5], "main.f(...)");
    assert_eq!(lines[6], "\t/prog.go:3 +0x0");
    assert!(err.ends_with("...additional frames elided...\n"));
    assert_eq!(c.exit_code, 2);
}

/// sort.Slice calls a Go closure for every comparison.
#[test]
fn sort_slice_calls_back_into_go() {
    let mut a = Asm::new();
    let int = a.int();
    let ints = a.ty("[]int", TypeKind::Slice(int));
    let sort = a.native("sort.Slice");
    // less(i, j) = s[i] > s[j] (descending), s captured in upval 0.
    let less = a.func(
        "main.main.func1",
        2,
        1,
        5,
        vec![],
        vec![
            (5, Op::Upval { dst: r(2), idx: 0 }),
            (
                5,
                Op::Index {
                    dst: r(3),
                    obj: r(2),
                    idx: r(0),
                },
            ),
            (
                5,
                Op::Index {
                    dst: r(4),
                    obj: r(2),
                    idx: r(1),
                },
            ),
            (
                5,
                Op::LtS {
                    dst: r(0),
                    a: r(4),
                    b: r(3),
                },
            ),
            (5, Op::Return { src: r(0), n: 1 }),
        ],
    );
    let mut code = vec![];
    for (i, v) in [3, 1, 4, 1, 5, 9, 2, 6].iter().enumerate() {
        code.push((
            3,
            Op::LoadInt {
                dst: r(10 + i as u16),
                imm: *v,
            },
        ));
    }
    code.push((
        3,
        Op::SliceLit {
            dst: r(0),
            elem: int,
            base: r(10),
            n: 8,
        },
    ));
    code.push((
        4,
        Op::MakeClosure {
            dst: r(2),
            func: less,
            base: r(0),
            n: 1,
        },
    ));
    code.push((
        4,
        Op::MakeIface {
            dst: r(1),
            src: r(0),
            ty: ints,
        },
    ));
    code.push((
        4,
        Op::CallNative {
            native: sort,
            base: r(1),
            nargs: 2,
            nret: 0,
        },
    ));
    code.extend(println(&mut a, 6, 0, ints, 3));
    code.push((7, Op::Return { src: r(0), n: 0 }));
    let main = a.func("main.main", 0, 0, 20, vec![], code);
    let c = a.run(main);
    assert_eq!(text(&c.stderr), "");
    assert_eq!(text(&c.stdout), "[9 6 5 4 3 2 1 1]\n");
}

/// Counting primes below N by trial division: the hot loop of issue 9.
fn primes_program(n: i32) -> Program {
    let mut a = Asm::new();
    let int = a.int();
    // r0 = count, r1 = i, r2 = j, r3 = n, r4..r6 temps
    let mut code = vec![
        (1, Op::LoadInt { dst: r(0), imm: 0 }),
        (1, Op::LoadInt { dst: r(3), imm: n }),
        (2, Op::LoadInt { dst: r(1), imm: 2 }),
        // 3: loop_i: if !(i < n) goto end
        (
            3,
            Op::LtS {
                dst: r(4),
                a: r(1),
                b: r(3),
            },
        ),
        (
            3,
            Op::JumpIfFalse {
                cond: r(4),
                target: 17,
            },
        ),
        (4, Op::LoadInt { dst: r(2), imm: 2 }),
        // 6: loop_j: if !(j*j <= i) goto prime
        (
            5,
            Op::Mul {
                dst: r(5),
                a: r(2),
                b: r(2),
            },
        ),
        (
            5,
            Op::LeS {
                dst: r(4),
                a: r(5),
                b: r(1),
            },
        ),
        (
            5,
            Op::JumpIfFalse {
                cond: r(4),
                target: 14,
            },
        ),
        (
            6,
            Op::RemS {
                dst: r(5),
                a: r(1),
                b: r(2),
            },
        ),
        (6, Op::LoadInt { dst: r(6), imm: 0 }),
        (
            6,
            Op::Eq {
                dst: r(4),
                a: r(5),
                b: r(6),
            },
        ),
        (
            6,
            Op::JumpIfTrue {
                cond: r(4),
                target: 15,
            },
        ),
        (
            7,
            Op::AddImm {
                dst: r(2),
                a: r(2),
                imm: 1,
            },
        ),
        // 14 (after patch): jump loop_j
    ];
    code.push((7, Op::Jump { target: 6 }));
    // 15: prime: count++  (index 15 is `Jump` above? fix targets below)
    code.push((
        8,
        Op::AddImm {
            dst: r(0),
            a: r(0),
            imm: 1,
        },
    ));
    code.push((
        9,
        Op::AddImm {
            dst: r(1),
            a: r(1),
            imm: 1,
        },
    ));
    code.push((9, Op::Jump { target: 3 }));
    // Fix targets: indices are: 14 = Jump loop_j, 15 = count++, 16 = i++, 17 = jump loop_i.
    code[8].1 = Op::JumpIfFalse {
        cond: r(4),
        target: 15,
    };
    code[12].1 = Op::JumpIfTrue {
        cond: r(4),
        target: 16,
    };
    code.push((10, Op::Return { src: r(0), n: 0 }));
    let end = code.len() as u32;
    code[4].1 = Op::JumpIfFalse {
        cond: r(4),
        target: end,
    };
    code.extend(println(&mut a, 11, 0, int, 7));
    code.push((12, Op::Return { src: r(0), n: 0 }));
    let main = a.func("main.main", 0, 0, 10, vec![], code);
    a.p.main = main;
    a.p
}

#[test]
fn primes_by_trial_division() {
    let c = run_captured(Arc::new(primes_program(20_000)), Config::default());
    assert_eq!(text(&c.stderr), "");
    assert_eq!(text(&c.stdout), "2262\n");
}

#[test]
fn instruction_limit_is_a_fatal_error() {
    let cfg = Config {
        max_instructions: 10_000,
        ..Config::default()
    };
    let c = run_captured(Arc::new(primes_program(2_000_000)), cfg);
    assert!(
        text(&c.stderr).starts_with("fatal error: instruction limit exceeded"),
        "{}",
        text(&c.stderr)
    );
    assert_eq!(c.exit_code, 2);
}

#[test]
fn os_exit_sets_the_status() {
    let mut a = Asm::new();
    let exit = a.native("os.Exit");
    let main = a.func(
        "main.main",
        0,
        0,
        2,
        vec![],
        vec![
            (3, Op::LoadInt { dst: r(0), imm: 3 }),
            (
                3,
                Op::CallNative {
                    native: exit,
                    base: r(0),
                    nargs: 1,
                    nret: 0,
                },
            ),
            (4, Op::Return { src: r(0), n: 0 }),
        ],
    );
    let c = a.run(main);
    assert_eq!(c.exit_code, 3);
}

/// Natives the runtime does not implement yet load fine and fail only when
/// called, with a fatal error that names them.
#[test]
fn unimplemented_natives_fail_when_called() {
    let mut a = Asm::new();
    let wait = a.native("os.Getenv");
    let main = a.func(
        "main.main",
        0,
        0,
        2,
        vec![],
        vec![
            (
                3,
                Op::CallNative {
                    native: wait,
                    base: r(0),
                    nargs: 1,
                    nret: 0,
                },
            ),
            (4, Op::Return { src: r(0), n: 0 }),
        ],
    );
    let c = a.run(main);
    assert!(text(&c.stderr)
        .starts_with("fatal error: os.Getenv is not supported yet by this runtime\n"));
    assert_eq!(c.exit_code, 2);
}

/// atomic.AddInt64 on a heap cell returns the new value.
#[test]
fn atomic_add_returns_the_new_value() {
    let mut a = Asm::new();
    let int = a.int();
    let add = a.native("atomic.AddInt64");
    let mut code = vec![
        (3, Op::New { dst: r(0), ty: int }),
        (
            4,
            Op::Move {
                dst: r(1),
                src: r(0),
            },
        ),
        (4, Op::LoadInt { dst: r(2), imm: 5 }),
        (
            4,
            Op::CallNative {
                native: add,
                base: r(1),
                nargs: 2,
                nret: 1,
            },
        ),
        (
            5,
            Op::Move {
                dst: r(2),
                src: r(0),
            },
        ),
        (5, Op::LoadInt { dst: r(3), imm: -7 }),
        (
            5,
            Op::CallNative {
                native: add,
                base: r(2),
                nargs: 2,
                nret: 1,
            },
        ),
    ];
    code.extend(println(&mut a, 6, 1, int, 6));
    code.extend(println(&mut a, 6, 2, int, 6));
    code.push((7, Op::Return { src: r(0), n: 0 }));
    let main = a.func("main.main", 0, 0, 10, vec![], code);
    let c = a.run(main);
    assert_eq!(text(&c.stdout), "5\n-2\n");
}

/// Register roots are precise: a register the function's map marks
/// `Scalar` is not a root even when its integer happens to equal a live
/// object's reference word (here it is copied from one with `add_imm 0`,
/// the worst case); the same program with the register marked `Ref` keeps
/// the object alive.
#[test]
fn scalar_registers_do_not_keep_objects_alive() {
    fn freed_with(kind: SlotKind) -> golab_runtime::GcStats {
        let mut a = Asm::new();
        let int = a.int();
        let gc = a.native("runtime.GC");
        let gosched = a.native("runtime.Gosched");
        let main = a.func(
            "main.main",
            0,
            0,
            4,
            vec![],
            vec![
                // p := new(int); n := the bits of p as an int; p = nil
                (2, Op::New { dst: r(0), ty: int }),
                (
                    3,
                    Op::AddImm {
                        dst: r(1),
                        a: r(0),
                        imm: 0,
                    },
                ),
                (4, Op::LoadInt { dst: r(0), imm: 0 }),
                (
                    5,
                    Op::CallNative {
                        native: gc,
                        base: r(2),
                        nargs: 0,
                        nret: 0,
                    },
                ),
                // The collection runs when the G next stops.
                (
                    6,
                    Op::CallNative {
                        native: gosched,
                        base: r(2),
                        nargs: 0,
                        nret: 0,
                    },
                ),
                (7, Op::Return { src: r(0), n: 0 }),
            ],
        );
        a.p.functions[main as usize].reg_kinds[1] = kind;
        a.p.main = main;
        let mut vm = golab_runtime::Vm::new(Arc::new(a.p), Config::default());
        let mut out = Captured::default();
        assert_eq!(vm.run_to_end(&mut out), 0, "{}", text(&out.stderr));
        vm.gc_stats()
    }
    let kept = freed_with(SlotKind::Ref);
    let freed = freed_with(SlotKind::Scalar);
    assert_eq!((kept.cycles, freed.cycles), (1, 1));
    // Exactly the cell behind the integer is freed.
    assert_eq!(freed.freed, kept.freed + 1, "{kept:?} {freed:?}");
}
