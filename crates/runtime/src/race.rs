//! The race detector (`go run -race`): happens-before detection of data
//! races with vector clocks, after FastTrack (Flanagan and Freund, PLDI
//! 2009) and Go's use of ThreadSanitizer.
//!
//! # Model
//!
//! Every goroutine has a *slot* (a thread id in the vector clocks) and a
//! vector clock `vc`: `vc[s]` is the last epoch of slot `s` the goroutine
//! knows to have happened before its present. Every shared word (a heap
//! word: struct field, array or slice element, cell of an escaped variable,
//! a global, or a map as a whole) has a shadow cell remembering its last
//! write and its reads as *epochs* (`clock@slot`) plus the stack of each
//! access. An access races with a remembered access from another slot when
//! that access's epoch is not covered by the accessing goroutine's clock
//! and at least one of the two is not atomic. Reads stay a single epoch
//! until two unordered reads exist (FastTrack's read-shared mode).
//!
//! Synchronisation objects are vector clocks keyed by an address and a
//! tag. The edges are those of the Go memory model, implemented where Go's
//! runtime calls into ThreadSanitizer (`racerelease`, `raceacquire`,
//! `racereleaseacquire` in chan.go, `race.Acquire`/`race.Release` in
//! package sync):
//! - `go f()`: the child starts with a copy of the parent's clock.
//! - Channels: each buffer slot is a clock; a buffered send or receive does
//!   *release-acquire* on it (so the k-th receive is before the (k+C)-th
//!   send, and a send before its receive); an unbuffered hand-off joins
//!   both goroutines' clocks (the send is before the receive completes and
//!   the receive before the send completes); `close` releases a clock that
//!   a receive seeing the close acquires. For channels of zero-size
//!   elements Go merges instead (acquire, then release-merge), and so do we.
//! - Mutex: Unlock releases, Lock acquires. RWMutex: Unlock releases the
//!   reader clock, RUnlock merges into the writer clock, RLock acquires the
//!   reader clock, Lock acquires both. WaitGroup: Done (Add < 0) merges,
//!   Wait acquires. Once: the end of `f` merges, every `Do` acquires.
//! - `sync/atomic`: sequentially consistent, so a load acquires, a store
//!   releases and read-modify-writes do both on the word's clock; atomic
//!   accesses are checked against plain accesses to the same word.
//! - `runtime.Gosched`, `time.Sleep` and everything else: no edge.
//!
//! A G that parks in a library call (a Lock handed over in starvation
//! mode, a woken RLock, Wait or Once) completes that call when it resumes
//! without re-executing it: its acquire is kept pending until then. A
//! waiter readied to *retry* the call drops it and acquires on success.
//!
//! # Reports
//! In Go's shape on stderr as soon as a race is found (`WARNING: DATA
//! RACE`, both accesses with their stacks, the creation sites of the
//! goroutines involved), and at exit `Found N data race(s)` with exit
//! status 66 (when the program would exit 0, as Go's `racefini`). Like
//! ThreadSanitizer's `suppress_equal_stacks` and `suppress_equal_addresses`,
//! a race is reported once per pair of access stacks and once per word.
//! Each report is also kept as plain data ([`RaceReport`]) for the page.
//!
//! # Cost
//! Off by default. When off, each memory instruction tests one boolean
//! (`Machine::race_on`) that is always false: a predictable branch. When
//! on, the state lives in the machine: step mode needs no locking, and
//! parallel mode runs every memory instruction under the runtime lock
//! (`parallel`), so the shadow state is thread-safe there too.
//! Shadow cells take 32 bytes per checked word, at most 1 GiB in all (past
//! that, newly touched words go unchecked). Goroutines alive at the same
//! time are limited to 8128, the limit of Go's detector before 1.19
//! (ThreadSanitizer v2; Go 1.19's v3 has none): vector clocks grow with the
//! number of slots. Slots of finished goroutines are reused only once 1024
//! slots exist, after a quarantine of 16, continuing their epochs, so
//! reuse can hide a race but never invent one.

use crate::g::G;
use crate::heap::{handle, offset, Obj};
use crate::machine::{Machine, Trap};
use crate::sched::SchedReq;
use golab_bytecode::{Program, TypeKind};
use std::collections::{HashMap, HashSet, VecDeque};

/// Goroutines alive at once (Go's detector before 1.19).
pub(crate) const MAX_LIVE_GOROUTINES: usize = 8128;
/// Slots allocated before finished goroutines' slots are reused.
const REUSE_AFTER_SLOTS: usize = 1024;
/// Shadow memory allowed (32 bytes per checked word): beyond it, new words
/// go unchecked rather than exhaust the page's memory.
const SHADOW_LIMIT_BYTES: usize = 1 << 30;
/// Entries of the stack-node cache.
const NODE_CACHE: usize = 256;
/// Finished slots kept out of reuse (ThreadSanitizer's thread quarantine).
const QUARANTINE: usize = 16;

/// How a word was accessed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AccessKind {
    /// A plain read.
    Read,
    /// A plain write.
    Write,
    /// A `sync/atomic` load (or a failed compare-and-swap).
    AtomicRead,
    /// A `sync/atomic` store, add, swap or successful compare-and-swap.
    AtomicWrite,
}

impl AccessKind {
    fn is_write(self) -> bool {
        matches!(self, AccessKind::Write | AccessKind::AtomicWrite)
    }
    fn is_atomic(self) -> bool {
        matches!(self, AccessKind::AtomicRead | AccessKind::AtomicWrite)
    }
}

/// One frame of a stack in a report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RaceFrame {
    /// Go's function name, e.g. `main.incCounter` or `main.main.func1`.
    pub function: String,
    /// The source file.
    pub file: String,
    /// The source line.
    pub line: u32,
}

/// One of the two accesses of a race.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RaceAccess {
    /// Goroutine id (1 is the main goroutine).
    pub goid: u64,
    /// Read, write, atomic.
    pub kind: AccessKind,
    /// The stack at the access, innermost frame first.
    pub stack: Vec<RaceFrame>,
    /// Where the goroutine was created (empty for the main goroutine).
    pub created_at: Vec<RaceFrame>,
    /// Whether the goroutine had finished when the race was found.
    pub finished: bool,
}

/// A reported race, as plain data (the text went to stderr too).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RaceReport {
    /// The address as the report prints it.
    pub addr: u64,
    /// The access that found the race (running now).
    pub current: RaceAccess,
    /// The earlier access it races with.
    pub previous: RaceAccess,
    /// The report's text, as printed.
    pub text: String,
}

