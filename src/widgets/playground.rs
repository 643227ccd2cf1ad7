//! The playground every ` ```go run ` block becomes: the editor, the run
//! controls, the console, "Run 100 times", and the views the directive
//! attaches.
//!
//! Running: Run compiles the reader's code and starts a [`Session`]; an
//! async loop then runs it for a few milliseconds per animation frame
//! ([`frame::FRAME_BUDGET_MS`]) and publishes its output. Every loop carries
//! the run generation it was started for; Stop, Reset and a new Run bump the
//! generation, and a loop that sees a newer one quits at its next frame. So
//! Stop always works, even on `for {}`, and never leaves two loops running.
//!
//! Race reports: with the race detector on, each frame also hands over the
//! reports found so far (only when their number grew); the console turns
//! each report's two access lines into buttons, and picking one highlights
//! both lines in the editor and both accesses in the race view.
//!
//! Saving: every edit is written to localStorage at once (under the block's
//! `id=` or its position in the chapter), so nothing typed is lost to a
//! crash, a stop or navigation; Reset deletes the saved copy.

use super::channels::Channels;
use super::console::{Console, RunState};
use super::editor::{Editor, Highlight};
use super::gmp::Gmp;
use super::race::RaceView;
use super::run_many::RunMany;
use super::t;
use super::timeline::Timeline;
use crate::blocks::BlockContext;
use crate::content::Lang;
use crate::directive::{Mode, RunBlock, View};
use crate::engine::parallel::{self as par, ParallelSession};
use crate::engine::races::Race;
use crate::engine::{self, frame, Diag, Session, Settings};
use crate::platform;
use golab_runtime::{Event as TraceEvent, Snapshot};
use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// How fast a run goes: as fast as the frame budget allows, or a fixed
/// number of instructions per frame so the reader can watch the views.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Speed {
    Max,
    PerFrame(u64),
}

impl Speed {
    pub const ALL: [Speed; 5] = [
        Speed::Max,
        Speed::PerFrame(10_000),
        Speed::PerFrame(1_000),
        Speed::PerFrame(100),
        Speed::PerFrame(10),
    ];
    fn value(self) -> String {
        match self {
            Speed::Max => "max".into(),
            Speed::PerFrame(n) => n.to_string(),
        }
    }
    fn parse(s: &str) -> Speed {
        s.parse().map(Speed::PerFrame).unwrap_or(Speed::Max)
    }
    fn label(self, lang: Lang) -> String {
        match (self, lang) {
            (Speed::Max, Lang::Zh) => "全速".into(),
            (Speed::Max, Lang::En) => "full speed".into(),
            (Speed::PerFrame(n), Lang::Zh) => format!("每帧 {} 条指令", super::grouped(n)),
            (Speed::PerFrame(n), Lang::En) => format!("{} instructions/frame", super::grouped(n)),
        }
    }
}

/// The playground's state: one reducer, one [`Action`] enum.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub code: String,
    pub diags: Vec<Diag>,
    pub gomaxprocs: u32,
    pub seed: u64,
    /// The race detector is on (`race=true` in the directive, or the reader's checkbox).
    pub race: bool,
    /// Parallel mode: the Ms are workers and the Ps really run at once.
    pub parallel: bool,
    pub speed: Speed,
    pub run: RunState,
    pub output: Rc<engine::Console>,
    pub steps: u64,
    pub real_ms: f64,
    /// The code the current run was compiled from.
    pub ran_code: Option<String>,
    /// The scheduler's state after the last slice (only when views need it).
    pub snapshot: Option<Rc<Snapshot>>,
    /// Trace events so far (only when views need them), at most [`TRACE_CAP`].
    pub trace: Rc<Vec<TraceEvent>>,
    pub virtual_ns: i64,
    /// "Be the scheduler": the G the reader chose to run next, on which P.
    pub chosen: Option<(u32, u64)>,
    /// While paused: the lines the running goroutines are at.
    pub current_lines: Vec<u32>,
    /// The run was stopped because its trace reached the engine's limit.
    pub trace_full: bool,
    /// The races the detector reported in this run.
    pub races: Rc<Vec<Race>>,
    /// The report the reader picked in the console (index into `races`).
    pub shown_race: Option<usize>,
    /// Bumped by every pick, so picking again scrolls the lines into view again.
    pub race_pick: u64,
    /// Milliseconds the last stopped parallel run took to leave its workers.
    pub stop_ms: Option<f64>,
}

