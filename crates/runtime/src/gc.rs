//! A stop-the-world mark-and-sweep collector over the handle table.
//!
//! It runs only at instruction boundaries between executions, when every G
//! is back in `Sched::allgs`: in step mode the world is trivially stopped;
//! in parallel mode `parallel::stop_the_world` has every M check in first,
//! as Go's STW phases do.
//!
//! Roots: every G's frames (registers whose `Function::reg_kinds` entry is
//! `Ref`, like Go's stack maps), the running closures, pending defers and
//! panics, values handed back to natives by Go callbacks; the globals; the
//! interned string constants; channels held by timers; semaphore addresses.
//! The compiler writes the register maps: a register is `Scalar` only if
//! every instruction of the function that writes it writes a scalar, so an
//! integer that happens to equal a handle keeps nothing alive. A function
//! without a map (the runtime's own trampolines, hand-assembled tests)
//! counts every register as a reference. A callee's frame starts at its
//! caller's call base, so a word there is a root if either frame's map says
//! so.
//! Objects are then traced precisely by their layout: struct fields and
//! array elements by type, interface payloads by dynamic type, channel
//! buffers and waiting senders' values by element type, map entries by key
//! and value type. Closure captures have no types recorded, so they are
//! scanned conservatively: a capture that only looks like a reference keeps
//! an object alive longer, never frees a live one.
//!
//! Pacing as GOGC=100: the next collection starts when the heap has grown
//! to twice what the last one kept (at least 4 MiB).

use crate::heap::{handle, Handle, Obj, Shape};
use crate::machine::Machine;
use crate::sched::TimerKind;
use golab_bytecode::{opaque_type_words, SlotKind, TypeId, TypeKind};
use std::sync::atomic::Ordering::Relaxed;

/// The smallest heap goal (Go's 4 MB minimum heap).
pub const MIN_HEAP_GOAL: usize = 4 << 20;

/// Collection statistics.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GcStats {
    /// Collections run.
    pub cycles: u64,
    /// Objects freed in total.
    pub freed: u64,
    /// Heap bytes after the last collection.
    pub live_bytes: usize,
}

struct Marker<'a> {
    m: &'a Machine,
    marks: Vec<bool>,
    stack: Vec<Handle>,
}

impl Marker<'_> {
    #[inline]
    fn word(&mut self, w: u64) {
        let h = handle(w);
        if h == 0 {
            return;
        }
        if let Some(seen) = self.marks.get_mut(h as usize) {
            if !*seen {
                *seen = true;
                self.stack.push(h);
            }
        }
    }

    fn typed(&mut self, ty: TypeId, w: u64) {
        if self.is_ref(ty) {
            self.word(w);
        }
    }

    fn is_ref(&self, ty: TypeId) -> bool {
        self.m
            .types
            .get(ty as usize)
            .is_none_or(|t| t.slot_kind() == SlotKind::Ref)
    }

    fn scan(&mut self, h: Handle) {
        let m = self.m;
        let Some(obj) = m.heap.get(h as u64) else {
            return;
        };
        match obj {
            Obj::Free | Obj::Str(_) | Obj::Buf(_) => {}
            Obj::Words { shape, ty, w } => match shape {
                Shape::Struct => match m.types.get(*ty as usize).map(|t| &t.kind) {
                    Some(TypeKind::Struct(fields)) => {
                        for (f, a) in fields.iter().zip(w.iter()) {
                            self.typed(f.ty, a.load(Relaxed));
                        }
                    }
                    Some(TypeKind::Opaque) => {
                        let kinds = opaque_type_words(&m.types[*ty as usize].name)
                            .map(|(_, k)| k)
                            .unwrap_or(&[]);
                        for (i, a) in w.iter().enumerate() {
                            if kinds.get(i) != Some(&SlotKind::Scalar) {
                                self.word(a.load(Relaxed));
                            }
                        }
                    }
                    _ => {
                        for a in w.iter() {
                            self.word(a.load(Relaxed));
                        }
                    }
                },
                Shape::Array | Shape::Cell => {
                    if self.is_ref(*ty) {
                        for a in w.iter() {
                            self.word(a.load(Relaxed));
                        }
                    }
                }
                Shape::Globals => {
                    for (g, a) in m.prog.globals.iter().zip(w.iter()) {
                        self.typed(g.ty, a.load(Relaxed));
                    }
                }
            },
            Obj::Slice { arr, .. } => self.word(*arr as u64),
            Obj::Iface { ty, word } => self.typed(*ty, *word),
            Obj::Map(map) => {
                let (k, v) = (map.key_ty, map.val_ty);
                for (kw, vw) in map.entries.iter().flatten() {
                    self.typed(k, *kw);
                    self.typed(v, *vw);
                }
            }
            Obj::MapIter { map, .. } => self.word(*map as u64),
            Obj::Closure { caps, .. } => {
                for c in caps.iter() {
                    self.word(*c);
                }
            }
            Obj::Chan(c) => {
                if self.is_ref(c.elem_ty) {
                    for w in c.buf.iter() {
                        self.word(*w);
                    }
                    for s in c.sendq.iter() {
                        self.word(s.elem);
                    }
                }
            }
        }
    }
}