/// An access remembered in a shadow cell, in 12 bytes: epoch
/// `clock@slot`, whether it wrote and whether it was atomic (the slot's top
/// two bits), the stack (a node of the stack trie). The goroutine is found
/// from the epoch (`Detector::incarnations`).
#[derive(Clone, Copy, Debug, Default)]
struct Access {
    slot_flags: u16,
    /// 0: no access.
    clock: u32,
    stack: u32,
}

const WRITE_FLAG: u16 = 1 << 14;
const ATOMIC_FLAG: u16 = 1 << 15;
/// Slots fit in the low 14 bits of `Access::slot_flags`.
const MAX_SLOTS: usize = 1 << 14;

impl Access {
    fn new(slot: u32, clock: u32, stack: u32, write: bool, atomic: bool) -> Access {
        let mut slot_flags = slot as u16;
        if write {
            slot_flags |= WRITE_FLAG;
        }
        if atomic {
            slot_flags |= ATOMIC_FLAG;
        }
        Access {
            slot_flags,
            clock,
            stack,
        }
    }
    fn slot(&self) -> u32 {
        (self.slot_flags & !(WRITE_FLAG | ATOMIC_FLAG)) as u32
    }
    fn write(&self) -> bool {
        self.slot_flags & WRITE_FLAG != 0
    }
    fn atomic(&self) -> bool {
        self.slot_flags & ATOMIC_FLAG != 0
    }
}

/// The shadow of one word (32 bytes): last write, reads (one epoch, or
/// several unordered ones in `more`, FastTrack's read-shared mode).
#[derive(Clone, Debug, Default)]
struct Cell {
    w: Access,
    r: Access,
    // Boxed: 8 bytes instead of a Vec's 24, as almost no cell needs it.
    #[allow(clippy::box_collection)]
    more: Option<Box<Vec<Access>>>,
}

/// A goroutine as reports name it.
struct GorInfo {
    goid: u64,
    /// Stack node of the `go` statement (0 for main).
    created_at: u32,
    finished: bool,
}

/// Library calls that synchronise.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum NativeKind {
    Plain,
    MutexLock,
    MutexTryLock,
    MutexUnlock,
    RwLock,
    RwUnlock,
    RwRLock,
    RwRUnlock,
    WgAdd,
    WgDone,
    WgWait,
    OnceDo,
    AtomicLoad,
    AtomicStore,
    AtomicRmw,
    AtomicCas,
}

fn classify(name: &str) -> NativeKind {
    use NativeKind::*;
    match name {
        "sync.(*Mutex).Lock" => return MutexLock,
        "sync.(*Mutex).TryLock" => return MutexTryLock,
        "sync.(*Mutex).Unlock" => return MutexUnlock,
        "sync.(*RWMutex).Lock" => return RwLock,
        "sync.(*RWMutex).Unlock" => return RwUnlock,
        "sync.(*RWMutex).RLock" => return RwRLock,
        "sync.(*RWMutex).RUnlock" => return RwRUnlock,
        "sync.(*WaitGroup).Add" => return WgAdd,
        "sync.(*WaitGroup).Done" => return WgDone,
        "sync.(*WaitGroup).Wait" => return WgWait,
        "sync.(*Once).Do" => return OnceDo,
        _ => {}
    }
    let Some(rest) = name.strip_prefix("atomic.") else {
        return Plain;
    };
    let op = rest.rsplit('.').next().unwrap_or(rest);
    if op.starts_with("Load") {
        AtomicLoad
    } else if op.starts_with("Store") {
        AtomicStore
    } else if op.starts_with("Add") || op.starts_with("Swap") {
        AtomicRmw
    } else if op.starts_with("CompareAndSwap") {
        AtomicCas
    } else {
        Plain
    }
}

/// A library call in progress (see [`before_native`]).
#[derive(Clone, Copy, Debug)]
pub(crate) struct NativeOp {
    kind: NativeKind,
    ptr: u64,
    arg: u64,
    /// `Once.Do` re-executed after its function returned.
    once_finishing: bool,
    /// WaitGroup: the counter before the call (0 for other calls).
    prior: u64,
    /// `WaitGroup.Wait` that will block with no other waiter.
    first_waiter: bool,
}

/// A goroutine's detector state.
struct Thread {
    vc: Vec<u32>,
    /// Callers' frames `(func, pc)` of the cached stack node.
    cache_frames: Vec<(u32, u32)>,
    cache_node: u32,
    /// An acquire to perform when the G resumes (it parked in a call that
    /// completes without re-executing).
    pending: Option<NativeOp>,
}

/// Runtime functions shown on top of an access made inside the runtime
/// (Go's reports show `runtime.mapassign_faststr()` and the like). They
/// also make such an access's stack differ from the user code's own access
/// at the same instruction, as the pcs differ in Go. Frames of runtime
/// functions have line 0 in [`RaceFrame`].
const RUNTIME_FRAMES: &[&str] = &[
    "runtime.mapaccess",
    "runtime.mapassign",
    "runtime.mapdelete",
    "runtime.mapiterinit",
    "runtime.growslice",
    "runtime.slicecopy",
];
/// The function index of `RUNTIME_FRAMES[0]` in stack nodes.
const RUNTIME_FUNC: u32 = u32::MAX - 64;

/// A runtime function an access happens in (see `RUNTIME_FRAMES`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RtFn {
    MapAccess = 0,
    MapAssign,
    MapDelete,
    MapIterInit,
    GrowSlice,
    SliceCopy,
}

// Tags of synchronisation keys (the top byte of an address word).
const TAG_MUTEX: u64 = 1 << 56;
const TAG_RW_READ: u64 = 2 << 56;
const TAG_RW_WRITE: u64 = 3 << 56;
const TAG_WG: u64 = 4 << 56;
const TAG_ONCE: u64 = 5 << 56;
const TAG_ATOMIC: u64 = 6 << 56;
const TAG_CHAN: u64 = 7 << 56;
const TAG_CLOSE: u64 = 8 << 56;
const ADDR_MASK: u64 = (1 << 56) - 1;

