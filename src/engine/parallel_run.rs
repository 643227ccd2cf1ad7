//! One parallel-mode run awaited to its end, for the widgets that run a
//! program for its result rather than to watch it: the atomic counter and
//! "Run 100 times". The playground watches every frame of a run through
//! [`super::parallel::drive`]; these widgets only need what the run printed,
//! how it ended and how long it took, one run after another, so they await
//! [`to_end`] in a loop.

use super::parallel::{drive, ParallelSession};
use super::{frame, Console, Settings};
use futures_channel::oneshot;
use golab_bytecode::Program;
use golab_runtime::parallel::End;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

/// How a run that was awaited to its end went.
#[derive(Clone, Debug, PartialEq)]
pub struct Finished {
    /// `Exited(code)`, or `Stopped` when it hit the caller's time limit.
    pub end: End,
    pub console: Console,
    /// Milliseconds from the start to the frame that saw the end (so up to
    /// a frame more than the run itself).
    pub real_ms: f64,
    /// Why the run broke, if a worker died (the pool is then restarted).
    pub failure: Option<String>,
}

impl Finished {
    /// The exit status, if the program ended by itself.
    pub fn exit(&self) -> Option<i32> {
        match self.end {
            End::Exited(code) => Some(code),
            End::Stopped => None,
        }
    }
}

/// Starts `program` in parallel mode on `cpus` logical CPUs and resolves
/// once every thread of the run has left. `wanted()` turning false (the
/// reader's Stop, a new batch, leaving the page) stops the run and resolves
/// to `None`; a run still going after `limit_ms` is stopped and resolves to
/// a `Finished` with `End::Stopped`, so one endless program cannot hold a
/// batch hostage. The page's thread never waits: this is driven by
/// animation frames like the playground's runs.
pub async fn to_end(
    program: Arc<Program>,
    settings: &Settings,
    cpus: u32,
    wanted: impl Fn() -> bool + 'static,
    limit_ms: Option<f64>,
) -> Option<Finished> {
    let session = ParallelSession::start(program, settings, cpus, frame::epoch_ms);
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
            let end = match s.exit() {
                Some(code) => End::Exited(code),
                // A dead worker ends the run where it stood.
                None if failure.is_some() || s.ended() => End::Stopped,
                None => return,
            };
            send(Finished {
                end,
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
                    end: End::Stopped,
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
