//! The Go runtime of Go Concurrency Lab: a register VM executing
//! `golab_bytecode` programs, its heap, the library subset, and the G/M/P
//! scheduler, in step mode (virtual Ms on the caller's thread) and in
//! parallel mode (every M a real thread). Nothing here knows Go syntax or
//! the web page.
//!
//! # Value representation
//! One 64-bit word per Go value (see `golab_bytecode`'s crate docs):
//! scalars inline, everything else a 32-bit handle into the object table of
//! the heap (pointers add a 32-bit word offset). Why: registers resolve at
//! compile time to plain `u64` slots with no tag checks in the dispatch loop
//! (the prime sieve benchmark is all integer registers); heap words are
//! `AtomicU64` accessed with `Relaxed` ordering, which is a plain move on
//! x86 and wasm, so parallel mode can race on shared Go variables without
//! undefined behaviour; and the collector finds every reference precisely
//! from per-function register maps (like Go's stack maps), globals and the
//! objects' own layouts.
//!
//! # Goroutines
//! All execution state of a goroutine lives in a `g::G` (register stack,
//! frames, pc, defers, panics), never on the host stack, so any G can be
//! suspended at an instruction boundary. `interp::execute` runs one G
//! for a budget of instructions. Deep recursion is bounded by a frame count
//! (Go's "stack overflow" fatal error), never by the host stack; so are
//! walks over Go values and types (fmt, `==`, map keys, zero values and
//! copies, the collector), which use explicit stacks because a value can
//! nest as deep as the heap allows. The G/M/P
//! scheduler ([`sched`]), channels (`chan`) and the sync/time natives
//! decide which G runs where and when, on a virtual clock.
//!
//! # Public API
//! Everything else is `pub(crate)`: hosts (the CLI, the page) see only
//! plain data and these entry points.
//! - Running, step mode: [`Vm::new`] with a [`Config`], [`Vm::run_slice`]
//!   (the page calls it per animation frame), [`Vm::run_to_end`],
//!   [`run_captured`] (into a [`Captured`]); output goes to the host's
//!   [`Output`], which can stop the run ([`Output::stop_requested`],
//!   [`Status::Stopped`], [`STOPPED_EXIT`]).
//! - Stepping for the widgets: [`Vm::step_instruction`], [`Vm::step_event`],
//!   [`Vm::run_until_line`], [`Vm::choose_next`]; state as plain data:
//!   [`Vm::snapshot`] ([`Snapshot`] and the views in [`snapshot`]),
//!   [`Vm::virtual_time_ns`], [`Vm::steps`], [`Vm::heap_bytes`],
//!   [`Vm::gc_stats`] ([`GcStats`]), [`Vm::check_invariants`].
//! - The trace: [`Vm::enable_trace`], [`Vm::trace`] ([`Event`], [`EvKind`],
//!   [`WaitReason`]), [`Vm::chrome_trace_json`]; [`trace::run_slices`] and
//!   [`trace::chrome_json`] derive bars and JSON from any event list;
//!   [`sched::NIL`] marks "no P / no M" in an event.
//! - The race detector: [`Config::race`], then [`Vm::race_reports`]
//!   ([`race::RaceReport`], [`race::RaceAccess`], [`race::RaceFrame`],
//!   [`race::AccessKind`]) besides Go's report text on stderr.
//! - Parallel mode: [`parallel::Parallel`] started with a host's
//!   [`parallel::Spawn`], ending with [`parallel::End`];
//!   [`parallel::native`] is the host for native programs.
//! - [`natives::NAMES`]: every library function the runtime implements,
//!   by the stable name the compiler emits.
//!
//! In step mode, the same program, GOMAXPROCS and seed always give the same
//! run.
#![deny(missing_docs)]
// Safe Rust only: the heap is `AtomicU64` words behind handles and parallel
// mode shares it through `Arc` and one lock, so nothing here needs `unsafe`.
#![forbid(unsafe_code)]

mod atomic;
mod case;
mod chan;
mod errors;
mod fmt;
mod fmtsort;
mod g;
mod gc;
mod golayout;
mod gorand;
mod gorand_table;
mod heap;
mod interp;
mod machine;
pub mod natives;
mod output;
mod panic;
pub mod parallel;
pub mod race;
pub mod sched;
pub mod snapshot;
mod strconv;
mod sync;
mod time;
pub mod trace;
mod vfs;

