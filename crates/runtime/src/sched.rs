//! The goroutine scheduler, after Go's `proc.go`.
//!
//! # Design
//!
//! Go multiplexes goroutines (G) onto operating-system threads (M). An M
//! must hold a processor (P) to run Go code; there are exactly GOMAXPROCS
//! Ps. Every P has a local run queue of 256 Gs plus `runnext`, a one-slot
//! fast path for the G most recently made runnable by the running G; a
//! global run queue catches overflow, preempted Gs and `Gosched` callers.
//! An M whose P runs out of work looks in this order (`findRunnable`): the
//! global queue every 61st scheduling tick (fairness), `runnext`, the local
//! queue, a batch from the global queue, then it steals half of another P's
//! queue (4 passes over the Ps in random order, `runnext` only on the last
//! pass), and finally it releases its P and parks (`stopm`).
//!
//! Blocking system calls (`entersyscall`) keep the M and the G together and
//! leave the P loosely attached (`_Psyscall`); `sysmon` retakes the P after
//! one tick when there is other work and hands it to another M (`handoffp`,
//! `startm`, creating a thread if none is idle, within `debug.SetMaxThreads`).
//! On return (`exitsyscall`) the G takes its old P back, else an idle P, else
//! it goes to the global queue and the M parks.
//!
//! # Step mode: virtual Ms, virtual time
//!
//! This module holds the scheduler state (`Sched`: Gs, Ps, Ms, the global
//! queue, timers) and the functions that move Gs between queues. In step
//! mode all Ms are virtual and multiplexed on one host thread by
//! `run`: it gives every P that has an M a *turn* (one P at a time, in an
//! order drawn from the run's seed; with GOMAXPROCS > 1 a turn is a short
//! seeded quantum of instructions so the Ps interleave finely), and advances
//! virtual time by the longest turn of the round, since the Ps run in
//! parallel. Parallel mode (`parallel`) calls the same queue functions
//! from real threads under one lock; nothing here assumes a single P
//! except the step-mode driver loop (`run`, `round`, `turn`).
//!
//! Virtual time: `INSTR_PER_NS` instructions take one nanosecond, i.e. an
//! instruction costs 0.25 ns. This is calibrated so compute-bound code takes
//! about as long in virtual time as the same Go program natively on a
//! current x86 core (Go in Action's listing 04, two goroutines printing the
//! primes below 50,000 with GOMAXPROCS 1: Go 1.19 switches 40-59 times, we
//! switch about 50 times; chapter 3's two prime finders: ~35 ms natively,
//! ~34 ms virtual). So the 10 ms preemption slice (`forcePreemptNS`) is
//! 40,000,000 instructions, and `time.Sleep(d)` waits `d` of the same
//! clock. When every P is idle and a timer (or a system call
//! in flight) is pending, time jumps to it, like the Go playground's fake
//! clock. When nothing at all can ever run, `checkdead` reports Go's
//! deadlock.
//!
//! # Parallel mode: the same functions under one lock
//!
//! The queue functions (`runqput`, `runqget`, `runqsteal`, `globrunqput`,
//! `globrunqget`, `goready`, `wakep`, `handoffp`, `exitsyscall`) and the
//! per-G steps (`find_runnable`, `execute_g`, `after_execute`, `preempt`,
//! `procresize`, `checkdead`) take `&mut Machine` or `&mut Sched` and are
//! shared with `parallel`, whose M threads call them holding the runtime
//! lock (Go's local run queues are lock-free; ours are guarded by that one
//! lock, which keeps them correct at the price of contention). There the
//! clock is real (`Sched::now` follows the host's clock), `Sched::parallel`
//! is set, a G being run outside the lock is out of `Sched::allgs` (so no
//! two Ms can run it), and the collector and GOMAXPROCS changes wait for a
//! stop-the-world instead of running at once (`after_execute`). Plain Go
//! loads and stores are relaxed atomics on heap words.
//!
//! # Rejected alternatives
//!
//! A round-robin of Gs with no Ps (the first version of this runtime) cannot
//! show `runnext`, stealing or hand-off; real threads in step mode would not
//! be reproducible. Preempting by instruction count instead of by a timer
//! signal keeps the hot loop to one counter decrement.
//!
//! # Invariants (checked by `Sched::check_invariants`)
//!
//! - A G is in at most one place: one P's `runnext`, one P's local queue,
//!   the global queue, running on one M, waiting, or in a syscall on one M.
//! - A G on a run queue is `_Grunnable`; a running G is `_Grunning` and is
//!   the `curg` of exactly one M, which holds a P; a G in a syscall is
//!   `_Gsyscall` and is the `curg` of an M in a syscall.
//! - An idle P (`_Pidle`) is in `pidle` and has no M; a running P has an M
//!   whose `p` is that P.
//! - `runqtail - runqhead <= 256`.

use crate::g::{GStatus, G};
use crate::machine::Machine;
use crate::trace::{EvKind, Event};
use crate::Output;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, VecDeque};

/// Index of a G in `Sched::allgs`.
pub(crate) type GIdx = u32;
/// Index of a P in `Sched::allp`.
pub(crate) type PIdx = u32;
/// Index of an M in `Sched::allm`.
pub(crate) type MIdx = u32;

/// "No G / no P / no M".
pub const NIL: u32 = u32::MAX;

/// Instructions per virtual nanosecond (see the module docs).
pub(crate) const INSTR_PER_NS: i64 = 4;

/// The most Ps a program may have: Go's `_MaxGomaxprocs` (1024). Applied to
/// the initial GOMAXPROCS and to `runtime.GOMAXPROCS(n)`; the page's own,
/// lower ceilings are the app's (`src/engine/gomaxprocs.rs`).
pub(crate) const MAX_GOMAXPROCS: u32 = 1 << 10;

/// Instructions that take `ns` virtual nanoseconds (at least 1).
fn instrs_for(ns: i64) -> u64 {
    ns.saturating_mul(INSTR_PER_NS).max(1) as u64
}
/// Go's `forcePreemptNS`: a G running this long is preempted.
pub(crate) const FORCE_PREEMPT_NS: i64 = 10_000_000;
/// One sysmon tick (its shortest sleep, 20 µs).
pub(crate) const SYSMON_TICK_NS: i64 = 20_000;
/// Instructions between chances for the collector to run.
pub(crate) const GC_CHECK_INSTRUCTIONS: u64 = 1 << 16;
/// P0's `schedtick` when `main.main` starts (see `Sched::new`).
pub(crate) const STARTUP_SCHEDTICK: u32 = 2;
/// How long a parked M takes to wake up and start running its P after
/// `startm` (a futex wake and a thread switch: a few microseconds). Without
/// it a woken waiter would beat the goroutine that woke it, which Go's
/// `sync.Mutex` starvation mode exists to counter.
pub(crate) const M_WAKE_NS: i64 = 5_000;
/// Size of a P's local run queue.
pub(crate) const RUNQ_SIZE: u32 = 256;
/// Go's default `sched.maxmcount`.
pub(crate) const DEFAULT_MAX_THREADS: u32 = 10_000;
/// Goids of the runtime's own goroutines in Go 1.19 (forcegc, bgsweep,
/// bgscavenge, finalizer) come before the first user goroutine, which is
/// goroutine 6.
pub(crate) const FIRST_USER_GOID: u64 = 6;

/// Why a G is waiting (`waitReason`, runtime2.go). `as_str` is Go's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum WaitReason {
    /// No reason.
    #[default]
    Zero,
    /// `chan receive (nil chan)`
    ChanReceiveNilChan,
    /// `chan send (nil chan)`
    ChanSendNilChan,
    /// `select (no cases)`
    SelectNoCases,
    /// `select`
    Select,
    /// `chan receive`
    ChanReceive,
    /// `chan send`
    ChanSend,
    /// `sleep`
    Sleep,
    /// `semacquire`
    Semacquire,
    /// `sync.Mutex.Lock` (Go 1.19 prints `semacquire`)
    SyncMutexLock,
    /// `sync.RWMutex.RLock` (Go 1.19 prints `semacquire`)
    SyncRWMutexRLock,
    /// `sync.RWMutex.Lock` (Go 1.19 prints `semacquire`)
    SyncRWMutexLock,
    /// `sync.WaitGroup.Wait` (Go 1.19 prints `semacquire`)
    SyncWaitGroupWait,
    /// `sync.Once.Do` waiting for another goroutine's call (`semacquire`)
    SyncOnceDo,
}

