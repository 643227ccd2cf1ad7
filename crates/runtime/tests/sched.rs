//! Scheduler fidelity tests on hand-assembled programs (textual bytecode,
//! see `golab_bytecode::Op::parse`). Expected behaviour is Go 1.19's, as
//! described in shared/reference/go-runtime-facts.md; the equivalent Go
//! program is quoted above each test.

use golab_bytecode::{
    Function, IntKind, Op, Pos, Program, SelectCase, SelectDesc, SlotKind, TypeDesc, TypeKind,
};
use golab_runtime::snapshot::GStatusView;
use golab_runtime::{run_captured, Captured, Config, EvKind, Status, Vm};
use std::sync::Arc;

/// A tiny assembler: instructions in the disassembler's text form, each
/// with its source line.
struct Asm {
    p: Program,
}

impl Asm {
    fn new() -> Asm {
        let mut a = Asm {
            p: Program::default(),
        };
        a.ty("int", TypeKind::Int(IntKind::I64));
        a.ty("interface {}", TypeKind::Interface(vec![]));
        a.ty("string", TypeKind::String);
        a
    }
    fn ty(&mut self, name: &str, kind: TypeKind) -> u32 {
        self.p.type_id(TypeDesc::new(name, kind))
    }
    fn native(&mut self, name: &str) -> u32 {
        self.p.native_id(name)
    }
    fn global(&mut self, name: &str, ty: u32) -> u32 {
        self.p.globals.push(golab_bytecode::Global {
            name: name.into(),
            ty,
        });
        (self.p.globals.len() - 1) as u32
    }
    fn func(&mut self, name: &str, params: u16, regs: u16, code: &[(u32, String)]) -> u32 {
        let mut f = Function {
            name: name.into(),
            file: "prog.go".into(),
            decl_line: code.first().map(|c| c.0).unwrap_or(1),
            num_params: params,
            num_regs: regs,
            reg_kinds: vec![SlotKind::Ref; regs as usize],
            ..Default::default()
        };
        for (line, text) in code {
            let op = Op::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            f.emit(
                op,
                Pos {
                    line: *line,
                    col: 2,
                },
            );
        }
        self.p.functions.push(f);
        (self.p.functions.len() - 1) as u32
    }
    fn program(mut self, main: u32) -> Arc<Program> {
        self.p.main = main;
        self.p.validate().unwrap();
        Arc::new(self.p)
    }
}

fn cfg(gomaxprocs: u32, seed: u64) -> Config {
    Config {
        gomaxprocs,
        seed,
        ..Config::default()
    }
}

fn text(c: &Captured) -> (String, String) {
    (
        String::from_utf8_lossy(&c.stdout).into_owned(),
        String::from_utf8_lossy(&c.stderr).into_owned(),
    )
}

/// Code for `fmt.Println("Final Counter:", rX)` using registers from `t`.
fn print_counter(a: &mut Asm, line: u32, x: u16, t: u16) -> Vec<(u32, String)> {
    let println = a.native("fmt.Println");
    let s = a.ty("string", TypeKind::String);
    let int = a.ty("int", TypeKind::Int(IntKind::I64));
    let any = a.ty("interface {}", TypeKind::Interface(vec![]));
    a.p.functions.len(); // (constants live in the caller's pool: index 0)
    vec![
        (line, format!("load_const dst=r{} idx=0", t + 2)),
        (line, format!("make_iface dst=r{} src=r{} ty={s}", t, t + 2)),
        (line, format!("make_iface dst=r{} src=r{x} ty={int}", t + 1)),
        (line, format!("slice_lit dst=r{t} elem={any} base=r{t} n=2")),
        (
            line,
            format!("call_native native={println} base=r{t} nargs=1 nret=0"),
        ),
    ]
}

/// Which increment the workers of the counter program use.
#[derive(Clone, Copy, PartialEq)]
enum Incr {
    /// `value := counter; runtime.Gosched(); value++; counter = value`
    Racy,
    /// `atomic.AddInt64(&counter, 1); runtime.Gosched()`
    Atomic,
    /// `mu.Lock(); value := counter; runtime.Gosched(); value++; counter = value; mu.Unlock()`
    Mutex,
}