use g::{Frame, FrameKind, G};
pub use gc::GcStats;
use golab_bytecode::Program;
use machine::Machine;
pub use output::Output;
pub use sched::WaitReason;
use sched::{RunEnd, StopAt};
pub use snapshot::Snapshot;
use std::sync::Arc;
pub use trace::{EvKind, Event};

/// What [`Vm::run_to_end`] returns for a run its sink stopped: 128 +
/// SIGINT, the status a shell reports for a Go program stopped with Ctrl-C.
pub const STOPPED_EXIT: i32 = 130;

/// Run settings and limits.
#[derive(Clone, Debug)]
pub struct Config {
    /// GOMAXPROCS (number of Ps).
    pub gomaxprocs: u32,
    /// Seed of every random choice (math/rand, select, scheduler).
    pub seed: u64,
    /// Instructions before the run is stopped with a fatal error.
    pub max_instructions: u64,
    /// Live goroutines allowed.
    pub max_goroutines: usize,
    /// Approximate heap bytes allowed.
    pub max_memory_bytes: usize,
    /// The race detector (`go run -race`): off by default (see [`race`]).
    pub race: bool,
    /// Wall-clock milliseconds before the run is stopped with a fatal error;
    /// enforced only when the host gives a [`Config::wall_clock`] (the
    /// runtime itself reads no clock, so it runs the same on every host).
    pub max_wall_ms: u64,
    /// The host's monotonic clock in milliseconds (`Instant` natively,
    /// `performance.now()` in the page); `None`: no wall-time limit.
    pub wall_clock: Option<fn() -> f64>,
    /// What `runtime.NumCPU()` reports: the host's logical CPUs in parallel
    /// mode; 0 means "as many as the initial GOMAXPROCS" (step mode).
    pub num_cpu: u32,
    /// Parallel mode: real threads (Ms) the host allows, whatever
    /// `debug.SetMaxThreads` says (the page caps its workers); 0: no cap
    /// beyond Go's own limit.
    pub max_threads: u32,
    /// Trace events kept when tracing is on; later events are dropped and
    /// counted ([`Vm::trace_dropped`]), and the program runs on.
    pub max_trace_events: usize,
}

impl Default for Config {
    /// GOMAXPROCS 1, seed 1, 10 billion instructions, 1,000,000 goroutines,
    /// 1 GiB, and 2 minutes of wall time once a clock is given.
    fn default() -> Self {
        Config {
            gomaxprocs: 1,
            seed: 1,
            max_instructions: 10_000_000_000,
            max_goroutines: 1_000_000,
            max_trace_events: usize::MAX,
            max_memory_bytes: 1 << 30,
            race: false,
            max_wall_ms: 120_000,
            wall_clock: None,
            num_cpu: 0,
            max_threads: 0,
        }
    }
}

/// Whether a run is still going.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// More to run.
    Running,
    /// The program ended with this exit status.
    Exited(i32),
    /// The host's sink asked the run to stop ([`Output::stop_requested`]):
    /// the run ended at an instruction boundary, with no exit status.
    Stopped,
}

/// Everything a finished run wrote, and its exit status.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Captured {
    /// Standard output.
    pub stdout: Vec<u8>,
    /// Standard error.
    pub stderr: Vec<u8>,
    /// Exit status (0, 2 for panics and fatal errors, n for os.Exit(n)).
    pub exit_code: i32,
}

impl Output for Captured {
    fn stdout(&mut self, bytes: &[u8]) {
        self.stdout.extend_from_slice(bytes);
    }
    fn stderr(&mut self, bytes: &[u8]) {
        self.stderr.extend_from_slice(bytes);
    }
}

/// A running program.
pub struct Vm {
    m: Option<Machine>,
    load_error: Option<String>,
    status: Status,
    /// The host clock's reading when the run started (see `Config::wall_clock`).
    wall_start: Option<f64>,
}

impl Vm {
    /// Loads `program`. A program the runtime cannot load (unknown native,
    /// invalid bytecode) ends with a fatal error at the first `run_slice`.
    pub fn new(program: Arc<Program>, config: Config) -> Vm {
        let mut vm = Vm {
            m: None,
            load_error: None,
            status: Status::Running,
            wall_start: config.wall_clock.map(|now| now()),
        };
        match load(program, config) {
            Ok(m) => vm.m = Some(m),
            Err(e) => vm.load_error = Some(e),
        }
        vm
    }

