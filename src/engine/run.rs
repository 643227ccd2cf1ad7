//! The one run type: a program running on the page, in step or parallel
//! mode, driven by the engine and watched through [`Progress`].
//!
//! [`Run::start`] takes a compiled program and a [`RunSpec`] (mode,
//! settings, what the views need) and a function that receives one
//! [`Progress`] per frame. The engine owns the loop: in step mode it runs
//! the `Vm` in slices within each animation frame's budget
//! ([`super::frame::deadline`]), at the reader's [`Speed`]; in parallel mode
//! the Ms run on workers and the page looks every
//! [`super::parallel::poll_ms`], or at once when a worker wakes it. The
//! [`Run`] handle is the only way in: Stop, Continue, Step, Next event, run
//! to a line, choose the next goroutine, change the speed.
//!
//! Why one type: the playground, the widgets that run programs and the
//! batch of "Run 100 times" each had a frame loop of their own, with their
//! own idea of Stop; now every run stops, pauses and reports the same way,
//! and a view is a function of [`Progress`].
//!
//! **Invariant:** a run's loop holds the generation it was started for;
//! Stop, a pause (any step) and Continue move the generation on, so at most
//! one loop drives a run, and a stale loop quits at its next frame. Stop
//! always works, even on `for {}`: step mode stops calling the `Vm`, and
//! parallel mode's Ms leave at their next check-in.

use super::parallel::{self, ParallelSession};
use super::races::Race;
use super::session::Session;
use super::{frame, Console, Mode, Program, Settings, Stream};
use golab_runtime::{Event, Snapshot};
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// How fast a step-mode run goes: as fast as the frame budget allows, or a
/// fixed number of instructions per frame so the reader can watch the views.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Speed {
    Max,
    PerFrame(u64),
}

/// What to run and what the views need of it.
#[derive(Clone, Debug, PartialEq)]
pub struct RunSpec {
    pub mode: Mode,
    pub settings: Settings,
    /// Take a scheduler snapshot for every progress (the G/M/P and channel
    /// views); costs a walk of the machine per frame, so only when drawn.
    pub snapshots: bool,
    /// Hand the views at most this many trace events (the first ones); a
    /// longer run keeps recording up to [`TRACE_LIMIT`] and the views say
    /// they show the start. Recording itself is `settings.trace`.
    pub trace_cap: usize,
}

/// Where a run stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Phase {
    Running,
    /// Step mode, between the reader's steps.
    Paused,
    /// The program ended by itself with this exit status (2 also when a
    /// worker died under a parallel run: the console says why).
    Exited(i32),
    /// The reader stopped it (nothing else does: a full trace only stops
    /// the recording, [`Progress::trace_full`]).
    Stopped,
}

impl Phase {
    /// Still running or paused (not over).
    pub fn is_live(&self) -> bool {
        matches!(self, Phase::Running | Phase::Paused)
    }
}

/// One look at a run, as plain data: what a frame draws.
#[derive(Clone, Debug, PartialEq)]
pub struct Progress {
    pub phase: Phase,
    /// Everything printed so far (capped: see [`Console`]).
    pub console: Rc<Console>,
    /// Instructions executed.
    pub steps: u64,
    /// Real milliseconds: interpreting time in step mode, wall time since
    /// the start in parallel mode.
    pub real_ms: f64,
    /// The program's clock in nanoseconds (virtual in step mode, real in
    /// parallel mode).
    pub virtual_ns: i64,
    /// The scheduler's state now, when [`RunSpec::snapshots`] (in parallel
    /// mode only when the runtime's lock was free this frame).
    pub snapshot: Option<Rc<Snapshot>>,
    /// The trace events for the views (at most [`RunSpec::trace_cap`]),
    /// when new ones were recorded since the last progress.
    pub trace: Option<Rc<Vec<Event>>>,
    /// Every race reported so far, when new ones were reported.
    pub races: Option<Rc<Vec<Race>>>,
    /// While paused: the source lines the running goroutines are at.
    pub current_lines: Vec<u32>,
    /// The trace reached [`TRACE_LIMIT`]: later events were not recorded
    /// (the run went on).
    pub trace_full: bool,
    /// A stopped parallel run's threads have all left, this many ms after
    /// Stop (what Stop costs; the e2e test bounds it).
    pub stop_ms: Option<f64>,
}

enum Backend {
    // Boxed: a Vm is a kilobyte, a parallel session a pointer.
    Step(Box<Session>),
    Parallel(Rc<RefCell<ParallelSession>>),
}