/// Go in Action's listings 09/13/16: two goroutines increment a shared
/// counter twice each; main waits on a WaitGroup and prints it.
///
/// ```go
/// var counter int
/// var wg sync.WaitGroup
/// var mu sync.Mutex
/// func incCounter(id int) {
///     defer wg.Done()
///     for count := 0; count < 2; count++ { /* Incr */ }
/// }
/// func main() { wg.Add(2); go incCounter(1); go incCounter(2); wg.Wait(); fmt.Println("Final Counter:", counter) }
/// ```
fn counter_program(incr: Incr) -> Arc<Program> {
    let mut a = Asm::new();
    let int = a.ty("int", TypeKind::Int(IntKind::I64));
    let wg_t = a.ty("sync.WaitGroup", TypeKind::Opaque);
    let mu_t = a.ty("sync.Mutex", TypeKind::Opaque);
    let counter = a.global("main.counter", int);
    let wg = a.global("main.wg", wg_t);
    let mu = a.global("main.mu", mu_t);
    let gosched = a.native("runtime.Gosched");
    let done = a.native("sync.(*WaitGroup).Done");
    let add = a.native("sync.(*WaitGroup).Add");
    let wait = a.native("sync.(*WaitGroup).Wait");
    let atomic_add = a.native("atomic.AddInt64");
    let lock = a.native("sync.(*Mutex).Lock");
    let unlock = a.native("sync.(*Mutex).Unlock");
    // incCounter(r0 = id); r1 = count.
    let mut w: Vec<(u32, String)> = vec![
        (11, "load_int dst=r1 imm=0".into()),          // 0
        (11, "load_int dst=r2 imm=2".into()),          // 1 loop:
        (11, "lt_s dst=r3 a=r1 b=r2".into()),          // 2
        (11, "jump_if_false cond=r3 target=0".into()), // 3 → end (patched)
    ];
    match incr {
        Incr::Racy => w.extend([
            (12, format!("get_global dst=r4 idx={counter}")),
            (
                13,
                format!("call_native native={gosched} base=r5 nargs=0 nret=0"),
            ),
            (14, "add_imm dst=r4 a=r4 imm=1".into()),
            (15, format!("set_global idx={counter} src=r4")),
        ]),
        Incr::Atomic => w.extend([
            (12, format!("global_addr dst=r5 idx={counter}")),
            (12, "load_int dst=r6 imm=1".into()),
            (
                12,
                format!("call_native native={atomic_add} base=r5 nargs=2 nret=1"),
            ),
            (
                13,
                format!("call_native native={gosched} base=r5 nargs=0 nret=0"),
            ),
        ]),
        Incr::Mutex => w.extend([
            (12, format!("get_global dst=r5 idx={mu}")),
            (
                12,
                format!("call_native native={lock} base=r5 nargs=1 nret=0"),
            ),
            (13, format!("get_global dst=r4 idx={counter}")),
            (
                14,
                format!("call_native native={gosched} base=r5 nargs=0 nret=0"),
            ),
            (15, "add_imm dst=r4 a=r4 imm=1".into()),
            (16, format!("set_global idx={counter} src=r4")),
            (17, format!("get_global dst=r5 idx={mu}")),
            (
                17,
                format!("call_native native={unlock} base=r5 nargs=1 nret=0"),
            ),
        ]),
    }
    w.push((11, "add_imm dst=r1 a=r1 imm=1".into()));
    w.push((11, "jump target=1".into()));
    let end = w.len();
    w[3].1 = format!("jump_if_false cond=r3 target={end}");
    w.push((19, format!("get_global dst=r5 idx={wg}")));
    w.push((
        19,
        format!("call_native native={done} base=r5 nargs=1 nret=0"),
    ));
    w.push((19, "return src=r0 n=0".into()));
    let worker = a.func("main.incCounter", 1, 8, &w);
    let mut m: Vec<(u32, String)> = vec![
        (23, format!("get_global dst=r0 idx={wg}")),
        (23, "move dst=r1 src=r0".into()),
        (23, "load_int dst=r2 imm=2".into()),
        (
            23,
            format!("call_native native={add} base=r1 nargs=2 nret=0"),
        ),
        (24, format!("load_func dst=r1 func={worker}")),
        (24, "load_int dst=r2 imm=1".into()),
        (24, "go callee=r1 base=r2 nargs=1".into()),
        (25, "load_int dst=r2 imm=2".into()),
        (25, "go callee=r1 base=r2 nargs=1".into()),
        (26, "move dst=r1 src=r0".into()),
        (
            26,
            format!("call_native native={wait} base=r1 nargs=1 nret=0"),
        ),
        (27, format!("get_global dst=r1 idx={counter}")),
    ];
    m.extend(print_counter(&mut a, 27, 1, 2));
    m.push((28, "return src=r0 n=0".into()));
    let main = a.func("main.main", 0, 8, &m);
    a.p.functions[main as usize]
        .consts
        .push(golab_bytecode::Const::Str("Final Counter:".into()));
    a.program(main)
}

#[test]
fn classic_race_loses_updates_with_gomaxprocs_1() {
    let prog = counter_program(Incr::Racy);
    for seed in 0..20 {
        let c = run_captured(prog.clone(), cfg(1, seed));
        let (out, err) = text(&c);
        assert_eq!(
            (out.as_str(), err.as_str(), c.exit_code),
            ("Final Counter: 2\n", "", 0),
            "seed {seed}"
        );
    }
}

#[test]
fn atomic_and_mutex_counters_are_exact_under_every_seed() {
    for incr in [Incr::Atomic, Incr::Mutex] {
        let prog = counter_program(incr);
        for procs in [1, 2, 4] {
            for seed in 0..40 {
                let c = run_captured(prog.clone(), cfg(procs, seed));
                let (out, err) = text(&c);
                assert_eq!(
                    out, "Final Counter: 4\n",
                    "procs {procs} seed {seed}: {err}"
                );
            }
        }
    }
}

#[test]
fn the_same_seed_gives_the_same_trace() {
    let prog = counter_program(Incr::Racy);
    let run = |seed| {
        let mut vm = Vm::new(prog.clone(), cfg(2, seed));
        vm.enable_trace(true);
        let mut out = Captured::default();
        vm.run_to_end(&mut out);
        (out, vm.trace().to_vec(), vm.chrome_trace_json())
    };
    let (o1, t1, j1) = run(7);
    let (o2, t2, j2) = run(7);
    assert_eq!(o1, o2);
    assert_eq!(t1, t2);
    assert_eq!(j1, j2);
    assert!(t1.iter().any(|e| e.kind == EvKind::GoCreate));
    assert!(t1.iter().any(|e| e.kind == EvKind::GoSched));
    assert!(j1.starts_with("{\"traceEvents\":["));
    // Outcomes over many seeds at GOMAXPROCS 2: always 2, 3 or 4.
    for seed in 0..30 {
        let c = run_captured(prog.clone(), cfg(2, seed));
        let out = text(&c).0;
        assert!(
            [
                "Final Counter: 2\n",
                "Final Counter: 3\n",
                "Final Counter: 4\n"
            ]
            .contains(&out.as_str()),
            "{out}"
        );
    }
}

#[test]
fn invariants_hold_at_every_scheduling_event() {
    for incr in [Incr::Racy, Incr::Mutex] {
        let prog = counter_program(incr);
        for procs in [1, 3] {
            let mut vm = Vm::new(prog.clone(), cfg(procs, 3));
            let mut out = Captured::default();
            let mut events = 0;
            while vm.step_event(1_000_000, &mut out) == Status::Running {
                vm.check_invariants().unwrap();
                events += 1;
                assert!(events < 10_000);
            }
            assert!(events > 10, "procs {procs}: {events} events {:?}", out);
        }
    }
}

