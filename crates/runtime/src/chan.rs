//! Channels and `select`, after Go's `chan.go` and `select.go`.
//!
//! Invariants (as in chan.go):
//! - At least one of `sendq` and `recvq` is empty, except for an unbuffered
//!   channel with one G blocked in `select` on both sending and receiving.
//! - For buffered channels: `qcount > 0` implies `recvq` is empty;
//!   `qcount < dataqsiz` implies `sendq` is empty.
//! - A G waiting in `select` has one sudog on the channel of every case;
//!   when one case fires, all its other sudogs are removed before it is
//!   readied (Go does this lazily with `selectDone`; eagerly is simpler and
//!   keeps snapshots honest).
//!
//! A sudog records where the parked G wants its value: the absolute index
//! of its destination register (and of the `ok` register), so a sender can
//! hand a value directly to a waiting receiver, bypassing the buffer, and
//! the receiver resumes after its `Recv` with the value in place.

use crate::g::G;
use crate::heap::Obj;
use crate::machine::{Machine, RtErr, Trap};
use crate::sched::{GIdx, WaitReason, NIL};
use crate::trace::EvKind;
use golab_bytecode::{SelectCase, SelectDesc, TypeId};
use std::collections::VecDeque;

/// A G waiting on a channel (`sudog`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sudog {
    /// The waiting G.
    pub g: GIdx,
    /// Its goid (for snapshots).
    pub goid: u64,
    /// The value to send (senders).
    pub elem: u64,
    /// Absolute stack slot for the received value (`NIL`: discard).
    pub dst: u32,
    /// Absolute stack slot for `ok` (`NIL`: none).
    pub ok: u32,
    /// For `select`: absolute slot of the select's result register.
    pub sel: u32,
    /// For `select`: the case index.
    pub case: u32,
}

/// A channel (`hchan`).
#[derive(Debug)]
pub struct HChan {
    /// Creation order, from 1 (for snapshots).
    pub id: u64,
    /// Element type.
    pub elem_ty: TypeId,
    /// Capacity.
    pub dataqsiz: u32,
    /// The ring buffer.
    pub buf: Box<[u64]>,
    /// Elements in the buffer.
    pub qcount: u32,
    /// Next slot to send into.
    pub sendx: u32,
    /// Next slot to receive from.
    pub recvx: u32,
    /// Whether `close` was called.
    pub closed: bool,
    /// Blocked receivers.
    pub recvq: VecDeque<Sudog>,
    /// Blocked senders.
    pub sendq: VecDeque<Sudog>,
}

fn hchan(m: &mut Machine, c: u64) -> Option<&mut HChan> {
    match m.heap.get_mut(c) {
        Some(Obj::Chan(h)) => Some(h),
        _ => None,
    }
}

fn plain(s: &str) -> Trap {
    Trap::Runtime(RtErr::Plain(s.into()))
}

/// `makechan`.
pub(crate) fn makechan(m: &mut Machine, elem_ty: TypeId, size: i64) -> Result<u64, Trap> {
    if !(0..=1 << 28).contains(&size) {
        return Err(Trap::Runtime(RtErr::Plain(
            "makechan: size out of range".into(),
        )));
    }
    crate::interp::check_memory(m, size as usize * 8)?;
    m.sched.nchans += 1;
    let h = HChan {
        id: m.sched.nchans,
        elem_ty,
        dataqsiz: size as u32,
        buf: vec![0; size as usize].into_boxed_slice(),
        qcount: 0,
        sendx: 0,
        recvx: 0,
        closed: false,
        recvq: VecDeque::new(),
        sendq: VecDeque::new(),
    };
    Ok(m.heap.alloc(Obj::Chan(Box::new(h))) as u64)
}

fn chan_id(m: &Machine, c: u64) -> u64 {
    match m.heap.get(c) {
        Some(Obj::Chan(h)) => h.id,
        _ => 0,
    }
}

/// Parks the running G with `reason` (the caller enqueued its sudogs).
fn block(g: &mut G, reason: WaitReason, on: u64) {
    g.wait_reason = reason;
    g.waiting_on = on;
}

/// Writes a received value into a woken receiver and readies it.
fn wake_receiver(m: &mut Machine, sg: Sudog, v: u64, ok: bool) {
    if let Some(g) = m.sched.g_mut(sg.g) {
        if sg.dst != NIL {
            g.stack[sg.dst as usize] = v;
        }
        if sg.ok != NIL {
            g.stack[sg.ok as usize] = ok as u64;
        }
        if sg.sel != NIL {
            g.stack[sg.sel as usize] = sg.case as u64;
        }
    }
    if sg.sel != NIL {
        dequeue_select(m, sg.g);
    }
    m.sched.goready(sg.g);
}

