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
use golab_runtime::{Config, Output, Vm};
use std::sync::Arc;

/// Settings of one run, from `lab run`'s flags.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RunConfig {
    /// Number of Ps; `None` for the runtime's default.
    pub gomaxprocs: Option<u32>,
    /// Seed of the scheduler's random choices; `None` for the default.
    pub seed: Option<u64>,
}

/// Where a running program's output goes.
pub trait Sink {
    fn stdout(&mut self, bytes: &[u8]);
    fn stderr(&mut self, bytes: &[u8]);
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

/// Runs a compiled program to the end, streaming its output to `sink`;
/// returns its exit status.
pub fn execute(program: Arc<Program>, config: &RunConfig, sink: &mut dyn Sink) -> i32 {
    let mut vm = Vm::new(program, runtime_config(config));
    vm.run_to_end(&mut SinkOutput(sink))
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
    c
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
