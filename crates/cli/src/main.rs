//! `lab`: run or check a Go program natively. See [`golab_cli::args::USAGE`].

use golab_cli::args::{self, Command, RunArgs, USAGE};
use golab_cli::engine::{self, RunConfig, Sink};
use std::io::Write;
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let code = match args::parse(&argv) {
        Ok(Command::Help) => {
            print!("{USAGE}");
            0
        }
        Ok(Command::Check { file }) => check(&file),
        Ok(Command::Run(run_args)) => run(&run_args),
        Ok(Command::Step(run_args)) => step(&run_args),
        Err(e) => {
            eprint!("lab: {e}\n{USAGE}");
            2
        }
    };
    // Exit statuses are 8 bits; Go's os.Exit(300) is seen as 44, and so is ours.
    ExitCode::from((code & 0xff) as u8)
}

/// Reads the program, or explains why not (exit status 1, as `go run` does
/// for a missing file). A file that is not UTF-8 gets the compiler's
/// diagnostics, which place each invalid byte as Go does.
fn read_source(file: &str) -> Result<String, i32> {
    match std::fs::read(file) {
        Ok(bytes) => String::from_utf8(bytes).map_err(|e| {
            let diags = engine::check_bytes(file, e.as_bytes());
            if diags.is_empty() {
                eprintln!("{file}: invalid UTF-8 encoding");
            } else {
                eprint!("{diags}");
            }
            1
        }),
        Err(e) => {
            eprintln!("lab: cannot read {file}: {e}");
            Err(1)
        }
    }
}

fn check(file: &str) -> i32 {
    let src = match read_source(file) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let diags = engine::check(file, &src);
    eprint!("{diags}");
    if diags.is_empty() {
        0
    } else {
        1
    }
}

/// The run's settings; without `--seed`, a random seed (the `--verbose`
/// summary line names it).
fn run_config(a: &RunArgs) -> RunConfig {
    let seed = a.seed.unwrap_or_else(random_seed);
    RunConfig {
        gomaxprocs: a.gomaxprocs,
        seed: Some(seed),
        race: a.race,
        parallel: a.parallel,
        limits: engine::Limits {
            max_instructions: a.max_instructions,
            max_goroutines: a.max_goroutines,
            max_memory_bytes: a.max_memory,
            max_wall_ms: a.max_wall_ms,
        },
    }
}

/// A seed from the clock and the process id (no dependency needed).
fn random_seed() -> u64 {
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    (t ^ (std::process::id() as u64).rotate_left(32)) % 1_000_000_000
}

fn step(a: &RunArgs) -> i32 {
    let src = match read_source(&a.file) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let config = run_config(a);
    let mut sink = StdSink::default();
    let finished = engine::step(&a.file, &src, &config, &mut sink, &mut |line, sink| {
        sink.stdout(line.as_bytes());
        sink.stdout(b"\n");
    });
    sink.flush();
    finished.exit
}

fn run(a: &RunArgs) -> i32 {
    let src = match read_source(&a.file) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let config = run_config(a);
    let start = Instant::now();
    let mut sink = StdSink::default();
    let finished = match &a.trace {
        Some(path) => {
            let traced = engine::run_traced(&a.file, &src, &config, &mut sink);
            sink.flush();
            if !traced.finished.compile_failed {
                if let Err(e) = std::fs::write(path, traced.chrome_json) {
                    eprintln!("lab: cannot write trace {path}: {e}");
                }
            }
            traced.finished
        }
        None => engine::run(&a.file, &src, &config, &mut sink),
    };
    sink.flush();
    if a.verbose {
        eprintln!(
            "lab: {}: exit status {}{} in {:.3}s (seed {})",
            a.file,
            finished.exit,
            if finished.compile_failed {
                " (did not compile)"
            } else {
                ""
            },
            start.elapsed().as_secs_f64(),
            config.seed.unwrap_or(0)
        );
    }
    finished.exit
}

/// Writes program output to the process's stdout and stderr. Stdout is
/// buffered (a program printing a line per loop turn would otherwise make a
/// system call per line) and written out at 64 KiB, before anything goes to
/// stderr (so the two interleave as the program wrote them), and when the
/// run is idle with output older than [`STALE`]. A closed pipe is not an
/// error worth a panic.
struct StdSink {
    out: Vec<u8>,
    flushed: std::time::Instant,
}

/// How long output may wait in [`StdSink`]'s buffer while the program runs.
const STALE: std::time::Duration = std::time::Duration::from_millis(50);

impl Default for StdSink {
    fn default() -> StdSink {
        StdSink {
            out: Vec::new(),
            flushed: std::time::Instant::now(),
        }
    }
}

impl StdSink {
    fn flush(&mut self) {
        self.flushed = std::time::Instant::now();
        if self.out.is_empty() {
            return;
        }
        let mut stdout = std::io::stdout().lock();
        let _ = stdout.write_all(&self.out);
        let _ = stdout.flush();
        self.out.clear();
    }
}

impl Sink for StdSink {
    fn stdout(&mut self, bytes: &[u8]) {
        self.out.extend_from_slice(bytes);
        if self.out.len() >= 1 << 16 {
            self.flush();
        }
    }
    fn stderr(&mut self, bytes: &[u8]) {
        self.flush();
        let _ = std::io::stderr().lock().write_all(bytes);
    }
    fn idle(&mut self) {
        if !self.out.is_empty() && self.flushed.elapsed() >= STALE {
            self.flush();
        }
    }
}