/// Whether the heap has grown past its goal.
pub(crate) fn should_collect(m: &Machine) -> bool {
    m.gc_requested || m.heap.bytes > m.gc_goal
}

/// Collects garbage; every G must be in `Sched::allgs`.
pub(crate) fn collect(m: &mut Machine) {
    m.gc_requested = false;
    let marks = vec![false; m.heap.slots()];
    let mut mk = Marker {
        m,
        marks,
        stack: Vec::new(),
    };
    // Roots.
    mk.word(m.globals as u64);
    for ws in m.const_words.iter() {
        for &w in ws {
            mk.word(w);
        }
    }
    for g in m.sched.allgs.iter().flatten() {
        for f in &g.frames {
            mk.word(f.closure);
            let func = &m.prog.functions[f.func as usize];
            let base = f.base as usize;
            for r in 0..func.num_regs as usize {
                if func.reg_kind(r) == SlotKind::Ref {
                    if let Some(&w) = g.stack.get(base + r) {
                        mk.word(w);
                    }
                }
            }
        }
        for d in &g.defers {
            mk.word(d.fnval);
            for &a in &d.args {
                mk.word(a);
            }
        }
        for p in &g.panics {
            mk.word(p.value);
        }
        for cb in std::iter::once(&g.cb).chain(g.cb_stack.iter()) {
            for r in &cb.results {
                for &w in r {
                    mk.word(w);
                }
            }
        }
        for &c in &g.select_chans {
            mk.word(c);
        }
    }
    for t in m.sched.timers.iter() {
        match t.0.kind {
            TimerKind::ChanSend { ch, .. } => mk.word(ch),
            TimerKind::GoFunc { f, .. } => mk.word(f),
            _ => {}
        }
    }
    for &addr in m.sched.semtable.keys() {
        mk.word(addr & !(1 << 63));
    }
    // Trace.
    while let Some(h) = mk.stack.pop() {
        mk.scan(h);
    }
    // Sweep.
    let marks = mk.marks;
    let mut freed = 0;
    for (h, &live) in marks.iter().enumerate().skip(1) {
        if !live && !matches!(m.heap.get(h as u64), None | Some(Obj::Free)) {
            m.heap.free(h as Handle);
            freed += 1;
        }
    }
    if m.race_on {
        // Race detector: a reused handle must start with a clean shadow.
        crate::race::swept(m);
    }
    m.gc_stats.cycles += 1;
    m.gc_stats.freed += freed;
    m.gc_stats.live_bytes = m.heap.bytes;
    m.gc_goal = (m.heap.bytes * 2).max(MIN_HEAP_GOAL);
    m.gc_just_ran = true;
}
