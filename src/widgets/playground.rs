//! The playground every ` ```go run ` block becomes: the editor, the run
//! controls, the console, "Run 100 times", and the views the directive
//! attaches.
//!
//! Running: Run compiles the reader's code and starts an engine [`Run`];
//! the engine drives it (step or parallel mode) and hands the playground one
//! [`Progress`] per frame, which the reducer maps into [`State`]. Every run
//! gets an id; a new Run, Reset or leaving the page cancels the old run, and
//! a late report of an old run is dropped. The buttons call the run's handle
//! (Stop, Continue, Step, Next event, run to a line, choose the next G).
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
use super::run_tools::RunTools;
use super::timeline::Timeline;
use crate::block_context::BlockContext;
use crate::directive::{Mode, RunBlock, View};
use crate::engine::data::{Event as TraceEvent, GStatusView, Snapshot};
use crate::engine::gomaxprocs;
use crate::engine::races::Race;
use crate::engine::run::Start;
pub use crate::engine::Speed;
use crate::engine::{self, Diag, Phase, Progress, Run, RunSpec, Settings};
use crate::lang::t;
use crate::lang::Lang;
use crate::platform;
use crate::share::Shared;
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The choices of the speed control and their labels.
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
    /// The trace reached the engine's limit: the views show its start, and
    /// the run went on without recording.
    pub trace_full: bool,
    /// The races the detector reported in this run.
    pub races: Rc<Vec<Race>>,
    /// The report the reader picked in the console (index into `races`).
    pub shown_race: Option<usize>,
    /// Bumped by every pick, so picking again scrolls the lines into view again.
    pub race_pick: u64,
    /// Milliseconds the last stopped parallel run took to leave its workers.
    pub stop_ms: Option<f64>,
    /// The run this state shows (0: none); progress of any other is dropped.
    pub run_id: u64,
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
    /// Run number `id` started from this code.
    Started(String, u64),
    /// A frame of run number `id`.
    Progress(u64, Progress),
    Chose(u32, u64),
    /// The reader picked race report `i` in the console.
    ShowRace(usize),
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
                s.run_id = 0;
            }
            Action::Procs(n) => s.gomaxprocs = gomaxprocs::clamp(n, s.mode()),
            Action::Seed(seed) => s.seed = seed,
            Action::Race(on) => s.race = on,
            Action::Mode(parallel) => {
                s.parallel = parallel;
                s.gomaxprocs = gomaxprocs::clamp(s.gomaxprocs, s.mode());
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
                s.run_id = 0;
            }
            Action::Started(code, id) => {
                s.run_id = id;
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
            Action::Progress(id, p) => {
                if id != s.run_id {
                    // A late report of a run that was replaced or reset.
                    return self;
                }
                s.current_lines = p.current_lines;
                if let Some(races) = p.races {
                    s.races = races;
                }
                if p.snapshot.is_some() {
                    s.snapshot = p.snapshot;
                }
                if let Some(trace) = p.trace {
                    s.trace = trace;
                }
                s.virtual_ns = p.virtual_ns;
                // The chosen G ran once the scheduler moved on.
                if let (Some((_, goid)), Some(snap)) = (s.chosen, &s.snapshot) {
                    if snap
                        .gs
                        .iter()
                        .any(|g| g.goid == goid && g.status != GStatusView::Runnable)
                    {
                        s.chosen = None;
                    }
                }
                s.output = p.console;
                s.steps = p.steps;
                s.real_ms = p.real_ms;
                s.trace_full |= p.trace_full;
                if p.stop_ms.is_some() {
                    s.stop_ms = p.stop_ms;
                }
                s.run = match p.phase {
                    Phase::Running => RunState::Running,
                    Phase::Paused => RunState::Paused,
                    Phase::Exited(code) => RunState::Exited(code),
                    Phase::Stopped => RunState::Stopped,
                };
            }
            Action::Chose(p, goid) => s.chosen = Some((p, goid)),
            Action::ShowRace(i) => {
                if i < s.races.len() {
                    s.shown_race = Some(i);
                    s.race_pick += 1;
                }
            }
        }
        Rc::new(s)
    }
}

impl State {
    fn mode(&self) -> Mode {
        if self.parallel {
            Mode::Parallel
        } else {
            Mode::Step
        }
    }
}