/// ```go
/// runtime.GOMAXPROCS(1)
/// go fmt.Println("a")-like goroutines a then b; wg.Wait()
/// ```
/// The goroutine started last sits in `runnext` and runs first.
#[test]
fn last_started_goroutine_runs_first_with_one_p() {
    let mut a = Asm::new();
    let wg_t = a.ty("sync.WaitGroup", TypeKind::Opaque);
    let wg = a.global("main.wg", wg_t);
    let print = a.native("print");
    let done = a.native("sync.(*WaitGroup).Done");
    let add = a.native("sync.(*WaitGroup).Add");
    let wait = a.native("sync.(*WaitGroup).Wait");
    let any = a.ty("interface {}", TypeKind::Interface(vec![]));
    let int = a.ty("int", TypeKind::Int(IntKind::I64));
    // show(id): print(id); wg.Done()
    let show = a.func(
        "main.show",
        1,
        4,
        &[
            (5, format!("make_iface dst=r1 src=r0 ty={int}")),
            (5, format!("slice_lit dst=r1 elem={any} base=r1 n=1")),
            (
                5,
                format!("call_native native={print} base=r1 nargs=1 nret=0"),
            ),
            (6, format!("get_global dst=r1 idx={wg}")),
            (
                6,
                format!("call_native native={done} base=r1 nargs=1 nret=0"),
            ),
            (7, "return src=r0 n=0".into()),
        ],
    );
    let mut code = vec![
        (10, format!("get_global dst=r1 idx={wg}")),
        (10, "load_int dst=r2 imm=3".into()),
        (
            10,
            format!("call_native native={add} base=r1 nargs=2 nret=0"),
        ),
        (11, format!("load_func dst=r0 func={show}")),
    ];
    for i in 1..=3 {
        code.push((11 + i, format!("load_int dst=r1 imm={i}")));
        code.push((11 + i, "go callee=r0 base=r1 nargs=1".into()));
    }
    code.push((15, format!("get_global dst=r1 idx={wg}")));
    code.push((
        15,
        format!("call_native native={wait} base=r1 nargs=1 nret=0"),
    ));
    code.push((16, "return src=r0 n=0".into()));
    let main = a.func("main.main", 0, 4, &code);
    let prog = a.program(main);
    for seed in 0..5 {
        let c = run_captured(prog.clone(), cfg(1, seed));
        // G3 in runnext runs first; G1, G2 follow from the local queue.
        assert_eq!(text(&c).1, "312", "seed {seed}");
    }
    // Step until main blocks, then look at the queues.
    let mut vm = Vm::new(prog, cfg(1, 1));
    let mut out = Captured::default();
    assert!(vm.run_until_line(15, 10_000, &mut out));
    let s = vm.snapshot();
    assert_eq!(s.ps[0].runnext, Some(8));
    assert_eq!(s.ps[0].runq, vec![6, 7]);
    let g7 = s.gs.iter().find(|g| g.goid == 7).unwrap();
    assert_eq!(g7.status, GStatusView::Runnable);
    assert_eq!(g7.created_at, Some(("main.main".to_string(), 13)));
    // Be the scheduler: run G7 first.
    vm.step_event(1_000, &mut out); // main blocks in Wait
    assert!(vm.choose_next(0, 7));
    vm.run_to_end(&mut out);
    assert_eq!(String::from_utf8_lossy(&out.stderr), "231");
}

/// A `Gosched` puts the G on the global queue; the 61st tick takes from it.
#[test]
fn gosched_goes_to_the_global_queue() {
    let prog = counter_program(Incr::Racy);
    let mut vm = Vm::new(prog, cfg(1, 1));
    vm.enable_trace(false);
    let mut out = Captured::default();
    loop {
        assert_eq!(vm.step_event(1_000_000, &mut out), Status::Running);
        if vm.trace().last().map(|e| e.kind) == Some(EvKind::GoSched) {
            break;
        }
    }
    let goid = vm.trace().last().unwrap().g;
    let s = vm.snapshot();
    assert_eq!(s.global_runq, vec![goid]);
    let g = s.gs.iter().find(|g| g.goid == goid).unwrap();
    assert_eq!((g.status, g.line), (GStatusView::Runnable, 14));
}

/// ```go
/// ch := make(chan int); go func() { for i := 0; i < 3; i++ { ch <- i }; close(ch) }()
/// for { v, ok := <-ch; println(v, ok); if !ok { break } }
/// <-ch // closed: zero value at once
/// var nilch chan int; <-nilch // blocks forever: deadlock
/// ```
#[test]
fn unbuffered_channel_close_and_deadlock_report() {
    let mut a = Asm::new();
    let int = a.ty("int", TypeKind::Int(IntKind::I64));
    let println = a.native("println");
    let any = a.ty("interface {}", TypeKind::Interface(vec![]));
    let bool_t = a.ty("bool", TypeKind::Bool);
    let producer = a.func(
        "main.main.func1",
        1,
        4,
        &[
            (4, "load_int dst=r1 imm=0".into()),
            (4, "load_int dst=r2 imm=3".into()),
            (4, "lt_s dst=r3 a=r1 b=r2".into()),
            (4, "jump_if_false cond=r3 target=7".into()),
            (5, "send ch=r0 src=r1".into()),
            (4, "add_imm dst=r1 a=r1 imm=1".into()),
            (4, "jump target=2".into()),
            (7, "close ch=r0".into()),
            (8, "return src=r0 n=0".into()),
        ],
    );
    let main = a.func(
        "main.main",
        0,
        8,
        &[
            (3, format!("make_chan dst=r0 elem={int} size=r7")),
            (4, format!("load_func dst=r1 func={producer}")),
            (4, "move dst=r2 src=r0".into()),
            (4, "go callee=r1 base=r2 nargs=1".into()),
            (10, "recv_ok dst=r1 ch=r0".into()), // 4
            (11, format!("make_iface dst=r3 src=r1 ty={int}")),
            (11, format!("make_iface dst=r4 src=r2 ty={bool_t}")),
            (11, format!("slice_lit dst=r3 elem={any} base=r3 n=2")),
            (
                11,
                format!("call_native native={println} base=r3 nargs=1 nret=0"),
            ),
            (12, "jump_if_true cond=r2 target=4".into()),
            (14, "recv dst=r1 ch=r0".into()),
            (15, "recv dst=r1 ch=r6".into()),
            (16, "return src=r0 n=0".into()),
        ],
    );
    let c = run_captured(a.program(main), cfg(1, 1));
    let (_, err) = text(&c);
    assert_eq!(c.exit_code, 2);
    assert_eq!(
        err,
        "0 true\n1 true\n2 true\n0 false\n\
         fatal error: all goroutines are asleep - deadlock!\n\n\
         goroutine 1 [chan receive (nil chan)]:\nmain.main()\n\t/prog.go:15 +0x0\n"
    );
}

