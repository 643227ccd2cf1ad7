//! "Run 100 times": the reader's program under 100 consecutive seeds, with a
//! progress bar and a histogram of the distinct outcomes. Each bar is a
//! button that replays its first seed in the playground.
//!
//! The runs share the frame budget like a single run does, so the page stays
//! responsive; each run is capped at [`MAX_INSTRUCTIONS`] so a program that
//! never ends shows up as one bar (the runtime's limit error) instead of
//! taking the batch hostage.
//!
//! When the playground is in parallel mode the batch is 100 parallel runs
//! instead, one after another (each on the worker threads, as the
//! playground's Run), and the histogram shows what real threads did. No
//! seed replays a parallel run (real threads, real time), so there the
//! bars say so instead of replaying. A parallel run that is still going
//! after [`PARALLEL_LIMIT_MS`] is stopped and counted as such.

use super::grouped;
use crate::engine::many::{short_label, Histogram, OutcomeKey, STOPPED_AT_LIMIT};
use crate::engine::to_end::to_end;
use crate::engine::{self, Mode as RunMode, Program, RunSpec, Settings};
use crate::lang::t;
use crate::lang::Lang;
use crate::platform;
use std::cell::Cell;
use std::rc::Rc;
use yew::prelude::*;

/// Runs in a batch.
pub const RUNS: u32 = 100;
/// Instructions per run before the runtime ends it.
pub const MAX_INSTRUCTIONS: u64 = 20_000_000;
/// Real milliseconds a parallel run may take before the batch stops it
/// (parallel mode has no instruction cap that means the same on every
/// machine; a time limit does).
pub const PARALLEL_LIMIT_MS: f64 = 5_000.0;

#[derive(Clone, Debug, PartialEq, Default)]
pub struct State {
    pub histogram: Histogram,
    pub running: bool,
    /// Why the batch could not run or broke off, in the reader's language.
    pub error: Option<String>,
    /// The seed of the batch's first run.
    pub base_seed: u64,
    /// Whether the batch is (was) parallel runs, which no seed replays.
    pub parallel: bool,
}

pub enum Action {
    Start { seed: u64, parallel: bool },
    Ran(u64, OutcomeKey),
    Failed(String),
    Done,
}

impl Reducible for State {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Start { seed, parallel } => {
                s = State {
                    running: true,
                    base_seed: seed,
                    parallel,
                    ..State::default()
                }
            }
            Action::Ran(seed, key) => s.histogram.add(seed, key),
            Action::Failed(e) => {
                s.error = Some(e);
                s.running = false;
            }
            Action::Done => s.running = false,
        }
        Rc::new(s)
    }
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub code: AttrValue,
    pub gomaxprocs: u32,
    /// The first seed of the batch (the playground's seed).
    pub seed: u64,
    pub lang: Lang,
    /// Replays a seed in the playground.
    pub on_replay: Callback<u64>,
    /// The playground is in parallel mode: the batch is 100 parallel runs.
    #[prop_or_default]
    pub parallel: bool,
}