impl WaitReason {
    /// The reason's text (newest Go naming, used by snapshots).
    pub fn as_str(self) -> &'static str {
        match self {
            WaitReason::Zero => "",
            WaitReason::ChanReceiveNilChan => "chan receive (nil chan)",
            WaitReason::ChanSendNilChan => "chan send (nil chan)",
            WaitReason::SelectNoCases => "select (no cases)",
            WaitReason::Select => "select",
            WaitReason::ChanReceive => "chan receive",
            WaitReason::ChanSend => "chan send",
            WaitReason::Sleep => "sleep",
            WaitReason::Semacquire => "semacquire",
            WaitReason::SyncMutexLock => "sync.Mutex.Lock",
            WaitReason::SyncRWMutexRLock => "sync.RWMutex.RLock",
            WaitReason::SyncRWMutexLock => "sync.RWMutex.Lock",
            WaitReason::SyncWaitGroupWait => "sync.WaitGroup.Wait",
            WaitReason::SyncOnceDo => "sync.Once.Do",
        }
    }

    /// The text Go 1.19 prints in tracebacks (its sync package parks every
    /// waiter with `semacquire`).
    pub fn go119_str(self) -> &'static str {
        match self {
            WaitReason::SyncMutexLock
            | WaitReason::SyncRWMutexRLock
            | WaitReason::SyncRWMutexLock
            | WaitReason::SyncWaitGroupWait
            | WaitReason::SyncOnceDo => "semacquire",
            other => other.as_str(),
        }
    }
}

/// A P's status (runtime2.go).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PStatus {
    /// Not used to run user code; on the idle list.
    Pidle,
    /// Owned by an M running user code or the scheduler.
    Prunning,
    /// Its M is in a system call; may be retaken by sysmon.
    Psyscall,
}

/// A processor (`p`).
pub(crate) struct P {
    /// Index (Go's `p.id`).
    pub id: PIdx,
    /// Status.
    pub status: PStatus,
    /// The M holding this P (`NIL` when idle).
    pub m: MIdx,
    /// Incremented on every scheduler call that does not inherit the slice.
    pub schedtick: u32,
    /// Incremented on every system call.
    pub syscalltick: u32,
    /// Virtual time when `schedtick` last changed (sysmon's `schedwhen`).
    pub schedwhen: i64,
    /// Virtual time the current system call started (sysmon's `syscallwhen`).
    pub syscallwhen: i64,
    /// Local run queue (a ring indexed by `runqhead`/`runqtail` mod 256).
    pub runq: Box<[GIdx; RUNQ_SIZE as usize]>,
    /// Head of the local queue (next to run).
    pub runqhead: u32,
    /// Tail of the local queue.
    pub runqtail: u32,
    /// The G to run next, ahead of the local queue (`NIL` if none).
    pub runnext: GIdx,
    /// A G the reader chose to run next on this P (step mode), `NIL` if none.
    pub chosen: GIdx,
    /// Virtual time before which the M that just took this P is still
    /// waking up (`startm` → futex wake), so it runs nothing yet.
    pub wake_at: i64,
}

impl P {
    fn new(id: PIdx) -> P {
        P {
            id,
            status: PStatus::Pidle,
            m: NIL,
            schedtick: 0,
            syscalltick: 0,
            schedwhen: 0,
            syscallwhen: 0,
            runq: Box::new([NIL; RUNQ_SIZE as usize]),
            runqhead: 0,
            runqtail: 0,
            runnext: NIL,
            chosen: NIL,
            wake_at: 0,
        }
    }

    /// Whether the local queue and `runnext` are empty (`runqempty`).
    pub fn runqempty(&self) -> bool {
        self.runqhead == self.runqtail && self.runnext == NIL
    }

    /// The local queue from head to tail (without `runnext`).
    pub fn runq_list(&self) -> Vec<GIdx> {
        (self.runqhead..self.runqtail)
            .map(|i| self.runq[(i % RUNQ_SIZE) as usize])
            .collect()
    }
}

/// What an M is doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum MStatus {
    /// Holds a P and runs Gs (or looks for one).
    Running,
    /// Blocked in a system call with its G.
    Syscall,
    /// Parked on the idle list (`stopm`).
    Idle,
}

/// A machine: an OS thread in Go, virtual in step mode (`m`).
pub(crate) struct M {
    /// Index (Go's `m.id`).
    pub id: MIdx,
    /// The P it holds (`NIL` if none).
    pub p: PIdx,
    /// The G it runs or is in a syscall with (`NIL` if none).
    pub curg: GIdx,
    /// Status.
    pub status: MStatus,
    /// Looking for work without having found any yet.
    pub spinning: bool,
    /// The P it held when it entered a syscall (`m.oldp`).
    pub oldp: PIdx,
}

/// What a timer does when it fires.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum TimerKind {
    /// `time.Sleep`: ready the G with this goid.
    Wake {
        /// The sleeping G.
        g: GIdx,
        /// Its goid (guards against a reused slot).
        goid: u64,
    },
    /// `time.After`/`Tick`: send the time on a channel (non-blocking);
    /// `period > 0` re-arms it.
    ChanSend {
        /// The channel word.
        ch: u64,
        /// Re-arm period (0 for one-shot).
        period: i64,
        /// A `time.Timer`'s id (0 for `After`/`Tick`): the timer fires only
        /// while its id is in `Sched::live_timers` (`Stop`, `Reset`).
        id: u64,
    },
    /// `time.AfterFunc`: start a goroutine running the func value `f`
    /// (Go's `goFunc`), while the timer's id is live.
    GoFunc {
        /// The func value word.
        f: u64,
        /// The `time.Timer`'s id (`Stop` and `Reset` cancel it).
        id: u64,
    },
    /// A blocking system call of M `m` completes.
    SyscallDone {
        /// The M in the syscall.
        m: MIdx,
    },
}

/// A pending timer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Timer {
    /// Virtual time it fires.
    pub when: i64,
    /// Creation order (ties fire in creation order).
    pub seq: u64,
    /// Action.
    pub kind: TimerKind,
}

/// The scheduler state (`schedt` plus `allgs`, `allp`, `allm`).
pub(crate) struct Sched {
    /// Every G ever allocated; `None` while the G is executing (the
    /// interpreter owns it) — dead Gs stay for reuse (`gfree`).
    pub allgs: Vec<Option<Box<G>>>,
    /// Dead Gs available for reuse.
    pub gfree: Vec<GIdx>,
    /// The main goroutine ended by `runtime.Goexit`: the program runs on
    /// until the other goroutines end or block.
    pub main_goexit: bool,
    /// The Ps.
    pub allp: Vec<P>,
    /// The Ms.
    pub allm: Vec<M>,
    /// The global run queue.
    pub runq: VecDeque<GIdx>,
    /// Idle Ps.
    pub pidle: Vec<PIdx>,
    /// Idle Ms.
    pub midle: Vec<MIdx>,
    /// GOMAXPROCS.
    pub gomaxprocs: u32,
    /// A GOMAXPROCS change to apply at the next instruction boundary.
    pub newprocs: u32,
    /// Thread limit (`debug.SetMaxThreads`).
    pub maxmcount: u32,
    /// Virtual time at the start of the current round.
    pub now: i64,
    /// Instructions executed since `now` that make less than a nanosecond.
    pub now_rem: u64,
    /// Pending timers.
    pub timers: BinaryHeap<Reverse<Timer>>,
    /// Ids of `time.Timer`s that are armed (see `TimerKind::ChanSend`).
    pub live_timers: std::collections::HashSet<u64>,
    /// Last `time.Timer` id given out.
    pub timer_ids: u64,
    timer_seq: u64,
    /// The P whose turn it is.
    pub cur_p: PIdx,
    /// Instructions the current P has used in its turn so far.
    pub turn_used: u64,
    /// Budget and remaining instructions of the execution in progress (the
    /// interpreter writes `exec_left` before natives, for `nanotime`).
    pub exec_budget: u64,
    /// See `exec_budget`.
    pub exec_left: u64,
    /// Semaphore wait queues by address (`semtable`).
    pub semtable: HashMap<u64, VecDeque<GIdx>>,
    /// Next goid.
    pub next_goid: u64,
    /// Live goroutines.
    pub gcount: usize,
    /// Recorded events, when tracing is on.
    pub trace: Option<Vec<Event>>,
    /// Events the trace keeps at most ([`crate::Config::max_trace_events`]);
    /// later ones are counted in `trace_dropped`, and the run goes on.
    pub trace_limit: usize,
    /// Events not recorded because the trace was full.
    pub trace_dropped: u64,
    /// Whether plain memory accesses to shared words are traced.
    pub trace_mem: bool,
    /// Number of scheduling events so far (counted even without a trace).
    pub nevents: u64,
    /// Stop the running G at the next scheduling event (step mode).
    pub event_break: bool,
    /// Set when an event happened while `event_break` was on.
    pub break_now: bool,
    /// Channels made so far (ids for snapshots).
    pub nchans: u64,
    /// The scheduler's own random state (seeded).
    rng: u64,
    /// Whether `main.main` has started (Go starts extra Ms only after).
    pub main_started: bool,
    /// Goid of the G executing right now (0 in the scheduler itself).
    pub cur_goid: u64,
    /// Source line of the instruction being executed (kept only while
    /// tracing, for the events it raises).
    pub cur_line: u32,
    /// A P started running mid-round (`startm`): end the round so the
    /// next one interleaves it with the others.
    pub resched: bool,
    /// Parallel mode: Ms are real threads (see `parallel`), the clock is
    /// real, and collections and GOMAXPROCS changes stop the world first.
    pub parallel: bool,
    /// Parallel mode: the host's cap on real threads (0: none), see
    /// `Config::max_threads`.
    pub host_max_threads: u32,
}