/// ```go
/// ch := make(chan int, 2); ch <- 1; ch <- 2
/// select { case ch <- 3: ...; default: println("full") }   // default
/// v := <-ch; println(v, len(ch), cap(ch)); close(ch); ch <- 4 // panics
/// ```
#[test]
fn buffered_channel_select_default_and_send_on_closed() {
    let mut a = Asm::new();
    let int = a.ty("int", TypeKind::Int(IntKind::I64));
    let println = a.native("println");
    let any = a.ty("interface {}", TypeKind::Interface(vec![]));
    let mut code: Vec<(u32, String)> = vec![
        (3, "load_int dst=r7 imm=2".into()),
        (3, format!("make_chan dst=r0 elem={int} size=r7")),
        (4, "load_int dst=r1 imm=1".into()),
        (4, "send ch=r0 src=r1".into()),
        (4, "load_int dst=r1 imm=2".into()),
        (4, "send ch=r0 src=r1".into()),
        (5, "load_int dst=r1 imm=3".into()),
        (5, "select dst=r2 desc=0".into()),
        (6, "recv dst=r1 ch=r0".into()),
        (6, "len dst=r3 src=r0".into()),
        (6, "cap dst=r4 src=r0".into()),
    ];
    for (i, reg) in [2, 1, 3, 4].iter().enumerate() {
        code.push((7, format!("make_iface dst=r{} src=r{reg} ty={int}", 8 + i)));
    }
    code.push((7, format!("slice_lit dst=r8 elem={any} base=r8 n=4")));
    code.push((
        7,
        format!("call_native native={println} base=r8 nargs=1 nret=0"),
    ));
    code.push((8, "close ch=r0".into()));
    code.push((9, "send ch=r0 src=r1".into()));
    code.push((10, "return src=r0 n=0".into()));
    let main = a.func("main.main", 0, 14, &code);
    a.p.functions[main as usize].selects.push(SelectDesc {
        cases: vec![SelectCase::Send {
            ch: golab_bytecode::Reg(0),
            val: golab_bytecode::Reg(1),
        }],
        has_default: true,
    });
    let c = run_captured(a.program(main), cfg(1, 1));
    let (_, err) = text(&c);
    assert_eq!(c.exit_code, 2);
    assert!(
        err.starts_with("-1 1 1 2\npanic: send on closed channel\n\ngoroutine 1 [running]:\nmain.main()\n\t/prog.go:9 +0x0\n"),
        "{err}"
    );
}

/// A CPU-bound goroutine with GOMAXPROCS 1 is preempted after its 10 ms
/// slice, so `main`, woken by its timer, gets the P back and exits.
///
/// ```go
/// runtime.GOMAXPROCS(1)
/// go func() { for {} }()
/// time.Sleep(time.Millisecond)
/// println("main done")
/// ```
#[test]
fn cpu_bound_goroutine_is_preempted_after_its_slice() {
    let mut a = Asm::new();
    let sleep = a.native("time.Sleep");
    let println = a.native("println");
    let s_t = a.ty("string", TypeKind::String);
    let any = a.ty("interface {}", TypeKind::Interface(vec![]));
    let spin = a.func("main.main.func1", 0, 2, &[(4, "jump target=0".into())]);
    let main = a.func(
        "main.main",
        0,
        6,
        &[
            (4, format!("load_func dst=r0 func={spin}")),
            (4, "go callee=r0 base=r1 nargs=0".into()),
            (5, "load_int dst=r1 imm=1000000".into()),
            (
                5,
                format!("call_native native={sleep} base=r1 nargs=1 nret=0"),
            ),
            (6, "load_const dst=r1 idx=0".into()),
            (6, format!("make_iface dst=r1 src=r1 ty={s_t}")),
            (6, format!("slice_lit dst=r1 elem={any} base=r1 n=1")),
            (
                6,
                format!("call_native native={println} base=r1 nargs=1 nret=0"),
            ),
            (7, "return src=r0 n=0".into()),
        ],
    );
    a.p.functions[main as usize]
        .consts
        .push(golab_bytecode::Const::Str("main done".into()));
    let prog = a.program(main);
    let mut vm = Vm::new(prog, cfg(1, 1));
    vm.enable_trace(false);
    let mut out = Captured::default();
    assert_eq!(vm.run_to_end(&mut out), 0);
    assert_eq!(String::from_utf8_lossy(&out.stderr), "main done\n");
    let t = vm.trace();
    let pre = t
        .iter()
        .find(|e| e.kind == EvKind::GoPreempt)
        .expect("preempted");
    assert_eq!(pre.g, 6);
    // The spinner started at ~0 and ran its whole 10 ms slice.
    assert!((10_000_000..10_001_000).contains(&pre.ts), "{}", pre.ts);
    assert!(vm.virtual_time_ns() >= 10_000_000);
}