/// Trace events handed to the views; a longer run keeps its first events
/// (the views say so), so a long program cannot exhaust the page's memory
/// through its views.
pub const TRACE_CAP: usize = 20_000;

pub enum Action {
    Edit(String),
    /// Diagnostics for a version of the code (dropped if the code moved on).
    Diagnosed(String, Vec<Diag>),
    Reset(String),
    Procs(u32),
    Seed(u64),
    Race(bool),
    /// Parallel mode on or off.
    Mode(bool),
    Speed(Speed),
    CompileFailed(String, Vec<Diag>),
    Started(String),
    Progress {
        output: Rc<engine::Console>,
        steps: u64,
        real_ms: f64,
        exit: Option<i32>,
        paused: bool,
        snapshot: Option<Rc<Snapshot>>,
        trace: Option<Rc<Vec<TraceEvent>>>,
        virtual_ns: i64,
        current_lines: Vec<u32>,
        /// The race reports, when there are new ones.
        races: Option<Rc<Vec<Race>>>,
    },
    Chose(u32, u64),
    /// The reader picked race report `i` in the console.
    ShowRace(usize),
    /// The trace for the views is full: the run stops.
    TraceFull,
    /// A stopped parallel run's threads have all left, this many ms after Stop.
    ThreadsLeft(f64),
    Stopped,
}

impl Reducible for State {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Edit(code) => {
                s.code = code;
                // The highlighted lines were the run's; an edit may move them.
                s.shown_race = None;
            }
            Action::Diagnosed(code, diags) => {
                if code != s.code {
                    return self;
                }
                s.diags = diags;
            }
            Action::Reset(code) => {
                s.code = code;
                s.diags.clear();
                s.run = RunState::Idle;
                s.output = Rc::default();
                s.steps = 0;
                s.real_ms = 0.0;
                s.ran_code = None;
                s.snapshot = None;
                s.trace = Rc::default();
                s.virtual_ns = 0;
                s.chosen = None;
                s.current_lines.clear();
                s.races = Rc::default();
                s.shown_race = None;
            }
            Action::Procs(n) => s.gomaxprocs = n.clamp(1, 64),
            Action::Seed(seed) => s.seed = seed,
            Action::Race(on) => s.race = on,
            Action::Mode(parallel) => {
                s.parallel = parallel;
                if parallel {
                    s.gomaxprocs = s.gomaxprocs.min(platform::hardware_concurrency());
                }
            }
            Action::Speed(speed) => s.speed = speed,
            Action::CompileFailed(code, diags) => {
                s.run = RunState::CompileFailed(
                    diags
                        .iter()
                        .map(|d| format!("{}:{}:{}: {}", engine::FILE, d.line, d.col, d.message))
                        .collect(),
                );
                if code == s.code {
                    s.diags = diags;
                }
                s.output = Rc::default();
                s.steps = 0;
                s.real_ms = 0.0;
                s.ran_code = None;
            }
            Action::Started(code) => {
                s.stop_ms = None;
                s.run = RunState::Running;
                s.output = Rc::default();
                s.steps = 0;
                s.real_ms = 0.0;
                s.diags.clear();
                s.ran_code = Some(code);
                s.trace_full = false;
                s.snapshot = None;
                s.trace = Rc::default();
                s.virtual_ns = 0;
                s.chosen = None;
                s.races = Rc::default();
                s.shown_race = None;
            }
            Action::Progress {
                output,
                steps,
                real_ms,
                exit,
                paused,
                snapshot,
                trace,
                virtual_ns,
                current_lines,
                races,
            } => {
                s.current_lines = current_lines;
                if let Some(races) = races {
                    s.races = races;
                }
                if snapshot.is_some() {
                    s.snapshot = snapshot;
                }
                if let Some(trace) = trace {
                    s.trace = trace;
                }
                s.virtual_ns = virtual_ns;
                // The chosen G ran once the scheduler moved on.
                if let (Some((_, goid)), Some(snap)) = (s.chosen, &s.snapshot) {
                    if snap
                        .gs
                        .iter()
                        .any(|g| g.goid == goid && g.status != "_Grunnable")
                    {
                        s.chosen = None;
                    }
                }
                s.output = output;
                s.steps = steps;
                s.real_ms = real_ms;
                s.run = match exit {
                    Some(code) => RunState::Exited(code),
                    None if paused => RunState::Paused,
                    None => RunState::Running,
                };
            }
            Action::Chose(p, goid) => s.chosen = Some((p, goid)),
            Action::ThreadsLeft(ms) => s.stop_ms = Some(ms),
            Action::ShowRace(i) => {
                if i < s.races.len() {
                    s.shown_race = Some(i);
                    s.race_pick += 1;
                }
            }
            Action::TraceFull => {
                s.trace_full = true;
                if matches!(s.run, RunState::Running | RunState::Paused) {
                    s.run = RunState::Stopped;
                }
            }
            Action::Stopped => {
                if matches!(s.run, RunState::Running | RunState::Paused) {
                    s.run = RunState::Stopped;
                }
            }
        }
        Rc::new(s)
    }
}