/// Instructions "Next event" may run before it gives up (a loop with no
/// scheduling event in it still returns control).
const STEP_EVENT_MAX: u64 = 1_000_000;

/// Instructions "run to line" may step before giving up (it steps one
/// instruction at a time, so this bounds the click to a few tens of ms).
const RUN_TO_LINE_MAX: u64 = 200_000;

/// The page's side of the current run (not part of the rendered state: a
/// run is neither `Clone` nor `PartialEq`).
#[derive(Default)]
struct Runner {
    run: Option<Run>,
    /// The id of the latest run started (its progress is tagged with it).
    run_id: u64,
    /// Bumped by every edit; a pending diagnostic check runs only if no
    /// edit came after it (the debounce).
    edit_generation: u64,
}

impl Runner {
    /// The current run, if it is a step-mode run still going.
    fn live_step_run(&self) -> Option<&Run> {
        self.run
            .as_ref()
            .filter(|r| r.phase().is_live() && !r.is_parallel())
    }
}

type RunnerRef = Rc<RefCell<Runner>>;

fn storage() -> Option<web_sys::Storage> {
    platform::local_storage()
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub block: RunBlock,
    pub ctx: BlockContext,
    /// Told the code after every edit and reset (an exercise checks it).
    #[prop_or_default]
    pub on_code: Option<Callback<String>>,
    /// A run to replay, set from outside (an exercise's failing run): when
    /// it changes, the playground takes its seed, GOMAXPROCS and race
    /// setting and runs.
    #[prop_or_default]
    pub replay: Option<Replay>,
}

/// A run to replay in step mode; `nonce` tells two requests for the same
/// run apart, so asking again replays again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Replay {
    pub seed: u64,
    pub gomaxprocs: u32,
    pub race: bool,
    /// Pause after this many instructions (a shared link's position); 0
    /// runs the replay to its end.
    pub at_step: u64,
    pub nonce: u32,
}