/// How the current G stopped, as the scheduler sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SchedReq {
    /// The G blocked (`gopark`): its wait reason is set and it is enqueued
    /// wherever it waits.
    Park,
    /// `runtime.Gosched`.
    Gosched,
    /// A blocking system call lasting this many virtual nanoseconds.
    Syscall(i64),
    /// Stop the world (GOMAXPROCS changed): the G keeps its P.
    Stw,
    /// A scheduling event happened while stepping by events.
    Break,
    /// An allocation would pass the heap goal: collect, then re-execute
    /// the instruction.
    Collect,
}

impl Sched {
    /// A scheduler with `gomaxprocs` Ps, M0 holding P0, and no Gs.
    pub fn new(gomaxprocs: u32, seed: u64) -> Sched {
        let n = gomaxprocs.clamp(1, MAX_GOMAXPROCS);
        let mut s = Sched {
            allgs: Vec::new(),
            gfree: Vec::new(),
            main_goexit: false,
            allp: (0..n).map(P::new).collect(),
            allm: Vec::new(),
            runq: VecDeque::new(),
            pidle: Vec::new(),
            midle: Vec::new(),
            gomaxprocs: n,
            newprocs: 0,
            maxmcount: DEFAULT_MAX_THREADS,
            now: 0,
            now_rem: 0,
            timers: BinaryHeap::new(),
            live_timers: Default::default(),
            timer_ids: 0,
            timer_seq: 0,
            cur_p: 0,
            turn_used: 0,
            exec_budget: 0,
            exec_left: 0,
            semtable: HashMap::new(),
            next_goid: FIRST_USER_GOID,
            gcount: 0,
            trace: None,
            trace_limit: usize::MAX,
            trace_dropped: 0,
            trace_mem: false,
            nevents: 0,
            event_break: false,
            break_now: false,
            nchans: 0,
            rng: seed ^ 0x5DEE_CE66_D1CE_4E5B,
            main_started: false,
            cur_goid: 0,
            cur_line: 0,
            resched: false,
            parallel: false,
            host_max_threads: 0,
        };
        s.allm.push(M {
            id: 0,
            p: 0,
            curg: NIL,
            status: MStatus::Running,
            spinning: false,
            oldp: NIL,
        });
        s.allp[0].status = PStatus::Prunning;
        s.allp[0].m = 0;
        // Before main.main, Go 1.19's runtime.main has P0 schedule its own
        // goroutines (forcegchelper, bgsweep, bgscavenge) twice from the
        // local queue, so user code starts at schedtick 2, not at a
        // multiple of 61.
        s.allp[0].schedtick = STARTUP_SCHEDTICK;
        for i in (1..n).rev() {
            s.pidle.push(i);
        }
        s
    }

    /// `fastrand`: the scheduler's seeded random numbers.
    pub fn fastrand(&mut self) -> u32 {
        self.rng = self.rng.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.rng;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        (z ^ (z >> 31)) as u32
    }

    /// A random number in `0..n` (`fastrandn`).
    pub fn fastrandn(&mut self, n: u32) -> u32 {
        ((self.fastrand() as u64 * n as u64) >> 32) as u32
    }

    /// Virtual time as seen by the code running now.
    pub fn nanotime(&self) -> i64 {
        self.now
            + ((self.now_rem + self.turn_used + self.exec_budget.saturating_sub(self.exec_left))
                / INSTR_PER_NS as u64) as i64
    }

    /// The G at `gi` (not while it executes).
    pub fn g(&self, gi: GIdx) -> Option<&G> {
        self.allgs.get(gi as usize).and_then(|g| g.as_deref())
    }

    /// Mutable access to the G at `gi` (not while it executes).
    pub fn g_mut(&mut self, gi: GIdx) -> Option<&mut G> {
        self.allgs
            .get_mut(gi as usize)
            .and_then(|g| g.as_deref_mut())
    }

    /// Appends to the trace while it has room; a full trace counts what it
    /// drops (a view's record must never end the program).
    fn record(&mut self, e: Event) {
        if let Some(t) = &mut self.trace {
            if t.len() < self.trace_limit {
                t.push(e);
            } else {
                self.trace_dropped += 1;
            }
        }
    }

    /// Records an event (counts it even when tracing is off).
    pub fn event(&mut self, kind: EvKind, g: u64, arg: u64, arg2: u64) {
        self.nevents += 1;
        if self.event_break && kind.is_sched() {
            self.break_now = true;
        }
        if self.trace.is_some() {
            let ts = self.nanotime();
            let p = self.cur_p;
            let m = self.allp.get(p as usize).map(|p| p.m).unwrap_or(NIL);
            let line = self.cur_line;
            self.record(Event {
                ts,
                kind,
                p,
                m,
                g,
                arg,
                arg2,
                reason: WaitReason::Zero,
                line,
            });
        }
    }

    /// Records a memory-access event (`MemRead`/`MemWrite`/`MemAtomic`)
    /// with the source line of the access.
    pub fn mem_event(&mut self, kind: EvKind, goid: u64, addr: u64, v: u64, line: u32) {
        let ts = self.nanotime();
        let p = self.cur_p;
        let m = self.allp.get(p as usize).map(|p| p.m).unwrap_or(NIL);
        self.record(Event {
            ts,
            kind,
            p,
            m,
            g: goid,
            arg: addr,
            arg2: v,
            reason: WaitReason::Zero,
            line,
        });
    }

    fn event_on(&mut self, kind: EvKind, p: PIdx, m: MIdx, g: u64, arg: u64, reason: WaitReason) {
        self.nevents += 1;
        if self.event_break && kind.is_sched() {
            self.break_now = true;
        }
        if self.trace.is_some() {
            let ts = self.nanotime();
            let line = self.cur_line;
            self.record(Event {
                ts,
                kind,
                p,
                m,
                g,
                arg,
                arg2: 0,
                reason,
                line,
            });
        }
    }

    fn goid_of(&self, gi: GIdx) -> u64 {
        self.g(gi).map(|g| g.goid).unwrap_or(0)
    }

    // ---- G allocation ----

    /// Stores a new G (reusing a dead slot, `gfget`); returns its index.
    pub fn allocg(&mut self, mut g: G) -> GIdx {
        let gi = match self.gfree.pop() {
            Some(i) => i,
            None => {
                self.allgs.push(None);
                (self.allgs.len() - 1) as GIdx
            }
        };
        g.idx = gi;
        self.allgs[gi as usize] = Some(Box::new(g));
        self.gcount += 1;
        gi
    }

    /// A G exited (`goexit0` → `gfput`).
    pub fn gfput(&mut self, mut g: Box<G>) {
        g.status = GStatus::Gdead;
        g.stack = Vec::new();
        g.frames = Vec::new();
        g.defers = Vec::new();
        g.panics = Vec::new();
        let gi = g.idx;
        self.allgs[gi as usize] = Some(g);
        self.gfree.push(gi);
        self.gcount -= 1;
    }

    // ---- run queues ----

    /// `runqput`: puts `gi` on P `pi`'s local queue; with `next`, into
    /// `runnext`, kicking the old `runnext` to the tail. A full queue moves
    /// half of it to the global queue (`runqputslow`). Executed only by the
    /// owner P (step mode: always).
    pub fn runqput(&mut self, pi: PIdx, mut gi: GIdx, next: bool) {
        let pp = &mut self.allp[pi as usize];
        if next {
            let old = pp.runnext;
            pp.runnext = gi;
            if old == NIL {
                return;
            }
            gi = old;
        }
        let (h, t) = (pp.runqhead, pp.runqtail);
        if t.wrapping_sub(h) < RUNQ_SIZE {
            pp.runq[(t % RUNQ_SIZE) as usize] = gi;
            pp.runqtail = t.wrapping_add(1);
            return;
        }
        self.runqputslow(pi, gi);
    }

    /// `runqputslow`: moves half of a full local queue plus `gi` to the
    /// global queue.
    fn runqputslow(&mut self, pi: PIdx, gi: GIdx) {
        let pp = &mut self.allp[pi as usize];
        let n = pp.runqtail.wrapping_sub(pp.runqhead) / 2;
        let mut batch = Vec::with_capacity(n as usize + 1);
        for i in 0..n {
            batch.push(pp.runq[(pp.runqhead.wrapping_add(i) % RUNQ_SIZE) as usize]);
        }
        pp.runqhead = pp.runqhead.wrapping_add(n);
        batch.push(gi);
        self.runq.extend(batch);
    }

