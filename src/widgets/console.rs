//! The output console of a playground: stdout and stderr in the order they
//! were written (Go's crash reports styled as such), how much was cut, the
//! exit status as `go run` prints it, and the run's cost.
//!
//! A race detector report is shown as printed, with the source line of each
//! of its two accesses (`/prog.go:14`) as a button: pressing either picks
//! that report, and the playground highlights both lines in the editor and
//! both accesses in the race view. Buttons, not links: they act on the page
//! rather than navigate, and Enter and Space work on them natively.

use super::grouped;
use crate::engine::console::is_crash;
use crate::engine::races::{frame_parts, report_lines, split, Race, Segment, Which};
use crate::engine::{Console as Output, Stream};
use crate::lang::t;
use crate::lang::Lang;
use std::rc::Rc;
use yew::prelude::*;

/// Where a run stands, as the console reports it.
#[derive(Clone, Debug, PartialEq)]
pub enum RunState {
    /// Nothing run yet.
    Idle,
    /// Did not compile: `go run` prints the errors and exits with status 1.
    CompileFailed(Vec<String>),
    Running,
    /// Stopped between steps (the reader is stepping).
    Paused,
    /// The reader pressed Stop.
    Stopped,
    Exited(i32),
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub output: Rc<Output>,
    pub state: RunState,
    pub lang: Lang,
    /// Instructions executed.
    #[prop_or_default]
    pub steps: u64,
    /// Wall-clock milliseconds the run has had so far.
    #[prop_or_default]
    pub real_ms: f64,
    /// The run's virtual clock (what `time.Now` sees in step mode).
    #[prop_or_default]
    pub virtual_ns: i64,
    /// Whether stdout matched the example's `// Output:` comment (when it has one).
    #[prop_or_default]
    pub matches_expected: Option<bool>,
    /// The exit status the chapter expects (`exit=` in the directive).
    #[prop_or_default]
    pub expected_exit: i32,
    /// The races the detector reported in this run (their text is in the output).
    #[prop_or_default]
    pub races: Rc<Vec<Race>>,
    /// Pressing a report's line: which report (index into `races`).
    #[prop_or_default]
    pub on_race: Option<Callback<usize>>,
    /// The report the reader picked.
    #[prop_or_default]
    pub shown_race: Option<usize>,
}

/// A report's text with its two access lines as buttons.
fn report_html(props: &Props, i: usize, text: &str) -> Html {
    let lang = props.lang;
    let race = &props.races[i];
    let lines = report_lines(text).into_iter().map(|(line, which)| {
        let (Some(which), Some(on_race)) = (which, props.on_race.as_ref()) else {
            return html! { { line.to_string() } };
        };
        let (indent, loc, rest) = frame_parts(line);
        let side = match which {
            Which::Current => &race.current,
            Which::Previous => &race.previous,
        };
        let lines: Vec<String> = race.lines().iter().map(u32::to_string).collect();
        let label = match lang {
            Lang::Zh => format!(
                "{loc}：在代码中标出数据竞争 {} 的两次访问（第 {} 行）",
                i + 1,
                lines.join("、")
            ),
            Lang::En => format!(
                "{loc}: show both accesses of data race {} in the code ({} {})",
                i + 1,
                if lines.len() == 1 { "line" } else { "lines" },
                lines.join(" and ")
            ),
        };
        let onclick = on_race.reform(move |_: MouseEvent| i);
        html! {
            <>
                { indent.to_string() }
                <button type="button" class="race-link" data-race={i.to_string()}
                    data-line={side.line.to_string()} aria-label={label.clone()} title={label}
                    aria-pressed={(props.shown_race == Some(i)).to_string()} {onclick}>{ loc.to_string() }</button>
                { rest.to_string() }
            </>
        }
    });
    html! {
        <span class={classes!("race-report", (props.shown_race == Some(i)).then_some("shown"))}
            data-race={i.to_string()}>{ for lines }</span>
    }
}