#[function_component(Playground)]
pub fn playground(props: &Props) -> Html {
    let block = &props.block;
    let lang = props.ctx.lang;
    let key = props.ctx.code_key(block.id.as_deref());
    let state = {
        let (ctx, block) = (props.ctx.clone(), block.clone());
        use_reducer(move || State {
            code: ctx
                .saved_code(block.id.as_deref())
                .unwrap_or_else(|| block.code.clone()),
            diags: Vec::new(),
            gomaxprocs: gomaxprocs::clamp(
                block.gomaxprocs.unwrap_or(1),
                match block.mode == Mode::Parallel && platform::cross_origin_isolated() {
                    true => Mode::Parallel,
                    false => Mode::Step,
                },
            ),
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
            run_id: 0,
        })
    };
    let runner: RunnerRef = use_mut_ref(Runner::default);
    // A run outlives nothing: leaving the page ends it.
    {
        let runner = runner.clone();
        use_effect_with((), move |_| {
            move || {
                if let Some(run) = runner.borrow_mut().run.take() {
                    run.cancel();
                }
            }
        });
    }
    // In parallel mode, start the workers a run at this GOMAXPROCS needs
    // while the reader reads: the first Run then does not wait for them.
    use_effect_with((state.parallel, state.gomaxprocs), |&(parallel, procs)| {
        if parallel {
            engine::workers::warm_up(procs);
        }
    });
    let views = !block.views.is_empty();
    if let Some(run) = &runner.borrow().run {
        run.set_speed(state.speed);
    }
    let needs_trace = block
        .views
        .iter()
        .any(|v| matches!(v, View::Timeline | View::Race));
    let spec = RunSpec {
        mode: state.mode(),
        settings: Settings {
            gomaxprocs: state.gomaxprocs,
            seed: state.seed,
            trace: needs_trace.then_some(block.views.contains(&View::Race)),
            race: state.race,
            ..Settings::default()
        },
        snapshots: views,
        trace_cap: TRACE_CAP,
    };
    let dispatch = state.dispatcher();
    let act: Callback<Action> = dispatch.clone().into();

    // Starts a fresh run from the current code; `paused` leaves it for the
    // Step button (always in step mode) instead of running it.
    let start_now = {
        let (runner, dispatch, code) = (runner.clone(), dispatch.clone(), state.code.clone());
        let (spec, speed) = (spec.clone(), state.speed);
        Callback::from(
            move |(seed, paused, replay): (Option<u64>, bool, Option<Replay>)| {
                let mut r = runner.borrow_mut();
                if let Some(old) = r.run.take() {
                    old.cancel();
                }
                let program = match engine::compile(&code) {
                    Ok(p) => p,
                    Err(diags) => {
                        drop(r);
                        dispatch.dispatch(Action::CompileFailed(code.clone(), diags));
                        return;
                    }
                };
                let mut spec = spec.clone();
                if let Some(seed) = seed {
                    spec.settings.seed = seed;
                    dispatch.dispatch(Action::Seed(seed));
                }
                if let Some(replay) = replay {
                    spec.mode = Mode::Step;
                    spec.settings.seed = replay.seed;
                    spec.settings.gomaxprocs = replay.gomaxprocs;
                    spec.settings.race = replay.race;
                    dispatch.dispatch(Action::Mode(false));
                    dispatch.dispatch(Action::Procs(replay.gomaxprocs));
                    dispatch.dispatch(Action::Seed(replay.seed));
                    dispatch.dispatch(Action::Race(replay.race));
                }
                r.run_id += 1;
                let id = r.run_id;
                drop(r);
                dispatch.dispatch(Action::Started(code.clone(), id));
                let d = dispatch.clone();
                let at_step = replay.map_or(0, |r| r.at_step);
                let how = if paused || at_step > 0 {
                    Start::Paused
                } else {
                    Start::Running
                };
                let run = Run::start(&program, spec, how, move |p| {
                    d.dispatch(Action::Progress(id, p))
                });
                run.set_speed(speed);
                if at_step > 0 {
                    run.run_to_step(at_step);
                }
                runner.borrow_mut().run = Some(run);
            },
        )
    };
    // A program that imports a library package written in Go (`context`)
    // runs once the page has its text (fetched once, then kept).
    let start = {
        let (dispatch, code) = (dispatch.clone(), state.code.clone());
        Callback::from(move |args: (Option<u64>, bool, Option<Replay>)| {
            let (go, d, c) = (start_now.clone(), dispatch.clone(), code.clone());
            let failed = move |why: String| {
                let diag = engine::Diag {
                    line: 1,
                    col: 1,
                    message: why,
                };
                d.dispatch(Action::CompileFailed(c, vec![diag]));
            };
            engine::when_packages_ready(&code, move || go.emit(args), failed);
        })
    };
    let on_run = {
        let (start, runner) = (start.clone(), runner.clone());
        let paused = state.run == RunState::Paused;
        Callback::from(move |_: MouseEvent| {
            // Continue the run being stepped.
            let paused_run = runner.borrow().live_step_run().cloned().filter(|_| paused);
            match paused_run {
                Some(run) => run.resume(),
                None => start.emit((None, false, None)),
            }
        })
    };
    let on_stop = {
        let runner = runner.clone();
        Callback::from(move |_: MouseEvent| {
            let run = runner.borrow().run.clone();
            if let Some(run) = run {
                run.stop();
            }
        })
    };
    // Steps the current step-mode run, starting one (paused) if none is going.
    let with_step_run = {
        let (start, runner) = (start.clone(), runner.clone());
        move |op: &dyn Fn(&Run)| {
            if runner.borrow().live_step_run().is_none() {
                start.emit((None, true, None));
            }
            let run = runner.borrow().live_step_run().cloned();
            if let Some(run) = run {
                op(&run);
            }
        }
    };
    let step = {
        let with_step_run = with_step_run.clone();
        Callback::from(move |by_event: bool| {
            with_step_run(&|run: &Run| {
                if by_event {
                    run.step_event(STEP_EVENT_MAX);
                } else {
                    run.step_instruction();
                }
            })
        })
    };
    let on_line = Callback::from(move |line: u32| {
        with_step_run(&|run: &Run| run.run_to_line(line, RUN_TO_LINE_MAX))
    });
    let on_step = step.reform(|_: MouseEvent| false);
    let on_step_event = step.reform(|_: MouseEvent| true);
    let on_choose = {
        let (runner, dispatch) = (runner.clone(), dispatch.clone());
        Callback::from(move |(p, goid): (u32, u64)| {
            let run = runner.borrow().run.clone();
            if run.is_some_and(|r| r.choose_next(p, goid)) {
                dispatch.dispatch(Action::Chose(p, goid));
            }
        })
    };
    let on_reset = {
        let (runner, dispatch, ctx, id, original) = (
            runner.clone(),
            dispatch.clone(),
            props.ctx.clone(),
            block.id.clone(),
            block.code.clone(),
        );
        let on_code = props.on_code.clone();
        Callback::from(move |_: MouseEvent| {
            let mut r = runner.borrow_mut();
            if let Some(run) = r.run.take() {
                run.cancel();
            }
            r.edit_generation += 1;
            drop(r);
            ctx.forget_code(id.as_deref());
            if let Some(tell) = &on_code {
                tell.emit(original.clone());
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
        let (ctx, id) = (props.ctx.clone(), block.id.clone());
        let on_code = props.on_code.clone();
        Callback::from(move |code: String| {
            if let Some(tell) = &on_code {
                tell.emit(code.clone());
            }
            if code == original {
                ctx.forget_code(id.as_deref());
            } else if let Some(s) = storage() {
                let _ = s.set_item(&key, &code);
            }
            let generation = {
                let mut r = runner.borrow_mut();
                r.edit_generation += 1;
                r.edit_generation
            };
            dispatch.dispatch(Action::Edit(code.clone()));
            let (runner, dispatch) = (runner.clone(), dispatch.clone());
            wasm_bindgen_futures::spawn_local(async move {
                engine::frame::sleep(350).await;
                // The library packages it imports, fetched first (else the
                // check would call them missing).
                let fetched = engine::fetch_packages(&code).await;
                if runner.borrow().edit_generation == generation {
                    let mut diags = engine::check(&code);
                    if let Err(why) = fetched {
                        diags.insert(
                            0,
                            engine::Diag {
                                line: 1,
                                col: 1,
                                message: why,
                            },
                        );
                    }
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
    let on_replay = start.reform(|seed: u64| (Some(seed), false, None));
    {
        // A replay asked from outside: once per distinct request.
        let start = start.clone();
        use_effect_with(props.replay, move |replay| {
            if let Some(r) = *replay {
                start.emit((None, false, Some(r)));
            }
        });
    }
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
    // Parallel mode: one P per logical CPU at most (see engine::gomaxprocs);
    // step mode offers 1 to 8, or up to a directive's larger number.
    let max_procs = match parallel {
        true => gomaxprocs::limit(Mode::Parallel),
        false => 8.max(state.gomaxprocs),
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
            <Editor code={state.code.clone()} on_change={on_edit} diags={state.diags.clone()} {lang}
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
                        platform::why_not_isolated(lang, platform::secure_context())
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
                <p class="mode-note trace-full" role="status">{ match lang {
                    Lang::Zh => format!("视图只记录了这次运行的前 {} 个事件（为了不耗尽页面内存）；程序照常运行到结束，之后的事件没有记录。", super::grouped(engine::TRACE_LIMIT as u64)),
                    Lang::En => format!("The views recorded this run's first {} events (so the page's memory holds); the program ran on to its end, and later events were not recorded.", super::grouped(engine::TRACE_LIMIT as u64)),
                } }</p>
            }
            <Console output={state.output.clone()} state={state.run.clone()} lang={lang}
                steps={state.steps} real_ms={state.real_ms} virtual_ns={state.virtual_ns} {matches_expected}
                expected_exit={if state.ran_code.as_deref() == Some(block.code.as_str()) { block.exit } else { 0 }} races={state.races.clone()}
                on_race={Some(on_race_pick)} shown_race={state.shown_race} />
            <RunTools shared={Shared {
                    code: state.code.clone(), mode: state.mode(), gomaxprocs: state.gomaxprocs,
                    seed: state.seed, race: state.race, views: block.views.clone(),
                    steps: if paused && !parallel { state.steps } else { 0 }, lang,
                }} output={state.output.clone()} ran_code={state.ran_code.clone()} />
            <RunMany code={state.code.clone()} gomaxprocs={state.gomaxprocs} seed={state.seed}
                lang={lang} on_replay={on_replay} parallel={state.parallel} />
        </div>
    }
}