/// A sender whose value was taken resumes after its send.
fn wake_sender(m: &mut Machine, sg: Sudog) {
    if sg.sel != NIL {
        if let Some(g) = m.sched.g_mut(sg.g) {
            g.stack[sg.sel as usize] = sg.case as u64;
        }
        dequeue_select(m, sg.g);
    }
    m.sched.goready(sg.g);
}

/// A G woken by `close` re-executes its send or select, which now panics
/// (or, for a select, may pick another ready case) with the right traceback.
fn wake_retry(m: &mut Machine, sg: Sudog) {
    if sg.sel != NIL {
        dequeue_select(m, sg.g);
    }
    if let Some(g) = m.sched.g_mut(sg.g) {
        if let Some(f) = g.frames.last_mut() {
            f.pc = f.pc.saturating_sub(1);
        }
    }
    m.sched.goready(sg.g);
}

/// Removes every sudog of select-blocked G `gi` from its channels.
fn dequeue_select(m: &mut Machine, gi: GIdx) {
    let chans = match m.sched.g_mut(gi) {
        Some(g) => std::mem::take(&mut g.select_chans),
        None => return,
    };
    for c in chans {
        if let Some(h) = hchan(m, c) {
            h.recvq.retain(|s| s.g != gi);
            h.sendq.retain(|s| s.g != gi);
        }
    }
}

/// Outcome of a channel operation by the running G.
pub(crate) enum Done<T> {
    /// Completed with this result.
    Ready(T),
    /// The G is enqueued and must park.
    Parked,
}

/// Tries to send `v` on `c` without blocking (shared by `chansend` and
/// `select`): hand-off to a waiting receiver, else the buffer.
fn try_send(m: &mut Machine, c: u64, v: u64, goid: u64) -> Result<bool, Trap> {
    let id = chan_id(m, c);
    let h = hchan(m, c).ok_or(Trap::Runtime(RtErr::NilDeref))?;
    if h.closed {
        return Err(plain("send on closed channel"));
    }
    if let Some(sg) = h.recvq.pop_front() {
        m.sched.event(EvKind::ChanSend, goid, id, sg.goid);
        if m.race_on {
            crate::race::chan_handoff(m, c, goid, sg.goid, false);
        }
        wake_receiver(m, sg, v, true);
        return Ok(true);
    }
    if h.qcount < h.dataqsiz {
        h.buf[h.sendx as usize] = v;
        h.sendx += 1;
        if h.sendx == h.dataqsiz {
            h.sendx = 0;
        }
        h.qcount += 1;
        m.sched.event(EvKind::ChanSend, goid, id, 0);
        if m.race_on {
            crate::race::chan_send_buf(m, c, goid);
        }
        return Ok(true);
    }
    Ok(false)
}

/// Tries to receive from `c` without blocking: from a waiting sender
/// (directly, or the buffer head with the sender's value to the tail),
/// else the buffer, else the zero value of a closed channel.
fn try_recv(m: &mut Machine, c: u64, goid: u64) -> Result<Option<(u64, bool)>, Trap> {
    let id = chan_id(m, c);
    let h = hchan(m, c).ok_or(Trap::Runtime(RtErr::NilDeref))?;
    if let Some(sg) = h.sendq.pop_front() {
        let v = if h.dataqsiz == 0 {
            sg.elem
        } else {
            let v = h.buf[h.recvx as usize];
            h.buf[h.recvx as usize] = sg.elem;
            h.recvx += 1;
            if h.recvx == h.dataqsiz {
                h.recvx = 0;
            }
            h.sendx = h.recvx;
            v
        };
        m.sched.event(EvKind::ChanRecv, goid, id, sg.goid);
        if m.race_on {
            crate::race::chan_handoff(m, c, goid, sg.goid, true);
        }
        wake_sender(m, sg);
        return Ok(Some((v, true)));
    }
    if h.qcount > 0 {
        let v = h.buf[h.recvx as usize];
        h.buf[h.recvx as usize] = 0;
        h.recvx += 1;
        if h.recvx == h.dataqsiz {
            h.recvx = 0;
        }
        h.qcount -= 1;
        m.sched.event(EvKind::ChanRecv, goid, id, 0);
        if m.race_on {
            crate::race::chan_recv_buf(m, c, goid);
        }
        return Ok(Some((v, true)));
    }
    if h.closed {
        let ty = h.elem_ty;
        let z = m.zero(ty);
        m.sched.event(EvKind::ChanRecv, goid, id, 0);
        if m.race_on {
            crate::race::chan_closed_recv(m, c, goid);
        }
        return Ok(Some((z, false)));
    }
    Ok(None)
}

