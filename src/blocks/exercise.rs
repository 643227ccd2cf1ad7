//! An ` ```exercise ` block: a goal, a playground holding the reader's
//! program (the starter until they edit it; saved like any example), hints
//! revealed one at a time, a solution shown only on request, and **Check**.
//!
//! Check runs the program over many schedules (`engine::exercise`) and
//! stops at the first failing run, which it names by seed and GOMAXPROCS;
//! "Replay this run" hands that run to the playground, which runs it in
//! step mode so the reader can watch, step and read its output. A pass is
//! recorded in localStorage for the contents page's tally.

use crate::block_context::BlockContext;
use crate::directive::{Exercise, RunBlock};
use crate::engine::exercise::{self, Failure, Trial, Verdict};
use crate::engine::{self, FILE};
use crate::lang::{t, Lang};
use crate::markdown::Node;
use crate::platform;
use crate::progress::{solved_key, SOLVED};
use crate::view;
use crate::widgets::playground::{Playground, Replay};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub exercise: Exercise,
    pub ctx: BlockContext,
}

#[derive(Clone, Debug, PartialEq)]
enum Check {
    Idle,
    /// Runs passed so far.
    Running(u32),
    Done(Verdict),
    /// The check could not start (a library package failed to load).
    Error(String),
}