    fn drive(&mut self, budget: u64, stop_at: StopAt, out: &mut dyn Output) -> Status {
        if self.status != Status::Running {
            return self.status;
        }
        if let Some(e) = self.load_error.take() {
            out.stderr(format!("fatal error: {e}\n").as_bytes());
            self.status = Status::Exited(2);
            return self.status;
        }
        let Some(m) = self.m.as_mut() else {
            self.status = Status::Exited(2);
            return self.status;
        };
        if let (Some(start), Some(now)) = (self.wall_start, m.config.wall_clock) {
            let limit = m.config.max_wall_ms;
            if now() - start > limit as f64 {
                let secs = limit as f64 / 1000.0;
                out.stderr(format!("fatal error: wall-time limit exceeded ({secs}s)\n").as_bytes());
                self.status = Status::Exited(2);
                return self.status;
            }
        }
        match sched::run(m, budget, stop_at, out) {
            RunEnd::Exit(code) => {
                // Race detector: `Found N data race(s)`, exit status 66.
                let code = race::finish(m, code);
                m.stdio.deliver(out);
                self.status = Status::Exited(code);
            }
            RunEnd::Stopped => self.status = Status::Stopped,
            RunEnd::Budget => {
                if !m.stdio.deliver(out) {
                    self.status = Status::Stopped;
                }
            }
        }
        self.status
    }

    /// Runs at most `budget` instructions; the page calls this from an
    /// animation frame.
    pub fn run_slice(&mut self, budget: u64, out: &mut dyn Output) -> Status {
        self.drive(budget, StopAt::Budget, out)
    }

    /// Runs until the program ends; returns its exit status. A run its
    /// sink stops returns [`STOPPED_EXIT`]; a host that must tell a stop
    /// from `os.Exit(130)` drives [`Vm::run_slice`] and looks for
    /// [`Status::Stopped`].
    pub fn run_to_end(&mut self, out: &mut dyn Output) -> i32 {
        loop {
            match self.run_slice(1 << 24, out) {
                Status::Exited(code) => return code,
                Status::Stopped => return STOPPED_EXIT,
                Status::Running => {}
            }
        }
    }

    /// Step mode: one scheduling round of one instruction (every running P
    /// executes at most one instruction; with GOMAXPROCS 1, exactly one).
    pub fn step_instruction(&mut self, out: &mut dyn Output) -> Status {
        self.drive(1, StopAt::Budget, out)
    }

    /// Step mode: runs until the next scheduling event (see
    /// [`EvKind::is_sched`]) or `max` instructions.
    pub fn step_event(&mut self, max: u64, out: &mut dyn Output) -> Status {
        self.drive(max, StopAt::Event, out)
    }

    /// Step mode: runs until some G is about to execute source line `line`
    /// (or `max` instructions pass, or the run ends). Returns whether the
    /// line was reached.
    pub fn run_until_line(&mut self, line: u32, max: u64, out: &mut dyn Output) -> bool {
        for _ in 0..max {
            if self.current_lines().contains(&line) {
                return true;
            }
            if self.step_instruction(out) != Status::Running {
                return false;
            }
        }
        self.current_lines().contains(&line)
    }

    fn current_lines(&self) -> Vec<u32> {
        let Some(m) = &self.m else { return Vec::new() };
        m.sched
            .allm
            .iter()
            .filter(|mm| mm.curg != sched::NIL && mm.status == sched::MStatus::Running)
            .filter_map(|mm| m.sched.g(mm.curg))
            .map(|g| snapshot::g_line(m, g))
            .collect()
    }

    /// Step mode: the reader chooses the runnable G `goid` to run next on
    /// P `p` (taken from whatever run queue holds it when P next
    /// schedules). False if there is no such runnable G or P.
    pub fn choose_next(&mut self, p: u32, goid: u64) -> bool {
        let Some(m) = self.m.as_mut() else {
            return false;
        };
        let gi = m
            .sched
            .allgs
            .iter()
            .flatten()
            .find(|g| g.goid == goid && g.status == g::GStatus::Grunnable);
        let Some(gi) = gi.map(|g| g.idx) else {
            return false;
        };
        match m.sched.allp.get_mut(p as usize) {
            Some(pp) => {
                pp.chosen = gi;
                true
            }
            None => false,
        }
    }