struct State {
    backend: Backend,
    spec: RunSpec,
    speed: Speed,
    /// Moved on by Stop, every step and Continue (see the invariant).
    generation: u64,
    phase: Phase,
    real_ms: f64,
    /// Trace events and race reports already handed over.
    trace_sent: usize,
    races_sent: usize,
    /// Set by [`Run::cancel`]: nothing is reported any more.
    silent: bool,
}

struct Inner {
    state: RefCell<State>,
    on_progress: Box<dyn Fn(Progress)>,
}

/// A handle on a run (cheap to clone; every clone is the same run).
#[derive(Clone)]
pub struct Run(Rc<Inner>);

/// How a run starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Start {
    /// The engine drives it to its end.
    Running,
    /// Before its first instruction, for the reader to step. A paused run
    /// is always a step-mode run: parallel runs cannot be stepped.
    Paused,
}

impl Run {
    /// Starts `program` as `spec` says; `on_progress` gets the first
    /// progress at once and then one per frame until the run is over.
    pub fn start(
        program: &Program,
        spec: RunSpec,
        start: Start,
        on_progress: impl Fn(Progress) + 'static,
    ) -> Run {
        let parallel = spec.mode == Mode::Parallel && start == Start::Running;
        let backend = if parallel {
            let mut s = ParallelSession::start(
                program,
                &spec.settings,
                crate::platform::hardware_concurrency(),
                frame::epoch_ms,
            );
            if spec.settings.trace.is_some() {
                s.keep_trace(spec.trace_cap);
            }
            Backend::Parallel(Rc::new(RefCell::new(s)))
        } else {
            Backend::Step(Box::new(Session::new(program, &spec.settings)))
        };
        let run = Run(Rc::new(Inner {
            state: RefCell::new(State {
                backend,
                spec,
                speed: Speed::Max,
                generation: 0,
                phase: match start {
                    Start::Running => Phase::Running,
                    Start::Paused => Phase::Paused,
                },
                real_ms: 0.0,
                trace_sent: 0,
                races_sent: 0,
                silent: false,
            }),
            on_progress: Box::new(on_progress),
        }));
        if parallel {
            run.drive_parallel();
        } else {
            run.report(|st| step_progress(st, false));
            if start == Start::Running {
                run.spawn_step_loop();
            }
        }
        run
    }

    /// Whether this is a parallel-mode run.
    pub fn is_parallel(&self) -> bool {
        matches!(self.0.state.borrow().backend, Backend::Parallel(_))
    }

    /// Where the run stands.
    pub fn phase(&self) -> Phase {
        self.0.state.borrow().phase.clone()
    }

    /// The pace of a step-mode run from its next frame on.
    pub fn set_speed(&self, speed: Speed) {
        self.0.state.borrow_mut().speed = speed;
    }

    /// Stops the run where it stands and reports it stopped; a parallel
    /// run reports once more, with [`Progress::stop_ms`], when its threads
    /// have left.
    pub fn stop(&self) {
        {
            let mut st = self.0.state.borrow_mut();
            if !st.phase.is_live() {
                return;
            }
            st.generation += 1;
            st.phase = Phase::Stopped;
        }
        self.report(|st| match &st.backend {
            Backend::Step(_) => step_progress(st, false),
            Backend::Parallel(s) => {
                let s = s.clone();
                let s = s.borrow();
                parallel_progress(st, &s, None)
            }
        });
        // A parallel run's loop notices the Stop now, not at its next poll.
        #[cfg(target_arch = "wasm32")]
        crate::threads::run_wakers();
    }

    /// Stops the run without reporting anything more (its viewer is gone).
    pub fn cancel(&self) {
        self.0.state.borrow_mut().silent = true;
        self.stop();
    }

    /// Pauses a running step-mode run where it stands (parallel runs run
    /// on real threads and cannot be paused: nothing happens).
    pub fn pause(&self) {
        {
            let mut st = self.0.state.borrow_mut();
            if st.phase != Phase::Running || !matches!(st.backend, Backend::Step(_)) {
                return;
            }
            st.generation += 1;
            st.phase = Phase::Paused;
        }
        self.report(|st| step_progress(st, false));
    }

    /// Continues a paused step-mode run at the reader's speed.
    pub fn resume(&self) {
        {
            let mut st = self.0.state.borrow_mut();
            if st.phase != Phase::Paused {
                return;
            }
            st.generation += 1;
            st.phase = Phase::Running;
        }
        self.report(|st| step_progress(st, false));
        self.spawn_step_loop();
    }

    /// Step mode: one instruction on every running P (pauses the run).
    pub fn step_instruction(&self) {
        self.step_with(|s| {
            s.step_instruction();
        });
    }