#[function_component(ExerciseView)]
pub fn exercise_view(props: &Props) -> Html {
    let e = &props.exercise;
    let lang = props.ctx.lang;
    let block = {
        let mut b = RunBlock::new(&e.starter);
        b.id = Some(e.id.clone());
        b
    };
    // The reader's code as the playground last reported it.
    let code = {
        let (ctx, id, starter) = (props.ctx.clone(), e.id.clone(), e.starter.clone());
        use_mut_ref(move || ctx.saved_code(Some(&id)).unwrap_or(starter))
    };
    let check = use_state(|| Check::Idle);
    let hints = use_state(|| 0usize);
    let solution_shown = use_state(|| false);
    let replay = use_state(|| None::<Replay>);
    let done_key = solved_key(props.ctx.chapter, &e.id);
    let solved = {
        let key = done_key.clone();
        use_state(move || platform::load(&key).as_deref() == Some(SOLVED))
    };
    // The check in flight; bumping it cancels (a new check, an edit, leaving).
    let generation = use_mut_ref(|| Cell::new(0u64));
    {
        let generation = generation.clone();
        use_effect_with((), move |_| {
            move || generation.borrow().set(generation.borrow().get() + 1)
        });
    }

    let on_code = {
        let (code, generation, check) = (code.clone(), generation.clone(), check.clone());
        Callback::from(move |c: String| {
            *code.borrow_mut() = c;
            // A result belongs to the code it checked.
            if *check != Check::Idle {
                generation.borrow().set(generation.borrow().get() + 1);
                check.set(Check::Idle);
            }
        })
    };
    let on_check = {
        let (code, generation, check, solved) = (
            code.clone(),
            generation.clone(),
            check.clone(),
            solved.clone(),
        );
        let (expected, done_key) = (e.expected.clone(), done_key.clone());
        Callback::from(move |_: MouseEvent| {
            let src = code.borrow().clone();
            let gen = generation.borrow().get() + 1;
            generation.borrow().set(gen);
            check.set(Check::Running(0));
            let (generation, check2, solved) = (generation.clone(), check.clone(), solved.clone());
            let (expected, done_key, src2) = (expected.clone(), done_key.clone(), src.clone());
            let start = move || {
                let live = {
                    let generation = generation.clone();
                    move || generation.borrow().get() == gen
                };
                let program = match engine::compile(&src2) {
                    Ok(p) => p,
                    Err(d) => return check2.set(Check::Done(Verdict::compile_failed(d))),
                };
                // Progress is shown every few runs: each `set` re-renders.
                let shown = Rc::new(RefCell::new(check2.clone()));
                wasm_bindgen_futures::spawn_local(async move {
                    let progress = {
                        let (shown, live) = (shown.clone(), live.clone());
                        move |n: u32| {
                            if live() && n.is_multiple_of(5) {
                                shown.borrow().set(Check::Running(n));
                            }
                        }
                    };
                    if let Some(v) =
                        exercise::check(program, expected, live.clone(), progress).await
                    {
                        if live() {
                            if v.ok() {
                                if let Some(s) = platform::local_storage() {
                                    let _ = s.set_item(&done_key, SOLVED);
                                }
                                solved.set(true);
                            }
                            shown.borrow().set(Check::Done(v));
                        }
                    }
                });
            };
            let failed = {
                let check = check.clone();
                move |why: String| check.set(Check::Error(why))
            };
            engine::when_packages_ready(&src, start, failed);
        })
    };
    let on_hint = {
        let hints = hints.clone();
        Callback::from(move |_: MouseEvent| hints.set(*hints + 1))
    };
    let on_solution = {
        let shown = solution_shown.clone();
        Callback::from(move |_: MouseEvent| shown.set(!*shown))
    };
    let on_replay = {
        let replay = replay.clone();
        Callback::from(move |trial: Trial| {
            let nonce = replay.map_or(1, |r| r.nonce + 1);
            replay.set(Some(Replay {
                seed: trial.seed,
                gomaxprocs: trial.gomaxprocs,
                race: trial.race,
                at_step: 0,
                nonce,
            }));
        })
    };

    let md = |nodes: &[Node]| view::render(nodes, &props.ctx, super::render_directive);
    let running = matches!(*check, Check::Running(_));
    let total = exercise::TRIALS;
    let shown_hints = (*hints).min(e.hints.len());
    html! {
        <section class="exercise" data-block="exercise" data-id={e.id.clone()}
            data-solved={solved.then_some("true")}
            aria-label={t(lang, "练习", "Exercise")}>
            <h3 class="block-label">
                { t(lang, "练习", "Exercise") }
                if *solved { <span class="chip solved">{ t(lang, "已完成 ✓", "Solved ✓") }</span> }
            </h3>
            <div class="exercise-goal">{ md(&e.goal_nodes) }</div>
            <Playground block={block} ctx={props.ctx.clone()} on_code={on_code} replay={*replay} />
            <div class="exercise-actions">
                <button class="button primary exercise-check" onclick={on_check} disabled={running}>
                    { t(lang, "检查", "Check") }
                </button>
                if shown_hints < e.hints.len() {
                    <button class="button exercise-hint" onclick={on_hint}>
                        { match lang {
                            Lang::Zh => format!("提示（{}/{}）", shown_hints + 1, e.hints.len()),
                            Lang::En => format!("Hint ({} of {})", shown_hints + 1, e.hints.len()),
                        } }
                    </button>
                }
                <button class="button exercise-solution" onclick={on_solution}
                    aria-expanded={solution_shown.to_string()}>
                    { if *solution_shown { t(lang, "隐藏答案", "Hide the solution") } else { t(lang, "看答案", "Show the solution") } }
                </button>
            </div>
            <p class="exercise-rule">{ match lang {
                Lang::Zh => format!("“检查”在单步模式下运行你的程序 {total} 次：GOMAXPROCS 为 1 和 2 时各用种子 1–{}，再开启竞态检测器运行一次。任何一次输出不对、以非 0 状态退出、有数据竞争、main 返回时仍有 goroutine 阻塞，或运行超过 {} 条指令，都算失败。", exercise::SEEDS, grouped(exercise::MAX_INSTRUCTIONS)),
                Lang::En => format!("Check runs your program {total} times in step mode: seeds 1–{} at GOMAXPROCS 1 and at 2, then once with the race detector. A run fails if it prints the wrong output, exits with a non-zero status, has a data race, leaves goroutines blocked when main returns, or runs more than {} instructions.", exercise::SEEDS, grouped(exercise::MAX_INSTRUCTIONS)),
            } }</p>
            <div class="exercise-result" role="status" aria-live="polite">
                { match &*check {
                    Check::Idle => html! {},
                    Check::Running(n) => html! {
                        <>
                            <progress max={total.to_string()} value={n.to_string()}
                                aria-label={t(lang, "检查进度", "Check progress")}></progress>
                            <span>{ match lang {
                                Lang::Zh => format!("已通过 {n} / {total} 次运行…"),
                                Lang::En => format!("{n} of {total} runs passed…"),
                            } }</span>
                        </>
                    },
                    Check::Error(why) => html! {
                        <p class="verdict wrong">{ t(lang, "无法检查：", "Could not check: ") }{ why.clone() }</p>
                    },
                    Check::Done(v) => verdict(v, e, lang, &on_replay),
                } }
            </div>
            if shown_hints > 0 {
                <ol class="exercise-hints" aria-label={t(lang, "提示", "Hints")}>
                    { for e.hint_nodes.iter().take(shown_hints).map(|h| html! { <li>{ md(h) }</li> }) }
                </ol>
            }
            if *solution_shown {
                <div class="exercise-solution-code">
                    <p>{ t(lang, "一种答案（还有别的写法）：", "One solution (there are others):") }</p>
                    <pre class="code-block" tabindex="0"><code class="language-go">{ e.solution.clone() }</code></pre>
                </div>
            }
        </section>
    }
}