/// `chansend`: `c <- v` by the running G.
pub(crate) fn chansend(m: &mut Machine, g: &mut G, c: u64, v: u64) -> Result<Done<()>, Trap> {
    if c == 0 {
        block(g, WaitReason::ChanSendNilChan, 0);
        return Ok(Done::Parked);
    }
    let ty = match hchan(m, c) {
        Some(h) => h.elem_ty,
        None => return Err(Trap::Runtime(RtErr::NilDeref)),
    };
    let v = m.copy_if_aggregate(ty, v);
    if try_send(m, c, v, g.goid)? {
        return Ok(Done::Ready(()));
    }
    let sg = Sudog {
        g: g.idx,
        goid: g.goid,
        elem: v,
        dst: NIL,
        ok: NIL,
        sel: NIL,
        case: 0,
    };
    if let Some(h) = hchan(m, c) {
        h.sendq.push_back(sg);
    }
    block(g, WaitReason::ChanSend, c);
    Ok(Done::Parked)
}

/// `chanrecv`: `<-c` by the running G; a parked receiver gets its value
/// written to the absolute stack slots `dst`/`ok` when a sender comes.
pub(crate) fn chanrecv(
    m: &mut Machine,
    g: &mut G,
    c: u64,
    dst: u32,
    ok: u32,
) -> Result<Done<(u64, bool)>, Trap> {
    if c == 0 {
        block(g, WaitReason::ChanReceiveNilChan, 0);
        return Ok(Done::Parked);
    }
    if let Some(r) = try_recv(m, c, g.goid)? {
        return Ok(Done::Ready(r));
    }
    let sg = Sudog {
        g: g.idx,
        goid: g.goid,
        elem: 0,
        dst,
        ok,
        sel: NIL,
        case: 0,
    };
    if let Some(h) = hchan(m, c) {
        h.recvq.push_back(sg);
    }
    block(g, WaitReason::ChanReceive, c);
    Ok(Done::Parked)
}

/// `closechan`: wakes every receiver (zero value, `ok == false`) and every
/// sender (which then panics), readied in Go's order.
pub(crate) fn closechan(m: &mut Machine, c: u64, goid: u64) -> Result<(), Trap> {
    if c == 0 {
        return Err(plain("close of nil channel"));
    }
    let id = chan_id(m, c);
    let h = hchan(m, c).ok_or(Trap::Runtime(RtErr::NilDeref))?;
    if h.closed {
        return Err(plain("close of closed channel"));
    }
    h.closed = true;
    let ty = h.elem_ty;
    let recvs: Vec<Sudog> = h.recvq.drain(..).collect();
    let sends: Vec<Sudog> = h.sendq.drain(..).collect();
    m.sched.event(EvKind::ChanClose, goid, id, 0);
    if m.race_on {
        let receivers: Vec<u64> = recvs.iter().map(|s| s.goid).collect();
        crate::race::chan_close(m, c, goid, &receivers);
    }
    // Go collects the Gs on a gList (a stack) and readies them from its
    // head: the last one queued is readied first.
    let mut glist: Vec<(Sudog, bool)> = Vec::new();
    glist.extend(recvs.into_iter().map(|s| (s, true)));
    glist.extend(sends.into_iter().map(|s| (s, false)));
    for (sg, is_recv) in glist.into_iter().rev() {
        if is_recv {
            let z = m.zero(ty);
            wake_receiver(m, sg, z, false);
        } else {
            wake_retry(m, sg);
        }
    }
    Ok(())
}

