//! A run awaited to its end, for widgets that run a program for its result
//! rather than to watch it: the atomic counter's three ways and the batch of
//! "Run 100 times". Both modes: step mode interprets within each animation
//! frame's budget (shared with every other run on the page, so a batch of
//! short runs finishes several per frame), parallel mode runs the Ms on
//! workers and awaits their leaving.

use super::parallel::{drive, ParallelSession};
use super::session::Session;
use super::{frame, Console, Mode, Program, RunSpec, Settings};
use futures_channel::oneshot;
use std::cell::RefCell;
use std::rc::Rc;

/// How a run that was awaited to its end went.
#[derive(Clone, Debug, PartialEq)]
pub struct Finished {
    /// The exit status; `None` when the run was stopped at the caller's
    /// time limit (or a worker died: see `failure`).
    pub exit: Option<i32>,
    pub console: Console,
    /// Real milliseconds: in step mode the time spent interpreting; in
    /// parallel mode from the start to the poll that saw the end (so up to
    /// a poll more than the run itself).
    pub real_ms: f64,
    /// Why the run broke, if a worker died (the pool is then restarted).
    pub failure: Option<String>,
}

/// Runs `program` as `spec` says and resolves with how it ended.
/// `wanted()` turning false (the reader's Stop, a new batch, leaving the
/// page) stops the run and resolves to `None`. In parallel mode a run still
/// going after `limit_ms` is stopped and resolves with no exit status, so
/// one endless program cannot hold a batch hostage (step mode's limit is
/// `settings.max_instructions`, which means the same on every machine).
pub async fn to_end(
    program: &Program,
    spec: &RunSpec,
    wanted: impl Fn() -> bool + 'static,
    limit_ms: Option<f64>,
) -> Option<Finished> {
    match spec.mode {
        Mode::Step => step_to_end(program, spec, wanted).await,
        Mode::Parallel => parallel_to_end(program, spec, wanted, limit_ms).await,
    }
}

async fn step_to_end(
    program: &Program,
    spec: &RunSpec,
    wanted: impl Fn() -> bool,
) -> Option<Finished> {
    let mut s = Session::new(program, &spec.settings);
    let real_ms = drive_step(&mut s, wanted).await?;
    Some(Finished {
        exit: s.exit(),
        console: s.console().clone(),
        real_ms,
        failure: None,
    })
}

/// Interprets a step-mode session within each animation frame's budget
/// until it ends: the real milliseconds spent, or `None` once `wanted()`
/// turns false.
pub(crate) async fn drive_step(s: &mut Session, wanted: impl Fn() -> bool) -> Option<f64> {
    let mut real_ms = 0.0;
    loop {
        if !wanted() {
            return None;
        }
        let (t0, deadline) = (frame::now_ms(), frame::deadline());
        if t0 < deadline {
            let exit = s.run_for(frame::now_ms, deadline);
            real_ms += frame::now_ms() - t0;
            if exit.is_some() {
                return Some(real_ms);
            }
        }
        frame::next_frame().await;
    }
}

/// The trace of a step-mode run of `program` with these settings, as
/// Chrome trace-event JSON (Perfetto opens it): what "Download trace"
/// saves for a run whose views recorded none. Step mode is deterministic,
/// so with the run's seed and GOMAXPROCS it is that run's trace; for a
/// parallel-mode run it is the step-mode run with the same settings.
pub async fn chrome_trace(program: &Program, settings: &Settings) -> String {
    let settings = Settings {
        trace: Some(false),
        ..settings.clone()
    };
    let mut s = Session::new(program, &settings);
    let _ = drive_step(&mut s, || true).await;
    s.chrome_trace_json()
}

async fn parallel_to_end(
    program: &Program,
    spec: &RunSpec,
    wanted: impl Fn() -> bool + 'static,
    limit_ms: Option<f64>,
) -> Option<Finished> {
    let session = ParallelSession::start(
        program,
        &spec.settings,
        crate::platform::hardware_concurrency(),
        frame::epoch_ms,
    );
    let t0 = frame::now_ms();
    let over_limit = move || limit_ms.is_some_and(|l| frame::now_ms() - t0 > l);
    let wanted = Rc::new(wanted);
    // Shared by the two callbacks: whichever sees the end sends. If `drive`
    // gives up without calling either (the reader's Stop, or a stopped run
    // whose workers had to be terminated), the sender is dropped and the
    // receiver resolves to `None`.
    let (tx, rx) = oneshot::channel();
    let tx = Rc::new(RefCell::new(Some(tx)));
    let send = {
        let tx = tx.clone();
        move |f: Finished| {
            if let Some(tx) = tx.borrow_mut().take() {
                let _ = tx.send(f);
            }
        }
    };
    let send_left = send.clone();
    let wanted_left = wanted.clone();
    drive(
        Rc::new(RefCell::new(session)),
        move || wanted() && !over_limit(),
        move |s, failure| {
            // A dead worker ends the run where it stood.
            if s.exit().is_none() && failure.is_none() && !s.ended() {
                return;
            }
            send(Finished {
                exit: s.exit(),
                console: s.console().clone(),
                real_ms: frame::now_ms() - t0,
                failure,
            });
        },
        move |_stop_ms| {
            // Stopped by us: by the time limit if the caller still wants
            // the run (its result is "stopped"), else the caller moved on.
            if wanted_left() {
                send_left(Finished {
                    exit: None,
                    console: Console::default(),
                    real_ms: frame::now_ms() - t0,
                    failure: None,
                });
            }
        },
    );
    drop(tx);
    rx.await.ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{compile, Settings};

    #[test]
    fn a_step_mode_run_resolves_with_its_output() {
        let src = "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"hi\")\n}\n";
        let spec = RunSpec {
            mode: Mode::Step,
            settings: Settings::default(),
            snapshots: false,
            trace_cap: 0,
        };
        let f = futures_executor_lite(to_end(&compile(src).unwrap(), &spec, || true, None));
        let f = f.expect("a wanted run resolves");
        assert_eq!(f.exit, Some(0));
        assert_eq!(f.console.stdout(), "hi\n");
        let gone = futures_executor_lite(to_end(&compile(src).unwrap(), &spec, || false, None));
        assert_eq!(gone, None, "an unwanted run resolves to None");
    }

    #[test]
    fn a_downloaded_trace_is_chrome_json_of_the_whole_run() {
        let src = "package main\n\nfunc main() {\n\tdone := make(chan bool)\n\tgo func() { done <- true }()\n\t<-done\n}\n";
        let json =
            futures_executor_lite(chrome_trace(&compile(src).unwrap(), &Settings::default()));
        assert!(json.starts_with("{\"traceEvents\":["), "{json}");
        // Both goroutines ran to their ends, and the send woke main.
        assert_eq!(json.matches("\"name\":\"GoEnd\"").count(), 2, "{json}");
        assert!(json.contains("\"name\":\"GoUnblock\""), "{json}");
    }

    /// Polls a future that never waits on anything outside itself (natively
    /// the frame loop's awaits are no-ops) to its end.
    fn futures_executor_lite<F: std::future::Future>(f: F) -> F::Output {
        use std::task::{Context, Poll, Waker};
        let mut f = std::pin::pin!(f);
        let mut cx = Context::from_waker(Waker::noop());
        loop {
            if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
                return v;
            }
        }
    }
}
