//! Quick timings of the runtime on hand-assembled programs (no compiler
//! needed): the CPU loop of `benches/programs/cpu.go` and the channel
//! ping-pong of `benches/programs/pingpong.go`.
//! `cargo run -p golab-runtime --release --example bench`

use golab_bytecode::{Function, IntKind, Op, Pos, Program, SlotKind, TypeDesc, TypeKind};
use golab_runtime::{run_captured, Config};
use std::sync::Arc;
use std::time::Instant;

fn func(name: &str, params: u16, regs: u16, code: &[&str]) -> Function {
    let mut f = Function {
        name: name.into(),
        file: "prog.go".into(),
        num_params: params,
        num_regs: regs,
        reg_kinds: vec![SlotKind::Scalar; regs as usize],
        ..Default::default()
    };
    for t in code {
        f.emit(Op::parse(t).unwrap(), Pos { line: 1, col: 1 });
    }
    f
}

fn primes(n: i32) -> Program {
    let mut p = Program::default();
    let int = p.type_id(TypeDesc::new("int", TypeKind::Int(IntKind::I64)));
    let any = p.type_id(TypeDesc::new("interface {}", TypeKind::Interface(vec![])));
    let pr = p.native_id("fmt.Println");
    let code = [
        "load_int dst=r0 imm=0".to_string(),
        format!("load_int dst=r3 imm={n}"),
        "load_int dst=r1 imm=2".into(),
        "lt_s dst=r4 a=r1 b=r3".into(),
        "jump_if_false cond=r4 target=18".into(),
        "load_int dst=r2 imm=2".into(),
        "mul dst=r5 a=r2 b=r2".into(),
        "le_s dst=r4 a=r5 b=r1".into(),
        "jump_if_false cond=r4 target=15".into(),
        "rem_s dst=r5 a=r1 b=r2".into(),
        "load_int dst=r6 imm=0".into(),
        "eq dst=r4 a=r5 b=r6".into(),
        "jump_if_true cond=r4 target=16".into(),
        "add_imm dst=r2 a=r2 imm=1".into(),
        "jump target=6".into(),
        "add_imm dst=r0 a=r0 imm=1".into(),
        "add_imm dst=r1 a=r1 imm=1".into(),
        "jump target=3".into(),
        format!("make_iface dst=r7 src=r0 ty={int}"),
        format!("slice_lit dst=r7 elem={any} base=r7 n=1"),
        format!("call_native native={pr} base=r7 nargs=1 nret=0"),
        "return src=r0 n=0".into(),
    ];
    let code: Vec<&str> = code.iter().map(|s| s.as_str()).collect();
    p.functions.push(func("main.main", 0, 10, &code));
    p
}

fn pingpong(rounds: i32) -> Program {
    let mut p = Program::default();
    let int = p.type_id(TypeDesc::new("int", TypeKind::Int(IntKind::I64)));
    let any = p.type_id(TypeDesc::new("interface {}", TypeKind::Interface(vec![])));
    let pr = p.native_id("fmt.Println");
    // worker(ping r0, pong r1)
    let w = [
        "recv_ok dst=r2 ch=r0",
        "jump_if_false cond=r3 target=5",
        "add_imm dst=r2 a=r2 imm=1",
        "send ch=r1 src=r2",
        "jump target=0",
        "close ch=r1",
        "return src=r0 n=0",
    ];
    p.functions.push(func("main.main.func1", 2, 4, &w));
    let m = [
        format!("make_chan dst=r0 elem={int} size=r9"),
        format!("make_chan dst=r1 elem={int} size=r9"),
        "load_func dst=r2 func=0".into(),
        "move dst=r3 src=r0".into(),
        "move dst=r4 src=r1".into(),
        "go callee=r2 base=r3 nargs=2".into(),
        "load_int dst=r5 imm=0".into(), // i
        "load_int dst=r6 imm=0".into(), // sum
        format!("load_int dst=r7 imm={rounds}"),
        "lt_s dst=r8 a=r5 b=r7".into(), // 9
        "jump_if_false cond=r8 target=17".into(),
        "send ch=r0 src=r5".into(),
        "recv dst=r8 ch=r1".into(),
        "sub dst=r8 a=r8 b=r5".into(),
        "add dst=r6 a=r6 b=r8".into(),
        "add_imm dst=r5 a=r5 imm=1".into(),
        "jump target=9".into(),
        "close ch=r0".into(), // 17
        format!("make_iface dst=r10 src=r6 ty={int}"),
        format!("slice_lit dst=r10 elem={any} base=r10 n=1"),
        format!("call_native native={pr} base=r10 nargs=1 nret=0"),
        "return src=r0 n=0".into(),
    ];
    let m: Vec<&str> = m.iter().map(|s| s.as_str()).collect();
    p.functions.push(func("main.main", 0, 12, &m));
    p.main = 1;
    p
}

