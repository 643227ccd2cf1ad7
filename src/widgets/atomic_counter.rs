//! ` ```widget atomic-counter `: one counter incremented by N goroutines, K
//! times each, three ways: a plain `counter++`, `atomic.AddInt64`, and a
//! `sync.Mutex` around `counter++`. For each: the final total against the
//! expected N×K, and the measured cost per increment. Sliders set N and K.
//!
//! Each way is a real Go program ([`program`]) run by the runtime, the
//! three one after another (three at once would share the cores and skew
//! each other's costs). On a cross-origin isolated page they run in
//! parallel mode: each M is a worker thread, so the plain increment's load
//! and store really interleave with other cores' and updates are lost for
//! real. GOMAXPROCS is min(N, logical CPUs): more Ps than cores would only
//! take turns on them, adding preemption but no parallelism. Elsewhere
//! they run in step mode (the Ps interleave every few dozen instructions,
//! which loses updates for the same reason) and the widget says so.
//!
//! The cost per increment is our interpreter's, not compiled Go's: in
//! parallel mode the program's own wall time from before the first `go` to
//! after `wg.Wait()` (`time.Since`, real time there), which leaves out
//! starting the run and the frame the page takes to notice its end; in step
//! mode, where the program's clock is virtual, the real milliseconds the
//! page spent interpreting it.

use crate::engine::gomaxprocs;
use crate::engine::to_end::to_end;
use crate::engine::{self, Mode as RunMode, Program, RunSpec, Settings};
use crate::lang::t;
use crate::lang::Lang;
use crate::platform;
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

/// The program for one way, `goroutines` × `iterations` increments. It
/// prints the total and the nanoseconds the increments took.
pub fn program(way: Way, goroutines: u32, iterations: u32) -> String {
    let (imports, decl, body, read) = match way {
        Way::Plain => (
            "\"fmt\"\n\t\"sync\"\n\t\"time\"",
            "",
            "counter++",
            "counter",
        ),
        Way::Atomic => (
            "\"fmt\"\n\t\"sync\"\n\t\"sync/atomic\"\n\t\"time\"",
            "",
            "atomic.AddInt64(&counter, 1)",
            "atomic.LoadInt64(&counter)",
        ),
        Way::Mutex => (
            "\"fmt\"\n\t\"sync\"\n\t\"time\"",
            "var mu sync.Mutex\n",
            "mu.Lock()\n\t\t\t\tcounter++\n\t\t\t\tmu.Unlock()",
            "counter",
        ),
    };
    format!(
        "package main\n\nimport (\n\t{imports}\n)\n\nvar counter int64\n{decl}\nfunc main() {{\n\tstart := time.Now()\n\tvar wg sync.WaitGroup\n\tfor g := 0; g < {goroutines}; g++ {{\n\t\twg.Add(1)\n\t\tgo func() {{\n\t\t\tdefer wg.Done()\n\t\t\tfor i := 0; i < {iterations}; i++ {{\n\t\t\t\t{body}\n\t\t\t}}\n\t\t}}()\n\t}}\n\twg.Wait()\n\tfmt.Println({read}, time.Since(start).Nanoseconds())\n}}\n"
    )
}

/// What [`program`] printed: the total and the increments' nanoseconds.
pub fn parse_output(stdout: &str) -> Option<(i64, i64)> {
    let mut words = stdout.split_whitespace();
    let total = words.next()?.parse().ok()?;
    let ns = words.next()?.parse().ok()?;
    Some((total, ns))
}

/// One way's measured result.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Result_ {
    pub total: Option<i64>,
    /// Real nanoseconds the increments cost (see the module's doc for how
    /// each mode measures them).
    pub real_ns: f64,
    pub error: Option<String>,
}

/// How a batch of three runs is run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mode {
    pub parallel: bool,
    pub gomaxprocs: u32,
}

/// How a batch of `goroutines` goroutines runs here: in parallel mode
/// where workers can share memory, with GOMAXPROCS min(N, logical CPUs)
/// (see the module's doc); else in step mode with N Ps.
fn batch_mode(goroutines: u32) -> Mode {
    let parallel = platform::cross_origin_isolated();
    Mode {
        parallel,
        gomaxprocs: match parallel {
            true => gomaxprocs::clamp(goroutines, RunMode::Parallel),
            false => goroutines,
        },
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub goroutines: u32,
    pub iterations: u32,
    pub results: Vec<Result_>,
    pub running: Option<usize>,
    /// The mode of the last batch (its results' mode).
    pub mode: Option<Mode>,
    /// The reader stopped the last batch.
    pub stopped: bool,
}

pub enum Action {
    Goroutines(u32),
    Iterations(u32),
    Start(Mode),
    Done(usize, Result_),
    Stop,
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
            Action::Start(mode) => {
                s.results = vec![Result_::default(); 3];
                s.running = Some(0);
                s.mode = Some(mode);
                s.stopped = false;
            }
            Action::Done(i, r) => {
                if let Some(slot) = s.results.get_mut(i) {
                    *slot = r;
                }
                s.running = (i + 1 < 3).then_some(i + 1);
            }
            Action::Stop => {
                s.stopped = s.running.is_some();
                s.running = None;
            }
            Action::Finished => s.running = None,
        }
        Rc::new(s)
    }
}