/// Instructions "Next event" may run before it gives up (a loop with no
/// scheduling event in it still returns control).
const STEP_EVENT_MAX: u64 = 1_000_000;

/// Instructions "run to line" may step before giving up (it steps one
/// instruction at a time, so this bounds the click to a few tens of ms).
const RUN_TO_LINE_MAX: u64 = 200_000;

/// The page's side of the current run (not part of the rendered state: the
/// VM is neither `Clone` nor `PartialEq`).
#[derive(Default)]
struct Runner {
    session: Option<Session>,
    /// Bumped by every Run, Step-from-scratch, Stop and Reset.
    generation: u64,
    speed: Option<Speed>,
    /// Whether views are attached (then each frame takes a snapshot and
    /// copies new trace events).
    views: bool,
    /// Trace events already handed to the views.
    trace_sent: usize,
    /// Race reports already handed to the console.
    races_sent: usize,
    /// Milliseconds spent running so far.
    real_ms: f64,
    /// Bumped by every edit; a pending diagnostic check runs only if no
    /// edit came after it (the debounce).
    edit_generation: u64,
    /// The parallel-mode run, if the current run is one (its frame loop
    /// holds it too, and stops it when the generation moves on).
    par: Option<Rc<RefCell<ParallelSession>>>,
}

type RunnerRef = Rc<RefCell<Runner>>;

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

fn progress(runner: &mut Runner, paused: bool) -> Action {
    let s = runner.session.as_ref();
    let (mut snapshot, mut trace, mut races) = (None, None, None);
    if let Some(s) = s.filter(|s| s.race_count() != runner.races_sent) {
        let all = s.races();
        runner.races_sent = all.len();
        races = Some(Rc::new(all));
    }
    if let (true, Some(s)) = (runner.views, s) {
        snapshot = Some(Rc::new(s.snapshot()));
        let events = s.trace();
        let n = events.len().min(TRACE_CAP);
        if n != runner.trace_sent {
            trace = Some(Rc::new(events[..n].to_vec()));
            runner.trace_sent = n;
        }
    }
    Action::Progress {
        output: Rc::new(s.map(|s| s.console().clone()).unwrap_or_default()),
        steps: s.map_or(0, Session::steps),
        real_ms: runner.real_ms,
        exit: s.and_then(Session::exit),
        paused,
        snapshot,
        trace,
        virtual_ns: s.map_or(0, Session::virtual_ns),
        current_lines: match s {
            Some(s) if paused => s.current_lines(),
            _ => Vec::new(),
        },
        races,
    }
}

/// What a frame of a parallel run shows. Views get the scheduler's state
/// and new trace events when the runtime's lock was free this frame (else
/// they keep the last ones); `trace_sent` is how many events they have.
fn progress_parallel(
    s: &ParallelSession,
    views: bool,
    trace_sent: &std::cell::Cell<usize>,
    real_ms: f64,
    failure: Option<String>,
) -> Action {
    let mut output = s.console().clone();
    let mut exit = s.exit();
    if let Some(why) = failure {
        output.write(
            engine::Stream::Stderr,
            format!("fatal error: parallel mode: {why}\n").as_bytes(),
        );
        exit = Some(2);
    }
    Action::Progress {
        output: Rc::new(output),
        steps: s.steps(),
        real_ms,
        exit,
        paused: false,
        snapshot: if views {
            s.try_snapshot().map(Rc::new)
        } else {
            None
        },
        trace: (s.trace().len() != trace_sent.get()).then(|| {
            trace_sent.set(s.trace().len());
            Rc::new(s.trace().to_vec())
        }),
        virtual_ns: (real_ms * 1e6) as i64,
        current_lines: Vec::new(),
        races: s.try_races().filter(|r| !r.is_empty()).map(Rc::new),
    }
}

