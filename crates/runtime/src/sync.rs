//! The `sync` package: Mutex (with Go's starvation mode), RWMutex,
//! WaitGroup and Once, whose waiters park on semaphore queues keyed by
//! address (Go's `semtable`, `Sched::semtable`). Time and timers live in
//! `time`, atomics in `atomic`, `os.ReadFile` in `vfs`.
//!
//! A native that must wait records why in `Ctx::park` and returns
//! `Trap::Sched(SchedReq::Park)`; the interpreter stops the G after the
//! call. A waiter that must *retry* when woken (a woken `Mutex.Lock` in
//! normal mode competes with newcomers, as in Go) is readied with its pc
//! moved back onto the call, so it re-executes the native.
//!
//! Mutex words: `[state, waiters]`, state bit 0 = locked, bit 2 = starving
//! (as `mutexLocked`/`mutexStarving`; Go keeps the waiter count in the
//! state word's upper bits). RWMutex words: `[writer held,
//! active readers, waiting writers, unused]`. WaitGroup: `[counter,
//! unused]`. Once: `[done, in progress]`.

use crate::machine::{Machine, RtErr, Trap};
use crate::natives::{Ctx, NativeFn};
use crate::sched::{GIdx, SchedReq, WaitReason};
use crate::trace::EvKind;
use std::sync::atomic::AtomicU64;
use std::sync::atomic::Ordering::{Acquire, Release, SeqCst};

const MUTEX_LOCKED: u64 = 1;
const MUTEX_STARVING: u64 = 4;
/// `starvationThresholdNs`: a waiter blocked longer switches the mutex to
/// starvation mode.
const STARVATION_THRESHOLD_NS: i64 = 1_000_000;
/// Key of a RWMutex's writer queue (its readers wait on the address itself).
const WRITER_KEY: u64 = 1 << 63;

/// Resolves the natives defined here.
pub(crate) fn lookup(name: &str) -> Option<NativeFn> {
    Some(match name {
        "sync.(*Mutex).Lock" => mutex_lock,
        "sync.(*Mutex).Unlock" => mutex_unlock,
        "sync.(*Mutex).TryLock" => |c, w| {
            let a = word(c.m, w[0], 0)?;
            let s = a.load(SeqCst);
            w[0] = if s & (MUTEX_LOCKED | MUTEX_STARVING) == 0 {
                a.store(s | MUTEX_LOCKED, SeqCst);
                1
            } else {
                0
            };
            Ok(())
        },
        "sync.(*RWMutex).Lock" => rw_lock,
        "sync.(*RWMutex).Unlock" => rw_unlock,
        "sync.(*RWMutex).RLock" => rw_rlock,
        "sync.(*RWMutex).RUnlock" => rw_runlock,
        "sync.(*WaitGroup).Add" => |c, w| wg_add(c, w[0], w[1] as i64),
        "sync.(*WaitGroup).Done" => |c, w| wg_add(c, w[0], -1),
        "sync.(*WaitGroup).Wait" => |c, w| {
            let p = w[0];
            if word(c.m, p, 0)?.load(SeqCst) == 0 {
                return Ok(());
            }
            wait_on(c, p, WaitReason::SyncWaitGroupWait, false)
        },
        "sync.(*Once).Do" => once_do,
        _ => return None,
    })
}

/// Word `i` of the object a pointer points to.
#[inline]
fn word(m: &Machine, p: u64, i: u32) -> Result<&AtomicU64, Trap> {
    hword(&m.heap, p, i)
}

/// Word `i` of the object a pointer points to, borrowing only the heap.
#[inline]
fn hword(h: &crate::heap::Heap, p: u64, i: u32) -> Result<&AtomicU64, Trap> {
    h.words(p)
        .and_then(|ws| ws.get(crate::heap::offset(p) as usize + i as usize))
        .ok_or(Trap::Runtime(RtErr::NilDeref))
}

/// Parks the running G on the semaphore queue at `key` (at the front for
/// `lifo`, as Go requeues a woken mutex waiter).
fn wait_on(c: &mut Ctx, key: u64, reason: WaitReason, lifo: bool) -> Result<(), Trap> {
    let q = c.m.sched.semtable.entry(key).or_default();
    if lifo {
        q.push_front(c.gi);
    } else {
        q.push_back(c.gi);
    }
    c.park = Some((reason, key & !WRITER_KEY));
    Err(Trap::Sched(SchedReq::Park))
}

/// Pops the first waiter of the queue at `key`.
fn dequeue(m: &mut Machine, key: u64) -> Option<GIdx> {
    let q = m.sched.semtable.get_mut(&key)?;
    let g = q.pop_front();
    if q.is_empty() {
        m.sched.semtable.remove(&key);
    }
    g
}