/// `selectgo`: returns the chosen case (-1 for default) with the received
/// value written to the case's registers, or parks the G on every channel.
/// `base` is the frame base, `sel_slot` the absolute slot of the result.
pub(crate) fn selectgo(
    m: &mut Machine,
    g: &mut G,
    desc: &SelectDesc,
    base: usize,
    sel_slot: u32,
) -> Result<Done<i64>, Trap> {
    let cases = &desc.cases;
    if cases.is_empty() && !desc.has_default {
        block(g, WaitReason::SelectNoCases, 0);
        return Ok(Done::Parked);
    }
    let chan_of = |g: &G, c: &SelectCase| -> u64 {
        match *c {
            SelectCase::Send { ch, .. } | SelectCase::Recv { ch, .. } => {
                g.stack[base + ch.0 as usize]
            }
        }
    };
    // pollorder: a random permutation of the non-nil cases.
    let mut order: Vec<usize> = Vec::with_capacity(cases.len());
    for (i, c) in cases.iter().enumerate() {
        if chan_of(g, c) == 0 {
            continue;
        }
        let j = m.sched.fastrandn(order.len() as u32 + 1) as usize;
        order.push(i);
        let last = order.len() - 1;
        order.swap(last, j);
    }
    // Pass 1: look for a case that can proceed now.
    for &ci in &order {
        let c = chan_of(g, &cases[ci]);
        match cases[ci] {
            SelectCase::Send { val, .. } => {
                let ty = match hchan(m, c) {
                    Some(h) => h.elem_ty,
                    None => continue,
                };
                let v = g.stack[base + val.0 as usize];
                let closed = hchan(m, c).is_some_and(|h| h.closed);
                if closed {
                    return Err(plain("send on closed channel"));
                }
                let ready =
                    hchan(m, c).is_some_and(|h| !h.recvq.is_empty() || h.qcount < h.dataqsiz);
                if ready {
                    let v = m.copy_if_aggregate(ty, v);
                    try_send(m, c, v, g.goid)?;
                    return Ok(Done::Ready(ci as i64));
                }
            }
            SelectCase::Recv { dst, with_ok, .. } => {
                if let Some((v, ok)) = try_recv(m, c, g.goid)? {
                    g.stack[base + dst.0 as usize] = v;
                    if with_ok {
                        g.stack[base + dst.0 as usize + 1] = ok as u64;
                    }
                    return Ok(Done::Ready(ci as i64));
                }
            }
        }
    }
    if desc.has_default {
        return Ok(Done::Ready(-1));
    }
    // Pass 2: enqueue on every channel and park.
    let mut chans = Vec::with_capacity(order.len());
    for &ci in &order {
        let c = chan_of(g, &cases[ci]);
        let mut sg = Sudog {
            g: g.idx,
            goid: g.goid,
            elem: 0,
            dst: NIL,
            ok: NIL,
            sel: sel_slot,
            case: ci as u32,
        };
        match cases[ci] {
            SelectCase::Send { val, .. } => {
                let ty = hchan(m, c).map(|h| h.elem_ty).unwrap_or(0);
                let v = g.stack[base + val.0 as usize];
                sg.elem = m.copy_if_aggregate(ty, v);
                if let Some(h) = hchan(m, c) {
                    h.sendq.push_back(sg);
                }
            }
            SelectCase::Recv { dst, with_ok, .. } => {
                sg.dst = (base + dst.0 as usize) as u32;
                if with_ok {
                    sg.ok = sg.dst + 1;
                }
                if let Some(h) = hchan(m, c) {
                    h.recvq.push_back(sg);
                }
            }
        }
        chans.push(c);
    }
    g.select_chans = chans;
    block(g, WaitReason::Select, 0);
    Ok(Done::Parked)
}

/// A timer channel fires (`sendTime`): a non-blocking send of the time.
pub(crate) fn send_time(m: &mut Machine, c: u64, when: i64) {
    let ty = crate::time::time_type(m);
    let t = m.zero(ty);
    m.heap.store(t, when as u64);
    let full = match hchan(m, c) {
        Some(h) => h.closed || (h.recvq.is_empty() && h.qcount >= h.dataqsiz),
        None => true,
    };
    if !full {
        let _ = try_send(m, c, t, 0);
    }
}

/// Takes back a timer's value still waiting in its channel; returns whether
/// there was one. Since Go 1.23 timer channels are synchronous: after Stop
/// or Reset returns, no value prepared before it can be received.
pub(crate) fn drain_timer(m: &mut Machine, c: u64) -> bool {
    match hchan(m, c) {
        Some(h) if h.qcount > 0 => {
            for i in 0..h.qcount {
                let at = ((h.recvx + i) % h.dataqsiz.max(1)) as usize;
                h.buf[at] = 0;
            }
            h.qcount = 0;
            h.recvx = h.sendx;
            true
        }
        _ => false,
    }
}

/// Plain-data view of a channel for snapshots.
pub(crate) fn chan_view(m: &Machine, h: &HChan) -> crate::snapshot::ChanView {
    let goid = |gi: GIdx| m.sched.g(gi).map(|g| g.goid).unwrap_or(0);
    let buffer = (0..h.qcount)
        .map(|i| h.buf[((h.recvx + i) % h.dataqsiz.max(1)) as usize])
        .collect();
    crate::snapshot::ChanView {
        id: h.id,
        elem_type: m.types[h.elem_ty as usize].name.clone(),
        dataqsiz: h.dataqsiz,
        qcount: h.qcount,
        sendx: h.sendx,
        recvx: h.recvx,
        closed: h.closed,
        buffer,
        sendq: h.sendq.iter().map(|s| goid(s.g)).collect(),
        sendq_values: h.sendq.iter().map(|s| s.elem).collect(),
        recvq: h.recvq.iter().map(|s| goid(s.g)).collect(),
    }
}
