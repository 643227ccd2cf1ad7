//! The interpreter core: one `loop { match op }` that runs a goroutine for a
//! budget of instructions and returns why it stopped. Registers are plain
//! `u64` words in `G::stack`; the current function's code, pc and frame
//! base are kept in locals and written back to the frame only when control
//! leaves the frame (calls, returns, traps, budget exhausted), so the hot
//! path allocates nothing and hashes nothing.

use crate::chan::{self, Done};
use crate::g::{Defer, Frame, FrameKind, GStatus, Panic, G};
use crate::heap::{handle, offset, ptr, Handle, Obj, Shape};
use crate::machine::{Machine, RtErr, Trap};
use crate::natives::Ctx;
use crate::race::{self, AccessKind};
use crate::sched::{SchedReq, NIL};
use crate::trace::EvKind;
use golab_bytecode::{Callee, ConvKind, Op, Program, TypeKind};
use std::sync::atomic::Ordering::Relaxed;
use std::sync::Arc;

/// Frames per goroutine before Go's "stack overflow" fatal error.
pub const MAX_FRAMES: usize = 100_000;

/// Why `execute` returned.
#[derive(Debug, PartialEq, Eq)]
pub enum Stop {
    /// The budget is used up; the G can be resumed.
    Budget,
    /// The goroutine's outermost function returned.
    Exited,
    /// The program must end with this exit status (panic, fatal, os.Exit);
    /// the text has been written to stderr.
    Terminate(i32),
    /// The G stopped for the scheduler (it parked, yielded, entered a
    /// system call...); its pc is after the instruction that stopped it.
    Sched(SchedReq),
}

/// The instructions that read and write only the G's registers (integer
/// and float arithmetic, comparisons, constants, jumps), as the arms of a
/// `match` on `$op` followed by the caller's own `$rest` arms. Written once
/// and expanded twice: in [`execute`] (step mode, under the machine) and in
/// [`execute_registers`] (parallel mode, with no lock held), so both run
/// exactly the same code. `$r!` names a register, `$rt!` reports a runtime
/// error (division by zero, negative shift).
macro_rules! register_ops {
    ($op:ident, $r:ident, $rt:ident, $pc:ident, $consts:ident, { $($rest:tt)* }) => {
        match $op {
                Op::Nop => {}
                Op::Move { dst, src } => $r!(dst) = $r!(src),
                Op::LoadInt { dst, imm } => $r!(dst) = imm as i64 as u64,
                Op::LoadConst { dst, idx } => $r!(dst) = $consts[idx as usize],
                Op::Add { dst, a, b } => $r!(dst) = $r!(a).wrapping_add($r!(b)),
                Op::AddImm { dst, a, imm } => $r!(dst) = $r!(a).wrapping_add(imm as i64 as u64),
                Op::Sub { dst, a, b } => $r!(dst) = $r!(a).wrapping_sub($r!(b)),
                Op::Mul { dst, a, b } => $r!(dst) = $r!(a).wrapping_mul($r!(b)),
                Op::DivS { dst, a, b } => {
                    let d = $r!(b) as i64;
                    if d == 0 {
                        $rt!(RtErr::DivideByZero);
                    }
                    $r!(dst) = ($r!(a) as i64).wrapping_div(d) as u64;
                }
                Op::DivU { dst, a, b } => {
                    let d = $r!(b);
                    if d == 0 {
                        $rt!(RtErr::DivideByZero);
                    }
                    $r!(dst) = $r!(a) / d;
                }
                Op::RemS { dst, a, b } => {
                    let d = $r!(b) as i64;
                    if d == 0 {
                        $rt!(RtErr::DivideByZero);
                    }
                    $r!(dst) = ($r!(a) as i64).wrapping_rem(d) as u64;
                }
                Op::RemU { dst, a, b } => {
                    let d = $r!(b);
                    if d == 0 {
                        $rt!(RtErr::DivideByZero);
                    }
                    $r!(dst) = $r!(a) % d;
                }
                Op::Neg { dst, a } => $r!(dst) = ($r!(a) as i64).wrapping_neg() as u64,
                Op::And { dst, a, b } => $r!(dst) = $r!(a) & $r!(b),
                Op::Or { dst, a, b } => $r!(dst) = $r!(a) | $r!(b),
                Op::Xor { dst, a, b } => $r!(dst) = $r!(a) ^ $r!(b),
                Op::AndNot { dst, a, b } => $r!(dst) = $r!(a) & !$r!(b),
                Op::BitNot { dst, a } => $r!(dst) = !$r!(a),
                Op::Shl {
                    dst,
                    a,
                    b,
                    signed_count,
                } => {
                    let c = $r!(b);
                    if signed_count && (c as i64) < 0 {
                        $rt!(RtErr::NegativeShift);
                    }
                    $r!(dst) = if c >= 64 { 0 } else { $r!(a) << c };
                }
                Op::ShrS {
                    dst,
                    a,
                    b,
                    signed_count,
                } => {
                    let c = $r!(b);
                    if signed_count && (c as i64) < 0 {
                        $rt!(RtErr::NegativeShift);
                    }
                    $r!(dst) = (($r!(a) as i64) >> c.min(63)) as u64;
                }
                Op::ShrU {
                    dst,
                    a,
                    b,
                    signed_count,
                } => {
                    let c = $r!(b);
                    if signed_count && (c as i64) < 0 {
                        $rt!(RtErr::NegativeShift);
                    }
                    $r!(dst) = if c >= 64 { 0 } else { $r!(a) >> c };
                }
                Op::Trunc { dst, src, kind } => $r!(dst) = kind.wrap($r!(src)),
                Op::Eq { dst, a, b } => $r!(dst) = ($r!(a) == $r!(b)) as u64,
                Op::Ne { dst, a, b } => $r!(dst) = ($r!(a) != $r!(b)) as u64,
                Op::LtS { dst, a, b } => $r!(dst) = (($r!(a) as i64) < ($r!(b) as i64)) as u64,
                Op::LeS { dst, a, b } => $r!(dst) = (($r!(a) as i64) <= ($r!(b) as i64)) as u64,
                Op::LtU { dst, a, b } => $r!(dst) = ($r!(a) < $r!(b)) as u64,
                Op::LeU { dst, a, b } => $r!(dst) = ($r!(a) <= $r!(b)) as u64,
                Op::Not { dst, a } => $r!(dst) = ($r!(a) == 0) as u64,
                Op::AddF { dst, a, b } => $r!(dst) = (f($r!(a)) + f($r!(b))).to_bits(),
                Op::SubF { dst, a, b } => $r!(dst) = (f($r!(a)) - f($r!(b))).to_bits(),
                Op::MulF { dst, a, b } => $r!(dst) = (f($r!(a)) * f($r!(b))).to_bits(),
                Op::DivF { dst, a, b } => $r!(dst) = (f($r!(a)) / f($r!(b))).to_bits(),
                Op::NegF { dst, a } => $r!(dst) = (-f($r!(a))).to_bits(),
                Op::EqF { dst, a, b } => $r!(dst) = (f($r!(a)) == f($r!(b))) as u64,
                Op::LtF { dst, a, b } => $r!(dst) = (f($r!(a)) < f($r!(b))) as u64,
                Op::LeF { dst, a, b } => $r!(dst) = (f($r!(a)) <= f($r!(b))) as u64,
                Op::Jump { target } => $pc = target as usize,
                Op::JumpIfTrue { cond, target } => {
                    if $r!(cond) != 0 {
                        $pc = target as usize;
                    }
                }
                Op::JumpIfFalse { cond, target } => {
                    if $r!(cond) == 0 {
                        $pc = target as usize;
                    }
                }
            $($rest)*
        }
    };
}

