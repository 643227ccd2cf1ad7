//! Parallel mode: every M is a real thread (a std thread natively, a Web
//! Worker on the page's shared memory in the page), so `GOMAXPROCS(n)` runs
//! the program's goroutines on n logical processors at once.
//!
//! # Design: one runtime lock, released for register-only code
//! The scheduler, heap object table, channels and the race detector stay
//! the single-threaded structures step mode uses, behind one lock (Go's
//! runtime started the same way: one `sched.lock` and a heap lock). What
//! runs outside the lock is the part of a goroutine that touches only its
//! own registers: arithmetic, comparisons, constants and jumps
//! (`interp::execute_registers`). That is where a CPU-bound goroutine
//! spends its time, so two of them really run on two cores. Any other
//! instruction (a heap or global load or store, a call, a channel
//! operation) runs under the lock with `interp::execute`, one instruction
//! per acquisition, so a Go `x++` on a shared variable is still three
//! separate steps (load, add, store) that other Ms interleave with: updates
//! are lost for real, as on hardware.
//!
//! Both modes make the same scheduling decisions with the same code:
//! `find_runnable`, `execute_g`, `runqput`, stealing, `preempt`,
//! `after_execute`, `sysmon`/`handoffp`, `procresize`, `checkdead`. What
//! differs: the clock is the host's real clock instead of instruction
//! counts; each M record of `Sched::allm` gets its own thread (created
//! through the host's [`Spawn`] when `startm` makes a new M, e.g. on a
//! syscall hand-off); a `sysmon` thread fires timers, retakes Ps from Ms in
//! system calls and detects deadlock; and the collector and GOMAXPROCS
//! changes stop the world (`stop_the_world`).
//!
//! # Invariants
//! - A G being run outside the lock is not in `Sched::allgs` (its M holds
//!   it); `State::outside` counts such Ms. The world is stopped only when
//!   `outside == 0`, so the collector sees every G's registers.
//! - An M thread re-reads its M record (`p`, `curg`, `status`) every time it
//!   takes the lock: a stop-the-world may have moved its G or P.
//! - Nothing here blocks the page's thread: the host polls [`Parallel`]
//!   with `try_*` methods.

use crate::g::G;
use crate::interp::{self, RegStop, Stop};
use crate::machine::Machine;
use crate::sched::{self, MIdx, MStatus, Next, PStatus, NIL};
use crate::{Config, Output, Snapshot};
use golab_bytecode::Program;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

/// Instructions an M runs outside the lock before it checks in (for
/// preemption, a stop-the-world, Stop): about 1 ms of interpretation.
const REGISTER_BUDGET: u64 = 1 << 18;

/// How often the sysmon thread wakes while an M is in a system call (Go's
/// sysmon sleeps 20 µs, backing off to 10 ms when idle).
const SYSMON_PERIOD: Duration = Duration::from_micros(500);

/// sysmon's longest sleep when nothing runs (until the next timer if sooner).
const SYSMON_IDLE: Duration = Duration::from_millis(10);

/// Idle Ms are woken by `notify_all` when work appears; this timeout only
/// bounds the cost of a wake-up missed by a bug (10 checks a second).
const IDLE_WAIT: Duration = Duration::from_millis(100);

/// A thread body handed to the host.
pub type ThreadFn = Box<dyn FnOnce() + Send + 'static>;

/// How the host starts a thread: `std::thread::spawn` natively, a worker
/// of the page's pool in the browser. May be called with the runtime lock
/// held, so it must only start (or queue) the thread, never wait for it.
pub trait Spawn: Send + Sync {
    /// Starts `f` on a new thread.
    fn spawn(&self, f: ThreadFn);

    /// Called by the last thread to leave, just before it returns: a host
    /// that polls (the page) can look now instead of at its next poll.
    fn ended(&self) {}
}

/// Everything behind the runtime lock.
struct State {
    m: Machine,
    out: Box<dyn Output + Send>,
    /// Ms running a G's registers without the lock (their G is out of `allgs`).
    outside: usize,
    /// A stop-the-world is in progress: Ms check in and wait.
    stw: bool,
    /// The program's exit status, once it ended.
    exit: Option<i32>,
    /// M records that have a thread (`allm[..threads]`).
    threads: usize,
}

