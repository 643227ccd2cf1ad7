//! `sync/atomic` (Go: `sync/atomic`, on `runtime/internal/atomic`): the
//! package functions (`AddInt64`, `CompareAndSwapUint32`...) and the typed
//! values' methods (`(*Int64).Add`, `(*Bool).Load`...), one implementation
//! for every spelling, run by step mode and parallel mode alike.
//!
//! Every operation is sequentially consistent, as Go's are, on the same
//! heap words plain Go loads and stores access with relaxed ordering. So in
//! parallel mode an atomic add really is atomic against other threads while
//! a plain `x++` next to it really loses updates. A value of any width
//! lives in one 64-bit word; 32-bit operations wrap their result to 32 bits
//! (sign-extended for `Int32`, as the VM keeps every `int32`).
//!
//! With memory tracing on (the race view), each operation records a
//! `MemAtomic` event with the word's value after it.

use crate::machine::{Machine, RtErr, Trap};
use crate::natives::{Ctx, NativeFn};
use crate::trace::EvKind;
use golab_bytecode::IntKind;
use std::sync::atomic::AtomicU64;
use std::sync::atomic::Ordering::SeqCst;

/// Resolves the atomic natives (every width shares one word layout, so
/// the names differ only in how an add wraps).
pub(crate) fn lookup(name: &str) -> Option<NativeFn> {
    Some(match name {
        "atomic.AddInt64" | "atomic.AddUint64" | "atomic.(*Int64).Add" | "atomic.(*Uint64).Add" => {
            |c, w| add(c, w, IntKind::I64)
        }
        "atomic.AddInt32" | "atomic.(*Int32).Add" => |c, w| add(c, w, IntKind::I32),
        "atomic.AddUint32" | "atomic.(*Uint32).Add" => |c, w| add(c, w, IntKind::U32),
        "atomic.LoadInt32"
        | "atomic.LoadInt64"
        | "atomic.LoadUint32"
        | "atomic.LoadUint64"
        | "atomic.(*Int32).Load"
        | "atomic.(*Int64).Load"
        | "atomic.(*Uint32).Load"
        | "atomic.(*Uint64).Load"
        | "atomic.(*Bool).Load" => load,
        "atomic.StoreInt32"
        | "atomic.StoreInt64"
        | "atomic.StoreUint32"
        | "atomic.StoreUint64"
        | "atomic.(*Int32).Store"
        | "atomic.(*Int64).Store"
        | "atomic.(*Uint32).Store"
        | "atomic.(*Uint64).Store"
        | "atomic.(*Bool).Store" => store,
        "atomic.SwapInt32"
        | "atomic.SwapInt64"
        | "atomic.SwapUint32"
        | "atomic.SwapUint64"
        | "atomic.(*Int32).Swap"
        | "atomic.(*Int64).Swap"
        | "atomic.(*Uint32).Swap"
        | "atomic.(*Uint64).Swap" => swap,
        "atomic.CompareAndSwapInt32"
        | "atomic.CompareAndSwapInt64"
        | "atomic.CompareAndSwapUint32"
        | "atomic.CompareAndSwapUint64"
        | "atomic.(*Int32).CompareAndSwap"
        | "atomic.(*Int64).CompareAndSwap"
        | "atomic.(*Uint32).CompareAndSwap"
        | "atomic.(*Uint64).CompareAndSwap" => compare_and_swap,
        _ => return None,
    })
}

/// The heap word a pointer argument points to.
fn word(m: &Machine, p: u64) -> Result<&AtomicU64, Trap> {
    m.heap
        .words(p)
        .and_then(|ws| ws.get(crate::heap::offset(p) as usize))
        .ok_or(Trap::Runtime(RtErr::NilDeref))
}

/// Records the access for the race view (memory tracing on only).
fn trace(c: &mut Ctx, p: u64, v: u64) {
    if c.m.sched.trace_mem {
        let line = c.m.sched.cur_line;
        c.m.sched.mem_event(EvKind::MemAtomic, c.goid, p, v, line);
    }
}

/// `Add(p, delta)`: returns the new value, wrapped to `kind`'s width.
fn add(c: &mut Ctx, w: &mut [u64], kind: IntKind) -> Result<(), Trap> {
    let p = w[0];
    let a = word(c.m, p)?;
    let delta = w[1];
    let mut old = a.load(SeqCst);
    let new = loop {
        let new = kind.wrap(old.wrapping_add(delta));
        match a.compare_exchange_weak(old, new, SeqCst, SeqCst) {
            Ok(_) => break new,
            Err(cur) => old = cur,
        }
    };
    w[0] = new;
    trace(c, p, new);
    Ok(())
}

fn load(c: &mut Ctx, w: &mut [u64]) -> Result<(), Trap> {
    let p = w[0];
    w[0] = word(c.m, p)?.load(SeqCst);
    trace(c, p, w[0]);
    Ok(())
}

fn store(c: &mut Ctx, w: &mut [u64]) -> Result<(), Trap> {
    word(c.m, w[0])?.store(w[1], SeqCst);
    trace(c, w[0], w[1]);
    Ok(())
}

/// `Swap(p, new)`: returns the old value.
fn swap(c: &mut Ctx, w: &mut [u64]) -> Result<(), Trap> {
    let (p, new) = (w[0], w[1]);
    w[0] = word(c.m, p)?.swap(new, SeqCst);
    trace(c, p, new);
    Ok(())
}

/// `CompareAndSwap(p, old, new)`: whether it swapped; the trace records
/// the word's value after the operation (`new`, or what made it fail).
fn compare_and_swap(c: &mut Ctx, w: &mut [u64]) -> Result<(), Trap> {
    let p = w[0];
    let after = match word(c.m, p)?.compare_exchange(w[1], w[2], SeqCst, SeqCst) {
        Ok(_) => {
            w[0] = 1;
            w[2]
        }
        Err(cur) => {
            w[0] = 0;
            cur
        }
    };
    trace(c, p, after);
    Ok(())
}