/// The detector's state for one run.
pub(crate) struct Detector {
    native_kinds: Vec<NativeKind>,
    slots: Vec<Option<Thread>>,
    /// The last clock each slot used (continued on reuse).
    slot_clock: Vec<u32>,
    /// Per slot, the goroutines that used it: (first clock, index in `gs`).
    incarnations: Vec<Vec<(u32, u32)>>,
    free_slots: VecDeque<u32>,
    by_goid: HashMap<u64, u32>,
    live: usize,
    gs: Vec<GorInfo>,
    /// Stack trie: node → (parent, func, pc); node 0 is the empty stack.
    nodes: Vec<(u32, u32, u32)>,
    node_index: HashMap<(u32, u32, u32), u32>,
    /// A direct-mapped cache in front of `node_index` (a loop repeats the
    /// same few accesses).
    node_cache: Vec<(u32, u32, u32, u32)>,
    /// The last goroutine looked up and its slot.
    last_goid: (u64, u32),
    /// Shadow cells by heap handle and word offset.
    shadow: Vec<Vec<Cell>>,
    /// Bytes held by shadow cells (bounded by `SHADOW_LIMIT_BYTES`).
    shadow_bytes: usize,
    sync: HashMap<u64, Vec<u32>>,
    racy_addrs: HashSet<u64>,
    racy_stacks: HashSet<(u32, u32)>,
    pub reports: Vec<RaceReport>,
}

fn vc_get(vc: &[u32], s: u32) -> u32 {
    vc.get(s as usize).copied().unwrap_or(0)
}

fn vc_join(dst: &mut Vec<u32>, src: &[u32]) {
    if dst.len() < src.len() {
        dst.resize(src.len(), 0);
    }
    for (d, s) in dst.iter_mut().zip(src) {
        if *s > *d {
            *d = *s;
        }
    }
}

impl Detector {
    /// A detector for a program whose natives are `native_names`.
    pub fn new(native_names: &[String]) -> Detector {
        Detector {
            native_kinds: native_names.iter().map(|n| classify(n)).collect(),
            slots: Vec::new(),
            slot_clock: Vec::new(),
            incarnations: Vec::new(),
            free_slots: VecDeque::new(),
            by_goid: HashMap::new(),
            live: 0,
            gs: Vec::new(),
            nodes: vec![(0, 0, 0)],
            node_index: HashMap::new(),
            node_cache: vec![(u32::MAX, 0, 0, 0); NODE_CACHE],
            last_goid: (0, 0),
            shadow: Vec::new(),
            shadow_bytes: 0,
            sync: HashMap::new(),
            racy_addrs: HashSet::new(),
            racy_stacks: HashSet::new(),
            reports: Vec::new(),
        }
    }

    fn alloc_slot(&mut self, vc: Vec<u32>, goid: u64, created_at: u32) -> u32 {
        let slot = if self.slots.len() >= REUSE_AFTER_SLOTS && self.free_slots.len() > QUARANTINE {
            self.free_slots.pop_front().unwrap_or(0)
        } else {
            self.slots.push(None);
            self.slot_clock.push(0);
            self.incarnations.push(Vec::new());
            (self.slots.len() - 1) as u32
        };
        let mut vc = vc;
        if vc.len() <= slot as usize {
            vc.resize(slot as usize + 1, 0);
        }
        let clock = vc[slot as usize]
            .max(self.slot_clock[slot as usize])
            .saturating_add(1);
        vc[slot as usize] = clock;
        self.slot_clock[slot as usize] = clock;
        self.gs.push(GorInfo {
            goid,
            created_at,
            finished: false,
        });
        let gor = (self.gs.len() - 1) as u32;
        self.incarnations[slot as usize].push((clock, gor));
        self.slots[slot as usize] = Some(Thread {
            vc,
            cache_frames: Vec::new(),
            cache_node: 0,
            pending: None,
        });
        self.by_goid.insert(goid, slot);
        self.live += 1;
        slot
    }

    /// The slot of goroutine `goid` (the main goroutine's on first use).
    fn slot(&mut self, goid: u64) -> u32 {
        if self.last_goid.0 == goid && goid != 0 {
            return self.last_goid.1;
        }
        let s = match self.by_goid.get(&goid) {
            Some(&s) => s,
            None => self.alloc_slot(Vec::new(), goid, 0),
        };
        self.last_goid = (goid, s);
        s
    }

    fn thread(&mut self, slot: u32) -> &mut Thread {
        self.slots[slot as usize]
            .as_mut()
            .expect("race: live slot has a thread")
    }

    /// Ends the slot's current epoch (after a release).
    fn tick(&mut self, slot: u32) {
        let c = self.slot_clock[slot as usize].saturating_add(1);
        self.slot_clock[slot as usize] = c;
        let t = self.thread(slot);
        if t.vc.len() <= slot as usize {
            t.vc.resize(slot as usize + 1, 0);
        }
        t.vc[slot as usize] = c;
    }

    fn acquire(&mut self, slot: u32, key: u64) {
        if let Some(s) = self.sync.get(&key) {
            let t = self.slots[slot as usize].as_mut().expect("live slot");
            vc_join(&mut t.vc, s);
        }
    }

    fn release_store(&mut self, slot: u32, key: u64) {
        let vc = self.thread(slot).vc.clone();
        self.sync.insert(key, vc);
        self.tick(slot);
    }

    fn release_merge(&mut self, slot: u32, key: u64) {
        let t = self.slots[slot as usize].as_ref().expect("live slot");
        vc_join(self.sync.entry(key).or_default(), &t.vc);
        self.tick(slot);
    }

    fn release_acquire(&mut self, slot: u32, key: u64) {
        let vc = self.thread(slot).vc.clone();
        if let Some(old) = self.sync.insert(key, vc) {
            vc_join(&mut self.thread(slot).vc, &old);
        }
        self.tick(slot);
    }

    fn intern(&mut self, parent: u32, func: u32, pc: u32) -> u32 {
        let h = (parent.wrapping_mul(0x9E37_79B9) ^ func.wrapping_mul(0x85EB_CA6B) ^ pc) as usize
            % NODE_CACHE;
        let c = self.node_cache[h];
        if c.0 == parent && c.1 == func && c.2 == pc {
            return c.3;
        }
        let n = match self.node_index.get(&(parent, func, pc)) {
            Some(&n) => n,
            None => {
                self.nodes.push((parent, func, pc));
                let n = (self.nodes.len() - 1) as u32;
                self.node_index.insert((parent, func, pc), n);
                n
            }
        };
        self.node_cache[h] = (parent, func, pc, n);
        n
    }