    /// Step mode: up to the next scheduling event, at most `max`
    /// instructions (a loop with no event in it still returns).
    pub fn step_event(&self, max: u64) {
        self.step_with(|s| {
            s.step_event(max);
        });
    }

    /// Step mode: runs until some goroutine is about to execute source line
    /// `line`, stepping at most `max` instructions.
    pub fn run_to_line(&self, line: u32, max: u64) {
        self.step_with(|s| {
            s.run_until_line(line, max);
        });
    }

    /// Step mode: runs until the run has executed `steps` instructions (a
    /// shared link's position) and pauses there. Step mode is
    /// deterministic, so the same program, seed and GOMAXPROCS reach the
    /// same state (choices made with "be the scheduler" are not replayed).
    pub fn run_to_step(&self, steps: u64) {
        self.step_with(|s| {
            while s.exit().is_none() && s.steps() < steps {
                s.run(steps - s.steps());
            }
        });
    }

    /// "Be the scheduler": P `p` runs goroutine `goid` next. False if that
    /// G is not runnable (or this is not a live step-mode run).
    pub fn choose_next(&self, p: u32, goid: u64) -> bool {
        let mut st = self.0.state.borrow_mut();
        let live = st.phase.is_live();
        match &mut st.backend {
            Backend::Step(s) if live => s.choose_next(p, goid),
            _ => false,
        }
    }

    /// Pauses a step-mode run and applies `op` to it, timing it.
    fn step_with(&self, op: impl FnOnce(&mut Session)) {
        {
            let mut st = self.0.state.borrow_mut();
            if !st.phase.is_live() {
                return;
            }
            st.generation += 1;
            let Backend::Step(s) = &mut st.backend else {
                return;
            };
            let t0 = frame::now_ms();
            op(s);
            let exit = s.exit();
            st.real_ms += frame::now_ms() - t0;
            st.phase = match exit {
                Some(code) => Phase::Exited(code),
                None => Phase::Paused,
            };
        }
        self.report(|st| step_progress(st, false));
    }

    /// Builds a progress under the state's borrow, then hands it over
    /// outside it (the receiver may call back into the run).
    fn report(&self, make: impl FnOnce(&mut State) -> Progress) {
        let progress = {
            let mut st = self.0.state.borrow_mut();
            if st.silent {
                return;
            }
            make(&mut st)
        };
        (self.0.on_progress)(progress);
    }

    /// Step mode's frame loop: a slice per animation frame until the run
    /// ends or the generation moves on.
    fn spawn_step_loop(&self) {
        let generation = self.0.state.borrow().generation;
        let inner = Rc::downgrade(&self.0);
        wasm_bindgen_futures::spawn_local(async move {
            loop {
                frame::next_frame().await;
                // The run's last handle went away: nothing to drive.
                let Some(inner) = inner.upgrade() else { return };
                let run = Run(inner);
                if !run.step_frame(generation) {
                    return;
                }
            }
        });
    }

    /// One frame of a step-mode run; whether the loop goes on.
    fn step_frame(&self, generation: u64) -> bool {
        let trace_full;
        {
            let mut st = self.0.state.borrow_mut();
            if st.generation != generation || st.phase != Phase::Running {
                return false;
            }
            let speed = st.speed;
            let Backend::Step(s) = &mut st.backend else {
                return false;
            };
            let t0 = frame::now_ms();
            let exit = match speed {
                Speed::Max => s.run_for(frame::now_ms, frame::deadline()),
                Speed::PerFrame(n) => s.run(n),
            };
            // A full record only stops the recording: the program runs on.
            trace_full = s.trace_full();
            st.real_ms += frame::now_ms() - t0;
            st.phase = match exit {
                Some(code) => Phase::Exited(code),
                None => Phase::Running,
            };
        }
        self.report(|st| step_progress(st, trace_full));
        self.phase() == Phase::Running
    }