    /// `runqget`: `runnext` first (inheriting the time slice), else the head
    /// of the local queue.
    pub fn runqget(&mut self, pi: PIdx) -> Option<(GIdx, bool)> {
        let pp = &mut self.allp[pi as usize];
        if pp.runnext != NIL {
            let g = pp.runnext;
            pp.runnext = NIL;
            return Some((g, true));
        }
        if pp.runqhead == pp.runqtail {
            return None;
        }
        let g = pp.runq[(pp.runqhead % RUNQ_SIZE) as usize];
        pp.runqhead = pp.runqhead.wrapping_add(1);
        Some((g, false))
    }

    /// `globrunqput`: to the tail of the global queue. sched.lock held.
    pub fn globrunqput(&mut self, gi: GIdx) {
        self.runq.push_back(gi);
    }

    /// `globrunqget`: a batch from the global queue for P `pi` (at most
    /// `max` if non-zero); returns the first G, the rest go to the local
    /// queue.
    pub fn globrunqget(&mut self, pi: PIdx, max: u32) -> Option<GIdx> {
        let size = self.runq.len() as u32;
        if size == 0 {
            return None;
        }
        let mut n = size / self.gomaxprocs + 1;
        if n > size {
            n = size;
        }
        if max > 0 && n > max {
            n = max;
        }
        if n > RUNQ_SIZE / 2 {
            n = RUNQ_SIZE / 2;
        }
        let gp = self.runq.pop_front()?;
        for _ in 1..n {
            if let Some(g) = self.runq.pop_front() {
                self.runqput(pi, g, false);
            }
        }
        Some(gp)
    }

    /// `runqgrab`: takes half of P `victim`'s local queue (its `runnext`
    /// too when `steal_runnext` and the queue is empty).
    fn runqgrab(&mut self, victim: PIdx, steal_runnext: bool) -> Vec<GIdx> {
        let pp = &mut self.allp[victim as usize];
        let n = pp.runqtail.wrapping_sub(pp.runqhead);
        let n = n - n / 2;
        if n == 0 {
            if steal_runnext && pp.runnext != NIL {
                let g = pp.runnext;
                pp.runnext = NIL;
                return vec![g];
            }
            return Vec::new();
        }
        let batch = (0..n)
            .map(|i| pp.runq[(pp.runqhead.wrapping_add(i) % RUNQ_SIZE) as usize])
            .collect();
        pp.runqhead = pp.runqhead.wrapping_add(n);
        batch
    }

    /// `runqsteal`: steals half of `victim`'s queue into `pi`'s; returns
    /// one G to run.
    pub fn runqsteal(&mut self, pi: PIdx, victim: PIdx, steal_runnext: bool) -> Option<GIdx> {
        let mut batch = self.runqgrab(victim, steal_runnext);
        let gp = batch.pop()?;
        let n = batch.len() as u64 + 1;
        for g in batch {
            self.runqput(pi, g, false);
        }
        let goid = self.goid_of(gp);
        self.event(EvKind::Steal, goid, n, victim as u64);
        Some(gp)
    }

    // ---- making Gs runnable ----

    /// `ready`/`goready`: a waiting G becomes runnable in the current P's
    /// `runnext`, and an idle P is woken if there is one.
    pub fn goready(&mut self, gi: GIdx) {
        let goid = match self.g_mut(gi) {
            Some(g) => {
                g.status = GStatus::Grunnable;
                g.wait_reason = WaitReason::Zero;
                g.waiting_on = 0;
                g.goid
            }
            None => return,
        };
        let by = self.cur_goid;
        self.event(EvKind::GoUnblock, by, goid, 0);
        let pi = self.ready_p();
        self.runqput(pi, gi, true);
        self.wakep();
    }

    /// The P a G made runnable goes to: the current P if it runs, else any
    /// running P, else an idle P started for it.
    fn ready_p(&mut self) -> PIdx {
        let cur = self.cur_p;
        if (cur as usize) < self.allp.len() && self.allp[cur as usize].status == PStatus::Prunning {
            return cur;
        }
        if let Some(p) = self.allp.iter().find(|p| p.status == PStatus::Prunning) {
            return p.id;
        }
        if let Some(p) = self.pidle.pop() {
            // startm on an idle P, with the thread limit checked later.
            self.startm_on(p);
            return p;
        }
        cur.min(self.allp.len() as u32 - 1)
    }

    /// `wakep`: if a P is idle and no M is spinning, start an M spinning on
    /// it to look for the new work.
    pub fn wakep(&mut self) {
        if !self.main_started || self.pidle.is_empty() {
            return;
        }
        if self.allm.iter().any(|m| m.spinning) {
            return;
        }
        if let Some(p) = self.pidle.pop() {
            let mi = self.startm_on(p);
            self.allm[mi as usize].spinning = true;
        }
    }

    /// `startm`: an idle M (or a new one, `newm`) takes P `pi`.
    fn startm_on(&mut self, pi: PIdx) -> MIdx {
        let mi = match self.midle.pop() {
            Some(mi) => mi,
            None => {
                let id = self.allm.len() as MIdx;
                self.allm.push(M {
                    id,
                    p: NIL,
                    curg: NIL,
                    status: MStatus::Idle,
                    spinning: false,
                    oldp: NIL,
                });
                let n = self.mcount() as u64;
                self.event_on(EvKind::ThreadCreate, pi, id, 0, n, WaitReason::Zero);
                id
            }
        };
        let m = &mut self.allm[mi as usize];
        m.p = pi;
        m.status = MStatus::Running;
        m.spinning = false;
        let now = self.nanotime();
        let pp = &mut self.allp[pi as usize];
        pp.m = mi;
        pp.status = PStatus::Prunning;
        // sysmon starts timing the P's slice when it sees it running.
        pp.schedwhen = now;
        pp.wake_at = now + M_WAKE_NS;
        self.resched = true;
        self.event_on(EvKind::ProcStart, pi, mi, 0, 0, WaitReason::Zero);
        mi
    }

    /// Threads that count against the limit (`mcount`).
    pub fn mcount(&self) -> u32 {
        self.allm.len() as u32
    }

    /// `checkmcount`: Go's crash text when the thread limit is exceeded.
    pub fn checkmcount(&self) -> Option<String> {
        if self.host_max_threads != 0 && self.mcount() > self.host_max_threads {
            return Some(format!(
                "runtime: program exceeds this host's {}-thread limit (parallel mode)\n",
                self.host_max_threads
            ));
        }
        if self.mcount() > self.maxmcount {
            return Some(format!(
                "runtime: program exceeds {}-thread limit\n",
                self.maxmcount
            ));
        }
        None
    }

    /// `stopm` after `releasep`: the M of P `pi` parks and the P goes idle.
    pub(crate) fn stop_p(&mut self, pi: PIdx) {
        let mi = self.allp[pi as usize].m;
        self.event_on(EvKind::ProcStop, pi, mi, 0, 0, WaitReason::Zero);
        let pp = &mut self.allp[pi as usize];
        pp.status = PStatus::Pidle;
        pp.m = NIL;
        self.pidle.push(pi);
        if mi != NIL {
            let m = &mut self.allm[mi as usize];
            m.p = NIL;
            m.status = MStatus::Idle;
            m.spinning = false;
            m.curg = NIL;
            self.midle.push(mi);
        }
    }

    /// Adds a timer.
    pub fn addtimer(&mut self, when: i64, kind: TimerKind) {
        self.timer_seq += 1;
        self.timers.push(Reverse(Timer {
            when,
            seq: self.timer_seq,
            kind,
        }));
    }

    /// Whether any P has local work or the global queue is non-empty.
    pub(crate) fn any_work(&self) -> bool {
        !self.runq.is_empty() || self.allp.iter().any(|p| !p.runqempty())
    }

    /// Checks the invariants listed in the module docs; returns the first
    /// violation, named after the function Go would throw in.
    pub fn check_invariants(&self) -> Result<(), String> {
        let mut seen: HashMap<GIdx, &str> = HashMap::new();
        let mut place = |gi: GIdx, wherein: &'static str| -> Result<(), String> {
            if let Some(prev) = seen.insert(gi, wherein) {
                return Err(format!("runqput: G {gi} both in {prev} and {wherein}"));
            }
            Ok(())
        };
        for p in &self.allp {
            if p.runqtail.wrapping_sub(p.runqhead) > RUNQ_SIZE {
                return Err(format!("runqput: P {} queue overflow", p.id));
            }
            if p.runnext != NIL {
                place(p.runnext, "runnext")?;
            }
            for g in p.runq_list() {
                place(g, "local runq")?;
            }
            match p.status {
                PStatus::Pidle => {
                    if p.m != NIL || !self.pidle.contains(&p.id) {
                        return Err(format!(
                            "pidleput: idle P {} has an M or is not listed",
                            p.id
                        ));
                    }
                }
                PStatus::Prunning => {
                    if p.m == NIL || self.allm[p.m as usize].p != p.id {
                        return Err(format!("acquirep: P {} and its M disagree", p.id));
                    }
                }
                PStatus::Psyscall => {}
            }
        }
        for g in &self.runq {
            place(*g, "global runq")?;
        }
        for (gi, g) in self.allgs.iter().enumerate() {
            let Some(g) = g else { continue };
            let queued = seen.contains_key(&(gi as GIdx));
            if queued && g.status != GStatus::Grunnable {
                return Err(format!(
                    "runqget: G {} on a run queue is {}",
                    g.goid,
                    g.status.go_name()
                ));
            }
            if !queued && g.status == GStatus::Grunnable {
                let on_m = self.allm.iter().any(|m| m.curg == gi as GIdx);
                if !on_m {
                    return Err(format!("ready: runnable G {} is on no queue", g.goid));
                }
            }
        }
        for m in &self.allm {
            if m.curg != NIL {
                if let Some(g) = self.g(m.curg) {
                    let ok = match m.status {
                        MStatus::Syscall => g.status == GStatus::Gsyscall,
                        MStatus::Running => {
                            matches!(g.status, GStatus::Grunning | GStatus::Grunnable)
                        }
                        MStatus::Idle => false,
                    };
                    if !ok {
                        return Err(format!(
                            "execute: M {} runs G {} in status {}",
                            m.id,
                            g.goid,
                            g.status.go_name()
                        ));
                    }
                }
            }
        }
        Ok(())
    }
}