/// Readers of the slow file block their M in a system call; sysmon hands
/// the P to a new M so the other goroutines keep running; a low thread
/// limit crashes as Go does.
fn readers_program(readers: i32, max_threads: Option<i32>) -> Arc<Program> {
    let mut a = Asm::new();
    let read = a.native("os.ReadFile");
    let sleep = a.native("time.Sleep");
    let set_max = a.native("debug.SetMaxThreads");
    let reader = a.func(
        "main.reader",
        0,
        4,
        &[
            (5, "load_const dst=r0 idx=0".into()),
            (
                5,
                format!("call_native native={read} base=r0 nargs=1 nret=2"),
            ),
            (6, "return src=r0 n=0".into()),
        ],
    );
    a.p.functions[reader as usize]
        .consts
        .push(golab_bytecode::Const::Str("data/slow.txt".into()));
    let mut code = vec![];
    if let Some(n) = max_threads {
        code.push((9, format!("load_int dst=r1 imm={n}")));
        code.push((
            9,
            format!("call_native native={set_max} base=r1 nargs=1 nret=1"),
        ));
    }
    code.push((10, format!("load_func dst=r0 func={reader}")));
    code.push((10, format!("load_int dst=r2 imm={readers}")));
    let top = code.len();
    code.extend([
        (10, "load_int dst=r3 imm=0".into()),
        (10, "le_s dst=r3 a=r2 b=r3".into()),
        (10, format!("jump_if_true cond=r3 target={}", top + 6)),
        (11, "go callee=r0 base=r1 nargs=0".into()),
        (10, "add_imm dst=r2 a=r2 imm=-1".into()),
        (10, format!("jump target={top}")),
        (13, "load_int dst=r1 imm=200000000".into()),
        (
            13,
            format!("call_native native={sleep} base=r1 nargs=1 nret=0"),
        ),
        (14, "return src=r0 n=0".into()),
    ]);
    let main = a.func("main.main", 0, 6, &code);
    a.program(main)
}

#[test]
fn syscall_hands_the_p_to_a_new_m() {
    let mut vm = Vm::new(readers_program(3, None), cfg(1, 1));
    vm.enable_trace(false);
    let mut out = Captured::default();
    assert_eq!(
        vm.run_to_end(&mut out),
        0,
        "{:?}",
        String::from_utf8_lossy(&out.stderr)
    );
    let kinds: Vec<EvKind> = vm.trace().iter().map(|e| e.kind).collect();
    for k in [
        EvKind::GoSysCall,
        EvKind::GoSysBlock,
        EvKind::GoSysExit,
        EvKind::ThreadCreate,
    ] {
        assert!(kinds.contains(&k), "{k:?}");
    }
    let s = vm.snapshot();
    // One P, but more threads: each blocked read held one.
    assert_eq!(s.gomaxprocs, 1);
    assert!(s.threads >= 3, "{}", s.threads);
}

#[test]
fn exceeding_the_thread_limit_is_a_fatal_error() {
    let c = run_captured(readers_program(20, Some(10)), cfg(1, 1));
    let (_, err) = text(&c);
    assert_eq!(c.exit_code, 2);
    assert!(
        err.starts_with(
            "runtime: program exceeds 10-thread limit\nfatal error: thread exhaustion\n"
        ),
        "{err}"
    );
    let c = run_captured(readers_program(20, Some(100)), cfg(1, 1));
    assert_eq!(c.exit_code, 0, "{}", text(&c).1);
}

/// `wg.Add(-1)` on a zero WaitGroup panics with Go's text.
#[test]
fn negative_waitgroup_counter_panics() {
    let mut a = Asm::new();
    let wg_t = a.ty("sync.WaitGroup", TypeKind::Opaque);
    let done = a.native("sync.(*WaitGroup).Done");
    let main = a.func(
        "main.main",
        0,
        3,
        &[
            (3, format!("zero dst=r0 ty={wg_t}")),
            (
                4,
                format!("call_native native={done} base=r0 nargs=1 nret=0"),
            ),
            (5, "return src=r0 n=0".into()),
        ],
    );
    let c = run_captured(a.program(main), cfg(1, 1));
    assert_eq!(c.exit_code, 2);
    assert!(text(&c)
        .1
        .starts_with("panic: sync: negative WaitGroup counter\n\ngoroutine 1 [running]:\n"));
}

/// A program that allocates far more than the memory limit in total
/// while holding little runs to the end: the collector reclaims garbage
/// and keeps what is reachable (a slice in a register, a string constant,
/// a value held by a goroutine blocked on a channel).
///
/// ```go
/// keep := make([]int, 10); keep[3] = 42
/// ch := make(chan []int)
/// go func() { s := []int{7}; ch <- s }()   // blocked while we allocate
/// for i := 0; i < 40000; i++ { _ = make([]int, 1000) } // 320 MB in total
/// got := <-ch
/// println(keep[3], got[0], "done")
/// ```
#[test]
fn collector_reclaims_garbage_and_keeps_live_objects() {
    let mut a = Asm::new();
    let int = a.ty("int", TypeKind::Int(IntKind::I64));
    let ints = a.ty("[]int", TypeKind::Slice(int));
    let any = a.ty("interface {}", TypeKind::Interface(vec![]));
    let s_t = a.ty("string", TypeKind::String);
    let println = a.native("println");
    let sender = a.func(
        "main.main.func1",
        1,
        4,
        &[
            (4, "load_int dst=r1 imm=7".into()),
            (4, format!("slice_lit dst=r2 elem={int} base=r1 n=1")),
            (4, "send ch=r0 src=r2".into()),
            (4, "return src=r0 n=0".into()),
        ],
    );
    let main = a.func(
        "main.main",
        0,
        12,
        &[
            (2, "load_int dst=r1 imm=10".into()),
            (2, format!("make_slice dst=r0 elem={int} len=r1 cap=r1")),
            (2, "load_int dst=r1 imm=3".into()),
            (2, "load_int dst=r2 imm=42".into()),
            (2, "set_index obj=r0 idx=r1 src=r2".into()),
            (3, format!("make_chan dst=r3 elem={ints} size=r11")),
            (4, format!("load_func dst=r4 func={sender}")),
            (4, "move dst=r5 src=r3".into()),
            (4, "go callee=r4 base=r5 nargs=1".into()),
            (5, "load_int dst=r6 imm=0".into()), // 9
            (5, "load_int dst=r7 imm=40000".into()),
            (5, "lt_s dst=r8 a=r6 b=r7".into()), // 11
            (5, "jump_if_false cond=r8 target=16".into()),
            (5, "load_int dst=r9 imm=1000".into()),
            (5, format!("make_slice dst=r10 elem={int} len=r9 cap=r9")),
            (5, "add_imm dst=r6 a=r6 imm=1".into()),
            (5, "jump target=11".into()), // 16? (fixed below)
            (6, "recv dst=r4 ch=r3".into()),
            (7, "index dst=r5 obj=r0 idx=r1".into()),
            (7, "load_int dst=r6 imm=0".into()),
            (7, "index dst=r6 obj=r4 idx=r6".into()),
            (7, "load_const dst=r7 idx=0".into()),
            (7, format!("make_iface dst=r8 src=r5 ty={int}")),
            (7, format!("make_iface dst=r9 src=r6 ty={int}")),
            (7, format!("make_iface dst=r10 src=r7 ty={s_t}")),
            (7, format!("slice_lit dst=r8 elem={any} base=r8 n=3")),
            (
                7,
                format!("call_native native={println} base=r8 nargs=1 nret=0"),
            ),
            (8, "return src=r0 n=0".into()),
        ],
    );
    {
        let f = &mut a.p.functions[main as usize];
        f.code[12] = Op::parse("jump_if_false cond=r8 target=17").unwrap();
        f.consts.push(golab_bytecode::Const::Str("done".into()));
        // r6..r10 hold integers at some points and refs at others in this
        // hand-written code; mark only the pure scalars as such.
        f.reg_kinds[1] = SlotKind::Scalar;
        f.reg_kinds[2] = SlotKind::Scalar;
        f.reg_kinds[7] = SlotKind::Ref;
    }
    let prog = a.program(main);
    let config = Config {
        max_memory_bytes: 32 << 20,
        ..cfg(1, 1)
    };
    let mut vm = Vm::new(prog, config);
    let mut out = Captured::default();
    let code = vm.run_to_end(&mut out);
    assert_eq!(
        (String::from_utf8_lossy(&out.stderr).as_ref(), code),
        ("42 7 done\n", 0)
    );
    let st = vm.gc_stats();
    assert!(st.cycles >= 5, "{st:?}");
    assert!(st.freed >= 30_000, "{st:?}");
    assert!(vm.heap_bytes() < 16 << 20, "{}", vm.heap_bytes());
}