/// Why [`execute_registers`] returned.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum RegStop {
    /// The budget is used up.
    Budget,
    /// The next instruction needs the machine (heap, scheduler, natives)
    /// or traps: run it with [`execute`] under the runtime lock.
    NeedsMachine,
}

/// Parallel mode's lock-free part: runs `g` while its instructions touch
/// only its own registers, for at most `budget` instructions. Returns the
/// instructions executed and why it stopped; the G's pc is left at the
/// first instruction it did not run. A CPU-bound loop spends nearly all its
/// time here, on as many threads as there are Ps, which is where parallel
/// mode's real speed-up comes from.
pub(crate) fn execute_registers(
    prog: &Program,
    all_consts: &[Vec<u64>],
    g: &mut G,
    budget: u64,
) -> (u64, RegStop) {
    let Some(fr) = g.frames.last().copied() else {
        return (0, RegStop::NeedsMachine);
    };
    let code = &prog.functions[fr.func as usize].code[..];
    let consts = &all_consts[fr.func as usize];
    let base = fr.base as usize;
    let mut pc = fr.pc as usize;
    let mut left = budget;
    macro_rules! r {
        ($x:expr) => {
            g.stack[base + $x.0 as usize]
        };
    }
    // A runtime error is raised by `execute`, which runs the instruction
    // again with the machine at hand.
    macro_rules! bail {
        ($e:expr) => {{
            let _ = $e;
            pc -= 1;
            left += 1;
            break RegStop::NeedsMachine;
        }};
    }
    let stop = loop {
        if left == 0 {
            break RegStop::Budget;
        }
        left -= 1;
        let op = code[pc];
        pc += 1;
        register_ops!(op, r, bail, pc, consts, {
            _ => bail!(()),
        });
    };
    g.frames.last_mut().unwrap().pc = pc as u32;
    (budget - left, stop)
}