    /// Hands the parallel session to its driver; each poll becomes a
    /// progress.
    fn drive_parallel(&self) {
        let (session, generation) = {
            let st = self.0.state.borrow();
            let Backend::Parallel(s) = &st.backend else {
                return;
            };
            (s.clone(), st.generation)
        };
        let t0 = frame::now_ms();
        let weak = Rc::downgrade(&self.0);
        let wanted = {
            let weak = weak.clone();
            move || {
                weak.upgrade()
                    .is_some_and(|i| i.state.borrow().generation == generation)
            }
        };
        let on_frame = {
            let weak = weak.clone();
            move |s: &ParallelSession, failure: Option<String>| {
                let Some(inner) = weak.upgrade() else { return };
                let run = Run(inner);
                // As in step mode, a full record stops only the recording.
                let trace_full = s.trace_full();
                {
                    let mut st = run.0.state.borrow_mut();
                    st.real_ms = frame::now_ms() - t0;
                    st.phase = match (s.exit(), &failure) {
                        (_, Some(_)) => Phase::Exited(2),
                        (Some(code), None) => Phase::Exited(code),
                        (None, None) if s.ended() => Phase::Stopped,
                        (None, None) => Phase::Running,
                    };
                }
                run.report(|st| {
                    let mut p = parallel_progress(st, s, failure);
                    p.trace_full = trace_full;
                    p
                });
            }
        };
        let on_left = move |ms: f64| {
            let Some(inner) = weak.upgrade() else { return };
            let run = Run(inner);
            run.report(|st| {
                let Backend::Parallel(s) = &st.backend else {
                    unreachable!("a parallel run's driver reports a parallel run")
                };
                let s = s.clone();
                let mut p = parallel_progress(st, &s.borrow(), None);
                p.stop_ms = Some(ms);
                p
            });
        };
        parallel::drive(session, wanted, on_frame, on_left);
    }
}

/// A step-mode run's progress now.
fn step_progress(st: &mut State, trace_full: bool) -> Progress {
    let State {
        backend: Backend::Step(s),
        spec,
        phase,
        real_ms,
        trace_sent,
        races_sent,
        ..
    } = st
    else {
        unreachable!("step_progress on a step-mode run")
    };
    let mut races = None;
    if s.race_count() != *races_sent {
        let all = s.races();
        *races_sent = all.len();
        races = Some(Rc::new(all));
    }
    let events = s.trace();
    let n = events.len().min(spec.trace_cap);
    let trace = (n != *trace_sent).then(|| {
        *trace_sent = n;
        Rc::new(events[..n].to_vec())
    });
    Progress {
        phase: phase.clone(),
        console: Rc::new(s.console().clone()),
        steps: s.steps(),
        real_ms: *real_ms,
        virtual_ns: s.virtual_ns(),
        snapshot: spec.snapshots.then(|| Rc::new(s.snapshot())),
        trace,
        races,
        current_lines: if *phase == Phase::Paused {
            s.current_lines()
        } else {
            Vec::new()
        },
        trace_full,
        stop_ms: None,
    }
}

/// A parallel run's progress as of its last poll; `failure`: why a worker
/// died, which ends the run with Go's exit status for a fatal error.
fn parallel_progress(st: &mut State, s: &ParallelSession, failure: Option<String>) -> Progress {
    let mut console = s.console().clone();
    if let Some(why) = failure {
        console.write(
            Stream::Stderr,
            format!("fatal error: parallel mode: {why}\n").as_bytes(),
        );
    }
    let trace = (s.trace().len() != st.trace_sent).then(|| {
        st.trace_sent = s.trace().len();
        Rc::new(s.trace().to_vec())
    });
    let races = s.try_races().filter(|r| r.len() != st.races_sent).map(|r| {
        st.races_sent = r.len();
        Rc::new(r)
    });
    Progress {
        phase: st.phase.clone(),
        console: Rc::new(console),
        steps: s.steps(),
        real_ms: st.real_ms,
        virtual_ns: (st.real_ms * 1e6) as i64,
        snapshot: if st.spec.snapshots {
            s.try_snapshot().map(Rc::new)
        } else {
            None
        },
        trace,
        races,
        current_lines: Vec::new(),
        trace_full: false,
        stop_ms: None,
    }
}

/// A progress receiver that keeps the last progress, for code that looks
/// at a run synchronously (tests, and widgets that step a run and read the
/// result at once).
#[derive(Clone, Default)]
pub struct Latest(Rc<RefCell<Option<Progress>>>, Rc<Cell<u32>>);