/// `newproc`: the new G goes to the current P's `runnext`.
pub(crate) fn newproc_put(m: &mut Machine, g: G, parent: u64) -> GIdx {
    let s = &mut m.sched;
    let goid = g.goid;
    let gi = s.allocg(g);
    s.event(EvKind::GoCreate, parent, goid, 0);
    let pi = s.cur_p;
    s.runqput(pi, gi, true);
    s.wakep();
    gi
}

/// The result of driving the scheduler.
pub(crate) enum RunEnd {
    /// The budget was used; more to do.
    Budget,
    /// The program ended with this status.
    Exit(i32),
    /// The host's sink asked the run to stop (see `output`).
    Stopped,
}

/// Where `run` stops besides its budget.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum StopAt {
    /// Only the budget.
    Budget,
    /// After the next scheduling event.
    Event,
}

/// Runs the program for at most `budget` instructions (step mode driver).
/// The program's output reaches `out` after every execution chunk (see
/// `output`); the run stops when `out` asks it to.
pub(crate) fn run(m: &mut Machine, budget: u64, stop_at: StopAt, out: &mut dyn Output) -> RunEnd {
    if !m.stdio.deliver(out) {
        return RunEnd::Stopped;
    }
    let mut left = budget;
    m.sched.event_break = stop_at == StopAt::Event;
    m.sched.break_now = false;
    while left > 0 {
        match round(m, left, out) {
            Ok(used) => left = left.saturating_sub(used.max(1)),
            Err(code) => return RunEnd::Exit(code),
        }
        if m.stdio.stopped {
            return RunEnd::Stopped;
        }
        if m.sched.break_now {
            break;
        }
    }
    m.sched.event_break = false;
    RunEnd::Budget
}

/// One round: fire due timers, run sysmon, give each running P a turn,
/// advance virtual time. `Ok(instructions used)` or `Err(exit status)`.
fn round(m: &mut Machine, budget: u64, out: &mut dyn Output) -> Result<u64, i32> {
    if m.sched.newprocs != 0 {
        procresize(m);
    }
    m.sched.turn_used = 0;
    m.sched.exec_budget = 0;
    m.sched.exec_left = 0;
    fire_timers(m)?;
    sysmon(m)?;
    m.sched.resched = false;
    let np = m.sched.allp.len() as u32;
    let now = m.sched.now;
    let mut order: Vec<PIdx> = (0..np)
        .filter(|&p| {
            let p = &m.sched.allp[p as usize];
            p.status == PStatus::Prunning && p.wake_at <= now
        })
        .collect();
    let parallel = order.len() > 1;
    if parallel {
        for i in (1..order.len()).rev() {
            let j = m.sched.fastrandn(i as u32 + 1) as usize;
            order.swap(i, j);
        }
    }
    let mut quantum = budget;
    if parallel {
        quantum = quantum.min(32 + m.sched.fastrandn(96) as u64);
    }
    // A P whose M is waking up joins when it is awake.
    if let Some(w) = m
        .sched
        .allp
        .iter()
        .filter(|p| p.status == PStatus::Prunning && p.wake_at > now)
        .map(|p| p.wake_at)
        .min()
    {
        quantum = quantum.min(instrs_for(w - now));
    }
    // With idle Ps, a due timer must be noticed promptly (their Ms sleep
    // in netpoll until the next timer in Go).
    if !m.sched.pidle.is_empty() {
        if let Some(Reverse(t)) = m.sched.timers.peek() {
            let d = instrs_for(t.when - m.sched.now);
            quantum = quantum.min(d);
        }
    }
    let mut max_used = 0u64;
    let mut ran = false;
    for pi in order {
        if m.sched.allp[pi as usize].status != PStatus::Prunning {
            continue;
        }
        let used = match turn(m, pi, quantum, out) {
            Ok(used) => used,
            Err(code) => {
                // The program ended during this turn: its instructions
                // took virtual time too (else a short run reads "0 ns").
                let total = m.sched.now_rem + max_used.max(m.sched.turn_used);
                m.sched.now += (total / INSTR_PER_NS as u64) as i64;
                m.sched.now_rem = total % INSTR_PER_NS as u64;
                return Err(code);
            }
        };
        ran |= used.1;
        max_used = max_used.max(used.0);
        if m.sched.break_now || m.stdio.stopped {
            break;
        }
    }
    let total = m.sched.now_rem + max_used;
    m.sched.now += (total / INSTR_PER_NS as u64) as i64;
    m.sched.now_rem = total % INSTR_PER_NS as u64;
    m.sched.turn_used = 0;
    m.sched.exec_budget = 0;
    m.sched.exec_left = 0;
    let any_running = m.sched.allp.iter().any(|p| p.status == PStatus::Prunning);
    if !any_running && m.sched.any_work() {
        // Runnable Gs but every P idle: start an M for them (`wakep`
        // regardless of `main_started`).
        if let Some(p) = m.sched.pidle.pop() {
            m.sched.startm_on(p);
            return Ok(max_used);
        }
    }
    if !ran && max_used == 0 {
        // Only Ms still waking up: let time pass until the first is awake.
        let waking = m
            .sched
            .allp
            .iter()
            .filter(|p| p.status == PStatus::Prunning && p.wake_at > m.sched.now)
            .map(|p| p.wake_at)
            .min();
        if let Some(w) = waking {
            let ready = m
                .sched
                .allp
                .iter()
                .any(|p| p.status == PStatus::Prunning && p.wake_at <= m.sched.now);
            if !ready {
                m.sched.now = w;
                m.sched.now_rem = 0;
                return Ok(0);
            }
        }
    }
    if !ran && max_used == 0 && !any_running {
        // Nothing could run: jump to the next timer, or it is a deadlock.
        match next_wakeup(m) {
            Some(when) => {
                if when > m.sched.now {
                    m.sched.now = when;
                    m.sched.now_rem = 0;
                }
            }
            None => {
                if m.sched.newprocs != 0 {
                    return Ok(0);
                }
                return Err(checkdead(m));
            }
        }
    }
    Ok(max_used)
}

/// The earliest virtual time something can happen with every P idle: a
/// timer, or sysmon retaking a P from a system call.
fn next_wakeup(m: &Machine) -> Option<i64> {
    let s = &m.sched;
    let mut t = s.timers.peek().map(|Reverse(t)| t.when);
    for p in &s.allp {
        if p.status == PStatus::Psyscall {
            // Sysmon's first look at the call; once that has passed without
            // a retake (a P is idle and the call is short), its next chance
            // is when the call has lasted RETAKE_ANYWAY_NS. A time already
            // past would stop the clock: nothing else could move it.
            let mut w = p.syscallwhen + SYSMON_TICK_NS;
            if w <= s.now {
                w = p.syscallwhen + RETAKE_ANYWAY_NS;
            }
            if w > s.now {
                t = Some(t.map_or(w, |x| x.min(w)));
            }
        }
    }
    t
}