#[function_component(RunMany)]
pub fn run_many(props: &Props) -> Html {
    let lang = props.lang;
    let state = use_reducer(State::default);
    // The batch in flight; bumping it cancels the loop.
    let generation = use_mut_ref(|| Cell::new(0u64));
    {
        let generation = generation.clone();
        use_effect_with((), move |_| {
            move || generation.borrow().set(generation.borrow().get() + 1)
        });
    }
    let on_start = {
        let outer_state = state.clone();
        let (state, generation) = (state.clone(), generation.clone());
        let (code, procs, seed) = (props.code.clone(), props.gomaxprocs, props.seed);
        // Only where workers can share memory; the playground offers
        // parallel mode only there too.
        let parallel = props.parallel && platform::cross_origin_isolated();
        let start = Callback::from(move |()| {
            let dispatch = state.dispatcher();
            let program = match engine::compile(&code) {
                Ok(p) => p,
                Err(d) => {
                    let first = d
                        .first()
                        .map(|d| format!("{}:{}:{}: {}", engine::FILE, d.line, d.col, d.message))
                        .unwrap_or_default();
                    let why = t(lang, "无法编译：", "Does not compile: ");
                    dispatch.dispatch(Action::Failed(format!("{why}{first}")));
                    return;
                }
            };
            let gen = generation.borrow().get() + 1;
            generation.borrow().set(gen);
            dispatch.dispatch(Action::Start { seed, parallel });
            let generation = generation.clone();
            let live = move || generation.borrow().get() == gen;
            wasm_bindgen_futures::spawn_local(run_batch(
                program, procs, seed, parallel, live, dispatch, lang,
            ));
        });
        // The library packages the program imports come first (fetched once).
        let (code, st) = (props.code.clone(), outer_state);
        Callback::from(move |_: MouseEvent| {
            let (go, st) = (start.clone(), st.clone());
            let failed = move |why: String| st.dispatch(Action::Failed(why));
            engine::when_packages_ready(&code, move || go.emit(()), failed);
        })
    };
    let on_stop = {
        let (state, generation) = (state.clone(), generation.clone());
        Callback::from(move |_: MouseEvent| {
            generation.borrow().set(generation.borrow().get() + 1);
            state.dispatch(Action::Done);
        })
    };
    let h = &state.histogram;
    let max = h.max_count().max(1);
    let parallel = state.parallel;
    let bars = h.bins.iter().map(|b| {
        let seed = b.first_seed;
        // A parallel run has no seed to replay: the bar stays a button (so
        // its tooltip and label are reachable by keyboard) that does nothing.
        let onclick = (!parallel).then(|| props.on_replay.reform(move |_: MouseEvent| seed));
        let label = short_label(&b.key.stdout);
        let label = match (label.is_empty(), b.key.exit) {
            (_, STOPPED_AT_LIMIT) => match lang {
                Lang::Zh => format!("{} 秒后被停止", PARALLEL_LIMIT_MS / 1000.0),
                Lang::En => format!("stopped after {} s", PARALLEL_LIMIT_MS / 1000.0),
            },
            (true, 0) => t(lang, "（无输出）", "(no output)").to_string(),
            (_, 0) => label.to_string(),
            (true, n) => format!("exit {n}"),
            (false, n) => format!("{label} · exit {n}"),
        };
        let pct = 100.0 * b.count as f64 / max as f64;
        let title = match (parallel, lang) {
            (false, Lang::Zh) => format!(
                "{} 次，种子 {seed} 可重现。点击重放。\n{}",
                b.count, b.key.stdout
            ),
            (false, Lang::En) => format!(
                "{} runs; seed {seed} gives it. Click to replay.\n{}",
                b.count, b.key.stdout
            ),
            (true, Lang::Zh) => format!(
                "{} 次（第一次是第 {} 次运行）。并行运行用的是真实线程和真实时间，没有种子，无法重放。\n{}",
                b.count, seed + 1, b.key.stdout
            ),
            (true, Lang::En) => format!(
                "{} runs (first: run {}). Parallel runs use real threads and real time: no seed replays them.\n{}",
                b.count, seed + 1, b.key.stdout
            ),
        };
        let aria_label = match (parallel, lang) {
            (false, Lang::Zh) => format!("{label}：{} 次，重放种子 {seed}", b.count),
            (false, Lang::En) => format!("{label}: {} runs, replay seed {seed}", b.count),
            (true, Lang::Zh) => format!("{label}：{} 次（并行运行，无法重放）", b.count),
            (true, Lang::En) => format!("{label}: {} runs (parallel runs cannot be replayed)", b.count),
        };
        html! {
            <li>
                <button class="bin" {onclick} {title} aria-label={aria_label}
                    aria-disabled={parallel.then_some("true")}>
                    <span class="bin-label">{ label }</span>
                    <span class="bin-bar" style={format!("width: {pct:.1}%")}></span>
                    <span class="bin-count">{ b.count }</span>
                </button>
            </li>
        }
    });
    html! {
        <div class="run-many" data-runs={h.runs.to_string()} data-bins={h.bins.len().to_string()}
            data-mode={if parallel { "parallel" } else { "step" }}>
            <div class="run-many-head">
                if state.running {
                    <button class="button" onclick={on_stop}>{ t(lang, "停止批量运行", "Stop the batch") }</button>
                } else {
                    <button class="button run-100" onclick={on_start}>{ t(lang, "运行 100 次", "Run 100 times") }</button>
                }
                if state.running || h.runs > 0 {
                    <progress max={RUNS.to_string()} value={h.runs.to_string()}
                        aria-label={t(lang, "批量运行进度", "Batch progress")}></progress>
                    <span class="run-many-note">{ match (parallel, lang) {
                        (false, Lang::Zh) => format!("{} / {RUNS} 次（种子 {}…{}），{} 种不同结果", h.runs, state.base_seed, state.base_seed + RUNS as u64 - 1, h.bins.len()),
                        (false, Lang::En) => format!("{} / {RUNS} runs (seeds {}…{}), {} distinct outcome{}", h.runs, state.base_seed, state.base_seed + RUNS as u64 - 1, h.bins.len(), if h.bins.len() == 1 { "" } else { "s" }),
                        (true, Lang::Zh) => format!("{} / {RUNS} 次并行运行，{} 种不同结果", h.runs, h.bins.len()),
                        (true, Lang::En) => format!("{} / {RUNS} parallel runs, {} distinct outcome{}", h.runs, h.bins.len(), if h.bins.len() == 1 { "" } else { "s" }),
                    } }</span>
                }
            </div>
            if let Some(e) = &state.error {
                <p class="error">{ e.clone() }</p>
            }
            if !h.bins.is_empty() {
                <ul class="histogram" aria-label={t(lang, "不同输出的直方图", "Histogram of distinct outputs")}>{ for bars }</ul>
                <p class="run-many-hint">{ match (parallel, lang) {
                    (false, Lang::Zh) => format!("每次最多 {} 条指令。点击一条结果，用它的种子重放。", grouped(MAX_INSTRUCTIONS)),
                    (false, Lang::En) => format!("Each run gets at most {} instructions. Click an outcome to replay its seed.", grouped(MAX_INSTRUCTIONS)),
                    (true, Lang::Zh) => format!("并行模式：每次运行都在 worker 线程上，最多 {} 秒。真实线程的交错没有种子可以重现，所以点击结果不会重放；要重放，请切换到单步模式。", PARALLEL_LIMIT_MS / 1000.0),
                    (true, Lang::En) => format!("Parallel mode: every run is on worker threads, for at most {} s. No seed reproduces how real threads interleaved, so an outcome cannot be replayed; switch to step mode for that.", PARALLEL_LIMIT_MS / 1000.0),
                } }</p>
            }
        </div>
    }
}