/// Runs `g` for at most `budget` instructions.
pub(crate) fn execute(m: &mut Machine, g: &mut G, budget: u64) -> Stop {
    let prog: Arc<Program> = m.prog.clone();
    let all_consts = m.const_words.clone();
    let mut left = budget;
    let _ = left;
    g.status = GStatus::Grunning;
    // Race detector: a library call the G parked in completes now.
    if m.race_on {
        race::resume(m, g);
    }
    'reload: loop {
        let Some(fr) = g.frames.last().copied() else {
            return Stop::Exited;
        };
        let func = &prog.functions[fr.func as usize];
        let code = &func.code[..];
        let consts = &all_consts[fr.func as usize];
        let mut pc = fr.pc as usize;
        let base = fr.base as usize;

        macro_rules! ret {
            ($s:expr) => {{
                m.steps += budget - left;
                return $s;
            }};
        }
        macro_rules! r {
            ($x:expr) => {
                g.stack[base + $x.0 as usize]
            };
        }
        // Leaves the frame with an error: pc points after the faulting
        // instruction, as for callers (tracebacks use pc - 1).
        macro_rules! trap {
            ($t:expr) => {{
                let t = $t;
                g.frames.last_mut().unwrap().pc = pc as u32;
                match handle_trap(m, g, t) {
                    Some(stop) => ret!(stop),
                    None => continue 'reload,
                }
            }};
        }
        macro_rules! rt {
            ($e:expr) => {
                trap!(Trap::Runtime($e))
            };
        }
        macro_rules! tri {
            ($e:expr) => {
                match $e {
                    Ok(v) => v,
                    Err(t) => trap!(t),
                }
            };
        }
        // A native that asks for a Go callback is re-executed afterwards.
        macro_rules! trap_native {
            ($t:expr) => {{
                let t = $t;
                if matches!(t, Trap::Call(..)) {
                    g.frames.last_mut().unwrap().pc = (pc - 1) as u32;
                    match handle_trap(m, g, t) {
                        Some(stop) => ret!(stop),
                        None => continue 'reload,
                    }
                }
                trap!(t)
            }};
        }
        macro_rules! save_pc {
            () => {
                g.frames.last_mut().unwrap().pc = pc as u32;
            };
        }
        // The G blocks after this instruction.
        macro_rules! park {
            () => {{
                save_pc!();
                ret!(Stop::Sched(SchedReq::Park));
            }};
        }
        // Stepping by scheduling events: stop after one happened.
        macro_rules! brk {
            () => {
                if m.sched.break_now || m.sched.resched {
                    save_pc!();
                    ret!(Stop::Sched(SchedReq::Break));
                }
            };
        }
        // Natives read the virtual clock mid-execution.
        macro_rules! clock {
            () => {
                m.sched.exec_left = left;
                if m.sched.trace.is_some() {
                    m.sched.cur_line = func.line_at(pc - 1);
                }
            };
        }

        loop {
            if left == 0 {
                save_pc!();
                ret!(Stop::Budget);
            }
            left -= 1;
            let op = code[pc];
            pc += 1;
            register_ops!(op, r, rt, pc, consts, {
                Op::LoadFunc { dst, func } => {
                    r!(dst) = m.heap.alloc(Obj::Closure {
                        callee: Callee::Func(func),
                        caps: Box::new([]),
                    }) as u64
                }
                Op::LoadNative { dst, native } => {
                    r!(dst) = m.heap.alloc(Obj::Closure {
                        callee: Callee::Native(native),
                        caps: Box::new([]),
                    }) as u64
                }
                Op::MakeClosure {
                    dst,
                    func,
                    base: b,
                    n,
                } => {
                    let caps: Box<[u64]> =
                        g.stack[base + b.0 as usize..base + b.0 as usize + n as usize].into();
                    r!(dst) = m.heap.alloc(Obj::Closure {
                        callee: Callee::Func(func),
                        caps,
                    }) as u64
                }
                Op::Upval { dst, idx } => {
                    let v = match m.heap.get(fr.closure) {
                        Some(Obj::Closure { caps, .. }) => {
                            caps.get(idx as usize).copied().unwrap_or(0)
                        }
                        _ => 0,
                    };
                    r!(dst) = v;
                }
                Op::GetGlobal { dst, idx } => {
                    let v = m.heap.load(ptr(m.globals, idx)).unwrap_or(0);
                    r!(dst) = v;
                    // (Reading an aggregate global's reference is not an
                    // access to a shared variable.)
                    if m.sched.trace_mem && !m.is_aggregate(prog.globals[idx as usize].ty) {
                        clock!();
                        mem_event(m, g, EvKind::MemRead, ptr(m.globals, idx), v, pc);
                    }
                    if m.race_on && !m.is_aggregate(prog.globals[idx as usize].ty) {
                        race::access(m, g, ptr(m.globals, idx), pc, AccessKind::Read);
                    }
                }
                Op::SetGlobal { idx, src } => {
                    m.heap.store(ptr(m.globals, idx), r!(src));
                    if m.sched.trace_mem {
                        clock!();
                        mem_event(m, g, EvKind::MemWrite, ptr(m.globals, idx), r!(src), pc);
                    }
                    if m.race_on {
                        race::access(m, g, ptr(m.globals, idx), pc, AccessKind::Write);
                    }
                }
                Op::GlobalAddr { dst, idx } => r!(dst) = ptr(m.globals, idx),

                Op::EqVal { dst, a, b, ty } => {
                    let eq = match m.equal(ty, r!(a), r!(b)) {
                        Ok(e) => e,
                        Err(e) => rt!(e),
                    };
                    r!(dst) = eq as u64;
                }
                Op::Convert { dst, src, conv } => {
                    let v = r!(src);
                    r!(dst) = convert(m, conv, v);
                }
                Op::Concat { dst, a, b } => {
                    let (x, y) = (r!(a), r!(b));
                    r!(dst) = if x == 0 {
                        y
                    } else if y == 0 {
                        x
                    } else {
                        // Checked before the bytes are copied: doubling a
                        // string in a loop must end in Go's out-of-memory
                        // error, not a failed host allocation.
                        let n = m.heap.str_bytes(x).len() + m.heap.str_bytes(y).len();
                        tri!(check_memory(m, n));
                        let mut s = m.heap.str_bytes(x).to_vec();
                        s.extend_from_slice(m.heap.str_bytes(y));
                        m.heap.alloc_str(&s)
                    };
                }
                Op::EqStr { dst, a, b } => {
                    r!(dst) = (m.heap.str_bytes(r!(a)) == m.heap.str_bytes(r!(b))) as u64
                }
                Op::LtStr { dst, a, b } => {
                    r!(dst) = (m.heap.str_bytes(r!(a)) < m.heap.str_bytes(r!(b))) as u64
                }
                Op::LeStr { dst, a, b } => {
                    r!(dst) = (m.heap.str_bytes(r!(a)) <= m.heap.str_bytes(r!(b))) as u64
                }
                Op::DecodeRune { dst, s, i } => {
                    let bytes = m.heap.str_bytes(r!(s));
                    let (rune, width) = decode_rune(bytes.get(r!(i) as usize..).unwrap_or(&[]));
                    r!(dst) = rune as u64;
                    g.stack[base + dst.0 as usize + 1] = width as u64;
                }
                Op::Len { dst, src } => {
                    if m.race_on {
                        race::len(m, g, r!(src), pc);
                    }
                    r!(dst) = len_of(m, r!(src))
                }
                Op::Cap { dst, src } => {
                    let w = r!(src);
                    r!(dst) = match m.heap.get(w) {
                        Some(Obj::Slice { cap, .. }) => *cap as u64,
                        Some(Obj::Words { w, .. }) => w.len() as u64,
                        Some(Obj::Chan(c)) => c.dataqsiz as u64,
                        _ => 0,
                    };
                }
                Op::Index { dst, obj, idx } => {
                    let v = tri!(index_load(m, r!(obj), r!(idx)));
                    if m.race_on {
                        race::index(m, g, r!(obj), r!(idx), pc);
                    }
                    r!(dst) = v;
                }
                Op::SetIndex { obj, idx, src } => {
                    let p = tri!(index_addr(m, r!(obj), r!(idx)));
                    m.heap.store(p, r!(src));
                    if m.race_on {
                        race::access(m, g, p, pc, AccessKind::Write);
                    }
                }
                Op::IndexAddr { dst, obj, idx } => {
                    let p = tri!(index_addr(m, r!(obj), r!(idx)));
                    r!(dst) = p;
                }
                Op::SliceExpr {
                    dst,
                    src,
                    base: b,
                    has,
                } => {
                    let bb = base + b.0 as usize;
                    let lo = (has & 1 != 0).then(|| g.stack[bb]);
                    let hi = (has & 2 != 0).then(|| g.stack[bb + 1]);
                    let mx = (has & 4 != 0).then(|| g.stack[bb + 2]);
                    let v = tri!(slice_expr(m, r!(src), lo, hi, mx));
                    r!(dst) = v;
                }
                Op::MakeSlice {
                    dst,
                    elem,
                    len,
                    cap,
                } => {
                    let (l, c) = (r!(len) as i64, r!(cap) as i64);
                    if !(0..=1 << 31).contains(&l) {
                        rt!(RtErr::MakeSliceLen);
                    }
                    if c < l || c > 1 << 31 {
                        rt!(RtErr::MakeSliceCap);
                    }
                    tri!(check_memory(m, (c as usize).saturating_mul(8)));
                    r!(dst) = m.new_slice(elem, l as usize, c as usize);
                }
                Op::SliceLit {
                    dst,
                    elem,
                    base: b,
                    n,
                } => {
                    let s = m.new_slice(elem, n as usize, n as usize);
                    let (arr, ..) = m.heap.slice(s);
                    let ws = m.heap.words(arr as u64).unwrap();
                    let from = base + b.0 as usize;
                    for (a, v) in ws.iter().zip(&g.stack[from..from + n as usize]) {
                        a.store(*v, Relaxed);
                    }
                    r!(dst) = s;
                }
                Op::Append {
                    dst,
                    slice,
                    elem,
                    base: b,
                    n,
                } => {
                    let from = base + b.0 as usize;
                    let old = r!(slice);
                    let s = tri!(append(m, old, elem, &g.stack[from..from + n as usize]));
                    if m.race_on {
                        race::append(m, g, old, s, 0, pc);
                    }
                    r!(dst) = s;
                }
                Op::AppendSlice {
                    dst,
                    slice,
                    elem,
                    other,
                } => {
                    let o = r!(other);
                    let vals: Vec<u64> = match m.heap.get(o) {
                        Some(Obj::Str(b)) => b.iter().map(|&c| c as u64).collect(),
                        _ => {
                            let mut v = m.heap.slice_words(o);
                            if m.is_aggregate(elem) {
                                for x in v.iter_mut() {
                                    *x = m.copy_val(*x).unwrap_or(0);
                                }
                            }
                            v
                        }
                    };
                    let old = r!(slice);
                    let s = tri!(append(m, old, elem, &vals));
                    if m.race_on {
                        race::append(m, g, old, s, o, pc);
                    }
                    r!(dst) = s;
                }
                Op::CopySlice { dst, a, b } => {
                    let n = copy_slice(m, r!(a), r!(b));
                    if m.race_on {
                        race::copy(m, g, r!(a), r!(b), n as usize, pc);
                    }
                    r!(dst) = n;
                }
                Op::MakeMap { dst, ty, .. } => r!(dst) = m.make_map(ty),
                Op::MapGet { dst, map, key } => {
                    let mw = r!(map);
                    if m.race_on {
                        race::map(m, g, mw, r!(key), false, pc);
                    }
                    let v = match m.map_get(mw, r!(key)) {
                        Ok(Some(v)) => v,
                        Ok(None) => zero_of_map_value(m, mw),
                        Err(e) => rt!(e),
                    };
                    r!(dst) = v;
                }
                Op::MapGetOk { dst, map, key } => {
                    let mw = r!(map);
                    if m.race_on {
                        race::map(m, g, mw, r!(key), false, pc);
                    }
                    let (v, ok) = match m.map_get(mw, r!(key)) {
                        Ok(Some(v)) => (v, 1),
                        Ok(None) => (zero_of_map_value(m, mw), 0),
                        Err(e) => rt!(e),
                    };
                    r!(dst) = v;
                    g.stack[base + dst.0 as usize + 1] = ok;
                }
                Op::MapSet { map, key, val } => {
                    if let Err(e) = m.map_set(r!(map), r!(key), r!(val)) {
                        rt!(e);
                    }
                    if m.race_on {
                        race::map(m, g, r!(map), r!(key), true, pc);
                    }
                }
                Op::MapDelete { map, key } => {
                    if m.race_on {
                        race::map_header(m, g, r!(map), race::RtFn::MapDelete, pc);
                    }
                    if let Err(e) = m.map_delete(r!(map), r!(key)) {
                        rt!(e);
                    }
                }
                Op::MapIter { dst, map } => {
                    if m.race_on {
                        race::map_header(m, g, r!(map), race::RtFn::MapIterInit, pc);
                    }
                    r!(dst) = m.heap.alloc(Obj::MapIter {
                        map: handle(r!(map)),
                        next: 0,
                    }) as u64;
                }
                Op::MapNext { dst, it } => {
                    let itw = r!(it);
                    let (mh, mut next) = match m.heap.get(itw) {
                        Some(Obj::MapIter { map, next }) => (*map, *next),
                        _ => (0, usize::MAX),
                    };
                    let mut found = None;
                    if let Some(Obj::Map(map)) = m.heap.get(mh as u64) {
                        while next < map.entries.len() {
                            next += 1;
                            if let Some(e) = map.entries[next - 1] {
                                found = Some(e);
                                break;
                            }
                        }
                    }
                    if let Some(Obj::MapIter { next: n, .. }) = m.heap.get_mut(itw) {
                        *n = next;
                    }
                    let d = base + dst.0 as usize;
                    match found {
                        Some((k, v)) => {
                            g.stack[d] = 1;
                            g.stack[d + 1] = k;
                            g.stack[d + 2] = v;
                        }
                        None => g.stack[d] = 0,
                    }
                }
                Op::Zero { dst, ty } => r!(dst) = m.zero(ty),
                Op::New { dst, ty } => {
                    r!(dst) = if m.is_aggregate(ty) {
                        m.zero(ty)
                    } else {
                        m.heap.alloc_words(Shape::Cell, ty, 1) as u64
                    };
                }
                Op::GetField { dst, obj, field } => {
                    let o = r!(obj);
                    match m
                        .heap
                        .words(o)
                        .and_then(|w| w.get(offset(o) as usize + field as usize))
                    {
                        Some(a) => r!(dst) = a.load(Relaxed),
                        None => rt!(RtErr::NilDeref),
                    }
                    if m.race_on {
                        let p = o.wrapping_add((field as u64) << 32);
                        race::access(m, g, p, pc, AccessKind::Read);
                    }
                }
                Op::SetField { obj, field, src } => {
                    let o = r!(obj);
                    if !m.heap.store(o.wrapping_add((field as u64) << 32), r!(src)) {
                        rt!(RtErr::NilDeref);
                    }
                    if m.race_on {
                        let p = o.wrapping_add((field as u64) << 32);
                        race::access(m, g, p, pc, AccessKind::Write);
                    }
                }
                Op::FieldAddr { dst, obj, field } => {
                    let o = r!(obj);
                    if m.heap.words(o).is_none() {
                        rt!(RtErr::NilDeref);
                    }
                    r!(dst) = o.wrapping_add((field as u64) << 32);
                }
                Op::Load { dst, ptr: p } => match m.heap.load(r!(p)) {
                    Some(v) => {
                        // (The address, before `dst` (maybe `p`) is overwritten.)
                        let a = r!(p);
                        r!(dst) = v;
                        if m.sched.trace_mem {
                            clock!();
                            mem_event(m, g, EvKind::MemRead, a, v, pc);
                        }
                        if m.race_on {
                            race::access(m, g, a, pc, AccessKind::Read);
                        }
                    }
                    None => rt!(RtErr::NilDeref),
                },
                Op::Store { ptr: p, src } => {
                    if !m.heap.store(r!(p), r!(src)) {
                        rt!(RtErr::NilDeref);
                    }
                    if m.sched.trace_mem {
                        clock!();
                        mem_event(m, g, EvKind::MemWrite, r!(p), r!(src), pc);
                    }
                    if m.race_on {
                        race::access(m, g, r!(p), pc, AccessKind::Write);
                    }
                }
                Op::CopyVal { dst, src } => match m.copy_val(r!(src)) {
                    Some(v) => {
                        if m.race_on {
                            race::object(m, g, r!(src), false, pc);
                        }
                        r!(dst) = v
                    }
                    None => rt!(RtErr::NilDeref),
                },
                Op::NilCheck { ptr } => {
                    if m.heap.get(r!(ptr)).is_none() {
                        rt!(RtErr::NilDeref);
                    }
                }
                Op::CopyInto { dst, src } => {
                    if m.copy_into(r!(dst), r!(src)).is_none() {
                        rt!(RtErr::NilDeref);
                    }
                    if m.race_on {
                        race::object(m, g, r!(src), false, pc);
                        race::object(m, g, r!(dst), true, pc);
                    }
                }
                Op::MakeIface { dst, src, ty } => {
                    let v = m.copy_if_aggregate(ty, r!(src));
                    r!(dst) = m.heap.alloc_iface(ty, v);
                }
                Op::TypeAssert {
                    dst,
                    src,
                    ty,
                    iface,
                } => {
                    let w = r!(src);
                    match assert_type(m, w, ty) {
                        Some(v) => r!(dst) = v,
                        None => {
                            let msg = assert_message(m, w, ty, iface);
                            rt!(RtErr::TypeAssert(msg));
                        }
                    }
                }
                Op::TypeAssertOk { dst, src, ty } => {
                    let w = r!(src);
                    let (v, ok) = match assert_type(m, w, ty) {
                        Some(v) => (v, 1),
                        None => (m.zero(ty), 0),
                    };
                    r!(dst) = v;
                    g.stack[base + dst.0 as usize + 1] = ok;
                }
                Op::Call { func, base: b, .. } => {
                    save_pc!();
                    tri!(push_frame(
                        &prog,
                        g,
                        func,
                        base + b.0 as usize,
                        0,
                        FrameKind::Normal,
                        None
                    ));
                    continue 'reload;
                }
                Op::CallValue {
                    callee,
                    base: b,
                    nargs,
                    nret,
                } => {
                    save_pc!();
                    let fv = r!(callee);
                    let target = match m.heap.get(fv) {
                        Some(Obj::Closure { callee, .. }) => *callee,
                        _ => rt!(RtErr::NilDeref),
                    };
                    match target {
                        Callee::Func(fid) => {
                            tri!(push_frame(
                                &prog,
                                g,
                                fid,
                                base + b.0 as usize,
                                fv,
                                FrameKind::Normal,
                                None
                            ));
                            continue 'reload;
                        }
                        Callee::Native(nid) => {
                            clock!();
                            if let Err(t) =
                                call_native(m, g, nid, base + b.0 as usize, nargs, nret)
                            {
                                trap_native!(t);
                            }
                            brk!();
                        }
                    }
                }
                Op::CallNative {
                    native,
                    base: b,
                    nargs,
                    nret,
                } => {
                    clock!();
                    if m.race_on {
                        // Race detector: stacks of library calls need the pc.
                        save_pc!();
                    }
                    if let Err(t) = call_native(m, g, native, base + b.0 as usize, nargs, nret)
                    {
                        trap_native!(t);
                    }
                    brk!();
                }
                Op::CallIface {
                    method,
                    base: b,
                    nargs,
                    nret,
                } => {
                    save_pc!();
                    let slot = base + b.0 as usize;
                    let Some((dty, word)) = m.heap.iface(g.stack[slot]) else {
                        rt!(RtErr::NilDeref);
                    };
                    let Some(meth) = m.method(dty, method) else {
                        rt!(RtErr::Other(format!(
                            "method {} not found",
                            m.method_names[method as usize]
                        )));
                    };
                    let recv = if meth.deref {
                        let pointee = match m.types[dty as usize].kind {
                            TypeKind::Pointer(t) => t,
                            _ => dty,
                        };
                        if m.is_aggregate(pointee) {
                            match m.copy_val(word) {
                                Some(v) => v,
                                None => rt!(RtErr::NilDeref),
                            }
                        } else {
                            match m.heap.load(word) {
                                Some(v) => v,
                                None => rt!(RtErr::NilDeref),
                            }
                        }
                    } else {
                        m.copy_if_aggregate(dty, word)
                    };
                    let iface_word = g.stack[slot];
                    g.stack[slot] = recv;
                    match meth.callee {
                        Callee::Func(fid) => {
                            tri!(push_frame(&prog, g, fid, slot, 0, FrameKind::Normal, None));
                            continue 'reload;
                        }
                        Callee::Native(nid) => {
                            clock!();
                            if let Err(t) = call_native(m, g, nid, slot, nargs, nret) {
                                if matches!(t, Trap::Call(..)) {
                                    // The instruction runs again after the Go
                                    // call (`errors.(*joinError).Error` calling
                                    // an Error method): it needs the interface.
                                    g.stack[slot] = iface_word;
                                }
                                trap_native!(t);
                            }
                            brk!();
                        }
                    }
                }
                Op::Return { src, n } => {
                    let s = base + src.0 as usize;
                    if s != base {
                        g.stack.copy_within(s..s + n as usize, base);
                    }
                    let done = g.frames.pop().unwrap();
                    if let Some(stop) = after_return(m, g, done, n as usize) {
                        ret!(stop);
                    }
                    continue 'reload;
                }
                Op::RunDefers => {
                    let depth = g.frames.len() - 1;
                    if g.defers.last().is_some_and(|d| d.frame == depth) {
                        g.frames.last_mut().unwrap().pc = (pc - 1) as u32;
                        let top = base + func.num_regs as usize;
                        match run_one_defer(m, g, &prog, top, FrameKind::DeferredByReturn) {
                            Ok(_) => {}
                            Err(t) => trap_native!(t),
                        }
                        continue 'reload;
                    }
                }
                Op::Defer {
                    callee,
                    base: b,
                    nargs,
                } => {
                    let s = base + b.0 as usize;
                    g.defers.push(Defer {
                        frame: g.frames.len() - 1,
                        fnval: r!(callee),
                        args: g.stack[s..s + nargs as usize].to_vec(),
                    });
                }
                Op::Go {
                    callee,
                    base: b,
                    nargs,
                } => {
                    save_pc!();
                    let s = base + b.0 as usize;
                    let args = g.stack[s..s + nargs as usize].to_vec();
                    clock!();
                    tri!(newproc(
                        m,
                        &prog,
                        r!(callee),
                        &args,
                        (fr.func, (pc - 1) as u32),
                        g.goid
                    ));
                    if m.race_on {
                        tri!(race::go_created(m, g, m.sched.next_goid - 1, pc));
                    }
                    brk!();
                }
                Op::Panic { src } => {
                    let v = r!(src);
                    trap!(Trap::Panic(v));
                }
                Op::Recover { dst } => {
                    let v = gorecover(g);
                    r!(dst) = v;
                }
                Op::MakeChan { dst, elem, size } => {
                    let c = tri!(chan::makechan(m, elem, r!(size) as i64));
                    r!(dst) = c;
                }
                Op::Send { ch, src } => {
                    clock!();
                    let (c, v) = (r!(ch), r!(src));
                    match tri!(chan::chansend(m, g, c, v)) {
                        Done::Ready(()) => {}
                        Done::Parked => park!(),
                    }
                    brk!();
                }
                Op::Recv { dst, ch } => {
                    clock!();
                    let c = r!(ch);
                    let slot = (base + dst.0 as usize) as u32;
                    match tri!(chan::chanrecv(m, g, c, slot, NIL)) {
                        Done::Ready((v, _)) => r!(dst) = v,
                        Done::Parked => park!(),
                    }
                    brk!();
                }
                Op::RecvOk { dst, ch } => {
                    clock!();
                    let c = r!(ch);
                    let slot = (base + dst.0 as usize) as u32;
                    match tri!(chan::chanrecv(m, g, c, slot, slot + 1)) {
                        Done::Ready((v, ok)) => {
                            r!(dst) = v;
                            g.stack[slot as usize + 1] = ok as u64;
                        }
                        Done::Parked => park!(),
                    }
                    brk!();
                }
                Op::Close { ch } => {
                    clock!();
                    let c = r!(ch);
                    tri!(chan::closechan(m, c, g.goid));
                    brk!();
                }
                Op::Select { dst, desc } => {
                    clock!();
                    let d = &func.selects[desc as usize];
                    let slot = (base + dst.0 as usize) as u32;
                    match tri!(chan::selectgo(m, g, d, base, slot)) {
                        Done::Ready(i) => r!(dst) = i as u64,
                        Done::Parked => park!(),
                    }
                    brk!();
                }
            });
        }
    }
}