/// Readies a waiter that must re-execute its blocking call.
fn ready_retry(m: &mut Machine, gi: GIdx) {
    if m.race_on {
        // Race detector: the call did not complete; it will run again.
        let goid = m.sched.g(gi).map_or(0, |g| g.goid);
        crate::race::retry(m, goid);
    }
    if let Some(g) = m.sched.g_mut(gi) {
        if let Some(f) = g.frames.last_mut() {
            f.pc = f.pc.saturating_sub(1);
        }
    }
    m.sched.goready(gi);
}

fn mutex_lock(c: &mut Ctx, w: &mut [u64]) -> Result<(), Trap> {
    let p = w[0];
    let a = hword(&c.m.heap, p, 0)?;
    let s = a.load(Acquire);
    if s & MUTEX_LOCKED == 0 {
        // Fast path: uncontended. A load then a store needs no
        // compare-and-swap: natives run one at a time, under the runtime
        // lock in parallel mode.
        a.store(s | MUTEX_LOCKED, Release);
        c.mutex_wait_start = 0;
        c.m.sched.event(EvKind::MutexLock, c.goid, p, 0);
        return Ok(());
    }
    let a = word(c.m, p, 0)?;
    let now = c.m.sched.nanotime();
    let lifo = c.mutex_wait_start != 0;
    if !lifo {
        c.mutex_wait_start = now;
    } else if now - c.mutex_wait_start > STARVATION_THRESHOLD_NS {
        a.store(s | MUTEX_STARVING, SeqCst);
    }
    // Word 1 counts the waiters, so Unlock without waiters stays cheap.
    word(c.m, p, 1)?.fetch_add(1, SeqCst);
    wait_on(c, p, WaitReason::SyncMutexLock, lifo)
}

fn mutex_unlock(c: &mut Ctx, w: &mut [u64]) -> Result<(), Trap> {
    let p = w[0];
    let a = hword(&c.m.heap, p, 0)?;
    let s = a.load(Acquire);
    if s & MUTEX_LOCKED == 0 {
        return Err(Trap::Fatal("sync: unlock of unlocked mutex".into()));
    }
    if s == MUTEX_LOCKED && hword(&c.m.heap, p, 1)?.load(Acquire) == 0 {
        // Fast path: no waiters, not starving.
        a.store(0, Release);
        c.m.sched.event(EvKind::MutexUnlock, c.goid, p, 0);
        return Ok(());
    }
    c.m.sched.event(EvKind::MutexUnlock, c.goid, p, 0);
    let waiters = word(c.m, p, 1)?;
    let waiter = match waiters.load(SeqCst) {
        0 => None,
        _ => {
            waiters.fetch_sub(1, SeqCst);
            dequeue(c.m, p)
        }
    };
    match waiter {
        Some(gi) if s & MUTEX_STARVING != 0 => {
            // Starvation mode: ownership goes straight to the front waiter.
            let now = c.m.sched.nanotime();
            let started = c.m.sched.g(gi).map(|g| g.mutex_wait_start).unwrap_or(now);
            let last = word(c.m, p, 1)?.load(SeqCst) == 0;
            if last || now - started < STARVATION_THRESHOLD_NS {
                word(c.m, p, 0)?.store(MUTEX_LOCKED, SeqCst);
            }
            if let Some(g) = c.m.sched.g_mut(gi) {
                g.mutex_wait_start = 0;
            }
            let goid = c.m.sched.g(gi).map(|g| g.goid).unwrap_or(0);
            c.m.sched.event(EvKind::MutexLock, goid, p, 0);
            c.m.sched.goready(gi);
        }
        Some(gi) => {
            word(c.m, p, 0)?.store(s & !MUTEX_LOCKED, SeqCst);
            ready_retry(c.m, gi);
        }
        None => word(c.m, p, 0)?.store(s & !(MUTEX_LOCKED | MUTEX_STARVING), SeqCst),
    }
    Ok(())
}

fn rw_lock(c: &mut Ctx, w: &mut [u64]) -> Result<(), Trap> {
    let p = w[0];
    let held = word(c.m, p, 0)?.load(SeqCst);
    let readers = word(c.m, p, 1)?.load(SeqCst);
    if held == 0 && readers == 0 {
        word(c.m, p, 0)?.store(1, SeqCst);
        c.m.sched.event(EvKind::MutexLock, c.goid, p, 0);
        return Ok(());
    }
    word(c.m, p, 2)?.fetch_add(1, SeqCst);
    wait_on(c, p | WRITER_KEY, WaitReason::SyncRWMutexLock, false)
}

