//! The engine: the page's one way to run a Go program. It compiles a
//! source text ([`compile`]), starts a [`Run`] in step or parallel mode,
//! and hands whoever started it one plain-data [`Progress`] per frame; the
//! [`Run`] handle is how a reader's controls reach the run (Stop, Continue,
//! Step, Next event, run to a line, choose the next goroutine). Widgets and
//! blocks map progress into their own state and draw it.
//!
//! **Architecture Invariant:** only this module names the compiler,
//! bytecode and runtime crates and the worker pool ([`crate::threads`]);
//! widgets, blocks, pages and components name `crate::engine`. What views
//! draw (snapshots, trace events, race reports) is plain data, re-exported
//! in [`data`]. So the runtime can change inside without touching a view,
//! and a view cannot reach into a running machine.
//!
//! **Invariant:** nothing here panics on any input; compile errors and
//! runtime failures come back as data.
//!
//! Modules: [`run`] (the run type and its frame loop over both modes),
//! [`to_end`] (a run awaited for its result), `session` (a step-mode run in
//! bounded slices) and `parallel` (a parallel-mode run on workers), [`many`]
//! (grouping many runs' outcomes), [`exercise`] (an exercise's check over
//! many seeds), [`console`], [`races`], [`gomaxprocs`]
//! (the one rule for how many Ps), [`workers`] (warming and checking the
//! worker pool), [`frame`] (animation frames, timers, clocks), [`data`].

pub mod console;
pub mod data;
pub mod exercise;
pub mod frame;
pub mod gomaxprocs;
pub mod many;
mod parallel;
pub mod races;
pub mod run;
mod session;
pub mod to_end;
pub mod workers;

pub use console::{Console, Stream};
pub use golab_runtime::parallel::End;
pub use gomaxprocs::Mode;
pub use parallel::{run_on_std_threads, NativeEnd};
pub use run::{Phase, Progress, Run, RunSpec, Speed};
pub use session::{run_to_end, Outcome, Session, TRACE_LIMIT};
pub use to_end::Finished;

use golab_runtime::Config;
use std::sync::Arc;

/// The file name examples are compiled under, as `go run prog.go` would
/// name it in diagnostics and tracebacks.
pub const FILE: &str = "prog.go";

/// One compile diagnostic, positioned in the reader's code (1-based line
/// and byte column, as Go prints them).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diag {
    pub line: u32,
    pub col: u32,
    pub message: String,
}

fn diags(d: golab_compiler::Diagnostics) -> Vec<Diag> {
    d.0.into_iter()
        .map(|d| Diag {
            line: d.line,
            col: d.col,
            message: d.message,
        })
        .collect()
}

/// Library packages written in Go that `src` imports and the page has not
/// fetched yet (see the compiler's `golib`).
pub fn missing_packages(src: &str) -> Vec<&'static str> {
    golab_compiler::golib::missing(src.as_bytes())
}

/// Fetches the library packages written in Go that `src` imports (the page
/// keeps them for the next program), then [`compile`] and [`check`] know
/// them. The error says which package could not be fetched and why.
pub async fn fetch_packages(src: &str) -> Result<(), String> {
    // A package may import others: look again after each round.
    loop {
        let missing = missing_packages(src);
        if missing.is_empty() {
            return Ok(());
        }
        for path in missing {
            let url = golab_compiler::golib::url(path).ok_or("no such package")?;
            let text = crate::platform::fetch_text(&format!("/{url}")).await?;
            if !text.trim_start().starts_with("//") && !text.trim_start().starts_with("package") {
                return Err(format!("/{url}: the server did not send Go source"));
            }
            golab_compiler::golib::provide(path, &text);
        }
    }
}

/// Calls `then` at once if every library package `src` imports is at hand;
/// otherwise fetches them first, then calls `then`, or `failed` with why.
pub fn when_packages_ready(
    src: &str,
    then: impl FnOnce() + 'static,
    failed: impl FnOnce(String) + 'static,
) {
    if missing_packages(src).is_empty() {
        return then();
    }
    let src = src.to_string();
    wasm_bindgen_futures::spawn_local(async move {
        match fetch_packages(&src).await {
            Ok(()) => then(),
            Err(e) => failed(e),
        }
    });
}

/// Parses and type-checks: what the editor shows as the reader types.
pub fn check(src: &str) -> Vec<Diag> {
    diags(golab_compiler::check(FILE, src))
}

/// A compiled program, ready to run any number of times (cheap to clone;
/// its bytecode is shared, never copied).
#[derive(Clone)]
pub struct Program(Arc<golab_bytecode::Program>);

impl PartialEq for Program {
    /// The same compiled program (not merely equal code).
    fn eq(&self, other: &Program) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// Compiles to a program the runtime can run, or the diagnostics.
pub fn compile(src: &str) -> Result<Program, Vec<Diag>> {
    golab_compiler::compile(FILE, src)
        .map(|p| Program(Arc::new(p)))
        .map_err(diags)
}

/// How a run is set up (from the directive and the reader's controls).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    pub gomaxprocs: u32,
    pub seed: u64,
    /// Instructions before the run ends with the runtime's limit error.
    pub max_instructions: u64,
    /// Record trace events (timeline, race view); `Some(true)` also
    /// records plain loads and stores of shared variables.
    pub trace: Option<bool>,
    /// The race detector (`go run -race`): reports races on stderr, exit 66.
    pub race: bool,
    /// Heap bytes before the runtime ends the run with Go's out-of-memory
    /// error. Well under the page's 1 GiB of wasm memory, which the app and
    /// the runtime's own bookkeeping share, so the run ends before the tab
    /// would.
    pub max_memory_bytes: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            gomaxprocs: 1,
            seed: 1,
            max_instructions: Config::default().max_instructions,
            trace: None,
            race: false,
            max_memory_bytes: 256 << 20,
        }
    }
}

impl Settings {
    fn config(&self) -> Config {
        Config {
            gomaxprocs: gomaxprocs::clamp_for(self.gomaxprocs, Mode::Step, 0),
            seed: self.seed,
            max_instructions: self.max_instructions,
            race: self.race,
            max_memory_bytes: self.max_memory_bytes,
            max_trace_events: TRACE_LIMIT,
            ..Config::default()
        }
    }
}