/// The race view: with memory tracing on, the classic race shows both
/// goroutines loading 0 before either stores (the lost update), with the
/// lines of the accesses.
#[test]
fn memory_events_show_the_lost_update() {
    let prog = counter_program(Incr::Racy);
    let mut vm = Vm::new(prog.clone(), cfg(1, 1));
    vm.enable_trace(true);
    let mut out = Captured::default();
    assert_eq!(vm.run_to_end(&mut out), 0);
    let mem: Vec<(EvKind, u64, u64, u32)> = vm
        .trace()
        .iter()
        .filter(|e| matches!(e.kind, EvKind::MemRead | EvKind::MemWrite))
        .map(|e| (e.kind, e.g, e.arg2, e.line))
        .collect();
    // main's final read of the counter is the last access.
    assert_eq!(mem[0], (EvKind::MemRead, 7, 0, 12));
    assert_eq!(mem[1], (EvKind::MemRead, 6, 0, 12));
    assert_eq!(mem[2], (EvKind::MemWrite, 7, 1, 15));
    assert_eq!(mem.last().unwrap(), &(EvKind::MemRead, 1, 2, 27));
    // Atomics are recorded as such, with their line; scheduling events
    // raised by running code carry its line too.
    let mut vm = Vm::new(counter_program(Incr::Atomic), cfg(1, 1));
    vm.enable_trace(true);
    vm.run_to_end(&mut out);
    let atomics: Vec<(u64, u64, u32)> = vm
        .trace()
        .iter()
        .filter(|e| e.kind == EvKind::MemAtomic)
        .map(|e| (e.g, e.arg2, e.line))
        .collect();
    assert_eq!(atomics.len(), 4);
    assert!(atomics.iter().all(|a| a.2 == 12), "{atomics:?}");
    assert_eq!(atomics.iter().map(|a| a.1).max(), Some(4));
    let sched = vm
        .trace()
        .iter()
        .find(|e| e.kind == EvKind::GoSched)
        .unwrap();
    assert_eq!(sched.line, 13);
    // Off by default: no memory events without `enable_trace(true)`.
    let mut vm = Vm::new(prog, cfg(1, 1));
    vm.enable_trace(false);
    vm.run_to_end(&mut out);
    assert!(vm.trace().iter().all(|e| e.kind.is_sched()));
}