    /// The stack node of `g` executing the instruction before `pc` in its
    /// top frame (callers' saved pcs point after their calls).
    fn stack_of(&mut self, slot: u32, g: &G, pc: usize) -> u32 {
        let Some((top, callers)) = g.frames.split_last() else {
            return 0;
        };
        let t = self.slots[slot as usize].as_ref().expect("live slot");
        let cached = t.cache_frames.len() == callers.len()
            && t.cache_frames
                .iter()
                .zip(callers)
                .all(|(c, f)| c.0 == f.func && c.1 == f.pc);
        let parent = if cached {
            t.cache_node
        } else {
            let mut n = 0;
            for f in callers {
                n = self.intern(n, f.func, f.pc.saturating_sub(1));
            }
            let t = self.thread(slot);
            t.cache_frames = callers.iter().map(|f| (f.func, f.pc)).collect();
            t.cache_node = n;
            n
        };
        self.intern(parent, top.func, pc.saturating_sub(1) as u32)
    }

    /// Checks and records an access; returns the access it races with.
    fn check(&mut self, slot: u32, addr: u64, cur: Access) -> Option<Access> {
        let (h, off) = (handle(addr) as usize, offset(addr) as usize);
        if self.shadow.len() <= h {
            self.shadow.resize_with(h + 1, Vec::new);
        }
        let words = &mut self.shadow[h];
        if words.len() <= off {
            let grow = (off + 1 - words.len()) * std::mem::size_of::<Cell>();
            if self.shadow_bytes + grow > SHADOW_LIMIT_BYTES {
                // Out of shadow memory: this word goes unchecked (a missed
                // race, never a false one), the page stays alive.
                return None;
            }
            self.shadow_bytes += grow;
            words.resize(off + 1, Cell::default());
        }
        let cell = &mut words[off];
        let vc = &self.slots[slot as usize].as_ref().expect("live slot").vc;
        let hb = |a: &Access| a.clock == 0 || a.clock <= vc_get(vc, a.slot());
        let races = |a: &Access| !hb(a) && !(a.atomic() && cur.atomic());
        let mut race = None;
        if races(&cell.w) {
            race = Some(cell.w);
        }
        if cur.write() {
            if race.is_none() {
                let more = cell.more.as_deref().map_or(&[][..], |v| &v[..]);
                race = std::iter::once(&cell.r)
                    .chain(more.iter())
                    .find(|a| races(a))
                    .copied();
            }
            cell.w = cur;
            cell.r = Access::default();
            cell.more = None;
        } else {
            match cell.more.as_deref_mut() {
                None if hb(&cell.r) => cell.r = cur,
                None => {
                    cell.more = Some(Box::new(vec![cell.r, cur]));
                    cell.r = Access::default();
                }
                Some(more) => {
                    more.retain(|a| !hb(a));
                    more.push(cur);
                }
            }
        }
        race
    }

    fn frames(&self, prog: &Program, mut node: u32) -> Vec<RaceFrame> {
        let mut out = Vec::new();
        while node != 0 {
            let (parent, func, pc) = self.nodes[node as usize];
            if func >= RUNTIME_FUNC {
                let name = RUNTIME_FRAMES.get((func - RUNTIME_FUNC) as usize);
                out.push(RaceFrame {
                    function: name.copied().unwrap_or("runtime").to_string(),
                    file: "runtime".into(),
                    line: 0,
                });
            } else if let Some(f) = prog.functions.get(func as usize) {
                out.push(RaceFrame {
                    function: f.name.clone(),
                    file: f.file.clone(),
                    line: f.line_at(pc as usize),
                });
            }
            node = parent;
        }
        out
    }

    /// The goroutine that made access `a` (the slot's user at its epoch).
    fn gor_of(&self, a: &Access) -> u32 {
        let inc = &self.incarnations[a.slot() as usize];
        let i = inc.partition_point(|&(first, _)| first <= a.clock);
        inc[i.saturating_sub(1)].1
    }

    fn race_access(&self, prog: &Program, a: &Access, kind: AccessKind) -> RaceAccess {
        let info = &self.gs[self.gor_of(a) as usize];
        RaceAccess {
            goid: info.goid,
            kind,
            stack: self.frames(prog, a.stack),
            created_at: self.frames(prog, info.created_at),
            finished: info.finished,
        }
    }

    /// Reports a race unless its word or its pair of stacks was reported.
    fn report(
        &mut self,
        prog: &Program,
        addr: u64,
        cur: Access,
        prev: Access,
        kind: AccessKind,
        stdio: &mut crate::output::Stdio,
    ) {
        let pair = (cur.stack.min(prev.stack), cur.stack.max(prev.stack));
        if self.racy_addrs.contains(&addr) || self.racy_stacks.contains(&pair) {
            return;
        }
        self.racy_addrs.insert(addr);
        self.racy_stacks.insert(pair);
        let prev_kind = match (prev.write(), prev.atomic()) {
            (true, true) => AccessKind::AtomicWrite,
            (true, false) => AccessKind::Write,
            (false, true) => AccessKind::AtomicRead,
            (false, false) => AccessKind::Read,
        };
        let shown = 0xc000000000 + ((handle(addr) as u64) << 8) + offset(addr) as u64 * 8;
        let current = self.race_access(prog, &cur, kind);
        let previous = self.race_access(prog, &prev, prev_kind);
        let text = report_text(shown, &current, &previous);
        stdio.stderr(text.as_bytes());
        self.reports.push(RaceReport {
            addr: shown,
            current,
            previous,
            text,
        });
    }
}

fn stack_text(s: &mut String, frames: &[RaceFrame]) {
    for f in frames {
        if f.line == 0 {
            s.push_str(&format!("  {}()\n      <runtime>\n", f.function));
            continue;
        }
        let file = if f.file.starts_with('/') {
            f.file.clone()
        } else {
            format!("/{}", f.file)
        };
        s.push_str(&format!(
            "  {}()\n      {file}:{} +0x0\n",
            f.function, f.line
        ));
    }
}

fn who(goid: u64) -> String {
    if goid == 1 {
        "main goroutine".into()
    } else {
        format!("goroutine {goid}")
    }
}