/// Runs the session frame by frame until it ends or a newer generation
/// takes over.
fn spawn_loop(runner: RunnerRef, dispatch: UseReducerDispatcher<State>, generation: u64) {
    wasm_bindgen_futures::spawn_local(async move {
        loop {
            frame::next_frame().await;
            let mut r = runner.borrow_mut();
            if r.generation != generation {
                return;
            }
            let speed = r.speed.unwrap_or(Speed::Max);
            let t0 = frame::now_ms();
            let Some(session) = r.session.as_mut() else {
                return;
            };
            let exit = match speed {
                Speed::Max => session.run_for(frame::now_ms, t0 + frame::FRAME_BUDGET_MS),
                Speed::PerFrame(n) => session.run(n),
            };
            r.real_ms += frame::now_ms() - t0;
            let full = exit.is_none() && r.session.as_ref().is_some_and(Session::trace_full);
            dispatch.dispatch(progress(&mut r, false));
            if full {
                r.generation += 1;
                dispatch.dispatch(Action::TraceFull);
                return;
            }
            if exit.is_some() {
                return;
            }
        }
    });
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub block: RunBlock,
    pub ctx: BlockContext,
}

#[function_component(Playground)]
pub fn playground(props: &Props) -> Html {
    let block = &props.block;
    let lang = props.ctx.lang;
    let key = props.ctx.storage_key("code", block.id.as_deref());
    let state = {
        let (key, block) = (key.clone(), block.clone());
        use_reducer(move || State {
            code: storage()
                .and_then(|s| s.get_item(&key).ok().flatten())
                .unwrap_or_else(|| block.code.clone()),
            diags: Vec::new(),
            gomaxprocs: match block.mode == Mode::Parallel && platform::cross_origin_isolated() {
                true => block
                    .gomaxprocs
                    .unwrap_or(1)
                    .min(platform::hardware_concurrency()),
                false => block.gomaxprocs.unwrap_or(1),
            },
            seed: block.seed.unwrap_or(1),
            race: block.race,
            parallel: block.mode == Mode::Parallel && platform::cross_origin_isolated(),
            speed: Speed::Max,
            run: RunState::Idle,
            output: Rc::default(),
            steps: 0,
            real_ms: 0.0,
            ran_code: None,
            snapshot: None,
            trace: Rc::default(),
            virtual_ns: 0,
            chosen: None,
            current_lines: Vec::new(),
            trace_full: false,
            races: Rc::default(),
            shown_race: None,
            race_pick: 0,
            stop_ms: None,
        })
    };
    let runner: RunnerRef = use_mut_ref(Runner::default);
    // A run outlives nothing: leaving the page ends its loop.
    {
        let runner = runner.clone();
        use_effect_with((), move |_| {
            move || {
                let mut r = runner.borrow_mut();
                r.generation += 1;
                r.session = None;
                r.par = None;
            }
        });
    }
    // In parallel mode, start the workers a run at this GOMAXPROCS needs
    // (its Ms and sysmon) while the reader reads: the first Run then does
    // not wait for workers to start and load the module.
    use_effect_with((state.parallel, state.gomaxprocs), |&(parallel, procs)| {
        if parallel {
            if let Ok(pool) = crate::threads::WorkerPool::global() {
                let _ = pool.ensure(procs as usize + 1);
            }
        }
    });
    let views = !block.views.is_empty();
    {
        let mut r = runner.borrow_mut();
        r.speed = Some(state.speed);
        r.views = views;
    }
    let needs_trace = block
        .views
        .iter()
        .any(|v| matches!(v, View::Timeline | View::Race));
    let settings = Settings {
        gomaxprocs: state.gomaxprocs,
        seed: state.seed,
        trace: needs_trace.then_some(block.views.contains(&View::Race)),
        race: state.race,
        ..Settings::default()
    };
    let dispatch = state.dispatcher();
    let act: Callback<Action> = dispatch.clone().into();

    // Starts a fresh session from the current code; `paused` leaves it for
    // the Step button instead of starting the frame loop.
    let start = {
        let (runner, dispatch, code) = (runner.clone(), dispatch.clone(), state.code.clone());
        let settings = settings.clone();
        let parallel = state.parallel;
        Callback::from(move |(seed, paused): (Option<u64>, bool)| {
            let mut r = runner.borrow_mut();
            r.generation += 1;
            r.session = None;
            r.par = None;
            r.real_ms = 0.0;
            r.trace_sent = 0;
            r.races_sent = 0;
            let program = match engine::compile(&code) {
                Ok(p) => p,
                Err(diags) => {
                    drop(r);
                    dispatch.dispatch(Action::CompileFailed(code.clone(), diags));
                    return;
                }
            };
            let mut settings = settings.clone();
            if let Some(seed) = seed {
                settings.seed = seed;
                dispatch.dispatch(Action::Seed(seed));
            }
            let generation = r.generation;
            if parallel && !paused {
                let mut s = ParallelSession::start(
                    program,
                    &settings,
                    platform::hardware_concurrency(),
                    frame::epoch_ms,
                );
                if settings.trace.is_some() {
                    s.keep_trace(TRACE_CAP);
                }
                let s = Rc::new(RefCell::new(s));
                r.par = Some(s.clone());
                let views = r.views;
                drop(r);
                dispatch.dispatch(Action::Started(code.clone()));
                let t0 = frame::now_ms();
                let wanted = {
                    let runner = runner.clone();
                    move || runner.borrow().generation == generation
                };
                let (d1, d2) = (dispatch.clone(), dispatch.clone());
                let sent = std::cell::Cell::new(0);
                let runner = runner.clone();
                par::drive(
                    s,
                    wanted,
                    // Called every `par::poll_ms` (not every animation
                    // frame: see there), and at once at the end.
                    move |s, failure| {
                        let now = frame::now_ms();
                        let real_ms = now - t0;
                        d1.dispatch(progress_parallel(s, views, &sent, real_ms, failure));
                        if s.trace_full() && s.exit().is_none() {
                            // As in step mode: the views' record is full.
                            runner.borrow_mut().generation += 1;
                            d1.dispatch(Action::TraceFull);
                        }
                    },
                    move |ms| d2.dispatch(Action::ThreadsLeft(ms)),
                );
                return;
            }
            r.session = Some(Session::new(program, &settings));
            drop(r);
            dispatch.dispatch(Action::Started(code.clone()));
            if paused {
                let a = progress(&mut runner.borrow_mut(), true);
                dispatch.dispatch(a);
            } else {
                spawn_loop(runner.clone(), dispatch.clone(), generation);
            }
        })
    };
    let on_run = {
        let (start, runner, dispatch) = (start.clone(), runner.clone(), dispatch.clone());
        let paused = state.run == RunState::Paused;
        Callback::from(move |_: MouseEvent| {
            if paused {
                // Continue the run being stepped.
                let mut r = runner.borrow_mut();
                if r.session.is_some() {
                    r.generation += 1;
                    let generation = r.generation;
                    let a = progress(&mut r, false);
                    drop(r);
                    dispatch.dispatch(a);
                    spawn_loop(runner.clone(), dispatch.clone(), generation);
                    return;
                }
            }
            start.emit((None, false));
        })
    };
    let on_stop = {
        let (runner, dispatch) = (runner.clone(), dispatch.clone());
        Callback::from(move |_: MouseEvent| {
            runner.borrow_mut().generation += 1;
            dispatch.dispatch(Action::Stopped);
            // A parallel run's loop notices the Stop now, not at its next poll.
            crate::threads::run_wakers();
        })
    };
    let step = {
        let (start, runner, dispatch) = (start.clone(), runner.clone(), dispatch.clone());
        let run = state.run.clone();
        Callback::from(move |by_event: bool| {
            let live = matches!(run, RunState::Running | RunState::Paused);
            if !live || runner.borrow().session.is_none() {
                start.emit((None, true));
            }
            let mut r = runner.borrow_mut();
            // Stepping pauses a running program.
            r.generation += 1;
            if let Some(s) = r.session.as_mut() {
                let t0 = frame::now_ms();
                if by_event {
                    s.step_event(STEP_EVENT_MAX);
                } else {
                    s.step_instruction();
                }
                r.real_ms += frame::now_ms() - t0;
                let a = progress(&mut r, true);
                drop(r);
                dispatch.dispatch(a);
            }
        })
    };
    let on_line = {
        let (start, runner, dispatch) = (start.clone(), runner.clone(), dispatch.clone());
        let run = state.run.clone();
        Callback::from(move |line: u32| {
            let live = matches!(run, RunState::Running | RunState::Paused);
            if !live || runner.borrow().session.is_none() {
                start.emit((None, true));
            }
            let mut r = runner.borrow_mut();
            r.generation += 1;
            if let Some(s) = r.session.as_mut() {
                let t0 = frame::now_ms();
                s.run_until_line(line, RUN_TO_LINE_MAX);
                r.real_ms += frame::now_ms() - t0;
                let a = progress(&mut r, true);
                drop(r);
                dispatch.dispatch(a);
            }
        })
    };
    let on_step = step.reform(|_: MouseEvent| false);
    let on_step_event = step.reform(|_: MouseEvent| true);
    let on_choose = {
        let (runner, dispatch) = (runner.clone(), dispatch.clone());
        Callback::from(move |(p, goid): (u32, u64)| {
            let ok = runner
                .borrow_mut()
                .session
                .as_mut()
                .is_some_and(|s| s.choose_next(p, goid));
            if ok {
                dispatch.dispatch(Action::Chose(p, goid));
            }
        })
    };
    let on_reset = {
        let (runner, dispatch, key, original) = (
            runner.clone(),
            dispatch.clone(),
            key.clone(),
            block.code.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let mut r = runner.borrow_mut();
            r.generation += 1;
            r.session = None;
            r.edit_generation += 1;
            if let Some(s) = storage() {
                let _ = s.remove_item(&key);
            }
            dispatch.dispatch(Action::Reset(original.clone()));
        })
    };
    let on_edit = {
        let (runner, dispatch, key, original) = (
            runner.clone(),
            dispatch.clone(),
            key.clone(),
            block.code.clone(),
        );
        Callback::from(move |code: String| {
            if let Some(s) = storage() {
                let _ = if code == original {
                    s.remove_item(&key)
                } else {
                    s.set_item(&key, &code)
                };
            }
            let generation = {
                let mut r = runner.borrow_mut();
                r.edit_generation += 1;
                r.edit_generation
            };
            dispatch.dispatch(Action::Edit(code.clone()));
            let (runner, dispatch) = (runner.clone(), dispatch.clone());
            wasm_bindgen_futures::spawn_local(async move {
                yew::platform::time::sleep(Duration::from_millis(350)).await;
                if runner.borrow().edit_generation == generation {
                    let diags = engine::check(&code);
                    dispatch.dispatch(Action::Diagnosed(code, diags));
                }
            });
        })
    };
    let on_procs = act.reform(|e: Event| {
        let v: HtmlInputElement = e.target_unchecked_into();
        Action::Procs(v.value().parse().unwrap_or(1))
    });
    let on_seed = act.reform(|e: Event| {
        let v: HtmlInputElement = e.target_unchecked_into();
        Action::Seed(v.value().trim().parse().unwrap_or(1))
    });
    let on_new_seed =
        act.reform(|_: MouseEvent| Action::Seed((js_sys::Math::random() * 1_000_000.0) as u64 + 1));
    let on_race = act.reform(|e: Event| {
        let v: HtmlInputElement = e.target_unchecked_into();
        Action::Race(v.checked())
    });
    let on_mode = act.reform(|e: Event| {
        let v: web_sys::HtmlSelectElement = e.target_unchecked_into();
        Action::Mode(v.value() == "parallel")
    });
    let on_speed = act.reform(|e: Event| {
        let v: web_sys::HtmlSelectElement = e.target_unchecked_into();
        Action::Speed(Speed::parse(&v.value()))
    });
    let on_replay = start.reform(|seed: u64| (Some(seed), false));
    let on_race_pick = act.reform(Action::ShowRace);
    let shown_race: Option<Race> = state.shown_race.and_then(|i| state.races.get(i).cloned());
    let highlight = shown_race.as_ref().map(|r| {
        let lines = r.lines();
        let list = lines.iter().map(u32::to_string).collect::<Vec<_>>();
        Highlight {
            note: match lang {
                Lang::Zh => format!(
                    "已在代码中标出数据竞争的两次访问：第 {} 行。",
                    list.join("、")
                ),
                Lang::En => format!(
                    "Highlighted the two accesses of the data race in the code: {} {}.",
                    if list.len() == 1 { "line" } else { "lines" },
                    list.join(" and ")
                ),
            }
            .into(),
            lines,
            seq: state.race_pick,
        }
    });

    let running = state.run == RunState::Running;
    let paused = state.run == RunState::Paused;
    let edited = state.code != block.code;
    let matches_expected = match (&block.expected, &state.run, &state.ran_code) {
        (Some(exp), RunState::Exited(_), Some(ran)) if *ran == block.code => {
            Some(exp.matches(&state.output.stdout()))
        }
        _ => None,
    };
    let isolated = platform::cross_origin_isolated();
    let parallel = state.parallel;
    // Parallel mode: one P per logical CPU at most, as Go's default.
    let max_procs = if parallel {
        platform::hardware_concurrency()
    } else {
        8.max(state.gomaxprocs)
    };
    let current_lines: Vec<u32> = if paused {
        state.current_lines.clone()
    } else {
        Vec::new()
    };
    let uid = format!("pg-{}-{}", props.ctx.chapter, props.ctx.index);
    html! {
        <div class="playground" data-state={if running { "running" } else { "idle" }}
            data-mode={if parallel { "parallel" } else { "step" }}
            data-stop-ms={state.stop_ms.map(|ms| format!("{ms:.1}"))}>
            <Editor code={state.code.clone()} on_change={on_edit} diags={state.diags.clone()}
                current_lines={current_lines}
                on_line={(!running && !parallel).then_some(on_line)}
                line_hint={t(lang, "运行到第 {} 行", "Run to line {}")}
                run_to_cursor_hint={t(lang, "Ctrl+F10：运行到光标所在行", "Ctrl+F10: run to the cursor's line")}
                {highlight}
                editable={block.editable}
                label={t(lang, "Go 代码（可编辑）", "Go code (editable)")} />
            <div class="controls" role="toolbar" aria-label={t(lang, "运行控制", "Run controls")}>
                <button class="button primary run" onclick={on_run} disabled={running}>
                    { if paused { t(lang, "▶ 继续", "▶ Continue") } else { t(lang, "▶ 运行", "▶ Run") } }
                </button>
                <button class="button stop" onclick={on_stop} disabled={!(running || paused)}>
                    { t(lang, "■ 停止", "■ Stop") }
                </button>
                <button class="button step" onclick={on_step} disabled={parallel}
                    title={t(lang, "执行一条指令", "Run one instruction")}>
                    { t(lang, "单步", "Step") }
                </button>
                <button class="button step-event" onclick={on_step_event} disabled={parallel}
                    title={t(lang, "运行到下一个调度事件", "Run to the next scheduling event")}>
                    { t(lang, "下一事件", "Next event") }
                </button>
                <button class="button reset" onclick={on_reset} disabled={!edited && state.run == RunState::Idle}
                    title={t(lang, "恢复本章的原始代码", "Back to the chapter's code")}>
                    { t(lang, "重置", "Reset") }
                </button>
                <label class="control">
                    <span>{ "GOMAXPROCS" }</span>
                    <select class="gomaxprocs" onchange={on_procs} disabled={running}>
                        { for (1..=max_procs).map(|n| html! {
                            <option value={n.to_string()} selected={n == state.gomaxprocs}>{ n }</option>
                        }) }
                    </select>
                </label>
                <label class="control">
                    <span>{ t(lang, "种子", "seed") }</span>
                    <input class="seed" type="number" min="0" value={state.seed.to_string()}
                        onchange={on_seed} disabled={running || parallel} />
                </label>
                <button class="button new-seed" onclick={on_new_seed} disabled={running || parallel}
                    title={t(lang, "随机换一个种子", "Pick a random seed")}>{ t(lang, "新种子", "new seed") }</button>
                <label class="control" title={t(lang, "数据竞争检测器（go run -race）", "The data race detector (go run -race)")}>
                    <input class="race-toggle" type="checkbox" checked={state.race} onchange={on_race} disabled={running} />
                    <span>{ "-race" }</span>
                </label>
                <label class="control">
                    <span>{ t(lang, "速度", "speed") }</span>
                    <select class="speed" onchange={on_speed} disabled={parallel}>
                        { for Speed::ALL.iter().map(|s| html! {
                            <option value={s.value()} selected={*s == state.speed}>{ s.label(lang) }</option>
                        }) }
                    </select>
                </label>
                <label class="control" title={if isolated {
                        t(lang, "单步模式：可重放、可单步；并行模式：每个 M 是一个 Web Worker，P 真正同时运行", "Step mode: replayable and steppable; parallel mode: each M is a Web Worker and the Ps really run at once")
                    } else {
                        t(lang, "并行模式不可用：页面没有跨源隔离（COOP/COEP），浏览器不允许 worker 共享内存", "Parallel mode is off: the page is not cross-origin isolated (COOP/COEP), so workers cannot share memory")
                    }}>
                    <span>{ t(lang, "模式", "mode") }</span>
                    <select class="mode" id={format!("{uid}-mode")} onchange={on_mode} disabled={running}>
                        <option value="step" selected={!parallel}>{ t(lang, "单步模式", "step mode") }</option>
                        <option value="parallel" selected={parallel} disabled={!isolated}>{
                            if isolated { t(lang, "并行模式", "parallel") } else { t(lang, "并行模式（不可用）", "parallel (unavailable)") }
                        }</option>
                    </select>
                </label>
            </div>
            if block.mode == Mode::Parallel && !isolated {
                <p class="mode-note">{ t(lang,
                    "本例为并行模式而写；本页没有跨源隔离，浏览器不允许 worker 共享内存，所以它以单步模式运行（结果确定，不会真正并行）。",
                    "This example is meant for parallel mode; this page is not cross-origin isolated, so workers cannot share memory and it runs in step mode (deterministic, not truly parallel).") }</p>
            }
            if parallel && running {
                <p class="mode-note" role="status">{ match lang {
                    Lang::Zh => format!("并行模式：{} 个 P 在 worker 线程上真正同时运行，时间是真实时间；单步、种子和“当调度器”只在单步模式中可用。", state.gomaxprocs),
                    Lang::En => format!("Parallel mode: {} Ps really run at once on worker threads, in real time; stepping, seeds and “be the scheduler” belong to step mode.", state.gomaxprocs),
                } }</p>
            }
            if let Some(snap) = state.snapshot.clone().filter(|_| block.views.contains(&View::Gmp)) {
                <section class="view view-gmp" aria-label={t(lang, "G/M/P 调度图", "G/M/P diagram")}>
                    <Gmp snapshot={snap} lang={lang} on_choose={paused.then(|| on_choose.clone())} chosen={state.chosen} />
                </section>
            }
            if let Some(snap) = state.snapshot.clone().filter(|_| block.views.contains(&View::Channels)) {
                <section class="view view-channels" aria-label={t(lang, "通道", "Channels")}>
                    <Channels chans={snap.chans.clone()} lang={lang} />
                </section>
            }
            if block.views.contains(&View::Timeline) && state.snapshot.is_some() {
                <section class="view view-timeline" aria-label={t(lang, "时间线", "Timeline")}>
                    <Timeline events={state.trace.clone()} now_ns={state.virtual_ns} lang={lang}
                        truncated={state.trace.len() >= TRACE_CAP} />
                </section>
            }
            if block.views.contains(&View::Race) && state.snapshot.is_some() {
                <section class="view view-race" aria-label={t(lang, "竞争视图", "Race view")}>
                    <RaceView events={state.trace.clone()} code={state.ran_code.clone().unwrap_or_default()}
                        lang={lang} done={matches!(state.run, RunState::Exited(_))}
                        marked={shown_race.clone()} />
                </section>
            }
            if views && state.snapshot.is_none() {
                <p class="view-hint">{ match lang {
                    Lang::Zh => format!("按“运行”或“单步”后，这里显示视图：{}。", block.views.iter().map(|v| v.name()).collect::<Vec<_>>().join("、")),
                    Lang::En => format!("Press Run or Step to see the attached views here: {}.", block.views.iter().map(|v| v.name()).collect::<Vec<_>>().join(", ")),
                } }</p>
            }
            if state.trace_full {
                <p class="mode-note" role="status">{ match lang {
                    Lang::Zh => format!("运行已停止：视图的追踪记录已满（{} 个事件）。去掉视图或缩短程序再运行。", super::grouped(engine::TRACE_LIMIT as u64)),
                    Lang::En => format!("The run was stopped: the trace for the views is full ({} events). Shorten the program to see it to the end.", super::grouped(engine::TRACE_LIMIT as u64)),
                } }</p>
            }
            <Console output={state.output.clone()} state={state.run.clone()} lang={lang}
                steps={state.steps} real_ms={state.real_ms} virtual_ns={state.virtual_ns} {matches_expected}
                expected_exit={block.exit} races={state.races.clone()}
                on_race={Some(on_race_pick)} shown_race={state.shown_race} />
            <RunMany code={state.code.clone()} gomaxprocs={state.gomaxprocs} seed={state.seed}
                lang={lang} on_replay={on_replay} parallel={state.parallel} />
        </div>
    }
}