fn verdict(v: &Verdict, e: &Exercise, lang: Lang, on_replay: &Callback<Trial>) -> Html {
    let Some((trial, failure)) = &v.failure else {
        return html! {
            <p class="verdict right">{ match lang {
                Lang::Zh => format!("✓ 通过：{} 次运行全部符合要求。这是很强的检查，但不是证明：用真正的 Go 时，也用 go run -race 多跑几次。", v.total),
                Lang::En => format!("✓ Passed: all {} runs met the goal. A strong check, not a proof: with real Go, run it a few times with go run -race too.", v.total),
            } }</p>
        };
    };
    let trial = *trial;
    let zh = lang == Lang::Zh;
    let race = match (trial.race, zh) {
        (false, _) => "",
        (true, true) => "，开启竞态检测器",
        (true, false) => ", race detector on",
    };
    let head = match zh {
        true => format!(
            "✗ 第 {} 次运行失败（种子 {}，GOMAXPROCS {}{race}）：",
            v.passed + 1,
            trial.seed,
            trial.gomaxprocs
        ),
        false => format!(
            "✗ Run {} failed (seed {}, GOMAXPROCS {}{race}): ",
            v.passed + 1,
            trial.seed,
            trial.gomaxprocs
        ),
    };
    let (why, detail) = explain(failure, e, lang);
    html! {
        <div class="verdict wrong">
            <p><strong>{ head }</strong>{ why }</p>
            if !detail.is_empty() {
                <pre class="exercise-detail" tabindex="0">{ detail }</pre>
            }
            if !matches!(failure, Failure::Compile(_)) {
                <button class="button exercise-replay" onclick={on_replay.reform(move |_: MouseEvent| trial)}>
                    { t(lang, "在上面的运行器中重放这次运行", "Replay this run in the runner above") }
                </button>
            }
        </div>
    }
}

/// Why a run failed, in a sentence, and what it shows (output, stderr,
/// blocked goroutines) as plain text: one `<pre>` draws any of them.
fn explain(failure: &Failure, e: &Exercise, lang: Lang) -> (String, String) {
    let zh = lang == Lang::Zh;
    match failure {
        Failure::Compile(diags) => (
            t(lang, "程序无法编译。", "the program does not compile.").into(),
            diags
                .iter()
                .map(|d| format!("{FILE}:{}:{}: {}", d.line, d.col, d.message))
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        Failure::Output { got } => {
            let want = e.expected.as_ref().map(|w| w.lines.join("\n")).unwrap_or_default();
            let any_order = e.expected.as_ref().is_some_and(|w| w.unordered);
            let (printed, should) = match (zh, any_order) {
                (true, false) => ("打印了：", "应当打印："),
                (true, true) => ("打印了：", "应当打印（顺序不限）："),
                (false, false) => ("Printed:", "Should print:"),
                (false, true) => ("Printed:", "Should print (in any order):"),
            };
            (
                t(lang, "输出不符合要求。", "it printed something else.").into(),
                format!("{printed}\n{}\n\n{should}\n{want}", got.trim_end()),
            )
        }
        Failure::Exit { code, stderr } => (
            match zh {
                true => format!("程序以退出状态 {code} 结束（panic、致命错误如死锁，或 os.Exit）。"),
                false => format!("it exited with status {code} (a panic, a fatal error such as a deadlock, or os.Exit)."),
            },
            stderr.clone(),
        ),
        Failure::Race { report } => (
            t(lang, "竞态检测器报告了数据竞争。", "the race detector reported a data race.").into(),
            report.clone(),
        ),
        Failure::Leak(gs) => (
            match zh {
                true => format!("main 返回时还有 {} 个 goroutine 阻塞着，再也不会被唤醒：goroutine 泄漏。", gs.len()),
                false => format!("when main returned, {} goroutine(s) were still blocked, never to be woken: a goroutine leak.", gs.len()),
            },
            gs.iter()
                .map(|g| format!("goroutine {} [{}]: {} {FILE}:{}", g.goid, g.reason, g.func, g.line))
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        Failure::Limit => (
            match zh {
                true => format!("运行超过了 {} 条指令：死循环，或者做了远超练习所需的工作。", grouped(exercise::MAX_INSTRUCTIONS)),
                false => format!("it ran more than {} instructions: an endless loop, or far more work than the exercise needs.", grouped(exercise::MAX_INSTRUCTIONS)),
            },
            String::new(),
        ),
    }
}

fn grouped(n: u64) -> String {
    crate::widgets::grouped(n)
}