/// One way's run, to its end. `None` when the batch was cancelled.
async fn run_way(
    program: &Program,
    spec: &RunSpec,
    live: impl Fn() -> bool + 'static,
) -> Option<Result_> {
    let f = to_end(program, spec, live, None).await?;
    let printed = parse_output(&f.console.stdout());
    let error = match (&f.failure, f.exit) {
        (Some(why), _) => Some(format!("parallel mode: {why}")),
        (None, Some(0)) => None,
        (None, _) => Some(first_line(&f.console.stderr())),
    };
    let real_ns = match spec.mode {
        // The program's own wall time (real time in parallel mode).
        RunMode::Parallel => printed.map_or(f.real_ms * 1e6, |(_, ns)| ns as f64),
        // The program's clock is virtual here; the page's is real.
        RunMode::Step => f.real_ms * 1e6,
    };
    Some(Result_ {
        total: printed.map(|(t, _)| t),
        real_ns,
        error,
    })
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or("").to_string()
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
        mode: None,
        stopped: false,
    });
    // The batch in flight; bumping it (Stop, a new batch, leaving the page)
    // cancels the batch and stops its run.
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
            // Decided per batch: isolation does not change while the page
            // lives, but the results must say which mode measured them.
            let mode = batch_mode(n);
            let dispatch = state.dispatcher();
            let generation = generation.clone();
            dispatch.dispatch(Action::Start(mode));
            wasm_bindgen_futures::spawn_local(async move {
                let live = {
                    let generation = generation.clone();
                    move || *generation.borrow() == gen
                };
                for (i, way) in Way::ALL.into_iter().enumerate() {
                    let src = program(way, n, k);
                    // `sync` is partly Go text, fetched on first use.
                    let compiled = match engine::fetch_packages(&src).await {
                        Ok(()) => engine::compile(&src),
                        Err(why) => Err(vec![engine::Diag {
                            line: 1,
                            col: 1,
                            message: why,
                        }]),
                    };
                    let result = match compiled {
                        Err(d) => Some(Result_ {
                            error: d.first().map(|d| d.message.clone()),
                            ..Result_::default()
                        }),
                        Ok(p) => {
                            let spec = RunSpec {
                                mode: match mode.parallel {
                                    true => RunMode::Parallel,
                                    false => RunMode::Step,
                                },
                                settings: Settings {
                                    gomaxprocs: mode.gomaxprocs,
                                    seed: 1,
                                    ..Settings::default()
                                },
                                snapshots: false,
                                trace_cap: 0,
                            };
                            run_way(&p, &spec, live.clone()).await
                        }
                    };
                    match result {
                        Some(r) if live() => dispatch.dispatch(Action::Done(i, r)),
                        _ => return,
                    }
                }
                dispatch.dispatch(Action::Finished);
            });
        })
    };
    let on_stop = {
        let (state, generation) = (state.clone(), generation.clone());
        Callback::from(move |_: MouseEvent| {
            *generation.borrow_mut() += 1;
            state.dispatch(Action::Stop);
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
        let per_op = r.filter(|r| r.total.is_some()).map(|r| r.real_ns / expected.max(1) as f64);
        let pct = total.map_or(0.0, |t| (t as f64 / expected.max(1) as f64 * 100.0).clamp(0.0, 100.0));
        html! {
            <tr class={classes!("ac-row", ok.map(|ok| if ok { "exact" } else { "lost" }))} data-way={format!("{way:?}").to_lowercase()}
                data-total={total.map(|t| t.to_string()).unwrap_or_default()}
                data-ns-per-op={per_op.map(|ns| format!("{ns:.1}")).unwrap_or_default()}>
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
                <td class="ac-cost">{ per_op.map(cost).unwrap_or_default() }</td>
            </tr>
        }
    });
    // Before the first batch, say how the next one would run.
    let mode = state.mode.unwrap_or_else(|| batch_mode(state.goroutines));
    let running = state.running.is_some();
    html! {
        <div class="atomic-counter" data-running={running.to_string()}
            data-mode={if mode.parallel { "parallel" } else { "step" }} data-gomaxprocs={mode.gomaxprocs.to_string()}>
            <div class="ac-tools">
                <label class="control">
                    <span>{ t(lang, "goroutine 数", "goroutines") }</span>
                    <input type="range" class="ac-g" min="1" max="8" value={state.goroutines.to_string()} oninput={on_g}
                        disabled={running} aria-valuetext={state.goroutines.to_string()} />
                    <b>{ state.goroutines }</b>
                </label>
                <label class="control">
                    <span>{ t(lang, "每个的次数", "increments each") }</span>
                    <input type="range" class="ac-k" min="0" max={(ITERATIONS.len() - 1).to_string()} value={k_index.to_string()} oninput={on_k}
                        disabled={running} aria-valuetext={state.iterations.to_string()} />
                    <b>{ state.iterations }</b>
                </label>
                if running {
                    <button class="button ac-stop" onclick={on_stop}>{ t(lang, "■ 停止", "■ Stop") }</button>
                } else {
                    <button class="button primary ac-run" onclick={on_run}>{ t(lang, "▶ 三种都跑", "▶ Run all three") }</button>
                }
            </div>
            // Scrolls sideways on a phone (chapter tables do): keyboard readers
            // must be able to scroll it too.
            <table class="ac-table" tabindex="0" aria-label={t(lang, "三种自增方式的结果", "Totals of the three ways to increment")}>
                <thead><tr>
                    <th scope="col">{ t(lang, "自增方式", "increment") }</th>
                    <th scope="col">{ match lang { Lang::Zh => format!("结果 / 预期 {expected}"), Lang::En => format!("total / expected {expected}") } }</th>
                    <th scope="col"></th>
                    <th scope="col">{ t(lang, "每次耗时", "cost per op") }</th>
                </tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
            if state.stopped {
                <p class="view-hint" role="status">{ t(lang, "已停止：没跑完的方式没有结果。", "Stopped: the ways that did not finish have no result.") }</p>
            }
            <p class="view-hint">{ match (mode.parallel, lang) {
                (true, Lang::Zh) => format!("并行模式：GOMAXPROCS = {}（goroutine 数与本机 {} 个逻辑 CPU 中较小者），每个 M 是一个 Web Worker 线程，三种方式依次运行。耗时是程序自己量的墙钟时间（从第一个 go 到 wg.Wait() 返回）除以自增次数：这是我们解释器的开销，不是编译后的 Go 的开销（后者要小得多）。", mode.gomaxprocs, platform::hardware_concurrency()),
                (true, Lang::En) => format!("Parallel mode: GOMAXPROCS = {} (the smaller of the goroutines and this machine's {} logical CPUs); each M is a Web Worker thread, and the three ways run one after another. The cost is the program's own wall time (from the first go to wg.Wait() returning) divided by the increments: our interpreter's cost, not compiled Go's (which is far smaller).", mode.gomaxprocs, platform::hardware_concurrency()),
                (false, Lang::Zh) => format!("GOMAXPROCS = {}。此页面没有跨源隔离，无法使用并行模式：现在以单步模式运行（各 P 每几十条指令交错一次），耗时是解释执行的墙钟时间。", mode.gomaxprocs),
                (false, Lang::En) => format!("GOMAXPROCS = {}. This page is not cross-origin isolated, so parallel mode is off: these runs are in step mode (the Ps interleave every few dozen instructions), and costs are the interpreter's wall-clock time.", mode.gomaxprocs),
            } }</p>
        </div>
    }
}