/// Records a plain memory access for the race view (tracing on only).
/// `pc` is the index after the accessing instruction.
#[cold]
fn mem_event(m: &mut Machine, g: &G, kind: EvKind, addr: u64, v: u64, pc: usize) {
    let line = g
        .frames
        .last()
        .map(|f| m.prog.functions[f.func as usize].line_at(pc - 1))
        .unwrap_or(0);
    m.sched.mem_event(kind, g.goid, addr, v, line);
}

fn f(w: u64) -> f64 {
    f64::from_bits(w)
}

/// Pushes a frame for function `func` whose register 0 is `new_base`;
/// `args`, when given, are written to its first registers.
fn push_frame(
    prog: &Program,
    g: &mut G,
    func: u32,
    new_base: usize,
    closure: u64,
    kind: FrameKind,
    args: Option<&[u64]>,
) -> Result<(), Trap> {
    if g.frames.len() >= MAX_FRAMES {
        return Err(Trap::Fatal(STACK_OVERFLOW.into()));
    }
    let f = &prog.functions[func as usize];
    let need = new_base + f.num_regs as usize + 1;
    if g.stack.len() < need {
        g.grow_stack(need.max(g.stack.len() * 2));
    }
    let first_local = match args {
        Some(a) => {
            g.stack[new_base..new_base + a.len()].copy_from_slice(a);
            new_base + a.len()
        }
        None => new_base + f.num_params as usize,
    };
    // Locals start zeroed so the collector never sees stale references.
    g.stack[first_local.min(need)..need].fill(0);
    g.frames.push(Frame {
        func,
        pc: 0,
        base: new_base as u32,
        closure,
        kind,
    });
    Ok(())
}