struct Shared {
    state: Mutex<State>,
    /// Idle Ms, Ms in system calls and stop-the-world waiters sleep here.
    cv: Condvar,
    /// The reader pressed Stop.
    stop: AtomicBool,
    /// Threads still running (Ms and sysmon).
    live: AtomicUsize,
    prog: Arc<Program>,
    consts: Arc<Vec<Vec<u64>>>,
    clock: fn() -> f64,
    start_ms: f64,
    spawner: Arc<dyn Spawn>,
}

/// A program running in parallel mode.
pub struct Parallel {
    /// The run, or the exit status of a program that could not load.
    shared: Result<Arc<Shared>, i32>,
}

/// How a parallel run ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    /// The program exited with this status.
    Exited(i32),
    /// The reader stopped it.
    Stopped,
}

impl Parallel {
    /// Loads `program` and starts its Ms and sysmon through `spawner`. The
    /// host's clock is required: time is real here. `trace` records the
    /// scheduler's events as [`crate::Vm::enable_trace`] does (`Some(true)`:
    /// plain memory accesses too), stamped with real nanoseconds.
    pub fn start(
        program: Arc<Program>,
        mut config: Config,
        clock: fn() -> f64,
        trace: Option<bool>,
        spawner: Arc<dyn Spawn>,
        mut out: Box<dyn Output + Send>,
    ) -> Parallel {
        config.wall_clock = Some(clock);
        let mut m = match crate::load(program.clone(), config) {
            Ok(m) => m,
            Err(e) => {
                out.stderr(format!("fatal error: {e}\n").as_bytes());
                return Parallel { shared: Err(2) };
            }
        };
        m.sched.parallel = true;
        m.sched.host_max_threads = m.config.max_threads;
        if let Some(mem) = trace {
            m.sched.trace = Some(Vec::new());
            m.sched.trace_mem = mem;
        }
        let consts = m.const_words.clone();
        let shared = Arc::new(Shared {
            state: Mutex::new(State {
                m,
                out,
                outside: 0,
                stw: false,
                exit: None,
                threads: 0,
            }),
            cv: Condvar::new(),
            stop: AtomicBool::new(false),
            live: AtomicUsize::new(0),
            prog: program,
            consts,
            clock,
            start_ms: clock(),
            spawner,
        });
        {
            let mut st = shared.lock();
            spawn_new_ms(&shared, &mut st);
        }
        let sh = shared.clone();
        shared.live.fetch_add(1, Ordering::SeqCst);
        shared.spawner.spawn(Box::new(move || sysmon_thread(sh)));
        Parallel { shared: Ok(shared) }
    }

    /// Asks every M to stop (the reader pressed Stop). Returns at once; the
    /// threads leave within about a millisecond ([`Parallel::try_end`]).
    pub fn stop(&self) {
        if let Ok(sh) = &self.shared {
            sh.stop.store(true, Ordering::SeqCst);
            sh.cv.notify_all();
        }
    }

    /// How the run ended, once every thread has left; `None` while any
    /// thread still runs. Never blocks.
    pub fn try_end(&self) -> Option<End> {
        let sh = match &self.shared {
            Ok(sh) => sh,
            Err(code) => return Some(End::Exited(*code)),
        };
        if sh.live.load(Ordering::SeqCst) != 0 {
            return None;
        }
        let st = sh.state.try_lock().ok()?;
        Some(match st.exit {
            Some(code) => End::Exited(code),
            None => End::Stopped,
        })
    }