/// Go's report text for one race.
fn report_text(addr: u64, cur: &RaceAccess, prev: &RaceAccess) -> String {
    // Go 1.19 prints atomic accesses as plain reads and writes.
    let word = |k: AccessKind| if k.is_write() { "write" } else { "read" };
    let mut s = String::from("==================\nWARNING: DATA RACE\n");
    let w = word(cur.kind);
    let cap = w[..1].to_uppercase() + &w[1..];
    s.push_str(&format!("{cap} at 0x{addr:012x} by {}:\n", who(cur.goid)));
    stack_text(&mut s, &cur.stack);
    s.push_str(&format!(
        "\nPrevious {} at 0x{addr:012x} by {}:\n",
        word(prev.kind),
        who(prev.goid)
    ));
    stack_text(&mut s, &prev.stack);
    let mut seen = Vec::new();
    for a in [cur, prev] {
        if a.goid == 1 || seen.contains(&a.goid) {
            continue;
        }
        seen.push(a.goid);
        let state = if a.finished { "finished" } else { "running" };
        s.push_str(&format!("\nGoroutine {} ({state}) created at:\n", a.goid));
        stack_text(&mut s, &a.created_at);
    }
    s.push_str("==================\n");
    s
}

// ---- hooks (called only when `Machine::race_on`) ----

/// A plain or atomic access by the running G to the word at `addr`
/// (`pc`: the index after the accessing instruction of its top frame).
#[cold]
pub(crate) fn access(m: &mut Machine, g: &G, addr: u64, pc: usize, kind: AccessKind) {
    access_in(m, g, addr, pc, kind, None)
}

/// An access, made inside runtime function `rt` if given.
fn access_in(m: &mut Machine, g: &G, addr: u64, pc: usize, kind: AccessKind, rt: Option<RtFn>) {
    let addr = addr & ADDR_MASK;
    let Some(d) = m.race.as_deref_mut() else {
        return;
    };
    let slot = d.slot(g.goid);
    let mut stack = d.stack_of(slot, g, pc);
    if let Some(rt) = rt {
        stack = d.intern(stack, RUNTIME_FUNC + rt as u32, 0);
    }
    let t = d.slots[slot as usize].as_ref().expect("live slot");
    let clock = vc_get(&t.vc, slot);
    let cur = Access::new(slot, clock, stack, kind.is_write(), kind.is_atomic());
    if let Some(prev) = d.check(slot, addr, cur) {
        d.report(&m.prog, addr, cur, prev, kind, &mut m.stdio);
    }
}

/// Reads (`write == false`) or writes `n` consecutive words from `addr`,
/// inside runtime function `rt` if given.
#[allow(clippy::too_many_arguments)]
fn access_range(
    m: &mut Machine,
    g: &G,
    addr: u64,
    n: usize,
    write: bool,
    pc: usize,
    rt: Option<RtFn>,
) {
    let kind = if write {
        AccessKind::Write
    } else {
        AccessKind::Read
    };
    for i in 0..n as u64 {
        access_in(m, g, addr.wrapping_add(i << 32), pc, kind, rt);
    }
}

/// `obj[idx]` read of a slice or array element (strings are immutable).
#[cold]
pub(crate) fn index(m: &mut Machine, g: &G, obj: u64, idx: u64, pc: usize) {
    let p = match m.heap.get(obj) {
        Some(Obj::Slice { arr, off, .. }) => crate::heap::ptr(*arr, off + idx as u32),
        Some(Obj::Words { .. }) => obj.wrapping_add(idx << 32),
        _ => return,
    };
    access(m, g, p, pc, AccessKind::Read);
}

/// A map as a whole (its header word): Go instruments `mapaccess` and
/// `mapiterinit` as reads, `mapassign` and `mapdelete` as writes of the map.
#[cold]
pub(crate) fn map_header(m: &mut Machine, g: &G, map: u64, rt: RtFn, pc: usize) {
    if handle(map) == 0 {
        return;
    }
    let kind = match rt {
        RtFn::MapAssign | RtFn::MapDelete => AccessKind::Write,
        _ => AccessKind::Read,
    };
    access_in(m, g, handle(map) as u64, pc, kind, Some(rt));
}

/// `len(x)`: for a map, a read of its header (Go reads the map's count);
/// strings, slice headers and channels need nothing.
#[cold]
pub(crate) fn len(m: &mut Machine, g: &G, x: u64, pc: usize) {
    if let Some(Obj::Map(_)) = m.heap.get(x) {
        access(m, g, handle(x) as u64, pc, AccessKind::Read);
    }
}

/// `map[key]` read or assigned: the map's header, then the value's own
/// slot (word 1 + entry index), which Go's compiled code reads or writes
/// through the pointer `mapaccess`/`mapassign` return.
#[cold]
pub(crate) fn map(m: &mut Machine, g: &G, map: u64, key: u64, write: bool, pc: usize) {
    let rt = if write {
        RtFn::MapAssign
    } else {
        RtFn::MapAccess
    };
    map_header(m, g, map, rt, pc);
    let entry = match m.heap.get(map) {
        Some(Obj::Map(gm)) => m
            .key(gm.key_ty, key)
            .ok()
            .and_then(|k| gm.index.get(&k).copied()),
        _ => None,
    };
    if let Some(i) = entry {
        let kind = if write {
            AccessKind::Write
        } else {
            AccessKind::Read
        };
        let p = crate::heap::ptr(handle(map), 1 + i as u32);
        access(m, g, p, pc, kind);
    }
}

/// `append(old, ...)` gave `new`: in place, it wrote the new elements;
/// growing, it read the old ones (`growslice`) and wrote the new ones in
/// the new array. `other` (for `append(s, t...)`) is read.
#[cold]
#[allow(clippy::too_many_arguments)]
pub(crate) fn append(m: &mut Machine, g: &G, old: u64, new: u64, other: u64, pc: usize) {
    let (oarr, ooff, olen, _) = m.heap.slice(old);
    let (narr, noff, nlen, _) = m.heap.slice(new);
    if let Some(Obj::Slice { arr, off, len, .. }) = m.heap.get(other) {
        let (p, l) = (crate::heap::ptr(*arr, *off), *len as usize);
        access_range(m, g, p, l, false, pc, Some(RtFn::SliceCopy));
    }
    if narr != oarr && oarr != 0 {
        let p = crate::heap::ptr(oarr, ooff);
        access_range(m, g, p, olen as usize, false, pc, Some(RtFn::GrowSlice));
    }
    let added = nlen.saturating_sub(olen) as usize;
    if narr != 0 {
        let p = crate::heap::ptr(narr, noff + olen);
        access_range(m, g, p, added, true, pc, None);
    }
}