impl Latest {
    /// A function to pass to [`Run::start`].
    pub fn sink(&self) -> impl Fn(Progress) + 'static {
        let (slot, count) = (self.0.clone(), self.1.clone());
        move |p| {
            *slot.borrow_mut() = Some(p);
            count.set(count.get() + 1);
        }
    }

    /// The last progress reported, if any.
    pub fn get(&self) -> Option<Progress> {
        self.0.borrow().clone()
    }

    /// How many progresses were reported.
    pub fn count(&self) -> u32 {
        self.1.get()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::compile;

    const GOROUTINES: &str = "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tdone := make(chan bool)\n\tfor i := 1; i <= 3; i++ {\n\t\tgo func(id int) {\n\t\t\tfmt.Println(\"goroutine\", id)\n\t\t\tdone <- true\n\t\t}(i)\n\t}\n\tfor i := 0; i < 3; i++ {\n\t\t<-done\n\t}\n}\n";

    /// `src` started paused, and what it reports.
    fn paused(src: &str) -> (Run, Latest) {
        let latest = Latest::default();
        let run = Run::start(&compile(src).unwrap(), spec(), Start::Paused, latest.sink());
        (run, latest)
    }

    fn spec() -> RunSpec {
        RunSpec {
            mode: Mode::Step,
            settings: Settings::default(),
            snapshots: true,
            trace_cap: 0,
        }
    }

    #[test]
    fn a_paused_run_reports_at_once_and_steps_to_its_end() {
        let (run, latest) = paused(GOROUTINES);
        let first = latest.get().unwrap();
        assert_eq!(first.phase, Phase::Paused);
        assert!(first.snapshot.is_some());
        assert!(
            first.current_lines.is_empty(),
            "no goroutine runs before the first step"
        );
        assert_eq!(first.console.stdout(), "");
        for _ in 0..10_000 {
            if !run.phase().is_live() {
                break;
            }
            run.step_event(1_000_000);
        }
        let last = latest.get().unwrap();
        assert_eq!(last.phase, Phase::Exited(0));
        assert!(
            last.console.stdout().starts_with("goroutine 3\n"),
            "{}",
            last.console.stdout()
        );
    }

    #[test]
    fn a_shared_position_reaches_the_state_the_reader_stepped_to() {
        // The reader steps event by event; a link records the steps count;
        // reopening it runs straight to that count.
        let (run, latest) = paused(GOROUTINES);
        for _ in 0..7 {
            run.step_event(1_000_000);
        }
        let stepped = latest.get().unwrap();
        let (again, reopened) = paused(GOROUTINES);
        again.run_to_step(stepped.steps);
        let reached = reopened.get().unwrap();
        assert_eq!(reached.phase, Phase::Paused);
        assert_eq!(reached.steps, stepped.steps);
        assert_eq!(reached.console.stdout(), stepped.console.stdout());
        assert_eq!(reached.current_lines, stepped.current_lines);
        assert_eq!(reached.snapshot, stepped.snapshot);
    }

    #[test]
    fn choosing_the_next_goroutine_changes_who_prints_first() {
        let (run, latest) = paused(GOROUTINES);
        // Step until all three goroutines are runnable, then pick goroutine 2's G.
        let mut chosen = false;
        for _ in 0..200 {
            run.step_event(1_000_000);
            let snap = latest.get().unwrap().snapshot.unwrap();
            if snap.gs.len() == 4 {
                let oldest = snap
                    .gs
                    .iter()
                    .filter(|g| g.goid != 1)
                    .map(|g| g.goid)
                    .min()
                    .unwrap();
                chosen = run.choose_next(0, oldest);
                break;
            }
        }
        assert!(chosen, "the oldest goroutine could be chosen");
        while run.phase().is_live() {
            run.step_event(1_000_000);
        }
        let out = latest.get().unwrap().console.stdout();
        assert!(out.starts_with("goroutine 1\n"), "{out}");
    }

    #[test]
    fn stop_reports_a_stopped_run_once_and_then_nothing() {
        let src = "package main\n\nfunc main() {\n\tfor {\n\t}\n}\n";
        let (run, latest) = paused(src);
        run.step_instruction();
        run.stop();
        assert_eq!(latest.get().unwrap().phase, Phase::Stopped);
        let n = latest.count();
        run.stop();
        run.step_instruction();
        assert!(!run.choose_next(0, 1));
        assert_eq!(latest.count(), n, "a stopped run reports nothing more");
    }

    #[test]
    fn run_to_line_pauses_on_the_line() {
        let src = "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tx := 0\n\tfor i := 0; i < 100; i++ {\n\t\tx += i\n\t}\n\tfmt.Println(x)\n}\n";
        let (run, latest) = paused(src);
        run.run_to_line(10, 100_000);
        let p = latest.get().unwrap();
        assert_eq!(p.phase, Phase::Paused);
        assert_eq!(p.current_lines, vec![10]);
        assert_eq!(p.console.stdout(), "");
    }

    #[test]
    fn a_cancelled_run_reports_nothing() {
        let (run, latest) = paused(GOROUTINES);
        let n = latest.count();
        run.cancel();
        assert_eq!(run.phase(), Phase::Stopped);
        assert_eq!(latest.count(), n);
    }
}