#[function_component(Console)]
pub fn console(props: &Props) -> Html {
    let lang = props.lang;
    // Reports are found in the stderr chunks in the order they were kept.
    let mut next_race = 0;
    let head = props.output.head_chunks();
    let mut chunks: Vec<Html> = props
        .output
        .chunks()
        .map(|(stream, text)| {
            let class = match stream {
                Stream::Stdout => "out-stdout",
                Stream::Stderr if is_crash(&text) => "out-crash",
                Stream::Stderr => "out-stderr",
            };
            if stream == Stream::Stdout || props.races.len() == next_race {
                return html! { <span class={class}>{ text }</span> };
            }
            let parts =
                split(&text, &props.races, &mut next_race)
                    .into_iter()
                    .map(|seg| match seg {
                        Segment::Text(t) => html! { { t.to_string() } },
                        Segment::Report(i, t) => report_html(props, i, t),
                    });
            html! { <span class={class}>{ for parts }</span> }
        })
        .collect();
    let cut = props.output.cut();
    // What was cut sits between the head (the first output) and the tail
    // (the last): say so there.
    if cut > 0 {
        chunks.insert(
            head.min(chunks.len()),
            html! {
                <span class="out-cut" role="note">{ match lang {
                    Lang::Zh => format!("\n…… 输出过长：这里省略了 {} 字节，下面是最后的输出 ……\n", grouped(cut as u64)),
                    Lang::En => format!("\n… output too long: {} bytes cut here; the last output follows …\n", grouped(cut as u64)),
                } }</span>
            },
        );
    }
    let status = match &props.state {
        RunState::Idle => None,
        RunState::CompileFailed(_) => Some(("status-bad", "exit status 1".to_string())),
        RunState::Running => Some(("status-running", t(lang, "运行中…", "running…").to_string())),
        RunState::Paused => Some((
            "status-paused",
            t(lang, "已暂停（单步）", "paused (stepping)").to_string(),
        )),
        RunState::Stopped => Some((
            "status-paused",
            t(lang, "已被你停止", "stopped by you").to_string(),
        )),
        RunState::Exited(0) => Some((
            "status-ok",
            t(lang, "程序已结束，退出状态 0", "program exited, status 0").to_string(),
        )),
        RunState::Exited(n) => Some(("status-bad", format!("exit status {n}"))),
    };
    let expected_note = match (&props.state, props.expected_exit) {
        (RunState::Exited(n), want) if *n != 0 && *n == want => {
            Some(t(lang, "（本章预期的结果）", "(as the chapter expects)"))
        }
        _ => None,
    };
    let running = props.state == RunState::Running;
    let cost = (props.steps > 0).then(|| {
        format!(
            "{} {} · {} {} · {} {:.0} ms",
            grouped(props.steps),
            t(lang, "条指令", "instructions"),
            t(lang, "虚拟时间", "virtual"),
            super::gmp::format_ns(props.virtual_ns),
            t(lang, "真实时间", "real"),
            props.real_ms
        )
    });
    html! {
        <div class="console" data-state={match &props.state { RunState::Idle => "idle", RunState::CompileFailed(_) => "compile-failed", RunState::Running => "running", RunState::Paused => "paused", RunState::Stopped => "stopped", RunState::Exited(_) => "exited" }}>
            <pre class="console-out" role="log" aria-live={if running { "off" } else { "polite" }}
                aria-label={t(lang, "程序输出", "Program output")} tabindex="0">
                if let RunState::CompileFailed(errors) = &props.state {
                    <span class="out-crash">{ "# command-line-arguments\n" }{ for errors.iter().map(|e| format!("./{e}\n")) }</span>
                }
                { for chunks }
                if props.output.is_empty() && props.state == RunState::Idle {
                    <span class="out-hint">{ t(lang, "按“运行”查看输出。", "Press Run to see the output.") }</span>
                }
            </pre>
            <div class="console-status">
                if let Some((class, text)) = status {
                    <span class={classes!("run-status", class)}>{ text }</span>
                }
                if let Some(note) = expected_note { <span class="run-note">{ note }</span> }
                if let Some(ok) = props.matches_expected {
                    <span class={classes!("run-expected", if ok { "ok" } else { "bad" })}>
                        { if ok { t(lang, "✓ 输出与 // Output: 一致", "✓ output matches // Output:") }
                          else { t(lang, "✗ 输出与 // Output: 不同", "✗ output differs from // Output:") } }
                    </span>
                }
                if let Some(cost) = cost { <span class="run-cost">{ cost }</span> }
            </div>
        </div>
    }
}
