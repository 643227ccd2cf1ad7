//! ` ```widget atomic-counter `: one counter incremented by N goroutines, K
//! times each, three ways: a plain `counter++`, `atomic.AddInt64`, and a
//! `sync.Mutex` around `counter++`. For each: the final total against the
//! expected N×K, and the measured cost per increment. Sliders set N and K.
//!
//! Each way is a real Go program ([`program`]) run by the runtime with
//! GOMAXPROCS = N. Until parallel mode is wired into the page the runs are
//! in step mode, where the Ps interleave every few dozen instructions, so
//! the plain increment loses updates for the same reason it does on real
//! threads; the widget says which mode measured the costs.

use super::t;
use crate::content::Lang;
use crate::engine::{self, frame, Session, Settings};
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The three ways to increment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Way {
    Plain,
    Atomic,
    Mutex,
}

impl Way {
    pub const ALL: [Way; 3] = [Way::Plain, Way::Atomic, Way::Mutex];
    fn code(self) -> &'static str {
        match self {
            Way::Plain => "counter++",
            Way::Atomic => "atomic.AddInt64(&counter, 1)",
            Way::Mutex => "mu.Lock(); counter++; mu.Unlock()",
        }
    }
}

/// The program for one way, `goroutines` × `iterations` increments.
pub fn program(way: Way, goroutines: u32, iterations: u32) -> String {
    let (imports, decl, body, read) = match way {
        Way::Plain => ("\"fmt\"\n\t\"sync\"", "", "counter++", "counter"),
        Way::Atomic => (
            "\"fmt\"\n\t\"sync\"\n\t\"sync/atomic\"",
            "",
            "atomic.AddInt64(&counter, 1)",
            "atomic.LoadInt64(&counter)",
        ),
        Way::Mutex => (
            "\"fmt\"\n\t\"sync\"",
            "var mu sync.Mutex\n",
            "mu.Lock()\n\t\t\t\tcounter++\n\t\t\t\tmu.Unlock()",
            "counter",
        ),
    };
    format!(
        "package main\n\nimport (\n\t{imports}\n)\n\nvar counter int64\n{decl}\nfunc main() {{\n\tvar wg sync.WaitGroup\n\tfor g := 0; g < {goroutines}; g++ {{\n\t\twg.Add(1)\n\t\tgo func() {{\n\t\t\tdefer wg.Done()\n\t\t\tfor i := 0; i < {iterations}; i++ {{\n\t\t\t\t{body}\n\t\t\t}}\n\t\t}}()\n\t}}\n\twg.Wait()\n\tfmt.Println({read})\n}}\n"
    )
}

/// One way's measured result.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Result_ {
    pub total: Option<i64>,
    pub real_ms: f64,
    pub virtual_ns: i64,
    pub error: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub goroutines: u32,
    pub iterations: u32,
    pub results: Vec<Result_>,
    pub running: Option<usize>,
}

pub enum Action {
    Goroutines(u32),
    Iterations(u32),
    Start,
    Done(usize, Result_),
    Finished,
}

impl Reducible for State {
    type Action = Action;
    fn reduce(self: Rc<Self>, a: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match a {
            Action::Goroutines(n) => {
                s.goroutines = n.clamp(1, 8);
                s.results.clear();
            }
            Action::Iterations(n) => {
                s.iterations = n.clamp(10, 100_000);
                s.results.clear();
            }
            Action::Start => {
                s.results = vec![Result_::default(); 3];
                s.running = Some(0);
            }
            Action::Done(i, r) => {
                if let Some(slot) = s.results.get_mut(i) {
                    *slot = r;
                }
                s.running = (i + 1 < 3).then_some(i + 1);
            }
            Action::Finished => s.running = None,
        }
        Rc::new(s)
    }
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lang: Lang,
}

/// Iteration choices on the slider (a log scale reads better).
const ITERATIONS: [u32; 5] = [100, 300, 1_000, 3_000, 10_000];

