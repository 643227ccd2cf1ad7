//! The Go runtime of Go Concurrency Lab: a register VM executing
//! `golab_bytecode` programs, its heap, the library subset, and (issue 4)
//! the G/M/P scheduler. Nothing here knows Go syntax or the web page.
//!
//! # Value representation
//! One 64-bit word per Go value (see `golab_bytecode`'s crate docs):
//! scalars inline, everything else a 32-bit handle into the object table of
//! [`heap`] (pointers add a 32-bit word offset). Why: registers resolve at
//! compile time to plain `u64` slots with no tag checks in the dispatch loop
//! (the prime sieve benchmark is all integer registers); heap words are
//! `AtomicU64` accessed with `Relaxed` ordering, which is a plain move on
//! x86 and wasm, so parallel mode can race on shared Go variables without
//! undefined behaviour; and the collector finds every reference precisely
//! from per-function register maps (like Go's stack maps), globals and the
//! objects' own layouts.
//!
//! # Goroutines
//! All execution state of a goroutine lives in a [`g::G`] (register stack,
//! frames, pc, defers, panics), never on the host stack, so any G can be
//! suspended at an instruction boundary. [`interp`]'s `execute` runs one G
//! for a budget of instructions. Deep recursion is bounded by a frame count
//! (Go's "stack overflow" fatal error), never by the host stack.
//!
//! # Public API
//! [`Vm::new`], [`Vm::run_slice`] (the page calls it per animation frame),
//! [`Vm::run_to_end`], and [`run_captured`].
#![deny(missing_docs)]

pub mod fmt;
pub mod g;
pub mod heap;
pub mod interp;
mod machine;
pub mod natives;
mod panic;

use g::{Frame, FrameKind, G};
use golab_bytecode::Program;
use interp::Stop;
use machine::Machine;
use std::collections::VecDeque;
use std::sync::Arc;

/// Where a program's output goes: the CLI writes to real stdout/stderr, the
/// page captures it.
pub trait Output {
    /// Bytes written to os.Stdout.
    fn stdout(&mut self, bytes: &[u8]);
    /// Bytes written to os.Stderr (panics, fatal errors, `println`).
    fn stderr(&mut self, bytes: &[u8]);
}

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
}

impl Default for Config {
    /// GOMAXPROCS 1, seed 1, 10 billion instructions, 1,000,000 goroutines, 1 GiB.
    fn default() -> Self {
        Config {
            gomaxprocs: 1,
            seed: 1,
            max_instructions: 10_000_000_000,
            max_goroutines: 1_000_000,
            max_memory_bytes: 1 << 30,
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

/// Instructions a goroutine runs before the next one gets a turn (a
/// stand-in for the 10 ms time slice until the scheduler of issue 4).
const TIME_SLICE: u64 = 10_000;

/// A running program.
pub struct Vm {
    m: Option<Machine>,
    load_error: Option<String>,
    /// Runnable goroutines; the front one runs next.
    runq: VecDeque<G>,
    status: Status,
}

impl Vm {
    /// Loads `program`. A program the runtime cannot load (unknown native,
    /// invalid bytecode) ends with a fatal error at the first `run_slice`.
    pub fn new(program: Arc<Program>, config: Config) -> Vm {
        let mut vm = Vm {
            m: None,
            load_error: None,
            runq: VecDeque::new(),
            status: Status::Running,
        };
        match Machine::new(program.clone(), config) {
            Ok(m) => {
                let mut g = G::new(1);
                let main_fn = &program.functions[program.main as usize];
                g.stack.resize(main_fn.num_regs as usize + 1, 0);
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
                    g.stack.resize(base + f.num_regs as usize + 1, 0);
                    g.frames.push(Frame {
                        func: init,
                        pc: 0,
                        base: base as u32,
                        closure: 0,
                        kind: FrameKind::Normal,
                    });
                }
                vm.runq.push_back(g);
                vm.m = Some(m);
            }
            Err(e) => vm.load_error = Some(e),
        }
        vm
    }

    /// Runs at most `budget` instructions; the page calls this from an
    /// animation frame.
    pub fn run_slice(&mut self, budget: u64, out: &mut dyn Output) -> Status {
        if let Status::Exited(_) = self.status {
            return self.status;
        }
        if let Some(e) = self.load_error.take() {
            out.stderr(format!("fatal error: {e}\n").as_bytes());
            self.status = Status::Exited(2);
            return self.status;
        }
        let m = self.m.as_mut().expect("loaded");
        let mut left = budget;
        while left > 0 {
            let Some(mut g) = self.runq.pop_front() else {
                // Only reachable once goroutines can block (issue 4).
                out.stderr(b"fatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 [chan receive]:\n");
                self.status = Status::Exited(2);
                return self.status;
            };
            let slice = left.min(TIME_SLICE);
            let before = m.steps;
            let stop = interp::execute(m, &mut g, slice, out);
            left = left.saturating_sub((m.steps - before).max(1));
            m.now_ns = m.steps as i64;
            for ng in m.new_gs.drain(..) {
                m.live_goroutines += 1;
                self.runq.push_back(ng);
            }
            match stop {
                Stop::Budget => self.runq.push_back(g),
                Stop::Exited => {
                    m.live_goroutines -= 1;
                    if g.goid == 1 {
                        self.status = Status::Exited(0);
                        return self.status;
                    }
                }
                Stop::Terminate(code) => {
                    self.status = Status::Exited(code);
                    return self.status;
                }
            }
            if m.steps >= m.config.max_instructions {
                out.stderr(
                    format!(
                        "fatal error: instruction limit exceeded ({} instructions)\n",
                        m.config.max_instructions
                    )
                    .as_bytes(),
                );
                self.status = Status::Exited(2);
                return self.status;
            }
            if m.heap.bytes > m.config.max_memory_bytes {
                out.stderr(b"fatal error: runtime: out of memory\n");
                self.status = Status::Exited(2);
                return self.status;
            }
        }
        self.status
    }

    /// Runs until the program ends; returns its exit status.
    pub fn run_to_end(&mut self, out: &mut dyn Output) -> i32 {
        loop {
            if let Status::Exited(code) = self.run_slice(1 << 24, out) {
                return code;
            }
        }
    }

    /// Instructions executed so far.
    pub fn steps(&self) -> u64 {
        self.m.as_ref().map(|m| m.steps).unwrap_or(0)
    }
}

/// Runs a program to the end, capturing its output.
pub fn run_captured(program: Arc<Program>, config: Config) -> Captured {
    let mut c = Captured::default();
    let mut vm = Vm::new(program, config);
    c.exit_code = vm.run_to_end(&mut c);
    c
}