/// The batch: [`RUNS`] runs one after another, each awaited to its end.
/// In step mode run `i` has seed `seed + i` and at most
/// [`MAX_INSTRUCTIONS`]; short runs finish several per frame, within the
/// frame's budget. In parallel mode the runs share no seed, and each has
/// [`PARALLEL_LIMIT_MS`] (the cores are the scarce thing; two runs at once
/// would only take turns on them). `live()` turns false on Stop.
async fn run_batch(
    program: Program,
    procs: u32,
    seed: u64,
    parallel: bool,
    live: impl Fn() -> bool + Clone + 'static,
    dispatch: UseReducerDispatcher<State>,
    lang: Lang,
) {
    let failed = |why: &str| {
        let head = t(lang, "并行模式出错：", "Parallel mode failed: ");
        Action::Failed(format!("{head}{why}"))
    };
    for i in 0..RUNS {
        let run_seed = seed.wrapping_add(i as u64);
        let spec = RunSpec {
            mode: if parallel {
                RunMode::Parallel
            } else {
                RunMode::Step
            },
            settings: Settings {
                gomaxprocs: procs,
                seed: run_seed,
                // Step mode's limit; parallel mode's is the time limit.
                max_instructions: match parallel {
                    true => Settings::default().max_instructions,
                    false => MAX_INSTRUCTIONS,
                },
                ..Settings::default()
            },
            snapshots: false,
            trace_cap: 0,
        };
        let limit = parallel.then_some(PARALLEL_LIMIT_MS);
        let f = to_end(&program, &spec, live.clone(), limit).await;
        if !live() {
            return;
        }
        let Some(f) = f else {
            dispatch.dispatch(failed("a run did not leave its workers"));
            return;
        };
        if let Some(why) = f.failure {
            dispatch.dispatch(failed(&why));
            return;
        }
        let key = OutcomeKey {
            stdout: f.console.stdout(),
            exit: f.exit.unwrap_or(STOPPED_AT_LIMIT),
        };
        // A parallel run has no seed: its bar remembers the run's index.
        dispatch.dispatch(Action::Ran(if parallel { i as u64 } else { run_seed }, key));
    }
    dispatch.dispatch(Action::Done);
}