    /// Blocks until the run ends (native hosts only: the page polls
    /// [`Parallel::try_end`]).
    pub fn wait(&self) -> End {
        loop {
            if let Some(end) = self.try_end() {
                return end;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
    }

    /// The scheduler's state as plain data, if the lock is free right now.
    /// Gs running outside the lock at that moment are listed by their M
    /// but not shown with a line.
    pub fn try_snapshot(&self) -> Option<Snapshot> {
        let st = self.shared.as_ref().ok()?.state.try_lock().ok()?;
        let mut snap = crate::snapshot::take(&st.m);
        if st.exit.is_some() {
            crate::snapshot::after_exit(&mut snap);
        }
        Some(snap)
    }

    /// Trace events from index `from` on (at most `max` of them) and the
    /// number recorded so far, if the lock is free right now.
    pub fn try_trace_from(&self, from: usize, max: usize) -> Option<(Vec<crate::Event>, usize)> {
        let st = self.shared.as_ref().ok()?.state.try_lock().ok()?;
        let all = st.m.sched.trace.as_deref().unwrap_or(&[]);
        let from = from.min(all.len());
        let to = all.len().min(from.saturating_add(max));
        Some((all[from..to].to_vec(), all.len()))
    }

    /// Instructions executed so far, if the lock is free right now.
    pub fn try_steps(&self) -> Option<u64> {
        let st = self.shared.as_ref().ok()?.state.try_lock().ok()?;
        Some(st.m.steps)
    }

    /// The races the detector reported, if the lock is free right now.
    pub fn try_race_reports(&self) -> Option<Vec<crate::race::RaceReport>> {
        let st = self.shared.as_ref().ok()?.state.try_lock().ok()?;
        Some(
            st.m.race
                .as_ref()
                .map(|d| d.reports.clone())
                .unwrap_or_default(),
        )
    }
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        // A thread that panicked while holding the lock has already ended
        // the run (see `mstart`); the state is still readable.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Real nanoseconds since the start become the scheduler's clock.
    fn sync_clock(&self, m: &mut Machine) {
        let ns = (((self.clock)() - self.start_ms) * 1e6) as i64;
        let s = &mut m.sched;
        s.now = s.now.max(ns);
        s.now_rem = 0;
        s.turn_used = 0;
        s.exec_budget = 0;
        s.exec_left = 0;
    }

    fn over(&self, st: &State) -> bool {
        st.exit.is_some() || self.stop.load(Ordering::Relaxed)
    }
}

/// The program ended with `code`: the race detector adds its summary, and
/// every thread is told to leave.
fn exit(sh: &Shared, st: &mut State, code: i32) {
    if st.exit.is_none() {
        let code = crate::race::finish(&mut st.m, code);
        st.m.stdio.deliver(st.out.as_mut());
        st.exit = Some(code);
    }
    sh.cv.notify_all();
}

/// Gives every M record without a thread its thread (`newm`).
fn spawn_new_ms(sh: &Arc<Shared>, st: &mut State) {
    while st.threads < st.m.sched.allm.len() {
        let mi = st.threads as MIdx;
        st.threads += 1;
        let sh2 = sh.clone();
        sh.live.fetch_add(1, Ordering::SeqCst);
        sh.spawner.spawn(Box::new(move || mstart(sh2, mi)));
    }
}

/// After a locked section: wake idle Ms if `startm` gave one of them a P,
/// and start threads for new Ms.
fn publish(sh: &Arc<Shared>, st: &mut State) {
    // Output reaches the host; a sink that asks to stop is a Stop. Only when
    // there is output: a locked section is often one instruction, and a
    // host stops a silent run with `Parallel::stop`.
    if st.m.stdio.has_pending()
        && !st.m.stdio.deliver(st.out.as_mut())
        && !sh.stop.swap(true, Ordering::SeqCst)
    {
        sh.cv.notify_all();
    }
    spawn_new_ms(sh, st);
    if std::mem::take(&mut st.m.sched.resched) {
        sh.cv.notify_all();
    }
}

/// Stops the world (every M checks in and puts its G back), runs `f`, and
/// starts the world again.
fn stop_the_world<'a>(
    sh: &'a Shared,
    mut st: MutexGuard<'a, State>,
    f: impl FnOnce(&mut State),
) -> MutexGuard<'a, State> {
    st.stw = true;
    while st.outside > 0 {
        st = sh.cv.wait(st).unwrap_or_else(|e| e.into_inner());
    }
    f(&mut st);
    st.stw = false;
    sh.cv.notify_all();
    st
}

/// Counts a thread out when it ends, however it ends; the last one out
/// tells the host ([`Spawn::ended`]).
struct Live<'a>(&'a Shared);

impl Drop for Live<'_> {
    fn drop(&mut self) {
        if self.0.live.fetch_sub(1, Ordering::SeqCst) == 1 {
            self.0.spawner.ended();
        }
    }
}

/// An M's thread (`mstart` → `schedule` loop).
fn mstart(sh: Arc<Shared>, mi: MIdx) {
    let _live = Live(&sh);
    let sh2 = sh.clone();
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || mloop(&sh2, mi)));
    if r.is_err() {
        // A bug in the runtime: end the run with an error instead of
        // leaving the other threads waiting for this M forever.
        let mut st = sh.lock();
        let msg = format!("fatal error: internal error on M{mi} (a runtime bug)\n");
        st.m.stdio.stderr(msg);
        exit(&sh, &mut st, 2);
    }
}