/// `copy(dst, src)` of `n` elements (`slicecopy`).
#[cold]
pub(crate) fn copy(m: &mut Machine, g: &G, dst: u64, src: u64, n: usize, pc: usize) {
    let rt = Some(RtFn::SliceCopy);
    if let Some(Obj::Slice { arr, off, .. }) = m.heap.get(src) {
        let p = crate::heap::ptr(*arr, *off);
        access_range(m, g, p, n, false, pc, rt);
    }
    if let Some(Obj::Slice { arr, off, .. }) = m.heap.get(dst) {
        let p = crate::heap::ptr(*arr, *off);
        access_range(m, g, p, n, true, pc, rt);
    }
}

/// Every word of a struct or array value (a copy reads or writes it all).
#[cold]
pub(crate) fn object(m: &mut Machine, g: &G, w: u64, write: bool, pc: usize) {
    let n = m.heap.words(w).map_or(0, |ws| ws.len());
    let start = offset(w) as usize;
    access_range(m, g, w, n.saturating_sub(start), write, pc, None);
}

/// `go`: goroutine `child` was just created by the running G at `pc`.
/// Err: too many goroutines alive for the detector.
#[cold]
pub(crate) fn go_created(m: &mut Machine, g: &G, child: u64, pc: usize) -> Result<(), Trap> {
    let Some(d) = m.race.as_deref_mut() else {
        return Ok(());
    };
    if d.live >= MAX_LIVE_GOROUTINES || d.slots.len() >= MAX_SLOTS - 1 {
        return Err(Trap::Fatal(format!(
            "race: limit on {MAX_LIVE_GOROUTINES} simultaneously alive goroutines is exceeded, dying"
        )));
    }
    let parent = d.slot(g.goid);
    let created_at = d.stack_of(parent, g, pc);
    let vc = d.thread(parent).vc.clone();
    d.alloc_slot(vc, child, created_at);
    d.tick(parent);
    Ok(())
}

/// The detector's key for an `AfterFunc` timer: its function's handle (kept
/// alive by the timer) in a word range no Go value uses.
fn timer_key(f: u64) -> u64 {
    (f & 0xffff_ffff) | (0xfff << 32)
}

/// `time.AfterFunc` (or `Reset` of its timer) by `goid`: what `goid` did so
/// far happens before the function's goroutine starts, as Go's timers
/// release when armed and acquire when they run.
pub(crate) fn timer_armed(m: &mut Machine, goid: u64, f: u64) {
    let Some(d) = m.race.as_deref_mut() else {
        return;
    };
    let s = d.slot(goid);
    d.release_merge(s, timer_key(f));
}

/// Goroutine `child` was started by the `AfterFunc` timer of `f`.
pub(crate) fn timer_go(m: &mut Machine, child: u64, f: u64) {
    let Some(d) = m.race.as_deref_mut() else {
        return;
    };
    let vc = d.sync.get(&timer_key(f)).cloned().unwrap_or_default();
    d.alloc_slot(vc, child, 0);
}

/// Goroutine `goid` finished.
pub(crate) fn goexit(m: &mut Machine, goid: u64) {
    let Some(d) = m.race.as_deref_mut() else {
        return;
    };
    if d.last_goid.0 == goid {
        d.last_goid = (0, 0);
    }
    if let Some(slot) = d.by_goid.remove(&goid) {
        if d.slots[slot as usize].take().is_some() {
            if let Some(&(_, gor)) = d.incarnations[slot as usize].last() {
                d.gs[gor as usize].finished = true;
            }
        }
        d.free_slots.push_back(slot);
        d.live -= 1;
    }
}

/// Before a native runs: what it will do to the detector, if anything.
pub(crate) fn before_native(m: &Machine, g: &G, nid: u32, start: usize) -> Option<NativeOp> {
    let d = m.race.as_deref()?;
    let kind = d.native_kinds.get(nid as usize).copied()?;
    if kind == NativeKind::Plain {
        return None;
    }
    let raw = g.stack.get(start).copied().unwrap_or(0);
    let wg = matches!(kind, NativeKind::WgAdd | NativeKind::WgWait);
    let prior = if wg { m.heap.load(raw).unwrap_or(0) } else { 0 };
    Some(NativeOp {
        kind,
        ptr: raw & ADDR_MASK,
        arg: g.stack.get(start + 1).copied().unwrap_or(0),
        once_finishing: !g.cb.results.is_empty(),
        prior,
        first_waiter: kind == NativeKind::WgWait
            && prior != 0
            && !m.sched.semtable.contains_key(&raw),
    })
}

/// After a native ran (`result`), with its results at `g.stack[start..]`.
pub(crate) fn after_native(
    m: &mut Machine,
    g: &G,
    op: NativeOp,
    result: &Result<(), Trap>,
    start: usize,
) {
    match result {
        Ok(()) => {
            let ok = g.stack.get(start).copied().unwrap_or(0) != 0;
            complete(m, g, op, ok);
        }
        Err(Trap::Sched(SchedReq::Park)) => {
            if op.first_waiter {
                // Go's Wait "must be synchronized with the first Add": the
                // first waiter writes the WaitGroup's semaphore, which an
                // Add from zero reads (see `complete`).
                let pc = g.frames.last().map_or(0, |f| f.pc as usize);
                let sema = op.ptr.wrapping_add(1 << 32);
                access(m, g, sema, pc, AccessKind::Write);
            }
            if let Some(d) = m.race.as_deref_mut() {
                let slot = d.slot(g.goid);
                d.thread(slot).pending = Some(op);
            }
        }
        Err(_) => {}
    }
}

/// The G resumes: a call it parked in completes now.
pub(crate) fn resume(m: &mut Machine, g: &G) {
    let Some(d) = m.race.as_deref_mut() else {
        return;
    };
    let Some(&slot) = d.by_goid.get(&g.goid) else {
        return;
    };
    if let Some(op) = d.thread(slot).pending.take() {
        complete(m, g, op, true);
    }
}

/// A parked G is readied to re-execute its call (it did not complete).
pub(crate) fn retry(m: &mut Machine, goid: u64) {
    let Some(d) = m.race.as_deref_mut() else {
        return;
    };
    if let Some(&slot) = d.by_goid.get(&goid) {
        d.thread(slot).pending = None;
    }
}