/// Allocates 10 GB in total (1,250,000 slices of 1000 ints) while holding
/// one at a time.
fn alloc10g() -> Program {
    let mut p = Program::default();
    let int = p.type_id(TypeDesc::new("int", TypeKind::Int(IntKind::I64)));
    let any = p.type_id(TypeDesc::new("interface {}", TypeKind::Interface(vec![])));
    let pr = p.native_id("fmt.Println");
    let m = [
        "load_int dst=r0 imm=0".to_string(),
        "load_int dst=r1 imm=1250000".into(),
        "load_int dst=r3 imm=1000".into(),
        "lt_s dst=r2 a=r0 b=r1".into(), // 3
        "jump_if_false cond=r2 target=8".into(),
        format!("make_slice dst=r4 elem={int} len=r3 cap=r3"),
        "add_imm dst=r0 a=r0 imm=1".into(),
        "jump target=3".into(),
        format!("make_iface dst=r5 src=r0 ty={int}"),
        format!("slice_lit dst=r5 elem={any} base=r5 n=1"),
        format!("call_native native={pr} base=r5 nargs=1 nret=0"),
        "return src=r0 n=0".into(),
    ];
    let m: Vec<&str> = m.iter().map(|s| s.as_str()).collect();
    let mut f = func("main.main", 0, 8, &m);
    f.reg_kinds[4] = golab_bytecode::SlotKind::Ref;
    f.reg_kinds[5] = golab_bytecode::SlotKind::Ref;
    p.functions.push(f);
    p
}

fn time(name: &str, p: Program, per: f64) {
    let p = Arc::new(p);
    let mut best = f64::MAX;
    for _ in 0..3 {
        let t = Instant::now();
        let c = run_captured(p.clone(), Config::default());
        let dt = t.elapsed().as_secs_f64();
        best = best.min(dt);
        assert_eq!(c.exit_code, 0, "{}", String::from_utf8_lossy(&c.stderr));
        print!("{name}: {}", String::from_utf8_lossy(&c.stdout));
    }
    println!(
        "{name}: best {best:.3} s ({:.1} ns per unit)",
        best * 1e9 / per
    );
}

fn main() {
    time("primes<2e6", primes(2_000_000), 1.0);
    if std::env::args().any(|a| a == "primes") {
        return;
    }
    time("pingpong 1e6", pingpong(1_000_000), 2e6);
    let t = Instant::now();
    let mut vm = golab_runtime::Vm::new(
        Arc::new(alloc10g()),
        Config {
            max_memory_bytes: 64 << 20,
            ..Config::default()
        },
    );
    let mut out = golab_runtime::Captured::default();
    let code = vm.run_to_end(&mut out);
    println!(
        "alloc 10 GB: exit {code} in {:.2} s, {:?}, heap now {} KB",
        t.elapsed().as_secs_f64(),
        vm.gc_stats(),
        vm.heap_bytes() >> 10
    );
}