#[function_component(AtomicCounter)]
pub fn atomic_counter(props: &Props) -> Html {
    let lang = props.lang;
    let state = use_reducer(|| State {
        goroutines: 4,
        iterations: 1_000,
        results: Vec::new(),
        running: None,
    });
    let generation = use_mut_ref(|| 0u64);
    {
        let generation = generation.clone();
        use_effect_with((), move |_| move || *generation.borrow_mut() += 1);
    }
    let on_run = {
        let (state, generation) = (state.clone(), generation.clone());
        Callback::from(move |_: MouseEvent| {
            let gen = {
                let mut g = generation.borrow_mut();
                *g += 1;
                *g
            };
            let (n, k) = (state.goroutines, state.iterations);
            let dispatch = state.dispatcher();
            let generation = generation.clone();
            dispatch.dispatch(Action::Start);
            wasm_bindgen_futures::spawn_local(async move {
                for (i, way) in Way::ALL.into_iter().enumerate() {
                    let program = match engine::compile(&program(way, n, k)) {
                        Ok(p) => p,
                        Err(d) => {
                            let error = d.first().map(|d| d.message.clone());
                            dispatch.dispatch(Action::Done(
                                i,
                                Result_ {
                                    error,
                                    ..Result_::default()
                                },
                            ));
                            continue;
                        }
                    };
                    let settings = Settings {
                        gomaxprocs: n,
                        seed: 1,
                        ..Settings::default()
                    };
                    let mut s = Session::new(program, &settings);
                    let mut real_ms = 0.0;
                    let exit = loop {
                        frame::next_frame().await;
                        if *generation.borrow() != gen {
                            return;
                        }
                        let t0 = frame::now_ms();
                        let r = s.run_for(frame::now_ms, t0 + frame::FRAME_BUDGET_MS);
                        real_ms += frame::now_ms() - t0;
                        if let Some(code) = r {
                            break code;
                        }
                    };
                    let total = s.console().stdout().trim().parse().ok();
                    let error = (exit != 0).then(|| {
                        s.console()
                            .stderr()
                            .lines()
                            .next()
                            .unwrap_or("")
                            .to_string()
                    });
                    dispatch.dispatch(Action::Done(
                        i,
                        Result_ {
                            total,
                            real_ms,
                            virtual_ns: s.virtual_ns(),
                            error,
                        },
                    ));
                }
                dispatch.dispatch(Action::Finished);
            });
        })
    };
    let on_g = {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            let v: HtmlInputElement = e.target_unchecked_into();
            state.dispatch(Action::Goroutines(v.value().parse().unwrap_or(4)));
        })
    };
    let on_k = {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            let v: HtmlInputElement = e.target_unchecked_into();
            let i: usize = v.value().parse().unwrap_or(2);
            state.dispatch(Action::Iterations(ITERATIONS[i.min(ITERATIONS.len() - 1)]));
        })
    };
    let expected = state.goroutines as i64 * state.iterations as i64;
    let k_index = ITERATIONS
        .iter()
        .position(|k| *k == state.iterations)
        .unwrap_or(2);
    let rows = Way::ALL.iter().enumerate().map(|(i, way)| {
        let r = state.results.get(i);
        let running = state.running == Some(i);
        let total = r.and_then(|r| r.total);
        let ok = total.map(|t| t == expected);
        let per_op = r.filter(|r| r.total.is_some()).map(|r| r.real_ms * 1e6 / expected.max(1) as f64);
        let pct = total.map_or(0.0, |t| (t as f64 / expected.max(1) as f64 * 100.0).clamp(0.0, 100.0));
        html! {
            <tr class={classes!("ac-row", ok.map(|ok| if ok { "exact" } else { "lost" }))} data-way={format!("{way:?}").to_lowercase()}
                data-total={total.map(|t| t.to_string()).unwrap_or_default()}>
                <th scope="row"><code>{ way.code() }</code></th>
                <td class="ac-total">
                    if running { { t(lang, "运行中…", "running…") } }
                    else if let Some(t) = total {
                        <span class="ac-bar-wrap"><span class="ac-bar" style={format!("width: {pct:.1}%")}></span></span>
                        <b>{ t }</b>{ format!(" / {expected}") }
                    } else if let Some(e) = r.and_then(|r| r.error.clone()) { <span class="error">{ e }</span> }
                </td>
                <td class="ac-verdict">{ match ok {
                    Some(true) => t(lang, "✓ 一个不少", "✓ exact").to_string(),
                    Some(false) => match lang {
                        Lang::Zh => format!("✗ 丢失 {}", expected - total.unwrap_or(0)),
                        Lang::En => format!("✗ {} lost", expected - total.unwrap_or(0)),
                    },
                    None => String::new(),
                } }</td>
                <td class="ac-cost">{ per_op.map(|ns| format!("{ns:.0} ns")).unwrap_or_default() }</td>
            </tr>
        }
    });
    html! {
        <div class="atomic-counter" data-running={state.running.is_some().to_string()}>
            <div class="ac-tools">
                <label class="control">
                    <span>{ t(lang, "goroutine 数", "goroutines") }</span>
                    <input type="range" class="ac-g" min="1" max="8" value={state.goroutines.to_string()} oninput={on_g}
                        disabled={state.running.is_some()} aria-valuetext={state.goroutines.to_string()} />
                    <b>{ state.goroutines }</b>
                </label>
                <label class="control">
                    <span>{ t(lang, "每个的次数", "increments each") }</span>
                    <input type="range" class="ac-k" min="0" max={(ITERATIONS.len() - 1).to_string()} value={k_index.to_string()} oninput={on_k}
                        disabled={state.running.is_some()} aria-valuetext={state.iterations.to_string()} />
                    <b>{ state.iterations }</b>
                </label>
                <button class="button primary ac-run" onclick={on_run} disabled={state.running.is_some()}>{ t(lang, "▶ 三种都跑", "▶ Run all three") }</button>
            </div>
            <table class="ac-table">
                <thead><tr>
                    <th scope="col">{ t(lang, "自增方式", "increment") }</th>
                    <th scope="col">{ match lang { Lang::Zh => format!("结果 / 预期 {expected}"), Lang::En => format!("total / expected {expected}") } }</th>
                    <th scope="col"></th>
                    <th scope="col">{ t(lang, "每次耗时", "cost per op") }</th>
                </tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
            <p class="view-hint">{ match lang {
                Lang::Zh => format!("GOMAXPROCS = {}。并行模式尚未接入页面：现在以单步模式运行（各 P 每几十条指令交错一次），耗时是解释执行的墙钟时间。", state.goroutines),
                Lang::En => format!("GOMAXPROCS = {}. Parallel mode is not wired into the page yet: these runs are in step mode (the Ps interleave every few dozen instructions), and costs are the interpreter's wall-clock time.", state.goroutines),
            } }</p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_and_mutex_are_exact_and_plain_loses_updates_with_several_ps() {
        let (n, k) = (4, 1000);
        let settings = Settings {
            gomaxprocs: n,
            ..Settings::default()
        };
        let total = |way| {
            let out = engine::run_to_end(&program(way, n, k), &settings).expect("compiles");
            assert_eq!(out.exit, 0, "{way:?}: {}", out.stderr);
            out.stdout.trim().parse::<i64>().unwrap()
        };
        assert_eq!(total(Way::Atomic), 4000);
        assert_eq!(total(Way::Mutex), 4000);
        let plain = total(Way::Plain);
        assert!(plain <= 4000 && plain > 0, "{plain}");
    }

    #[test]
    fn one_goroutine_never_loses() {
        let out = engine::run_to_end(&program(Way::Plain, 1, 500), &Settings::default()).unwrap();
        assert_eq!(out.stdout.trim(), "500");
    }
}