fn rw_unlock(c: &mut Ctx, w: &mut [u64]) -> Result<(), Trap> {
    let p = w[0];
    if word(c.m, p, 0)?.load(SeqCst) == 0 {
        return Err(Trap::Fatal("sync: Unlock of unlocked RWMutex".into()));
    }
    word(c.m, p, 0)?.store(0, SeqCst);
    c.m.sched.event(EvKind::MutexUnlock, c.goid, p, 0);
    // Readers that queued behind the writer get in first, then a writer.
    let mut woke = false;
    while let Some(gi) = dequeue(c.m, p) {
        word(c.m, p, 1)?.fetch_add(1, SeqCst);
        c.m.sched.goready(gi);
        woke = true;
    }
    if !woke {
        wake_writer(c.m, p)?;
    }
    Ok(())
}

fn wake_writer(m: &mut Machine, p: u64) -> Result<(), Trap> {
    if let Some(gi) = dequeue(m, p | WRITER_KEY) {
        word(m, p, 2)?.fetch_sub(1, SeqCst);
        ready_retry(m, gi);
    }
    Ok(())
}

fn rw_rlock(c: &mut Ctx, w: &mut [u64]) -> Result<(), Trap> {
    let p = w[0];
    let held = word(c.m, p, 0)?.load(SeqCst);
    let writers = word(c.m, p, 2)?.load(SeqCst);
    if held == 0 && writers == 0 {
        word(c.m, p, 1)?.fetch_add(1, SeqCst);
        return Ok(());
    }
    wait_on(c, p, WaitReason::SyncRWMutexRLock, false)
}

fn rw_runlock(c: &mut Ctx, w: &mut [u64]) -> Result<(), Trap> {
    let p = w[0];
    let r = word(c.m, p, 1)?.load(SeqCst);
    if r == 0 {
        return Err(Trap::Fatal("sync: RUnlock of unlocked RWMutex".into()));
    }
    word(c.m, p, 1)?.store(r - 1, SeqCst);
    if r == 1 {
        wake_writer(c.m, p)?;
    }
    Ok(())
}

fn wg_add(c: &mut Ctx, p: u64, delta: i64) -> Result<(), Trap> {
    let a = word(c.m, p, 0)?;
    let v = (a.load(SeqCst) as i64).wrapping_add(delta);
    a.store(v as u64, SeqCst);
    if v < 0 {
        let ty = c.m.rt.string;
        let s = c.m.str("sync: negative WaitGroup counter");
        return Err(Trap::Panic(c.m.heap.alloc_iface(ty, s)));
    }
    if v == 0 {
        while let Some(gi) = dequeue(c.m, p) {
            c.m.sched.goready(gi);
        }
    }
    Ok(())
}

/// A Go function a native called panicked, and the panic unwinds past the
/// native (the top frame of `g` is at the call). For `Once.Do` Go "considers
/// it to have returned": done, and the goroutines waiting in Do go on.
pub(crate) fn callback_unwound(m: &mut Machine, g: &crate::g::G) {
    let Some(fr) = g.frames.last() else {
        return;
    };
    let prog = m.prog.clone();
    let op = prog.functions[fr.func as usize].code.get(fr.pc as usize);
    let Some(&golab_bytecode::Op::CallNative { native, base, .. }) = op else {
        return;
    };
    if prog.natives.get(native as usize).map(String::as_str) != Some("sync.(*Once).Do") {
        return;
    }
    let p = g
        .stack
        .get(fr.base as usize + base.0 as usize)
        .copied()
        .unwrap_or(0);
    if let (Ok(done), Ok(busy)) = (word(m, p, 0), word(m, p, 1)) {
        done.store(1, SeqCst);
        busy.store(0, SeqCst);
        while let Some(gi) = dequeue(m, p) {
            m.sched.goready(gi);
        }
    }
}

fn once_do(c: &mut Ctx, w: &mut [u64]) -> Result<(), Trap> {
    let p = w[0];
    if !c.cb.results.is_empty() {
        // The function returned: done, and wake those who waited for it.
        word(c.m, p, 0)?.store(1, SeqCst);
        word(c.m, p, 1)?.store(0, SeqCst);
        while let Some(gi) = dequeue(c.m, p) {
            c.m.sched.goready(gi);
        }
        return Ok(());
    }
    if word(c.m, p, 0)?.load(SeqCst) != 0 {
        return Ok(());
    }
    if word(c.m, p, 1)?.load(SeqCst) != 0 {
        // Another goroutine is running f: wait, then return (f is done).
        return wait_on(c, p, WaitReason::SyncOnceDo, false);
    }
    word(c.m, p, 1)?.store(1, SeqCst);
    Err(Trap::Call(w[1], Vec::new()))
}