/// Mutex fairness: a goroutine that keeps re-locking would starve a
/// waiter in normal mode; once the waiter has waited more than 1 ms, the
/// mutex switches to starvation mode and Unlock hands it over directly.
///
/// ```go
/// var mu sync.Mutex; var iter, got int = 0, -1
/// func hog() { for i := 0; i < 50; i++ { mu.Lock(); iter = i; spin(~75µs); mu.Unlock() } }
/// func waiter() { mu.Lock(); got = iter; mu.Unlock() }
/// func main() { runtime.GOMAXPROCS(2); go waiter(); go hog(); time.Sleep(time.Second); println(got) }
/// ```
#[test]
fn mutex_starvation_mode_hands_the_lock_to_a_long_waiter() {
    let mut a = Asm::new();
    let int = a.ty("int", TypeKind::Int(IntKind::I64));
    let mu_t = a.ty("sync.Mutex", TypeKind::Opaque);
    let any = a.ty("interface {}", TypeKind::Interface(vec![]));
    let mu = a.global("main.mu", mu_t);
    let iter = a.global("main.iter", int);
    let got = a.global("main.got", int);
    let lock = a.native("sync.(*Mutex).Lock");
    let unlock = a.native("sync.(*Mutex).Unlock");
    let sleep = a.native("time.Sleep");
    let println = a.native("println");
    let hog = a.func(
        "main.hog",
        0,
        8,
        &[
            (3, "load_int dst=r0 imm=0".into()),
            (3, "load_int dst=r1 imm=50".into()),
            (3, "lt_s dst=r2 a=r0 b=r1".into()), // 2
            (3, "jump_if_false cond=r2 target=16".into()),
            (4, format!("get_global dst=r3 idx={mu}")),
            (
                4,
                format!("call_native native={lock} base=r3 nargs=1 nret=0"),
            ),
            (4, format!("set_global idx={iter} src=r0")),
            (4, "load_int dst=r4 imm=0".into()),
            (4, "load_int dst=r5 imm=60000".into()),
            (4, "lt_s dst=r6 a=r4 b=r5".into()), // 9
            (4, "jump_if_false cond=r6 target=12".into()),
            (4, "add_imm dst=r4 a=r4 imm=1".into()),
            (4, "jump target=9".into()), // 12? no: 12 is below
            (4, format!("get_global dst=r3 idx={mu}")),
            (
                4,
                format!("call_native native={unlock} base=r3 nargs=1 nret=0"),
            ),
            (3, "add_imm dst=r0 a=r0 imm=1".into()),
            (3, "jump target=2".into()),
            (5, "return src=r0 n=0".into()), // 17
        ],
    );
    {
        let f = &mut a.p.functions[hog as usize];
        f.code[3] = Op::parse("jump_if_false cond=r2 target=17").unwrap();
        f.code[10] = Op::parse("jump_if_false cond=r6 target=13").unwrap();
    }
    let waiter = a.func(
        "main.waiter",
        0,
        4,
        &[
            (7, format!("get_global dst=r0 idx={mu}")),
            (
                7,
                format!("call_native native={lock} base=r0 nargs=1 nret=0"),
            ),
            (7, format!("get_global dst=r1 idx={iter}")),
            (7, format!("set_global idx={got} src=r1")),
            (7, format!("get_global dst=r0 idx={mu}")),
            (
                7,
                format!("call_native native={unlock} base=r0 nargs=1 nret=0"),
            ),
            (7, "return src=r0 n=0".into()),
        ],
    );
    let main = a.func(
        "main.main",
        0,
        6,
        &[
            (9, "load_int dst=r0 imm=-1".into()),
            (9, format!("set_global idx={got} src=r0")),
            (10, format!("load_func dst=r0 func={waiter}")),
            (10, "go callee=r0 base=r1 nargs=0".into()),
            (11, format!("load_func dst=r0 func={hog}")),
            (11, "go callee=r0 base=r1 nargs=0".into()),
            (12, "load_int dst=r1 imm=1000000000".into()),
            (
                12,
                format!("call_native native={sleep} base=r1 nargs=1 nret=0"),
            ),
            (13, format!("get_global dst=r1 idx={got}")),
            (13, format!("make_iface dst=r1 src=r1 ty={int}")),
            (13, format!("slice_lit dst=r1 elem={any} base=r1 n=1")),
            (
                13,
                format!("call_native native={println} base=r1 nargs=1 nret=0"),
            ),
            (14, "return src=r0 n=0".into()),
        ],
    );
    let prog = a.program(main);
    for seed in 0..5 {
        let c = run_captured(prog.clone(), cfg(2, seed));
        let got: i64 = text(&c).1.trim().parse().unwrap();
        // The waiter got the lock after about 1 ms of the hog's ~75 µs
        // rounds, not after all 50 of them.
        assert!(
            (5..30).contains(&got),
            "seed {seed}: waiter got in at round {got}"
        );
    }
}

/// `runtime.GOMAXPROCS(n)` returns the previous value and changes the
/// number of Ps mid-run (`procresize`): new Ps start idle; removed Ps give
/// their Gs to the global queue.
#[test]
fn gomaxprocs_resizes_the_ps_mid_run() {
    let mut a = Asm::new();
    let gmp = a.native("runtime.GOMAXPROCS");
    let gosched = a.native("runtime.Gosched");
    let spin = a.func(
        "main.spin",
        0,
        3,
        &[
            (
                3,
                format!("call_native native={gosched} base=r0 nargs=0 nret=0"),
            ),
            (3, "jump target=0".into()),
        ],
    );
    let mut code = vec![
        (5, "load_int dst=r1 imm=4".into()),
        (
            5,
            format!("call_native native={gmp} base=r1 nargs=1 nret=1"),
        ),
        (5, "move dst=r5 src=r1".into()),
        (6, format!("load_func dst=r0 func={spin}")),
    ];
    for _ in 0..6 {
        code.push((6, "go callee=r0 base=r1 nargs=0".into()));
    }
    code.extend([
        (7, "load_int dst=r1 imm=0".into()), // 10: busy loop
        (7, "load_int dst=r2 imm=2000".into()),
        (7, "lt_s dst=r3 a=r1 b=r2".into()), // 12
        (7, "jump_if_false cond=r3 target=16".into()),
        (7, "add_imm dst=r1 a=r1 imm=1".into()),
        (7, "jump target=12".into()),
        (8, "load_int dst=r1 imm=1".into()), // 16
        (
            8,
            format!("call_native native={gmp} base=r1 nargs=1 nret=1"),
        ),
        (9, "return src=r0 n=0".into()),
    ]);
    let main = a.func("main.main", 0, 6, &code);
    let prog = a.program(main);
    let mut vm = Vm::new(prog, cfg(1, 2));
    let mut out = Captured::default();
    assert!(vm.run_until_line(6, 100, &mut out));
    let s = vm.snapshot();
    assert_eq!((s.gomaxprocs, s.ps.len()), (4, 4));
    assert!(vm.run_until_line(8, 1_000_000, &mut out));
    let s = vm.snapshot();
    // The spinners spread over the Ps (new Ms were started for them).
    assert!(s.threads >= 2, "{s:?}");
    vm.check_invariants().unwrap();
    vm.step_event(1_000, &mut out);
    vm.step_instruction(&mut out);
    let s = vm.snapshot();
    assert_eq!((s.gomaxprocs, s.ps.len()), (1, 1));
    vm.check_invariants().unwrap();
    assert_eq!(vm.run_to_end(&mut out), 0);
}

