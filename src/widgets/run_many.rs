//! "Run 100 times": the reader's program under 100 consecutive seeds, with a
//! progress bar and a histogram of the distinct outcomes. Each bar is a
//! button that replays its first seed in the playground.
//!
//! The runs share the frame budget like a single run does, so the page stays
//! responsive; each run is capped at [`MAX_INSTRUCTIONS`] so a program that
//! never ends shows up as one bar (the runtime's limit error) instead of
//! taking the batch hostage.

use super::{grouped, t};
use crate::content::Lang;
use crate::engine::many::{short_label, Histogram, OutcomeKey};
use crate::engine::{self, frame, Session, Settings};
use std::cell::Cell;
use std::rc::Rc;
use yew::prelude::*;

/// Runs in a batch.
pub const RUNS: u32 = 100;
/// Instructions per run before the runtime ends it.
pub const MAX_INSTRUCTIONS: u64 = 20_000_000;

#[derive(Clone, Debug, PartialEq, Default)]
pub struct State {
    pub histogram: Histogram,
    pub running: bool,
    pub error: Option<String>,
    /// The seed of the batch's first run.
    pub base_seed: u64,
}

pub enum Action {
    Start(u64),
    Ran(u64, OutcomeKey),
    Failed(String),
    Done,
}

impl Reducible for State {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Start(seed) => {
                s = State {
                    running: true,
                    base_seed: seed,
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
        let (state, generation) = (state.clone(), generation.clone());
        let (code, procs, seed) = (props.code.clone(), props.gomaxprocs, props.seed);
        Callback::from(move |_: MouseEvent| {
            let dispatch = state.dispatcher();
            let program = match engine::compile(&code) {
                Ok(p) => p,
                Err(d) => {
                    let first = d
                        .first()
                        .map(|d| format!("{}:{}:{}: {}", engine::FILE, d.line, d.col, d.message))
                        .unwrap_or_default();
                    dispatch.dispatch(Action::Failed(first));
                    return;
                }
            };
            let gen = generation.borrow().get() + 1;
            generation.borrow().set(gen);
            dispatch.dispatch(Action::Start(seed));
            let generation = generation.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let mut i = 0;
                let mut session: Option<(u64, Session)> = None;
                while i < RUNS {
                    frame::next_frame().await;
                    if generation.borrow().get() != gen {
                        return;
                    }
                    let deadline = frame::now_ms() + frame::FRAME_BUDGET_MS;
                    while i < RUNS && frame::now_ms() < deadline {
                        let (s, sess) = session.get_or_insert_with(|| {
                            let s = seed.wrapping_add(i as u64);
                            let settings = Settings {
                                gomaxprocs: procs,
                                seed: s,
                                max_instructions: MAX_INSTRUCTIONS,
                                ..Settings::default()
                            };
                            (s, Session::new(program.clone(), &settings))
                        });
                        if let Some(exit) = sess.run_for(frame::now_ms, deadline) {
                            let key = OutcomeKey {
                                stdout: sess.console().stdout(),
                                exit,
                            };
                            dispatch.dispatch(Action::Ran(*s, key));
                            session = None;
                            i += 1;
                        }
                    }
                }
                dispatch.dispatch(Action::Done);
            });
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
    let bars = h.bins.iter().map(|b| {
        let seed = b.first_seed;
        let onclick = props.on_replay.reform(move |_: MouseEvent| seed);
        let label = short_label(&b.key.stdout);
        let label = match (label.is_empty(), b.key.exit) {
            (true, 0) => t(lang, "（无输出）", "(no output)").to_string(),
            (_, 0) => label.to_string(),
            (true, n) => format!("exit {n}"),
            (false, n) => format!("{label} · exit {n}"),
        };
        let pct = 100.0 * b.count as f64 / max as f64;
        let title = match lang {
            Lang::Zh => format!(
                "{} 次，种子 {seed} 可重现。点击重放。\n{}",
                b.count, b.key.stdout
            ),
            Lang::En => format!(
                "{} runs; seed {seed} gives it. Click to replay.\n{}",
                b.count, b.key.stdout
            ),
        };
        html! {
            <li>
                <button class="bin" {onclick} {title}
                    aria-label={match lang {
                        Lang::Zh => format!("{label}：{} 次，重放种子 {seed}", b.count),
                        Lang::En => format!("{label}: {} runs, replay seed {seed}", b.count),
                    }}>
                    <span class="bin-label">{ label }</span>
                    <span class="bin-bar" style={format!("width: {pct:.1}%")}></span>
                    <span class="bin-count">{ b.count }</span>
                </button>
            </li>
        }
    });
    html! {
        <div class="run-many" data-runs={h.runs.to_string()} data-bins={h.bins.len().to_string()}>
            <div class="run-many-head">
                if state.running {
                    <button class="button" onclick={on_stop}>{ t(lang, "停止批量运行", "Stop the batch") }</button>
                } else {
                    <button class="button run-100" onclick={on_start}>{ t(lang, "运行 100 次", "Run 100 times") }</button>
                }
                if state.running || h.runs > 0 {
                    <progress max={RUNS.to_string()} value={h.runs.to_string()}
                        aria-label={t(lang, "批量运行进度", "Batch progress")}></progress>
                    <span class="run-many-note">{ match lang {
                        Lang::Zh => format!("{} / {RUNS} 次（种子 {}…{}），{} 种不同结果", h.runs, state.base_seed, state.base_seed + RUNS as u64 - 1, h.bins.len()),
                        Lang::En => format!("{} / {RUNS} runs (seeds {}…{}), {} distinct outcome{}", h.runs, state.base_seed, state.base_seed + RUNS as u64 - 1, h.bins.len(), if h.bins.len() == 1 { "" } else { "s" }),
                    } }</span>
                }
            </div>
            if let Some(e) = &state.error {
                <p class="error">{ t(lang, "无法编译：", "Does not compile: ") }{ e.clone() }</p>
            }
            if !h.bins.is_empty() {
                <ul class="histogram" aria-label={t(lang, "不同输出的直方图", "Histogram of distinct outputs")}>{ for bars }</ul>
                <p class="run-many-hint">{ match lang {
                    Lang::Zh => format!("每次最多 {} 条指令。点击一条结果，用它的种子重放。", grouped(MAX_INSTRUCTIONS)),
                    Lang::En => format!("Each run gets at most {} instructions. Click an outcome to replay its seed.", grouped(MAX_INSTRUCTIONS)),
                } }</p>
            }
        </div>
    }
}