pub(crate) const STACK_OVERFLOW: &str = "stack overflow";

/// The first free register above the current frame.
fn frame_top(prog: &Program, g: &G) -> usize {
    let fr = g.frames.last().unwrap();
    fr.base as usize + prog.functions[fr.func as usize].num_regs as usize
}

/// What a `Return` does after popping `done` (see [`FrameKind`]).
fn after_return(m: &mut Machine, g: &mut G, done: Frame, n: usize) -> Option<Stop> {
    match done.kind {
        FrameKind::Normal => {
            if g.frames.is_empty() {
                g.status = GStatus::Gdead;
                return Some(Stop::Exited);
            }
            None
        }
        FrameKind::DeferredByReturn => None,
        FrameKind::NativeCallback => {
            let b = done.base as usize;
            g.cb = g.cb_stack.pop().unwrap_or_default();
            g.cb.results.push(g.stack[b..b + n].to_vec());
            if g.unwinding_native {
                return unwind(m, g);
            }
            None
        }
        FrameKind::DeferredByPanic => {
            let recovered = g.panics.last().is_some_and(|p| p.recovered);
            if recovered && g.panics.iter().any(|p| p.goexit) {
                // A panic raised and recovered during Goexit: the Goexit
                // goes on (Go 1.14's rule), with the panic off the chain.
                g.panics.pop();
                return unwind(m, g);
            }
            if recovered {
                let f_index = g.frames.len() - 1;
                g.panics.retain(|p| p.depth <= f_index);
                g.defers.retain(|d| d.frame <= f_index);
                let fr = g.frames.last_mut().unwrap();
                let epilogue = m.prog.functions[fr.func as usize].epilogue.unwrap_or(0);
                fr.pc = epilogue;
                None
            } else {
                unwind(m, g)
            }
        }
        FrameKind::PanicPrint => {
            let text = m.heap.str_lossy(g.stack[done.base as usize]);
            if let Some(p) = g.panics.iter_mut().find(|p| p.text.is_none()) {
                p.text = Some(text);
            }
            finish_panic(m, g)
        }
    }
}

