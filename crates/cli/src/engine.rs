//! The one place where `lab` meets the compiler and the runtime: compile a
//! source text, run it, and deliver its output the way a Go binary would.
//! Everything else in this crate (argument parsing, the corpus comparison)
//! knows nothing about either crate, so an API change there touches only
//! this file.
//!
//! Nothing here reads files: the caller passes the file name (used in
//! diagnostics and tracebacks) and the source, so the same code runs in the
//! wasm test.

use crate::corpus::Outcome;
use golab_bytecode::Program;
use golab_runtime::{Config, EvKind, Event, Output, Status, Vm, STOPPED_EXIT};
use std::sync::Arc;

/// Settings of one run, from `lab run`'s flags.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RunConfig {
    /// Number of Ps; `None` for the runtime's default.
    pub gomaxprocs: Option<u32>,
    /// Seed of the scheduler's random choices; `None` for the default.
    pub seed: Option<u64>,
    /// Whether the race detector is on (`--race`).
    pub race: bool,
    /// Parallel mode (`--parallel`): every M a real thread. Natively only.
    pub parallel: bool,
    /// Limits that end a runaway program with a fatal error; `None` keeps
    /// the runtime's defaults (see `golab_runtime::Config`).
    pub limits: Limits,
}

/// The runtime's resource limits, each `None` for its default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Limits {
    /// Instructions before `fatal error: instruction limit exceeded`.
    pub max_instructions: Option<u64>,
    /// Live goroutines before `fatal error: too many goroutines`.
    pub max_goroutines: Option<usize>,
    /// Heap bytes before `fatal error: runtime: out of memory`.
    pub max_memory_bytes: Option<usize>,
    /// Wall-clock milliseconds before `fatal error: wall-time limit exceeded`.
    pub max_wall_ms: Option<u64>,
}

/// Where a running program's output goes.
pub trait Sink {
    fn stdout(&mut self, bytes: &[u8]);
    fn stderr(&mut self, bytes: &[u8]);
    /// Called between slices of a run (about every 0.1 s of interpretation,
    /// and often in parallel mode): a sink that buffers may write out what
    /// it holds, so output printed before a long computation shows before
    /// it ends, as Go's unbuffered os.Stdout would show it.
    fn idle(&mut self) {}
    /// Whether the run should stop now (asked after every write and between
    /// slices; see `golab_runtime::Output::stop_requested`). A stopped run
    /// exits with `golab_runtime::STOPPED_EXIT`.
    fn stop_requested(&self) -> bool {
        false
    }
}

/// What happened, besides the output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Finished {
    /// The process exit status Go would give: 0, 1 when it does not compile,
    /// 2 for a panic or fatal error, n for `os.Exit(n)`.
    pub exit: i32,
    /// True when the program did not compile (its diagnostics went to stderr).
    pub compile_failed: bool,
}

/// Compile-time diagnostics of `src`, each line ending in `\n`, formatted
/// `path:LINE:COL: message` (plus indented follow-up lines). Empty when the
/// program is fine.
pub fn check(path: &str, src: &str) -> String {
    golab_compiler::check(path, src).to_string()
}

/// Like [`check`] for a file that may not be valid UTF-8 (Go reports each
/// invalid byte at its position).
pub fn check_bytes(path: &str, src: &[u8]) -> String {
    golab_compiler::check_bytes(path, src).to_string()
}

/// Compiles and runs `src`, streaming its output to `sink`. A program that
/// does not compile prints its diagnostics and exits 1, as `go run` does.
pub fn run(path: &str, src: &str, config: &RunConfig, sink: &mut dyn Sink) -> Finished {
    match golab_compiler::compile(path, src) {
        Ok(program) => Finished {
            exit: execute(Arc::new(program), config, sink),
            compile_failed: false,
        },
        Err(diags) => {
            sink.stderr(diags.to_string().as_bytes());
            Finished {
                exit: 1,
                compile_failed: true,
            }
        }
    }
}

/// Compiles and runs `src` with the trace on, discarding its output; returns
/// the exit status, the number of trace events and the Chrome trace JSON.
pub fn traced_run(
    path: &str,
    src: &str,
    config: &RunConfig,
) -> Result<(i32, usize, String), String> {
    let program = golab_compiler::compile(path, src).map_err(|d| d.to_string())?;
    let mut vm = Vm::new(Arc::new(program), runtime_config(config));
    vm.enable_trace(true);
    let exit = vm.run_to_end(&mut SinkOutput(&mut Captured::default()));
    Ok((exit, vm.trace().len(), vm.chrome_trace_json()))
}

/// Runs a compiled program to the end, streaming its output to `sink`;
/// returns its exit status.
pub fn execute(program: Arc<Program>, config: &RunConfig, sink: &mut dyn Sink) -> i32 {
    #[cfg(not(target_arch = "wasm32"))]
    if config.parallel {
        return parallel::execute(program, config, sink);
    }
    let mut vm = Vm::new(program, runtime_config(config));
    loop {
        match vm.run_slice(1 << 24, &mut SinkOutput(sink)) {
            Status::Exited(code) => return code,
            Status::Stopped => return STOPPED_EXIT,
            Status::Running => sink.idle(),
        }
    }
}