/// One P's turn: run Gs for up to `quantum` instructions. Returns the
/// instructions used and whether any G ran.
fn turn(m: &mut Machine, pi: PIdx, quantum: u64, out: &mut dyn Output) -> Result<(u64, bool), i32> {
    m.sched.cur_p = pi;
    m.sched.turn_used = 0;
    let mut ran = false;
    while m.sched.turn_used < quantum {
        if m.sched.allp[pi as usize].status != PStatus::Prunning {
            break;
        }
        let mi = m.sched.allp[pi as usize].m;
        let mut gi = m.sched.allm[mi as usize].curg;
        if gi == NIL {
            match find_runnable(m, pi)? {
                Some((g, inherit)) => {
                    execute_g(m, pi, mi, g, inherit);
                    gi = g;
                }
                None => {
                    // stopm: no work for this P.
                    m.sched.stop_p(pi);
                    break;
                }
            }
        }
        ran = true;
        let now = m.sched.nanotime();
        let slice_end = m.sched.allp[pi as usize].schedwhen + FORCE_PREEMPT_NS;
        let slice_left = if slice_end > now {
            instrs_for(slice_end - now)
        } else {
            0
        };
        if slice_left == 0 {
            preempt(m, pi, mi, gi);
            continue;
        }
        // Executions are chunked so the collector gets a chance every
        // GC_CHECK_INSTRUCTIONS (re-entering costs nothing measurable).
        let b = (quantum - m.sched.turn_used)
            .min(slice_left)
            .min(GC_CHECK_INSTRUCTIONS);
        let mut g = m.sched.allgs[gi as usize]
            .take()
            .expect("runnable G present");
        m.sched.cur_goid = g.goid;
        m.sched.exec_budget = b;
        m.sched.exec_left = b;
        let before = m.steps;
        let stop = crate::interp::execute(m, &mut g, b);
        let used = m.steps - before;
        m.sched.cur_goid = 0;
        // Events about the stop (GoBlock, GoSched...) carry the G's line.
        m.sched.cur_line = match m.sched.trace {
            Some(_) => g_line(m, &g, true),
            None => 0,
        };
        m.sched.turn_used += used;
        m.sched.exec_budget = 0;
        m.sched.exec_left = 0;
        let next = after_execute(m, pi, mi, gi, g, stop)?;
        // A chunk's output reaches the host now; the host may stop here.
        if !m.stdio.deliver(out) || next == Next::Leave {
            break;
        }
        m.sched.cur_line = 0;
        if m.sched.break_now || m.sched.resched {
            break;
        }
    }
    m.sched.cur_line = 0;
    let used = m.sched.turn_used;
    Ok((used, ran))
}

/// What the M does after [`after_execute`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Next {
    /// Keep scheduling on this P.
    Stay,
    /// Leave the P's turn: the M entered a system call or the world was
    /// stopped for a GOMAXPROCS change.
    Leave,
}

/// The scheduler's side of a G that stopped executing (`Stop`): it goes
/// back to `allgs` and parks, yields, enters a syscall or exits; then the
/// limits are checked (instructions, heap, threads) and the collector runs
/// if due. Shared by step mode's [`turn`] and parallel mode's Ms, so both
/// make the same decisions. `Err(status)` ends the program.
pub(crate) fn after_execute(
    m: &mut Machine,
    pi: PIdx,
    mi: MIdx,
    gi: GIdx,
    g: Box<G>,
    stop: crate::interp::Stop,
) -> Result<Next, i32> {
    match stop {
        crate::interp::Stop::Budget => {
            m.sched.allgs[gi as usize] = Some(g);
        }
        crate::interp::Stop::Exited => {
            let goid = g.goid;
            // Main ends the program when it returns, not when it calls
            // runtime.Goexit: then the others run on (Go's checkdead says
            // "no goroutines" once none is left).
            let goexit = g.panics.iter().any(|p| p.goexit);
            if goid == 1 && goexit {
                m.sched.main_goexit = true;
            }
            m.sched.allm[mi as usize].curg = NIL;
            m.sched.event(EvKind::GoEnd, goid, 0, 0);
            if m.race_on {
                crate::race::goexit(m, goid);
            }
            m.sched.gfput(g);
            if goid == 1 && !goexit {
                return Err(0);
            }
        }
        crate::interp::Stop::Terminate(code) => {
            m.sched.allgs[gi as usize] = Some(g);
            return Err(code);
        }
        crate::interp::Stop::Sched(req) => {
            m.sched.allgs[gi as usize] = Some(g);
            match req {
                SchedReq::Park => park(m, pi, mi, gi),
                SchedReq::Gosched => {
                    gosched(m, mi, gi, EvKind::GoSched);
                }
                SchedReq::Syscall(ns) => {
                    entersyscall(m, pi, mi, gi, ns);
                    return Ok(Next::Leave);
                }
                SchedReq::Stw => {
                    // Parallel mode: the M stops the world first (see
                    // `parallel::stop_the_world`), then calls procresize.
                    if !m.sched.parallel {
                        procresize(m);
                    }
                    return Ok(Next::Leave);
                }
                SchedReq::Break => {}
                SchedReq::Collect => {
                    if let Some(f) = m.sched.g_mut(gi).and_then(|g| g.frames.last_mut()) {
                        f.pc = f.pc.saturating_sub(1);
                    }
                    if m.sched.parallel {
                        m.gc_requested = true;
                    } else {
                        crate::gc::collect(m);
                    }
                }
            }
        }
    }
    if m.steps >= m.config.max_instructions {
        m.stdio.stderr(
            format!(
                "fatal error: instruction limit exceeded ({} instructions)\n",
                m.config.max_instructions
            )
            .as_bytes(),
        );
        return Err(2);
    }
    if !m.sched.parallel && crate::gc::should_collect(m) {
        crate::gc::collect(m);
    }
    if m.heap.bytes > m.config.max_memory_bytes {
        m.stdio.stderr(b"fatal error: runtime: out of memory\n");
        return Err(2);
    }
    if let Some(msg) = m.sched.checkmcount() {
        thread_exhaustion(m, &msg);
        return Err(2);
    }
    Ok(Next::Stay)
}

/// The source line of G's top frame: the instruction it runs next, or
/// (`stopped`) the one that stopped it.
fn g_line(m: &Machine, g: &G, stopped: bool) -> u32 {
    g.frames.last().map_or(0, |f| {
        let pc = if stopped {
            f.pc.saturating_sub(1)
        } else {
            f.pc
        };
        m.prog.functions[f.func as usize].line_at(pc as usize)
    })
}

/// `execute`: G `gi` starts running on P `pi` / M `mi`. Unless it inherits
/// the time slice (it came from `runnext`), `schedtick` advances and a new
/// 10 ms slice starts.
pub(crate) fn execute_g(m: &mut Machine, pi: PIdx, mi: MIdx, gi: GIdx, inherit: bool) {
    let now = m.sched.nanotime();
    let s = &mut m.sched;
    if !inherit {
        let pp = &mut s.allp[pi as usize];
        pp.schedtick = pp.schedtick.wrapping_add(1);
        pp.schedwhen = now;
    }
    s.allm[mi as usize].curg = gi;
    // `resetspinning`: a spinning M that found work wakes another spinner
    // when Ps are idle, so a burst of new goroutines spreads over all Ps.
    if std::mem::replace(&mut s.allm[mi as usize].spinning, false) {
        s.wakep();
    }
    let goid = match s.g_mut(gi) {
        Some(g) => {
            g.status = GStatus::Grunning;
            g.last_p = pi;
            g.goid
        }
        None => 0,
    };
    if goid == 1 {
        s.main_started = true;
    }
    if s.trace.is_some() {
        let line = m.sched.g(gi).map(|g| g_line(m, g, false)).unwrap_or(0);
        m.sched.cur_line = line;
    }
    let s = &mut m.sched;
    s.event_on(EvKind::GoStart, pi, mi, goid, 0, WaitReason::Zero);
    s.cur_line = 0;
}

/// The running G parked (`gopark`): its M looks for other work.
fn park(m: &mut Machine, pi: PIdx, mi: MIdx, gi: GIdx) {
    let now = m.sched.nanotime();
    let s = &mut m.sched;
    s.allm[mi as usize].curg = NIL;
    let (goid, reason) = match s.g_mut(gi) {
        Some(g) => {
            g.status = GStatus::Gwaiting;
            g.waitsince = now;
            (g.goid, g.wait_reason)
        }
        None => (0, WaitReason::Zero),
    };
    s.event_on(EvKind::GoBlock, pi, mi, goid, 0, reason);
}

/// `goschedImpl`: the running G goes to the global queue.
fn gosched(m: &mut Machine, mi: MIdx, gi: GIdx, ev: EvKind) {
    let s = &mut m.sched;
    s.allm[mi as usize].curg = NIL;
    let goid = match s.g_mut(gi) {
        Some(g) => {
            g.status = GStatus::Grunnable;
            g.goid
        }
        None => 0,
    };
    s.event(ev, goid, 0, 0);
    s.globrunqput(gi);
}

/// `gopreempt_m`: the G used its slice; like `Gosched`, to the global queue.
pub(crate) fn preempt(m: &mut Machine, _pi: PIdx, mi: MIdx, gi: GIdx) {
    gosched(m, mi, gi, EvKind::GoPreempt);
}