/// Turns a trap into a panic, a fatal error, an exit, or a callback frame.
/// `None`: keep executing the G (its top frame may have changed).
pub(crate) fn handle_trap(m: &mut Machine, g: &mut G, t: Trap) -> Option<Stop> {
    match t {
        Trap::Runtime(RtErr::TooLarge(what)) => {
            let msg = RtErr::TooLarge(what).text();
            handle_trap(m, g, Trap::Fatal(msg))
        }
        Trap::Runtime(e) => {
            let sigsegv = e == RtErr::NilDeref;
            let v = m.runtime_error_value(&e);
            start_panic(g, v, sigsegv);
            unwind(m, g)
        }
        Trap::Panic(v) => {
            start_panic(g, v, false);
            unwind(m, g)
        }
        Trap::Fatal(msg) => {
            crate::panic::print_fatal(m, g, &msg);
            Some(Stop::Terminate(2))
        }
        Trap::Exit(code) => Some(Stop::Terminate(code)),
        Trap::Goexit => {
            start_panic(g, 0, false);
            let p = g.panics.last_mut().expect("just pushed");
            p.goexit = true;
            p.text = Some(String::new());
            unwind(m, g)
        }
        Trap::Sched(req) => Some(Stop::Sched(req)),
        Trap::Call(fv, args) => {
            let prog = m.prog.clone();
            let top = frame_top(&prog, g);
            match m.heap.get(fv) {
                Some(Obj::Closure {
                    callee: Callee::Func(fid),
                    ..
                }) => {
                    let fid = *fid;
                    if let Err(t) = push_frame(
                        &prog,
                        g,
                        fid,
                        top,
                        fv,
                        FrameKind::NativeCallback,
                        Some(&args),
                    ) {
                        return handle_trap(m, g, t);
                    }
                    // The native's progress waits while Go code runs; natives
                    // called by that code get a fresh state of their own.
                    g.cb_stack.push(std::mem::take(&mut g.cb));
                    None
                }
                _ => handle_trap(m, g, Trap::Runtime(RtErr::NilDeref)),
            }
        }
    }
}

/// Records a new panic on the G's chain with the traceback at this point.
fn start_panic(g: &mut G, value: u64, sigsegv: bool) {
    let trace = g
        .frames
        .iter()
        .rev()
        .map(|f| {
            (
                f.func,
                f.pc.saturating_sub(1),
                f.kind == FrameKind::DeferredByPanic,
            )
        })
        .collect();
    g.panics.push(Panic {
        value,
        recovered: false,
        depth: g.frames.len(),
        trace,
        text: None,
        sigsegv,
        goexit: false,
    });
}

/// Unwinds the stack of a panicking G: runs the deferred calls of the top
/// frame (newest first), pops frames without defers, and ends the program
/// when no frame is left.
fn unwind(m: &mut Machine, g: &mut G) -> Option<Stop> {
    let prog = m.prog.clone();
    g.unwinding_native = false;
    loop {
        let Some(fr) = g.frames.last().copied() else {
            if g.panics.last().is_some_and(|p| p.goexit) {
                // Goexit ran every deferred call: the goroutine ends.
                g.status = GStatus::Gdead;
                return Some(Stop::Exited);
            }
            return finish_panic(m, g);
        };
        let depth = g.frames.len() - 1;
        if g.defers.last().is_some_and(|d| d.frame == depth) {
            let top = frame_top(&prog, g);
            match run_one_defer(m, g, &prog, top, FrameKind::DeferredByPanic) {
                Ok(true) => return None,
                Ok(false) => continue,
                Err(Trap::Call(fv, args)) => {
                    g.unwinding_native = true;
                    return handle_trap(m, g, Trap::Call(fv, args));
                }
                Err(t) => return handle_trap(m, g, t),
            }
        }
        g.frames.pop();
        if fr.kind == FrameKind::NativeCallback {
            crate::sync::callback_unwound(m, g);
            g.cb = Default::default();
            g.cb_stack.pop();
        }
    }
}

/// Runs the newest deferred call (which belongs to the top frame) with its
/// frame at register `top`. Ok(true): a Go frame was pushed; Ok(false): a
/// native ran to completion.
fn run_one_defer(
    m: &mut Machine,
    g: &mut G,
    prog: &Program,
    top: usize,
    kind: FrameKind,
) -> Result<bool, Trap> {
    let d = g.defers.last().cloned().unwrap();
    let target = match m.heap.get(d.fnval) {
        Some(Obj::Closure { callee, .. }) => *callee,
        _ => {
            g.defers.pop();
            return Err(Trap::Runtime(RtErr::NilDeref));
        }
    };
    match target {
        Callee::Func(fid) => {
            g.defers.pop();
            push_frame(prog, g, fid, top, d.fnval, kind, Some(&d.args))?;
            Ok(true)
        }
        Callee::Native(nid) => {
            let n = d.args.len().max(1);
            g.grow_stack(top + n);
            g.stack[top..top + d.args.len()].copy_from_slice(&d.args);
            match call_native(m, g, nid, top, d.args.len() as u8, 0) {
                Ok(()) => {
                    g.defers.pop();
                    Ok(false)
                }
                Err(Trap::Call(fv, args)) => Err(Trap::Call(fv, args)),
                Err(t) => {
                    g.defers.pop();
                    Err(t)
                }
            }
        }
    }
}

/// Prints an unrecovered panic once every panic value has its text (Go
/// code for `Error()`/`String()` runs first, in `PanicPrint` frames).
fn finish_panic(m: &mut Machine, g: &mut G) -> Option<Stop> {
    let prog = m.prog.clone();
    while let Some(i) = g.panics.iter().position(|p| p.text.is_none()) {
        let v = g.panics[i].value;
        match crate::panic::panic_value_text(m, v) {
            Ok(text) => g.panics[i].text = Some(text),
            Err((fid, recv)) => {
                let top = g.frames.last().map(|_| frame_top(&prog, g)).unwrap_or(0);
                if push_frame(&prog, g, fid, top, 0, FrameKind::PanicPrint, Some(&[recv])).is_err()
                {
                    g.panics[i].text = Some("?".into());
                    continue;
                }
                return None;
            }
        }
    }
    crate::panic::print_panics(m, g);
    Some(Stop::Terminate(2))
}

/// `recover()`: the current panic's value if called directly by a deferred
/// function run by the panic.
fn gorecover(g: &mut G) -> u64 {
    if g.frames.last().map(|f| f.kind) != Some(FrameKind::DeferredByPanic) {
        return 0;
    }
    match g.panics.last_mut() {
        Some(p) if !p.recovered && !p.goexit => {
            p.recovered = true;
            p.value
        }
        _ => 0,
    }
}

/// Calls native `nid` with the window `g.stack[start..]`.
pub(crate) fn call_native(
    m: &mut Machine,
    g: &mut G,
    nid: u32,
    start: usize,
    nargs: u8,
    nret: u8,
) -> Result<(), Trap> {
    let Some(f) = m.natives[nid as usize] else {
        return Err(Trap::Fatal(format!(
            "{} is not supported yet by this runtime",
            m.native_names[nid as usize]
        )));
    };
    // Natives may write all their results (e.g. Println's n, err) even when
    // the caller keeps fewer: registers at and above `base` are the callee's.
    let n = (nargs.max(nret) as usize).max(4);
    g.grow_stack(start + n);
    // Race detector: synchronisation done by library calls.
    let race_op = match m.race_on {
        true => race::before_native(m, g, nid, start),
        false => None,
    };
    let mut ctx = Ctx {
        m,
        cb: &mut g.cb,
        goid: g.goid,
        gi: g.idx,
        park: None,
        mutex_wait_start: g.mutex_wait_start,
    };
    let r = f(&mut ctx, &mut g.stack[start..start + n]);
    g.mutex_wait_start = ctx.mutex_wait_start;
    if let Some((reason, on)) = ctx.park {
        g.wait_reason = reason;
        g.waiting_on = on;
    }
    if let Some(op) = race_op {
        race::after_native(m, g, op, &r, start);
    }
    if !matches!(r, Err(Trap::Call(..))) && (g.cb.state.is_some() || !g.cb.results.is_empty()) {
        g.cb = Default::default();
    }
    r
}