/// Parallel mode natively: Ms are std threads; this thread only forwards
/// their output to the sink until the run ends.
#[cfg(not(target_arch = "wasm32"))]
mod parallel {
    use super::{runtime_config, RunConfig, Sink};
    use golab_bytecode::Program;
    use golab_runtime::parallel::{native, End, Parallel};
    use golab_runtime::Output;
    use std::sync::{Arc, Mutex};
    use std::time::Duration;

    /// Output written by the Ms, in order: (is stderr, bytes).
    type Chunks = Arc<Mutex<Vec<(bool, Vec<u8>)>>>;

    struct Shared(Chunks);

    impl Output for Shared {
        fn stdout(&mut self, bytes: &[u8]) {
            self.0.lock().unwrap().push((false, bytes.to_vec()));
        }
        fn stderr(&mut self, bytes: &[u8]) {
            self.0.lock().unwrap().push((true, bytes.to_vec()));
        }
    }

    /// Forwards the Ms' output to the sink until it asks to stop; what
    /// follows a stop request is dropped, as step mode drops it.
    fn drain(chunks: &Chunks, sink: &mut dyn Sink) {
        let taken = std::mem::take(&mut *chunks.lock().unwrap());
        for (err, bytes) in taken {
            if sink.stop_requested() {
                return;
            }
            if err {
                sink.stderr(&bytes);
            } else {
                sink.stdout(&bytes);
            }
        }
    }

    pub(super) fn execute(program: Arc<Program>, config: &RunConfig, sink: &mut dyn Sink) -> i32 {
        let cpus = std::thread::available_parallelism().map_or(1, |n| n.get()) as u32;
        let mut c = runtime_config(config);
        c.num_cpu = cpus;
        // Go's default GOMAXPROCS is the CPU count.
        c.gomaxprocs = config.gomaxprocs.unwrap_or(cpus);
        let chunks = Chunks::default();
        let run = Parallel::start(
            program,
            c,
            native::clock_ms,
            None,
            Arc::new(native::Threads),
            Box::new(Shared(chunks.clone())),
        );
        loop {
            drain(&chunks, sink);
            sink.idle();
            if sink.stop_requested() {
                run.stop();
            }
            if let Some(end) = run.try_end() {
                drain(&chunks, sink);
                return match end {
                    End::Exited(code) => code,
                    End::Stopped => golab_runtime::STOPPED_EXIT,
                };
            }
            std::thread::sleep(Duration::from_millis(1));
        }
    }
}

/// What a traced run leaves besides its output.
pub struct Traced {
    pub finished: Finished,
    /// The scheduler trace as Chrome trace-event JSON (empty when the
    /// program did not compile).
    pub chrome_json: String,
}

/// Compiles and runs `src` with the scheduler trace recorded.
pub fn run_traced(path: &str, src: &str, config: &RunConfig, sink: &mut dyn Sink) -> Traced {
    match golab_compiler::compile(path, src) {
        Ok(program) => {
            let mut vm = Vm::new(Arc::new(program), runtime_config(config));
            vm.enable_trace(false);
            let exit = vm.run_to_end(&mut SinkOutput(sink));
            Traced {
                finished: Finished {
                    exit,
                    compile_failed: false,
                },
                chrome_json: vm.chrome_trace_json(),
            }
        }
        Err(diags) => {
            sink.stderr(diags.to_string().as_bytes());
            Traced {
                finished: Finished {
                    exit: 1,
                    compile_failed: true,
                },
                chrome_json: String::new(),
            }
        }
    }
}

/// Compiles and runs `src` in step mode, one scheduling event at a time;
/// `on_event` gets each event as one line of text (without newline), in
/// order with the program's output.
pub fn step(
    path: &str,
    src: &str,
    config: &RunConfig,
    sink: &mut dyn Sink,
    on_event: &mut dyn FnMut(&str, &mut dyn Sink),
) -> Finished {
    let program = match golab_compiler::compile(path, src) {
        Ok(p) => p,
        Err(diags) => {
            sink.stderr(diags.to_string().as_bytes());
            return Finished {
                exit: 1,
                compile_failed: true,
            };
        }
    };
    let mut vm = Vm::new(Arc::new(program), runtime_config(config));
    vm.enable_trace(false);
    let mut shown = 0;
    loop {
        let status = vm.step_event(1 << 24, &mut SinkOutput(sink));
        let events = vm.trace();
        for e in &events[shown..] {
            on_event(&event_line(e), sink);
        }
        shown = events.len();
        let exit = match status {
            Status::Exited(code) => code,
            Status::Stopped => STOPPED_EXIT,
            Status::Running => continue,
        };
        return Finished {
            exit,
            compile_failed: false,
        };
    }
}