/// `findRunnable` (with `schedule`'s fairness check first). Returns the G
/// and whether it inherits the time slice.
pub(crate) fn find_runnable(m: &mut Machine, pi: PIdx) -> Result<Option<(GIdx, bool)>, i32> {
    fire_timers(m)?;
    let s = &mut m.sched;
    // The reader chose the next G for this P (step mode).
    let chosen = s.allp[pi as usize].chosen;
    if chosen != NIL {
        s.allp[pi as usize].chosen = NIL;
        if take_from_queues(s, chosen) {
            return Ok(Some((chosen, false)));
        }
    }
    if s.allp[pi as usize].schedtick.is_multiple_of(61) && !s.runq.is_empty() {
        if let Some(g) = s.globrunqget(pi, 1) {
            return Ok(Some((g, false)));
        }
    }
    if let Some(r) = s.runqget(pi) {
        return Ok(Some(r));
    }
    if let Some(g) = s.globrunqget(pi, 0) {
        return Ok(Some((g, false)));
    }
    // stealWork: 4 passes over the Ps in random order.
    let n = s.allp.len() as u32;
    if n > 1 {
        const STEAL_TRIES: u32 = 4;
        for i in 0..STEAL_TRIES {
            let last = i == STEAL_TRIES - 1;
            let start = s.fastrandn(n);
            for k in 0..n {
                let victim = (start + k) % n;
                if victim == pi || s.allp[victim as usize].status == PStatus::Pidle {
                    continue;
                }
                if let Some(g) = s.runqsteal(pi, victim, last) {
                    return Ok(Some((g, false)));
                }
            }
        }
    }
    Ok(None)
}

/// Removes G `gi` from whichever run queue holds it (for a reader's
/// choice); false if it is not runnable.
fn take_from_queues(s: &mut Sched, gi: GIdx) -> bool {
    for p in s.allp.iter_mut() {
        if p.runnext == gi {
            p.runnext = NIL;
            return true;
        }
        let list = p.runq_list();
        if let Some(pos) = list.iter().position(|&g| g == gi) {
            let mut rest = list;
            rest.remove(pos);
            p.runqtail = p.runqhead;
            for g in rest {
                p.runq[(p.runqtail % RUNQ_SIZE) as usize] = g;
                p.runqtail = p.runqtail.wrapping_add(1);
            }
            return true;
        }
    }
    if let Some(pos) = s.runq.iter().position(|&g| g == gi) {
        s.runq.remove(pos);
        return true;
    }
    false
}

/// Runs the timers that are due at the current P's clock.
pub(crate) fn fire_timers(m: &mut Machine) -> Result<(), i32> {
    loop {
        let now = m.sched.nanotime();
        let t = match m.sched.timers.peek() {
            Some(Reverse(t)) if t.when <= now => *t,
            _ => return Ok(()),
        };
        m.sched.timers.pop();
        // Parallel mode: Ms sleeping on the runtime's condition variable
        // (idle, or blocked in the system call this timer completes) look
        // again once the lock is released.
        if m.sched.parallel {
            m.sched.resched = true;
        }
        match t.kind {
            TimerKind::Wake { g, goid } => {
                let ok = m
                    .sched
                    .g(g)
                    .is_some_and(|x| x.goid == goid && x.status == GStatus::Gwaiting);
                if ok {
                    m.sched.goready(g);
                }
            }
            TimerKind::ChanSend { ch, period, id } => {
                if id != 0 && !m.sched.live_timers.remove(&id) {
                    continue; // stopped or reset
                }
                crate::chan::send_time(m, ch, t.when);
                if period > 0 {
                    if id != 0 {
                        m.sched.live_timers.insert(id); // a Ticker stays live
                    }
                    m.sched.addtimer(t.when + period, t.kind);
                }
            }
            TimerKind::GoFunc { f, id } => {
                if !m.sched.live_timers.remove(&id) {
                    continue; // stopped or reset
                }
                let prog = m.prog.clone();
                // As `go f()` from nowhere: a limit on goroutines drops it.
                if crate::interp::newproc(m, &prog, f, &[], (0, 0), 0).is_ok() {
                    let child = m.sched.next_goid - 1;
                    crate::race::timer_go(m, child, f);
                }
            }
            TimerKind::SyscallDone { m: mi } => exitsyscall(m, mi)?,
        }
    }
}

/// `entersyscall`: the G keeps its M; the P stays loosely attached in
/// `_Psyscall` until sysmon retakes it or the call returns.
fn entersyscall(m: &mut Machine, pi: PIdx, mi: MIdx, gi: GIdx, ns: i64) {
    let now = m.sched.nanotime();
    let s = &mut m.sched;
    let goid = match s.g_mut(gi) {
        Some(g) => {
            g.status = GStatus::Gsyscall;
            g.goid
        }
        None => 0,
    };
    s.event_on(EvKind::GoSysCall, pi, mi, goid, ns as u64, WaitReason::Zero);
    let pp = &mut s.allp[pi as usize];
    pp.status = PStatus::Psyscall;
    pp.syscalltick = pp.syscalltick.wrapping_add(1);
    pp.syscallwhen = now;
    let mm = &mut s.allm[mi as usize];
    mm.status = MStatus::Syscall;
    mm.oldp = pi;
    s.addtimer(now + ns.max(1), TimerKind::SyscallDone { m: mi });
}

/// How long a system call may hold its P while other Ps are idle and its
/// own run queue is empty: `retake`'s 10 ms (`proc.go`).
const RETAKE_ANYWAY_NS: i64 = 10_000_000;

/// sysmon's `retake`: a P in a syscall for a tick or more is handed off
/// when there is other work (or when no P is idle to look for some, or the
/// call lasts 10 ms).
pub(crate) fn sysmon(m: &mut Machine) -> Result<(), i32> {
    let now = m.sched.now;
    let n = m.sched.allp.len();
    for pi in 0..n {
        let p = &m.sched.allp[pi];
        if p.status != PStatus::Psyscall || now < p.syscallwhen + SYSMON_TICK_NS {
            continue;
        }
        let npidle = m.sched.pidle.len();
        let nmspinning = m.sched.allm.iter().filter(|m| m.spinning).count();
        if p.runqempty() && nmspinning + npidle > 0 && p.syscallwhen + RETAKE_ANYWAY_NS > now {
            continue;
        }
        handoffp(m, pi as PIdx)?;
    }
    Ok(())
}

/// `handoffp`: P `pi` leaves the M blocked in a syscall; another M takes
/// it when there is work (or when nobody else could look for work).
fn handoffp(m: &mut Machine, pi: PIdx) -> Result<(), i32> {
    let s = &mut m.sched;
    let old_m = s.allp[pi as usize].m;
    if old_m != NIL {
        let g = s.allm[old_m as usize].curg;
        let goid = s.goid_of(g);
        s.event_on(EvKind::GoSysBlock, pi, old_m, goid, 0, WaitReason::Zero);
        s.allm[old_m as usize].p = NIL;
    }
    let pp = &mut s.allp[pi as usize];
    pp.m = NIL;
    pp.status = PStatus::Pidle;
    let has_work = !pp.runqempty() || !s.runq.is_empty();
    let nmspinning = s.allm.iter().filter(|m| m.spinning).count();
    if has_work || nmspinning + s.pidle.len() == 0 {
        let mi = s.startm_on(pi);
        s.allm[mi as usize].spinning = !has_work;
        if let Some(msg) = s.checkmcount() {
            thread_exhaustion(m, &msg);
            return Err(2);
        }
    } else {
        s.pidle.push(pi);
    }
    Ok(())
}

/// `exitsyscall`: the G takes its old P back if it is still free, else an
/// idle P, else it goes to the global queue and the M parks.
fn exitsyscall(m: &mut Machine, mi: MIdx) -> Result<(), i32> {
    let s = &mut m.sched;
    let gi = s.allm[mi as usize].curg;
    let goid = s.goid_of(gi);
    let oldp = s.allm[mi as usize].oldp;
    let reacquire = oldp != NIL
        && s.allp[oldp as usize].status == PStatus::Psyscall
        && s.allp[oldp as usize].m == mi;
    let p = if reacquire {
        Some(oldp)
    } else if let Some(pos) = s.pidle.iter().rposition(|_| true) {
        Some(s.pidle.remove(pos))
    } else {
        None
    };
    s.allm[mi as usize].oldp = NIL;
    match p {
        Some(pi) => {
            let pp = &mut s.allp[pi as usize];
            pp.status = PStatus::Prunning;
            pp.m = mi;
            let mm = &mut s.allm[mi as usize];
            mm.p = pi;
            mm.status = MStatus::Running;
            if let Some(g) = s.g_mut(gi) {
                g.status = GStatus::Grunning;
            }
            s.event_on(EvKind::GoSysExit, pi, mi, goid, 0, WaitReason::Zero);
            if !reacquire {
                s.event_on(EvKind::ProcStart, pi, mi, 0, 0, WaitReason::Zero);
            }
        }
        None => {
            if let Some(g) = s.g_mut(gi) {
                g.status = GStatus::Grunnable;
            }
            s.event_on(EvKind::GoSysExit, NIL, mi, goid, 0, WaitReason::Zero);
            let mm = &mut s.allm[mi as usize];
            mm.curg = NIL;
            mm.p = NIL;
            mm.status = MStatus::Idle;
            s.midle.push(mi);
            s.globrunqput(gi);
            s.wakep();
        }
    }
    Ok(())
}