/// `go f(args)`: a new G whose first frame calls the func value.
pub(crate) fn newproc(
    m: &mut Machine,
    prog: &Program,
    fv: u64,
    args: &[u64],
    site: (u32, u32),
    parent: u64,
) -> Result<(), Trap> {
    let mut native_args = Vec::new();
    let (fid, args) = match m.heap.get(fv) {
        Some(Obj::Closure {
            callee: Callee::Func(fid),
            ..
        }) => (*fid, args),
        Some(Obj::Closure {
            callee: Callee::Native(_),
            ..
        }) if args.len() <= crate::machine::MAX_GO_NATIVE_ARGS => {
            // `go fmt.Println(x)`: a trampoline calls the library function.
            native_args.push(fv);
            native_args.extend_from_slice(args);
            (m.go_native_base + args.len() as u32, &native_args[..])
        }
        Some(_) => {
            return Err(Trap::Fatal(
                "go statement with a library function of more than 8 arguments".into(),
            ))
        }
        None => return Err(Trap::Runtime(RtErr::NilDeref)),
    };
    if m.sched.gcount + 1 > m.config.max_goroutines {
        return Err(Trap::Fatal(format!(
            "too many goroutines (limit {})",
            m.config.max_goroutines
        )));
    }
    let mut ng = G::new(m.sched.next_goid);
    m.sched.next_goid += 1;
    ng.created_by = Some(site);
    push_frame(prog, &mut ng, fid, 0, fv, FrameKind::Normal, Some(args))?;
    crate::sched::newproc_put(m, ng, parent);
    Ok(())
}

fn convert(m: &mut Machine, conv: ConvKind, v: u64) -> u64 {
    match conv {
        ConvKind::IntToFloat => (v as i64 as f64).to_bits(),
        ConvKind::UintToFloat => (v as f64).to_bits(),
        ConvKind::FloatToInt => f(v) as i64 as u64,
        ConvKind::FloatToUint => f(v) as u64,
        ConvKind::FloatToF32 => (f(v) as f32 as f64).to_bits(),
        ConvKind::RuneToStr => {
            let c = u32::try_from(v as i64)
                .ok()
                .and_then(char::from_u32)
                .unwrap_or('\u{FFFD}');
            let mut buf = [0u8; 4];
            m.heap.alloc_str(c.encode_utf8(&mut buf).as_bytes())
        }
        ConvKind::BytesToStr => {
            let bytes: Vec<u8> = m.heap.slice_words(v).iter().map(|&b| b as u8).collect();
            m.heap.alloc_str(&bytes)
        }
        ConvKind::StrToBytes => {
            let bytes = m.heap.str_bytes(v).to_vec();
            new_filled_slice(m, m.rt.byte, bytes.iter().map(|&b| b as u64))
        }
        ConvKind::RunesToStr => {
            let s: String = m
                .heap
                .slice_words(v)
                .iter()
                .map(|&r| {
                    u32::try_from(r as i64)
                        .ok()
                        .and_then(char::from_u32)
                        .unwrap_or('\u{FFFD}')
                })
                .collect();
            m.heap.alloc_str(s.as_bytes())
        }
        ConvKind::StrToRunes => {
            let bytes = m.heap.str_bytes(v).to_vec();
            let mut runes = Vec::new();
            let mut i = 0;
            while i < bytes.len() {
                let (r, w) = decode_rune(&bytes[i..]);
                runes.push(r as u64);
                i += w.max(1);
            }
            new_filled_slice(m, m.rt.rune, runes.into_iter())
        }
    }
}

/// A new slice holding the given words.
pub(crate) fn new_filled_slice(
    m: &mut Machine,
    elem: u32,
    vals: impl ExactSizeIterator<Item = u64>,
) -> u64 {
    let n = vals.len();
    if n == 0 {
        return m.new_slice(elem, 0, 0);
    }
    let s = m.new_slice(elem, n, n);
    let (arr, ..) = m.heap.slice(s);
    let ws = m.heap.words(arr as u64).unwrap();
    for (a, v) in ws.iter().zip(vals) {
        a.store(v, Relaxed);
    }
    s
}

/// Decodes one UTF-8 rune as Go's `utf8.DecodeRune`: (U+FFFD, 1) for an
/// invalid byte, (U+FFFD, 0) at the end.
pub(crate) fn decode_rune(b: &[u8]) -> (u32, usize) {
    if b.is_empty() {
        return (0xFFFD, 0);
    }
    if b[0] < 0x80 {
        return (b[0] as u32, 1);
    }
    let take = &b[..b.len().min(4)];
    let valid = match std::str::from_utf8(take) {
        Ok(s) => s,
        Err(e) => std::str::from_utf8(&take[..e.valid_up_to()]).unwrap_or(""),
    };
    match valid.chars().next() {
        Some(c) => (c as u32, c.len_utf8()),
        None => (0xFFFD, 1),
    }
}

fn len_of(m: &Machine, w: u64) -> u64 {
    match m.heap.get(w) {
        Some(Obj::Str(b)) => b.len() as u64,
        Some(Obj::Slice { len, .. }) => *len as u64,
        Some(Obj::Map(map)) => map.len as u64,
        Some(Obj::Words { w, .. }) => w.len() as u64,
        Some(Obj::Buf(b)) => b.len() as u64,
        Some(Obj::Chan(c)) => c.qcount as u64,
        _ => 0,
    }
}

fn index_load(m: &Machine, obj: u64, idx: u64) -> Result<u64, Trap> {
    match m.heap.get(obj) {
        Some(Obj::Str(b)) => match b.get(idx as usize) {
            Some(&c) if idx < b.len() as u64 => Ok(c as u64),
            _ => Err(Trap::Runtime(RtErr::Index(idx as i64, b.len() as u64))),
        },
        _ => {
            let p = index_addr(m, obj, idx)?;
            Ok(m.heap.load(p).unwrap_or(0))
        }
    }
}

fn index_addr(m: &Machine, obj: u64, idx: u64) -> Result<u64, Trap> {
    match m.heap.get(obj) {
        Some(Obj::Slice { arr, off, len, .. }) => {
            if idx >= *len as u64 {
                return Err(Trap::Runtime(RtErr::Index(idx as i64, *len as u64)));
            }
            Ok(ptr(*arr, off + idx as u32))
        }
        Some(Obj::Words { w, .. }) => {
            let n = w.len() as u64;
            if idx >= n {
                return Err(Trap::Runtime(RtErr::Index(idx as i64, n)));
            }
            Ok(ptr(handle(obj), offset(obj) + idx as u32))
        }
        Some(Obj::Str(b)) => Err(Trap::Runtime(RtErr::Index(idx as i64, b.len() as u64))),
        _ => Err(Trap::Runtime(RtErr::Index(idx as i64, 0))),
    }
}