/// One event as `lab step` prints it: virtual time, P, M, G, name, details.
pub fn event_line(e: &Event) -> String {
    let who = |x: u32, c: char| {
        if x == u32::MAX {
            format!("{c}-")
        } else {
            format!("{c}{x}")
        }
    };
    let mut s = format!(
        "{:>12.6}ms {:<3} {:<3} G{:<4} {}",
        e.ts as f64 / 1e6,
        who(e.p, 'P'),
        who(e.m, 'M'),
        e.g,
        e.kind.name()
    );
    match e.kind {
        EvKind::GoCreate => s.push_str(&format!(" new=G{}", e.arg)),
        EvKind::GoUnblock => s.push_str(&format!(" G{}", e.arg)),
        EvKind::GoBlock => s.push_str(&format!(" [{}]", e.reason.as_str())),
        EvKind::Steal => s.push_str(&format!(" {} from P{}", e.arg, e.arg2)),
        EvKind::ChanSend | EvKind::ChanRecv | EvKind::ChanClose => {
            s.push_str(&format!(" chan#{}", e.arg));
            if e.arg2 != 0 {
                s.push_str(&format!(" with G{}", e.arg2));
            }
        }
        EvKind::GoSysCall => s.push_str(&format!(" {}ns", e.arg)),
        EvKind::ThreadCreate => s.push_str(&format!(" threads={}", e.arg)),
        EvKind::Procs => s.push_str(&format!(" GOMAXPROCS={}", e.arg)),
        EvKind::Sleep => s.push_str(&format!(" until {:.6}ms", e.arg as f64 / 1e6)),
        _ => {}
    }
    s
}

/// The runtime's settings for our flags; unset flags keep its defaults.
fn runtime_config(config: &RunConfig) -> Config {
    let mut c = Config::default();
    if let Some(n) = config.gomaxprocs {
        c.gomaxprocs = n;
    }
    if let Some(s) = config.seed {
        c.seed = s;
    }
    c.race = config.race;
    let l = &config.limits;
    if let Some(n) = l.max_instructions {
        c.max_instructions = n;
    }
    if let Some(n) = l.max_goroutines {
        c.max_goroutines = n;
    }
    if let Some(n) = l.max_memory_bytes {
        c.max_memory_bytes = n;
    }
    if let Some(n) = l.max_wall_ms {
        c.max_wall_ms = n;
    }
    c.wall_clock = host_clock();
    c
}

/// Milliseconds on the host's monotonic clock, for the wall-time limit.
/// `Instant` does not exist on wasm32-unknown-unknown (it panics), so the
/// embedded corpus tests there run without a wall-time limit; the page gives
/// the runtime its own clock (`performance.now()`).
#[cfg(not(target_arch = "wasm32"))]
fn host_clock() -> Option<fn() -> f64> {
    fn now_ms() -> f64 {
        static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
        START
            .get_or_init(std::time::Instant::now)
            .elapsed()
            .as_secs_f64()
            * 1000.0
    }
    Some(now_ms)
}

#[cfg(target_arch = "wasm32")]
fn host_clock() -> Option<fn() -> f64> {
    None
}

/// Lets the runtime write into a [`Sink`] (the two traits have the same
/// shape; ours keeps `corpus` and `main` independent of the runtime crate).
struct SinkOutput<'a>(&'a mut dyn Sink);

impl Output for SinkOutput<'_> {
    fn stdout(&mut self, bytes: &[u8]) {
        self.0.stdout(bytes);
    }
    fn stderr(&mut self, bytes: &[u8]) {
        self.0.stderr(bytes);
    }
    fn stop_requested(&self) -> bool {
        self.0.stop_requested()
    }
}

/// Runs `src` and collects its output, as the corpus tests compare it.
pub fn run_captured(path: &str, src: &str, config: &RunConfig) -> Outcome {
    let mut out = Captured::default();
    let finished = run(path, src, config, &mut out);
    Outcome {
        exit: finished.exit,
        stdout: out.stdout,
        stderr: out.stderr,
    }
}

/// A [`Sink`] that keeps everything in memory.
#[derive(Debug, Default)]
pub struct Captured {
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
}

impl Sink for Captured {
    fn stdout(&mut self, bytes: &[u8]) {
        self.stdout.extend_from_slice(bytes);
    }
    fn stderr(&mut self, bytes: &[u8]) {
        self.stderr.extend_from_slice(bytes);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A main that just returns runs to exit status 0 with no output
    /// through the bridge. (What programs print is the corpus's business.)
    /// An empty `code` vector made the runtime panic at 231951f: reported.
    #[test]
    fn execute_runs_a_program_to_its_exit_status() {
        let program = Program {
            functions: vec![golab_bytecode::Function {
                name: "main.main".into(),
                file: "prog.go".into(),
                code: vec![golab_bytecode::Op::Return {
                    src: golab_bytecode::Reg(0),
                    n: 0,
                }],
                lines: vec![Default::default()],
                num_regs: 1,
                ..Default::default()
            }],
            ..Default::default()
        };
        let mut out = Captured::default();
        let status = execute(Arc::new(program), &RunConfig::default(), &mut out);
        assert_eq!((status, out.stdout, out.stderr), (0, vec![], vec![]));
    }
}