/// A cost per operation, in the unit that keeps it readable.
fn cost(ns: f64) -> String {
    if ns >= 10_000.0 {
        format!("{:.1} µs", ns / 1000.0)
    } else {
        format!("{ns:.0} ns")
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
            parse_output(&out.stdout).expect("total and time").0
        };
        assert_eq!(total(Way::Atomic), 4000);
        assert_eq!(total(Way::Mutex), 4000);
        let plain = total(Way::Plain);
        assert!(plain <= 4000 && plain > 0, "{plain}");
    }

    #[test]
    fn one_goroutine_never_loses() {
        let out = engine::run_to_end(&program(Way::Plain, 1, 500), &Settings::default()).unwrap();
        assert_eq!(parse_output(&out.stdout).map(|(t, _)| t), Some(500));
    }

    /// The widget's programs in parallel mode, with std threads standing
    /// in for the page's workers: atomic and Mutex are exact on two real
    /// threads, the plain total never exceeds the expected one, and each
    /// prints the time its increments took.
    #[test]
    fn in_parallel_mode_on_two_threads_atomic_and_mutex_are_exact() {
        let (n, k) = (4, 20_000);
        let run = |way| {
            let program = engine::compile(&program(way, n, k)).expect("compiles");
            let settings = Settings {
                gomaxprocs: 2,
                ..Settings::default()
            };
            let out = engine::run_on_std_threads(&program, &settings, 2);
            let stdout = out.console.stdout();
            assert_eq!(
                out.end,
                Some(engine::End::Exited(0)),
                "{way:?}: {}",
                out.console.stderr()
            );
            parse_output(&stdout).expect("total and time")
        };
        let expected = (n * k) as i64;
        assert_eq!(run(Way::Atomic).0, expected);
        assert_eq!(run(Way::Mutex).0, expected);
        let (plain, ns) = run(Way::Plain);
        assert!(plain > 0 && plain <= expected, "{plain}");
        assert!(ns > 0, "the increments took {ns} ns");
    }

    #[test]
    fn parse_output_reads_total_and_nanoseconds() {
        assert_eq!(parse_output("4000 123456\n"), Some((4000, 123456)));
        assert_eq!(parse_output("4000\n"), None);
        assert_eq!(parse_output(""), None);
    }

    #[test]
    fn costs_read_in_a_sensible_unit() {
        assert_eq!(cost(512.4), "512 ns");
        assert_eq!(cost(25_300.0), "25.3 µs");
    }
}