fn slice_expr(
    m: &mut Machine,
    src: u64,
    lo: Option<u64>,
    hi: Option<u64>,
    max: Option<u64>,
) -> Result<u64, Trap> {
    enum Src {
        Str,
        Slice(Handle, u32),
        Array(Handle),
    }
    let (kind, len, cap) = match m.heap.get(src) {
        Some(Obj::Str(b)) => (Src::Str, b.len() as u64, b.len() as u64),
        Some(Obj::Slice { arr, off, len, cap }) => {
            (Src::Slice(*arr, *off), *len as u64, *cap as u64)
        }
        Some(Obj::Words { w, .. }) => (Src::Array(handle(src)), w.len() as u64, w.len() as u64),
        _ => (Src::Slice(0, 0), 0, 0),
    };
    let err = |s: String| Err(Trap::Runtime(RtErr::SliceBounds(s)));
    let word = if matches!(kind, Src::Slice(..)) {
        "capacity"
    } else {
        "length"
    };
    let lo = lo.unwrap_or(0) as i64;
    let (hi_v, mx): (i64, i64);
    if let Some(x) = max {
        let x = x as i64;
        let h = hi.unwrap_or(0) as i64;
        if x < 0 || x as u64 > cap {
            return err(format!("[::{x}] with {word} {cap}"));
        }
        if h < 0 || h > x {
            return err(format!("[:{h}:{x}]"));
        }
        if lo < 0 || lo > h {
            return err(format!("[{lo}:{h}:]"));
        }
        hi_v = h;
        mx = x;
    } else {
        let bound = if matches!(kind, Src::Str) { len } else { cap };
        let h = hi.map(|h| h as i64).unwrap_or(len as i64);
        if h < 0 || h as u64 > bound {
            let word = if matches!(kind, Src::Str) {
                "length"
            } else {
                word
            };
            return err(format!("[:{h}] with {word} {bound}"));
        }
        if lo < 0 || lo > h {
            return err(format!("[{lo}:{h}]"));
        }
        hi_v = h;
        mx = cap as i64;
    }
    let hi = hi_v;
    Ok(match kind {
        Src::Str => {
            let b = m.heap.str_bytes(src)[lo as usize..hi as usize].to_vec();
            m.heap.alloc_str(&b)
        }
        Src::Slice(0, _) => 0,
        Src::Slice(arr, off) => {
            m.heap
                .alloc_slice(arr, off + lo as u32, (hi - lo) as u32, (mx - lo) as u32)
        }
        Src::Array(arr) => m
            .heap
            .alloc_slice(arr, lo as u32, (hi - lo) as u32, (mx - lo) as u32),
    })
}

/// Go 1.19's `growslice` capacity rule, including rounding up to malloc size classes.
fn grow_cap(old_cap: usize, needed: usize, elem_size: usize) -> usize {
    let mut newcap = old_cap;
    let double = newcap + newcap;
    if needed > double {
        newcap = needed;
    } else if old_cap < 256 {
        newcap = double;
    } else {
        while newcap > 0 && newcap < needed {
            newcap += (newcap + 3 * 256) / 4;
        }
        if newcap == 0 {
            newcap = needed;
        }
    }
    if elem_size == 0 {
        return newcap;
    }
    let bytes = roundupsize(newcap * elem_size);
    bytes / elem_size
}

const SIZE_CLASSES: [usize; 67] = [
    8, 16, 24, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240, 256, 288, 320, 352,
    384, 416, 448, 480, 512, 576, 640, 704, 768, 896, 1024, 1152, 1280, 1408, 1536, 1792, 2048,
    2304, 2688, 3072, 3200, 3456, 4096, 4864, 5376, 6144, 6528, 6784, 6912, 8192, 9472, 9728,
    10240, 10880, 12288, 13568, 14336, 16384, 18432, 19072, 20480, 21760, 24576, 27264, 28672,
    32768,
];

fn roundupsize(size: usize) -> usize {
    if size <= 32768 {
        SIZE_CLASSES
            .iter()
            .copied()
            .find(|&c| c >= size)
            .unwrap_or(size)
    } else {
        size.div_ceil(8192) * 8192
    }
}

fn append(m: &mut Machine, s: u64, elem: u32, vals: &[u64]) -> Result<u64, Trap> {
    let (arr, off, len, cap) = m.heap.slice(s);
    let n = vals.len() as u32;
    if n == 0 {
        return Ok(s);
    }
    if len + n <= cap {
        let ws = m.heap.words(arr as u64).unwrap();
        for (i, v) in vals.iter().enumerate() {
            ws[(off + len) as usize + i].store(*v, Relaxed);
        }
        return Ok(m.heap.alloc_slice(arr, off, len + n, cap));
    }
    let elem = m.slice_elem(s).unwrap_or(elem);
    let newcap = grow_cap(
        cap as usize,
        (len + n) as usize,
        crate::fmt::go_size(m, elem),
    );
    check_memory(m, newcap.saturating_mul(8))?;
    let mut old = m.heap.slice_words(s);
    if m.is_aggregate(elem) {
        for x in old.iter_mut() {
            *x = m.copy_val(*x).unwrap_or(0);
        }
    }
    let ns = m.new_slice(elem, (len + n) as usize, newcap);
    let (narr, ..) = m.heap.slice(ns);
    let ws = m.heap.words(narr as u64).unwrap();
    for (a, v) in ws.iter().zip(old.iter().chain(vals.iter())) {
        a.store(*v, Relaxed);
    }
    Ok(ns)
}

fn copy_slice(m: &mut Machine, dst: u64, src: u64) -> u64 {
    let vals: Vec<u64> = match m.heap.get(src) {
        Some(Obj::Str(b)) => b.iter().map(|&c| c as u64).collect(),
        _ => m.heap.slice_words(src),
    };
    let (arr, off, len, _) = m.heap.slice(dst);
    let n = vals.len().min(len as usize);
    let agg = m.slice_elem(dst).is_some_and(|t| m.is_aggregate(t));
    for (i, v) in vals.into_iter().take(n).enumerate() {
        let v = if agg { m.copy_val(v).unwrap_or(0) } else { v };
        m.heap.words(arr as u64).unwrap()[off as usize + i].store(v, Relaxed);
    }
    n as u64
}

fn zero_of_map_value(m: &mut Machine, mw: u64) -> u64 {
    match m.map_types(mw) {
        Some((_, v)) => m.zero(v),
        None => 0,
    }
}

fn assert_type(m: &mut Machine, w: u64, ty: u32) -> Option<u64> {
    if let TypeKind::Interface(_) = m.types[ty as usize].kind {
        let (dty, _) = m.heap.iface(w)?;
        return m.implements(dty, ty).ok().map(|_| w);
    }
    let (dty, dw) = m.heap.iface(w)?;
    (dty == ty).then(|| m.copy_if_aggregate(ty, dw))
}

fn assert_message(m: &Machine, w: u64, ty: u32, iface: u32) -> String {
    let target = &m.types[ty as usize].name;
    let src = &m.types[iface as usize].name;
    match m.heap.iface(w) {
        None => {
            if matches!(m.types[ty as usize].kind, TypeKind::Interface(_)) {
                format!("interface is nil, not {target}")
            } else {
                format!("{src} is nil, not {target}")
            }
        }
        Some((dty, _)) => {
            let dname = &m.types[dty as usize].name;
            if matches!(m.types[ty as usize].kind, TypeKind::Interface(_)) {
                let missing = m.implements(dty, ty).err().unwrap_or_default();
                format!("{dname} is not {target}: missing method {missing}")
            } else {
                format!("{src} is {dname}, not {target}")
            }
        }
    }
}

pub(crate) fn check_memory(m: &mut Machine, extra: usize) -> Result<(), Trap> {
    // Saturating: on wasm32 a request can exceed the address space.
    let need = m.heap.bytes.saturating_add(extra);
    if need > m.gc_goal && !std::mem::take(&mut m.gc_just_ran) {
        // Collect first: the instruction is re-executed afterwards.
        return Err(Trap::Sched(SchedReq::Collect));
    }
    if need > m.config.max_memory_bytes {
        return Err(Trap::Fatal("runtime: out of memory".into()));
    }
    Ok(())
}