fn mloop(sh: &Arc<Shared>, mi: MIdx) {
    let mut st = sh.lock();
    loop {
        if sh.over(&st) {
            sh.cv.notify_all();
            return;
        }
        if st.stw {
            st = sh.cv.wait(st).unwrap_or_else(|e| e.into_inner());
            continue;
        }
        sh.sync_clock(&mut st.m);
        let (status, pi, curg) = {
            let mm = &st.m.sched.allm[mi as usize];
            (mm.status, mm.p, mm.curg)
        };
        if status == MStatus::Syscall {
            // Blocked in a system call: the thread really sleeps until the
            // call's end (its `SyscallDone` timer), then completes it
            // (`exitsyscall`: its old P if still free, else another, else
            // the G is queued and this M idles).
            let now = st.m.sched.now;
            let done =
                st.m.sched
                    .timers
                    .iter()
                    .find_map(|std::cmp::Reverse(t)| match t.kind {
                        sched::TimerKind::SyscallDone { m } if m == mi => Some(t.when),
                        _ => None,
                    });
            match done {
                Some(when) if when > now => {
                    let wait = Duration::from_nanos((when - now) as u64).min(IDLE_WAIT);
                    st = sh
                        .cv
                        .wait_timeout(st, wait)
                        .unwrap_or_else(|e| e.into_inner())
                        .0;
                }
                _ => {
                    if let Err(code) = sched::fire_timers(&mut st.m) {
                        exit(sh, &mut st, code);
                    }
                    publish(sh, &mut st);
                }
            }
            continue;
        }
        if status != MStatus::Running || pi == NIL {
            // Idle: parked until `startm` gives this M a P (`publish`
            // wakes every parked M then).
            st = sh
                .cv
                .wait_timeout(st, IDLE_WAIT)
                .unwrap_or_else(|e| e.into_inner())
                .0;
            continue;
        }
        let m = &mut st.m;
        m.sched.cur_p = pi;
        let mut gi = curg;
        if gi == NIL {
            match sched::find_runnable(m, pi) {
                Err(code) => {
                    exit(sh, &mut st, code);
                    continue;
                }
                Ok(Some((g, inherit))) => {
                    sched::execute_g(m, pi, mi, g, inherit);
                    gi = g;
                }
                Ok(None) => {
                    // stopm: no work for this P.
                    m.sched.stop_p(pi);
                    publish(sh, &mut st);
                    continue;
                }
            }
        }
        // Preemption by real time: the G has run 10 ms on this P.
        if m.sched.nanotime() - m.sched.allp[pi as usize].schedwhen >= sched::FORCE_PREEMPT_NS {
            sched::preempt(m, pi, mi, gi);
            publish(sh, &mut st);
            continue;
        }
        let Some(mut g) = m.sched.allgs[gi as usize].take() else {
            // Not runnable after all (a stop-the-world moved it).
            m.sched.allm[mi as usize].curg = NIL;
            continue;
        };
        publish(sh, &mut st);
        // Run the G's register-only instructions with the lock released.
        st.outside += 1;
        drop(st);
        let (used, why) = interp::execute_registers(&sh.prog, &sh.consts, &mut g, REGISTER_BUDGET);
        st = sh.lock();
        st.outside -= 1;
        st.m.steps += used;
        if st.stw || sh.over(&st) {
            // Check in: the G goes back where the collector can see it.
            st.m.sched.allgs[gi as usize] = Some(g);
            sh.cv.notify_all();
            continue;
        }
        st = run_locked(sh, st, mi, pi, gi, g, why);
    }
}

/// Runs G `gi`'s next instruction under the lock (when it needs the
/// machine), then lets the scheduler handle whatever stopped it.
fn run_locked<'a>(
    sh: &'a Arc<Shared>,
    mut st: MutexGuard<'a, State>,
    mi: MIdx,
    pi: u32,
    gi: u32,
    mut g: Box<G>,
    why: RegStop,
) -> MutexGuard<'a, State> {
    sh.sync_clock(&mut st.m);
    let m = &mut st.m;
    m.sched.cur_p = pi;
    let stop = match why {
        RegStop::Budget => Stop::Budget,
        RegStop::NeedsMachine => {
            m.sched.cur_goid = g.goid;
            let stop = interp::execute(m, &mut g, 1);
            m.sched.cur_goid = 0;
            stop
        }
    };
    match sched::after_execute(m, pi, mi, gi, g, stop) {
        Err(code) => {
            exit(sh, &mut st, code);
            return st;
        }
        Ok(Next::Leave | Next::Stay) => {}
    }
    if crate::gc::should_collect(&st.m) {
        st = stop_the_world(sh, st, |st| crate::gc::collect(&mut st.m));
    }
    if st.m.sched.newprocs != 0 {
        st = stop_the_world(sh, st, |st| {
            st.m.sched.cur_p = pi;
            sched::procresize(&mut st.m);
        });
    }
    publish(sh, &mut st);
    st
}