/// A library call completed for the running G (`ok`: a TryLock or
/// CompareAndSwap succeeded).
fn complete(m: &mut Machine, g: &G, op: NativeOp, ok: bool) {
    use NativeKind::*;
    let p = op.ptr;
    let pc = g.frames.last().map(|f| f.pc as usize).unwrap_or(0);
    // The atomic access itself, checked against plain accesses.
    match op.kind {
        AtomicLoad => access(m, g, p, pc, AccessKind::AtomicRead),
        // An Add that starts the count from zero reads the semaphore the
        // first blocked Wait writes: an Add racing with Wait is reported.
        WgAdd if (op.arg as i64) > 0 && op.prior == 0 => {
            let sema = p.wrapping_add(1 << 32);
            access(m, g, sema, pc, AccessKind::Read)
        }
        AtomicStore | AtomicRmw => access(m, g, p, pc, AccessKind::AtomicWrite),
        AtomicCas => {
            let kind = if ok {
                AccessKind::AtomicWrite
            } else {
                AccessKind::AtomicRead
            };
            access(m, g, p, pc, kind)
        }
        _ => {}
    }
    let Some(d) = m.race.as_deref_mut() else {
        return;
    };
    let s = d.slot(g.goid);
    match op.kind {
        Plain => {}
        MutexLock => d.acquire(s, TAG_MUTEX | p),
        MutexTryLock => {
            if ok {
                d.acquire(s, TAG_MUTEX | p)
            }
        }
        MutexUnlock => d.release_store(s, TAG_MUTEX | p),
        RwLock => {
            d.acquire(s, TAG_RW_READ | p);
            d.acquire(s, TAG_RW_WRITE | p);
        }
        RwUnlock => d.release_store(s, TAG_RW_READ | p),
        RwRLock => d.acquire(s, TAG_RW_READ | p),
        RwRUnlock => d.release_merge(s, TAG_RW_WRITE | p),
        WgAdd => {
            if (op.arg as i64) < 0 {
                d.release_merge(s, TAG_WG | p)
            }
        }
        WgDone => d.release_merge(s, TAG_WG | p),
        WgWait => d.acquire(s, TAG_WG | p),
        OnceDo => {
            if op.once_finishing {
                d.release_merge(s, TAG_ONCE | p);
            }
            d.acquire(s, TAG_ONCE | p);
        }
        AtomicLoad => d.acquire(s, TAG_ATOMIC | p),
        AtomicStore => d.release_store(s, TAG_ATOMIC | p),
        AtomicRmw => d.release_acquire(s, TAG_ATOMIC | p),
        AtomicCas => {
            if ok {
                d.release_acquire(s, TAG_ATOMIC | p)
            } else {
                d.acquire(s, TAG_ATOMIC | p)
            }
        }
    }
}

fn zero_sized(m: &Machine, c: u64) -> bool {
    let ty = match m.heap.get(c) {
        Some(Obj::Chan(h)) => h.elem_ty,
        _ => return false,
    };
    match m.types.get(ty as usize).map(|t| &t.kind) {
        Some(TypeKind::Struct(f)) => f.is_empty(),
        Some(TypeKind::Array(_, n)) => *n == 0,
        _ => false,
    }
}

fn chan_key(c: u64, idx: u32) -> u64 {
    TAG_CHAN | (handle(c) as u64) | ((idx as u64 & 0xff_ffff) << 32)
}

/// Goroutine `goid` passes buffer slot `idx` of channel `c` (a buffered
/// send or receive, or one side of a hand-off through the buffer).
pub(crate) fn chan_buf(m: &mut Machine, c: u64, idx: u32, goid: u64) {
    if goid == 0 {
        return;
    }
    let zero = zero_sized(m, c);
    let Some(d) = m.race.as_deref_mut() else {
        return;
    };
    let s = d.slot(goid);
    if zero {
        let key = chan_key(c, 0);
        d.acquire(s, key);
        d.release_merge(s, key);
    } else {
        d.release_acquire(s, chan_key(c, idx));
    }
}

fn chan_state(m: &Machine, c: u64) -> Option<(u32, u32, u32)> {
    match m.heap.get(c) {
        Some(Obj::Chan(h)) => Some((h.dataqsiz, h.sendx, h.recvx)),
        _ => None,
    }
}

fn prev_slot(i: u32, size: u32) -> u32 {
    (i + size.max(1) - 1) % size.max(1)
}

/// A buffered send by `goid` just advanced `sendx` past its slot.
pub(crate) fn chan_send_buf(m: &mut Machine, c: u64, goid: u64) {
    if let Some((size, sendx, _)) = chan_state(m, c) {
        chan_buf(m, c, prev_slot(sendx, size), goid);
    }
}

/// A buffered receive by `goid` just advanced `recvx` past its slot.
pub(crate) fn chan_recv_buf(m: &mut Machine, c: u64, goid: u64) {
    if let Some((size, _, recvx)) = chan_state(m, c) {
        chan_buf(m, c, prev_slot(recvx, size), goid);
    }
}

/// A value went straight from one goroutine to a waiting one (`cur` runs,
/// `other` waited). Unbuffered: both synchronise. Buffered (a receiver
/// waiting on an empty buffer, or a sender on a full one, after which
/// `recvx` has `advanced`): both pass the slot at `recvx`, as Go does.
pub(crate) fn chan_handoff(m: &mut Machine, c: u64, cur: u64, other: u64, advanced: bool) {
    let Some((size, _, recvx)) = chan_state(m, c) else {
        return;
    };
    if size == 0 {
        chan_sync(m, cur, other);
    } else {
        let slot = if advanced {
            prev_slot(recvx, size)
        } else {
            recvx
        };
        chan_buf(m, c, slot, cur);
        chan_buf(m, c, slot, other);
    }
}

/// An unbuffered hand-off between `a` and `b` (sender and receiver, either
/// order): each completes knowing what the other did before.
pub(crate) fn chan_sync(m: &mut Machine, a: u64, b: u64) {
    let Some(d) = m.race.as_deref_mut() else {
        return;
    };
    if a == 0 || b == 0 {
        return;
    }
    let (sa, sb) = (d.slot(a), d.slot(b));
    let va = d.thread(sa).vc.clone();
    vc_join(&mut d.thread(sb).vc, &va);
    let vb = d.thread(sb).vc.clone();
    d.thread(sa).vc = vb;
    d.tick(sa);
    d.tick(sb);
}

/// `close(c)` by `goid`; `receivers` are the goroutines it wakes.
pub(crate) fn chan_close(m: &mut Machine, c: u64, goid: u64, receivers: &[u64]) {
    let Some(d) = m.race.as_deref_mut() else {
        return;
    };
    let key = TAG_CLOSE | handle(c) as u64;
    if goid != 0 {
        let s = d.slot(goid);
        d.release_merge(s, key);
    }
    for &r in receivers {
        let s = d.slot(r);
        d.acquire(s, key);
    }
}