/// `procresize`: applies a GOMAXPROCS change (the world is stopped: every
/// G running on another P goes to the global queue; Gs of removed Ps too).
pub(crate) fn procresize(m: &mut Machine) {
    let s = &mut m.sched;
    let n = s.newprocs;
    s.newprocs = 0;
    if n == 0 {
        return;
    }
    let cur = s.cur_p;
    // Stop the world: running Gs of other Ps are preempted.
    for pi in 0..s.allp.len() as u32 {
        if pi == cur {
            continue;
        }
        let mi = s.allp[pi as usize].m;
        if s.allp[pi as usize].status == PStatus::Prunning && mi != NIL {
            let gi = s.allm[mi as usize].curg;
            if gi != NIL {
                s.allm[mi as usize].curg = NIL;
                if let Some(g) = s.g_mut(gi) {
                    g.status = GStatus::Grunnable;
                }
                s.globrunqput(gi);
            }
        }
    }
    let old = s.allp.len() as u32;
    if n < old {
        for pi in (n..old).rev() {
            // `destroy`: runnable Gs move to the head of the global queue.
            let mut gs = s.allp[pi as usize].runq_list();
            if s.allp[pi as usize].runnext != NIL {
                gs.insert(0, s.allp[pi as usize].runnext);
            }
            for g in gs.into_iter().rev() {
                s.runq.push_front(g);
            }
            let mi = s.allp[pi as usize].m;
            if s.allp[pi as usize].status == PStatus::Psyscall {
                if mi != NIL {
                    s.allm[mi as usize].p = NIL;
                }
            } else if mi != NIL {
                let mm = &mut s.allm[mi as usize];
                if mm.status != MStatus::Syscall {
                    mm.p = NIL;
                    mm.status = MStatus::Idle;
                    mm.spinning = false;
                    s.midle.push(mi);
                }
            }
            s.pidle.retain(|&p| p != pi);
            s.allp.pop();
        }
        if cur >= n {
            // The caller's M moves to P0 (acquirep(allp[0])).
            let mi = s.allm.iter().position(|m| m.p == cur).map(|i| i as MIdx);
            s.cur_p = 0;
            if let Some(mi) = mi {
                if s.allp[0].m != NIL && s.allp[0].m != mi {
                    let other = s.allp[0].m;
                    let om = &mut s.allm[other as usize];
                    om.p = NIL;
                    om.status = MStatus::Idle;
                    s.midle.push(other);
                }
                s.pidle.retain(|&p| p != 0);
                s.allp[0].m = mi;
                s.allp[0].status = PStatus::Prunning;
                s.allm[mi as usize].p = 0;
            }
        }
    } else {
        for pi in old..n {
            s.allp.push(P::new(pi));
            s.pidle.push(pi);
        }
    }
    s.gomaxprocs = n;
    s.event(EvKind::Procs, 0, n as u64, 0);
    // startTheWorld: Ps with work get Ms.
    if s.any_work() {
        s.wakep();
    }
}

/// `checkdead`: every G is blocked and nothing can wake one.
pub(crate) fn checkdead(m: &mut Machine) -> i32 {
    if m.sched.main_goexit && m.sched.gcount == 0 {
        m.stdio
            .stderr(b"fatal error: no goroutines (main called runtime.Goexit) - deadlock!\n");
        return 2;
    }
    let mut s = String::from("fatal error: all goroutines are asleep - deadlock!\n");
    s.push_str(&crate::panic::all_goroutines(m));
    m.stdio.stderr(s.as_bytes());
    2
}

/// Go's crash when the thread limit is exceeded.
fn thread_exhaustion(m: &mut Machine, msg: &str) {
    let mut s = String::from(msg);
    s.push_str("fatal error: thread exhaustion\n");
    s.push_str(&crate::panic::all_goroutines(m));
    m.stdio.stderr(s.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Config;
    use golab_bytecode::{Function, Op, Pos, Program};
    use std::sync::Arc;

    /// A machine whose scheduler holds `n` dummy Gs (goids 6..), none queued.
    fn machine(procs: u32, n: u32) -> (Machine, Vec<GIdx>) {
        let mut f = Function {
            name: "main.main".into(),
            num_regs: 1,
            ..Default::default()
        };
        f.emit(
            Op::Return {
                src: golab_bytecode::Reg(0),
                n: 0,
            },
            Pos::default(),
        );
        let prog = Program {
            functions: vec![f],
            ..Default::default()
        };
        let cfg = Config {
            gomaxprocs: procs,
            ..Config::default()
        };
        let mut m = Machine::new(Arc::new(prog), cfg).unwrap();
        let gs = (0..n)
            .map(|i| {
                let mut g = G::new(FIRST_USER_GOID + i as u64);
                g.status = GStatus::Grunnable;
                m.sched.allgs.len();
                m.sched.allocg(g)
            })
            .collect();
        (m, gs)
    }

    #[test]
    fn runqput_next_kicks_old_runnext_to_the_tail() {
        let (mut m, gs) = machine(1, 3);
        let s = &mut m.sched;
        s.runqput(0, gs[0], true);
        s.runqput(0, gs[1], true);
        s.runqput(0, gs[2], true);
        assert_eq!(s.allp[0].runnext, gs[2]);
        assert_eq!(s.allp[0].runq_list(), vec![gs[0], gs[1]]);
        assert_eq!(s.runqget(0), Some((gs[2], true)));
        assert_eq!(s.runqget(0), Some((gs[0], false)));
        // gs[0] and gs[2] are now off every queue yet runnable: caught.
        assert!(s.check_invariants().is_err());
    }

    #[test]
    fn full_local_queue_moves_half_to_the_global_queue() {
        let (mut m, gs) = machine(1, 257);
        let s = &mut m.sched;
        for &g in &gs {
            s.runqput(0, g, false);
        }
        // 256 fit; the 257th moves 128 + itself to the global queue.
        assert_eq!(s.runq.len(), 129);
        assert_eq!(s.allp[0].runq_list().len(), 128);
        assert_eq!(s.runq.front(), Some(&gs[0]));
        assert_eq!(s.runq.back(), Some(&gs[256]));
        s.check_invariants().unwrap();
    }

    #[test]
    fn stealing_takes_half_of_the_victims_queue() {
        let (mut m, gs) = machine(2, 7);
        let s = &mut m.sched;
        s.startm_on(1);
        s.pidle.retain(|&p| p != 1);
        for &g in &gs[..6] {
            s.runqput(0, g, false);
        }
        s.runqput(0, gs[6], true);
        let got = s.runqsteal(1, 0, false).unwrap();
        // 6 queued: the thief takes 3 (runs the last, queues two).
        assert_eq!(got, gs[2]);
        assert_eq!(s.allp[1].runq_list(), vec![gs[0], gs[1]]);
        assert_eq!(s.allp[0].runq_list(), vec![gs[3], gs[4], gs[5]]);
        assert_eq!(s.allp[0].runnext, gs[6]);
        // runnext only on the last pass, and only when the queue is empty.
        let (mut m2, gs2) = machine(2, 1);
        m2.sched.runqput(0, gs2[0], true);
        assert_eq!(m2.sched.runqsteal(1, 0, false), None);
        assert_eq!(m2.sched.runqsteal(1, 0, true), Some(gs2[0]));
    }

    #[test]
    fn every_61st_tick_takes_from_the_global_queue_first() {
        let (mut m, gs) = machine(1, 3);
        m.sched.runqput(0, gs[0], false);
        m.sched.runqput(0, gs[1], true);
        m.sched.globrunqput(gs[2]);
        m.sched.allp[0].schedtick = 60;
        let r = find_runnable(&mut m, 0).unwrap();
        assert_eq!(r, Some((gs[1], true)), "tick 60: runnext first");
        m.sched.runqput(0, gs[1], true);
        m.sched.allp[0].schedtick = 61;
        let r = find_runnable(&mut m, 0).unwrap();
        assert_eq!(r, Some((gs[2], false)), "tick 61: the global queue first");
    }

    #[test]
    fn globrunqget_takes_a_fair_batch() {
        let (mut m, gs) = machine(2, 10);
        for &g in &gs {
            m.sched.globrunqput(g);
        }
        // size/gomaxprocs + 1 = 6: one to run, five to the local queue.
        assert_eq!(m.sched.globrunqget(0, 0), Some(gs[0]));
        assert_eq!(m.sched.allp[0].runq_list(), gs[1..6].to_vec());
        assert_eq!(m.sched.runq.len(), 4);
    }

    #[test]
    fn wait_reasons_print_as_go_1_19() {
        assert_eq!(
            WaitReason::ChanReceiveNilChan.as_str(),
            "chan receive (nil chan)"
        );
        assert_eq!(WaitReason::SyncMutexLock.as_str(), "sync.Mutex.Lock");
        assert_eq!(WaitReason::SyncMutexLock.go119_str(), "semacquire");
        assert_eq!(WaitReason::SelectNoCases.go119_str(), "select (no cases)");
    }
}