/// `select` polls its cases in a random order: with two ready channels
/// each case is chosen about half of the time (Go 1.19: 480/520 of 1000).
#[test]
fn select_chooses_uniformly_among_ready_cases() {
    let mut a = Asm::new();
    let int = a.ty("int", TypeKind::Int(IntKind::I64));
    let any = a.ty("interface {}", TypeKind::Interface(vec![]));
    let println = a.native("println");
    let main = a.func(
        "main.main",
        0,
        12,
        &[
            (3, "load_int dst=r9 imm=1".into()),
            (3, format!("make_chan dst=r0 elem={int} size=r9")),
            (3, format!("make_chan dst=r1 elem={int} size=r9")),
            (4, "load_int dst=r2 imm=0".into()),
            (4, "load_int dst=r3 imm=1000".into()),
            (4, "load_int dst=r5 imm=0".into()),
            (4, "lt_s dst=r4 a=r2 b=r3".into()), // 6
            (4, "jump_if_false cond=r4 target=19".into()),
            (5, "send ch=r0 src=r9".into()),
            (5, "send ch=r1 src=r9".into()),
            (6, "select dst=r6 desc=0".into()),
            (7, "load_int dst=r10 imm=0".into()),
            (7, "eq dst=r10 a=r6 b=r10".into()),
            (7, "jump_if_false cond=r10 target=16".into()),
            (8, "add_imm dst=r5 a=r5 imm=1".into()),
            (8, "recv dst=r7 ch=r1".into()),               // 15
            (9, "jump_if_true cond=r10 target=17".into()), // 16: else
            (9, "recv dst=r7 ch=r0".into()),
            (4, "add_imm dst=r2 a=r2 imm=1".into()), // 18?
            (10, format!("make_iface dst=r11 src=r5 ty={int}")),
            (10, format!("slice_lit dst=r11 elem={any} base=r11 n=1")),
            (
                10,
                format!("call_native native={println} base=r11 nargs=1 nret=0"),
            ),
            (11, "return src=r0 n=0".into()),
        ],
    );
    {
        // Fix the targets: 13 → else branch at 16; 16 skips the recv at 17
        // when the first case fired; the loop continues at 18 → 6.
        let f = &mut a.p.functions[main as usize];
        f.code[7] = Op::parse("jump_if_false cond=r4 target=20").unwrap();
        f.code[13] = Op::parse("jump_if_false cond=r10 target=17").unwrap();
        f.code[16] = Op::parse("jump target=18").unwrap();
        f.code.insert(19, Op::parse("jump target=6").unwrap());
        f.lines.insert(19, Pos { line: 4, col: 2 });
        f.selects.push(SelectDesc {
            cases: vec![
                SelectCase::Recv {
                    ch: golab_bytecode::Reg(0),
                    dst: golab_bytecode::Reg(7),
                    with_ok: false,
                },
                SelectCase::Recv {
                    ch: golab_bytecode::Reg(1),
                    dst: golab_bytecode::Reg(8),
                    with_ok: false,
                },
            ],
            has_default: false,
        });
    }
    let prog = a.program(main);
    for seed in 0..4 {
        let c = run_captured(prog.clone(), cfg(1, seed));
        let (_, err) = text(&c);
        let first: i64 = err.trim().parse().unwrap_or_else(|_| panic!("{err}"));
        assert!(
            (430..570).contains(&first),
            "seed {seed}: case 0 chosen {first} of 1000"
        );
    }
}

/// `time.NewTimer`, `Stop` and `Reset` (the compiler reads `t.C` as word 0
/// of the opaque `time.Timer`).
///
/// ```go
/// t := time.NewTimer(50 * time.Millisecond)
/// println(t.Stop(), t.Stop())      // true false
/// println(t.Reset(10 * time.Millisecond)) // false
/// <-t.C                            // fires at 10 ms
/// println(time.Since(start) >= 10ms && < 50ms)
/// ```
#[test]
fn timers_stop_and_reset() {
    let mut a = Asm::new();
    let int = a.ty("int", TypeKind::Int(IntKind::I64));
    let bool_t = a.ty("bool", TypeKind::Bool);
    let any = a.ty("interface {}", TypeKind::Interface(vec![]));
    let new_timer = a.native("time.NewTimer");
    let stop = a.native("time.(*Timer).Stop");
    let reset = a.native("time.(*Timer).Reset");
    let now = a.native("time.Now");
    let since = a.native("time.Since");
    let println = a.native("println");
    let main = a.func(
        "main.main",
        0,
        16,
        &[
            (
                3,
                format!("call_native native={now} base=r14 nargs=0 nret=1"),
            ),
            (4, "load_int dst=r1 imm=50000000".into()),
            (
                4,
                format!("call_native native={new_timer} base=r1 nargs=1 nret=1"),
            ),
            (4, "move dst=r0 src=r1".into()),
            (5, "move dst=r1 src=r0".into()),
            (
                5,
                format!("call_native native={stop} base=r1 nargs=1 nret=1"),
            ),
            (5, "move dst=r2 src=r0".into()),
            (
                5,
                format!("call_native native={stop} base=r2 nargs=1 nret=1"),
            ),
            (6, "move dst=r3 src=r0".into()),
            (6, "load_int dst=r4 imm=10000000".into()),
            (
                6,
                format!("call_native native={reset} base=r3 nargs=2 nret=1"),
            ),
            (7, "get_field dst=r5 obj=r0 field=0".into()),
            (7, "recv dst=r5 ch=r5".into()),
            (8, "move dst=r6 src=r14".into()),
            (
                8,
                format!("call_native native={since} base=r6 nargs=1 nret=1"),
            ),
            (9, format!("make_iface dst=r8 src=r1 ty={bool_t}")),
            (9, format!("make_iface dst=r9 src=r2 ty={bool_t}")),
            (9, format!("make_iface dst=r10 src=r3 ty={bool_t}")),
            (9, format!("make_iface dst=r11 src=r6 ty={int}")),
            (9, format!("slice_lit dst=r8 elem={any} base=r8 n=4")),
            (
                9,
                format!("call_native native={println} base=r8 nargs=1 nret=0"),
            ),
            (10, "return src=r0 n=0".into()),
        ],
    );
    let c = run_captured(a.program(main), cfg(1, 1));
    let (_, err) = text(&c);
    let parts: Vec<&str> = err.split_whitespace().collect();
    assert_eq!(&parts[..3], &["true", "false", "false"], "{err}");
    let waited: i64 = parts[3].parse().unwrap();
    assert!((10_000_000..10_100_000).contains(&waited), "{waited}");
}