/// `goid` received the zero value of the closed channel `c`.
pub(crate) fn chan_closed_recv(m: &mut Machine, c: u64, goid: u64) {
    let Some(d) = m.race.as_deref_mut() else {
        return;
    };
    if goid != 0 {
        let s = d.slot(goid);
        d.acquire(s, TAG_CLOSE | handle(c) as u64);
    }
}

/// After a collection: forget the shadow and clocks of freed objects, so
/// a new object at a reused handle starts clean.
pub(crate) fn swept(m: &mut Machine) {
    let Some(d) = m.race.as_deref_mut() else {
        return;
    };
    let heap = &m.heap;
    let freed = |h: u64| matches!(heap.get(h), None | Some(Obj::Free));
    for (h, cells) in d.shadow.iter_mut().enumerate() {
        if !cells.is_empty() && freed(h as u64) {
            d.shadow_bytes = d
                .shadow_bytes
                .saturating_sub(cells.len() * std::mem::size_of::<Cell>());
            *cells = Vec::new();
        }
    }
    d.sync.retain(|k, _| !freed(k & 0xffff_ffff));
    d.racy_addrs.retain(|a| !freed(a & 0xffff_ffff));
}

/// At exit with status `code`: Go's `racefini` runs when the program would
/// exit 0 (main returned, or `os.Exit(0)`): it prints `Found N data
/// race(s)` and the status becomes 66.
pub(crate) fn finish(m: &mut Machine, code: i32) -> i32 {
    match m.race.as_deref() {
        Some(d) if code == 0 && !d.reports.is_empty() => {
            let text = format!("Found {} data race(s)\n", d.reports.len());
            m.stdio.stderr(text);
            66
        }
        _ => code,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natives_are_classified_by_name() {
        assert_eq!(classify("atomic.AddInt64"), NativeKind::AtomicRmw);
        assert_eq!(classify("atomic.(*Int64).Load"), NativeKind::AtomicLoad);
        assert_eq!(classify("atomic.StoreUint32"), NativeKind::AtomicStore);
        assert_eq!(classify("atomic.SwapInt32"), NativeKind::AtomicRmw);
        assert_eq!(
            classify("atomic.(*Uint64).CompareAndSwap"),
            NativeKind::AtomicCas
        );
        assert_eq!(classify("sync.(*Mutex).Unlock"), NativeKind::MutexUnlock);
        assert_eq!(classify("fmt.Println"), NativeKind::Plain);
        assert_eq!(classify("runtime.Gosched"), NativeKind::Plain);
        assert_eq!(classify("time.Sleep"), NativeKind::Plain);
    }

    #[test]
    fn release_then_acquire_orders_accesses() {
        let mut d = Detector::new(&[]);
        let a = d.slot(1);
        let b = d.alloc_slot(Vec::new(), 6, 0);
        let acc = |d: &Detector, s: u32, write: bool| {
            let clock = vc_get(&d.slots[s as usize].as_ref().unwrap().vc, s);
            Access::new(s, clock, 1, write, false)
        };
        let w = acc(&d, a, true);
        assert!(d.check(a, 5, w).is_none());
        // Unordered: b's read races with a's write.
        let r = acc(&d, b, false);
        assert!(d.check(b, 5, r).is_some());
        // Ordered by a release/acquire pair: no race.
        let w = acc(&d, a, true);
        d.check(a, 7, w);
        d.release_store(a, TAG_MUTEX | 9);
        d.acquire(b, TAG_MUTEX | 9);
        let r = acc(&d, b, false);
        assert!(d.check(b, 7, r).is_none());
        // Two unordered reads are no race; a write after both is, unless ordered.
        let r1 = acc(&d, a, false);
        assert!(d.check(a, 8, r1).is_none());
        let r2 = acc(&d, b, false);
        assert!(d.check(b, 8, r2).is_none());
        let w = acc(&d, a, true);
        assert!(d.check(a, 8, w).is_some());
    }

    #[test]
    fn shadow_cells_stay_small() {
        assert_eq!(std::mem::size_of::<Access>(), 12);
        assert_eq!(std::mem::size_of::<Cell>(), 32);
    }

    #[test]
    fn reused_slots_name_the_right_goroutine() {
        let mut d = Detector::new(&[]);
        let a = d.alloc_slot(Vec::new(), 7, 0);
        let first = Access::new(a, vc_get(&d.thread(a).vc, a), 1, true, false);
        d.slots[a as usize] = None;
        d.slot_clock[a as usize] += 5;
        d.by_goid.clear();
        d.free_slots.push_back(a);
        // Force reuse of the same slot by a second goroutine.
        d.slots.resize_with(REUSE_AFTER_SLOTS, || None);
        d.slot_clock.resize(REUSE_AFTER_SLOTS, 0);
        d.incarnations.resize(REUSE_AFTER_SLOTS, Vec::new());
        for i in 0..=QUARANTINE as u32 {
            d.free_slots.push_back(100 + i);
        }
        let b = d.alloc_slot(Vec::new(), 9, 0);
        assert_eq!(b, a);
        let second = Access::new(b, vc_get(&d.thread(b).vc, b), 1, true, false);
        assert!(second.clock > first.clock);
        assert_eq!(d.gs[d.gor_of(&first) as usize].goid, 7);
        assert_eq!(d.gs[d.gor_of(&second) as usize].goid, 9);
    }

    #[test]
    fn report_text_has_go_shape() {
        let f = |l| RaceFrame {
            function: "main.main".into(),
            file: "prog.go".into(),
            line: l,
        };
        let cur = RaceAccess {
            goid: 7,
            kind: AccessKind::Read,
            stack: vec![f(14)],
            created_at: vec![f(12)],
            finished: false,
        };
        let prev = RaceAccess {
            goid: 1,
            kind: AccessKind::Write,
            stack: vec![f(10)],
            created_at: vec![],
            finished: false,
        };
        let t = report_text(0xc000001008, &cur, &prev);
        assert_eq!(
            t,
            "==================\nWARNING: DATA RACE\n\
             Read at 0x00c000001008 by goroutine 7:\n  main.main()\n      /prog.go:14 +0x0\n\n\
             Previous write at 0x00c000001008 by main goroutine:\n  main.main()\n      /prog.go:10 +0x0\n\n\
             Goroutine 7 (running) created at:\n  main.main()\n      /prog.go:12 +0x0\n\
             ==================\n"
        );
    }
}