/// The sysmon thread: fires due timers, retakes Ps from Ms blocked in
/// system calls (`retake` → `handoffp`, which may create an M), enforces
/// the wall-time limit, and reports a deadlock when nothing can ever run.
fn sysmon_thread(sh: Arc<Shared>) {
    let _live = Live(&sh);
    let mut sleep = SYSMON_PERIOD;
    loop {
        std::thread::sleep(sleep);
        let mut st = sh.lock();
        if sh.over(&st) {
            sh.cv.notify_all();
            return;
        }
        if st.stw {
            continue;
        }
        sh.sync_clock(&mut st.m);
        let m = &mut st.m;
        let limit = m.config.max_wall_ms as f64;
        if (sh.clock)() - sh.start_ms > limit {
            let secs = limit / 1000.0;
            m.stdio
                .stderr(format!("fatal error: wall-time limit exceeded ({secs}s)\n"));
            exit(&sh, &mut st, 2);
            continue;
        }
        let timers = m.sched.timers.len();
        let r = sched::fire_timers(m).and_then(|_| sched::sysmon(m));
        if let Err(code) = r {
            exit(&sh, &mut st, code);
            continue;
        }
        if st.m.sched.timers.len() != timers {
            // A timer completed a system call or readied a G: the Ms
            // waiting for that look again.
            sh.cv.notify_all();
        }
        if dead(&st) {
            let code = sched::checkdead(&mut st.m);
            exit(&sh, &mut st, code);
            continue;
        }
        publish(&sh, &mut st);
        sleep = next_sleep(&st.m);
    }
}

/// sysmon's next sleep: short while an M waits in a system call (its P
/// may need handing off), else until the next timer, at most
/// [`SYSMON_IDLE`]. Running Ms need no sysmon: they preempt themselves at
/// every check-in, so a CPU-bound run is not interrupted 2,000 times a
/// second (measurable on two cores), and a blocked program costs (almost)
/// nothing.
fn next_sleep(m: &Machine) -> Duration {
    let s = &m.sched;
    if s.allm.iter().any(|m| m.status == MStatus::Syscall) {
        return SYSMON_PERIOD;
    }
    let until_timer = s
        .timers
        .peek()
        .map(|std::cmp::Reverse(t)| Duration::from_nanos((t.when - s.now).max(0) as u64));
    until_timer
        .unwrap_or(SYSMON_IDLE)
        .clamp(SYSMON_PERIOD, SYSMON_IDLE)
}

/// Nothing runs, nothing is runnable, no M is in a system call and no
/// timer is pending: no G can ever be woken (`checkdead`).
fn dead(st: &State) -> bool {
    let s = &st.m.sched;
    st.outside == 0
        && s.main_started
        && s.allp.iter().all(|p| p.status == PStatus::Pidle)
        && s.allm.iter().all(|m| m.status != MStatus::Syscall)
        && !s.any_work()
        && s.timers.is_empty()
}

/// The host's side for native programs: threads are std threads and the
/// clock is `Instant` (neither exists on wasm32-unknown-unknown, where the
/// page is the host).
#[cfg(not(target_arch = "wasm32"))]
pub mod native {
    use super::{Spawn, ThreadFn};
    use std::sync::OnceLock;
    use std::time::Instant;

    /// Spawns std threads.
    pub struct Threads;

    impl Spawn for Threads {
        fn spawn(&self, f: ThreadFn) {
            std::thread::spawn(f);
        }
    }

    /// Milliseconds since the first call (a monotonic clock).
    pub fn clock_ms() -> f64 {
        static START: OnceLock<Instant> = OnceLock::new();
        START.get_or_init(Instant::now).elapsed().as_secs_f64() * 1e3
    }
}