    /// The whole state as plain data.
    pub fn snapshot(&self) -> Snapshot {
        let mut snap = match &self.m {
            Some(m) => snapshot::take(m),
            None => Snapshot::default(),
        };
        if let Status::Exited(_) = self.status {
            snapshot::after_exit(&mut snap);
        }
        snap
    }

    /// Starts recording trace events (`mem`: also plain loads and stores
    /// of shared variables and atomics, for the race view).
    pub fn enable_trace(&mut self, mem: bool) {
        if let Some(m) = self.m.as_mut() {
            if m.sched.trace.is_none() {
                m.sched.trace = Some(Vec::new());
            }
            m.sched.trace_mem = mem;
        }
    }

    /// The events recorded so far.
    pub fn trace(&self) -> &[Event] {
        self.m
            .as_ref()
            .and_then(|m| m.sched.trace.as_deref())
            .unwrap_or(&[])
    }

    /// Events not recorded because the trace reached
    /// [`Config::max_trace_events`].
    pub fn trace_dropped(&self) -> u64 {
        self.m.as_ref().map(|m| m.sched.trace_dropped).unwrap_or(0)
    }

    /// The recorded events as Chrome trace-event JSON (opens in Perfetto).
    pub fn chrome_trace_json(&self) -> String {
        trace::chrome_json(self.trace())
    }

    /// Virtual nanoseconds since the start.
    pub fn virtual_time_ns(&self) -> i64 {
        self.m.as_ref().map(|m| m.sched.now).unwrap_or(0)
    }

    /// Instructions executed so far.
    pub fn steps(&self) -> u64 {
        self.m.as_ref().map(|m| m.steps).unwrap_or(0)
    }

    /// Collector statistics (cycles, objects freed, live bytes).
    pub fn gc_stats(&self) -> GcStats {
        self.m.as_ref().map(|m| m.gc_stats).unwrap_or_default()
    }

    /// Approximate bytes the heap holds now.
    pub fn heap_bytes(&self) -> usize {
        self.m.as_ref().map(|m| m.heap.bytes).unwrap_or(0)
    }

    /// The races the detector reported so far (empty when it is off), as
    /// plain data: goroutines, access kinds, stacks, creation sites.
    pub fn race_reports(&self) -> &[race::RaceReport] {
        match self.m.as_ref().and_then(|m| m.race.as_deref()) {
            Some(d) => &d.reports,
            None => &[],
        }
    }

    /// Checks the scheduler's invariants (for tests).
    pub fn check_invariants(&self) -> Result<(), String> {
        match &self.m {
            Some(m) => m.sched.check_invariants(),
            None => Ok(()),
        }
    }
}

/// Loads `program` and creates the main goroutine, ready to run on P0
/// (step mode and parallel mode start the same way).
fn load(program: Arc<Program>, config: Config) -> Result<Machine, String> {
    let mut m = Machine::new(program.clone(), config)?;
    let mut g = G::new(1);
    let main_fn = &program.functions[program.main as usize];
    g.grow_stack(main_fn.num_regs as usize + 1);
    g.frames.push(Frame {
        func: program.main,
        pc: 0,
        base: 0,
        closure: 0,
        kind: FrameKind::Normal,
    });
    if let Some(init) = program.init {
        // init runs first, in a frame above main's registers.
        let base = main_fn.num_regs as usize;
        let f = &program.functions[init as usize];
        g.grow_stack(base + f.num_regs as usize + 1);
        g.frames.push(Frame {
            func: init,
            pc: 0,
            base: base as u32,
            closure: 0,
            kind: FrameKind::Normal,
        });
    }
    // rt0_go: newproc(runtime.main) → runqput(p0, g, next=true).
    let gi = m.sched.allocg(g);
    m.sched.runqput(0, gi, true);
    Ok(m)
}

/// Runs a program to the end, capturing its output.
pub fn run_captured(program: Arc<Program>, config: Config) -> Captured {
    let mut c = Captured::default();
    let mut vm = Vm::new(program, config);
    c.exit_code = vm.run_to_end(&mut c);
    c
}
