//! ` ```widget channels `: the same producer/consumer program on an
//! unbuffered channel and on a buffered one, side by side, stepped together
//! one scheduling event at a time. On the unbuffered side the sender waits
//! in `sendq` for every receive; on the buffered side it runs ahead until
//! the ring is full. A slider sets the buffered side's capacity.
//!
//! Both sides are real runs (step mode, GOMAXPROCS 1, the same seed) of the
//! program [`program`] generates; each step calls `step_event` on both.

use super::channels::Channels;
use crate::engine::data::ChanView;
use crate::engine::run::{Latest, Start};
use crate::engine::{self, frame, Mode, Phase, Run, RunSpec, Settings};
use crate::lang::t;
use crate::lang::Lang;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Values the producer sends.
pub const VALUES: u32 = 5;

/// The producer/consumer program with a channel of capacity `cap`.
pub fn program(cap: u32) -> String {
    format!(
        r#"package main

import "fmt"

func main() {{
	ch := make(chan int, {cap})
	done := make(chan bool)
	go func() {{
		for v := range ch {{
			fmt.Println("received", v)
		}}
		done <- true
	}}()
	for i := 1; i <= {VALUES}; i++ {{
		ch <- i
		fmt.Println("sent", i)
	}}
	close(ch)
	<-done
}}
"#
    )
}

/// What one side shows after a step.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Side {
    pub chan: Option<ChanView>,
    pub stdout: String,
    pub exit: Option<i32>,
    pub events: u32,
}

fn side_of(latest: &Latest, events: u32) -> Side {
    let Some(p) = latest.get() else {
        return Side::default();
    };
    Side {
        chan: p.snapshot.and_then(|s| s.chans.first().cloned()),
        stdout: p.console.stdout(),
        exit: match p.phase {
            Phase::Exited(code) => Some(code),
            _ => None,
        },
        events,
    }
}

/// One side: its run, its last progress, and the events stepped so far.
struct SideRun {
    run: Run,
    latest: Latest,
    events: u32,
}

/// The two runs (not rendered state: runs are neither Clone nor PartialEq).
#[derive(Default)]
struct Runs {
    sides: Vec<SideRun>,
    playing: u64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub cap: u32,
    pub sides: Vec<Side>,
    pub playing: bool,
}

pub enum Action {
    Cap(u32),
    Show(Vec<Side>),
    Playing(bool),
}

impl Reducible for State {
    type Action = Action;
    fn reduce(self: Rc<Self>, a: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match a {
            Action::Cap(c) => s.cap = c.clamp(1, VALUES),
            Action::Show(sides) => s.sides = sides,
            Action::Playing(p) => s.playing = p,
        }
        Rc::new(s)
    }
}

/// Both sides, paused before their first instruction (step mode: the
/// reader steps them event by event).
fn start(runs: &mut Runs, cap: u32) -> Vec<Side> {
    runs.sides.clear();
    for c in [0, cap] {
        if let Ok(p) = engine::compile(&program(c)) {
            let latest = Latest::default();
            let spec = RunSpec {
                mode: Mode::Step,
                settings: Settings::default(),
                snapshots: true,
                trace_cap: 0,
            };
            let run = Run::start(&p, spec, Start::Paused, latest.sink());
            runs.sides.push(SideRun {
                run,
                latest,
                events: 0,
            });
        }
    }
    sides(runs)
}

fn sides(runs: &Runs) -> Vec<Side> {
    runs.sides
        .iter()
        .map(|s| side_of(&s.latest, s.events))
        .collect()
}

/// One scheduling event on each side still running.
fn step(runs: &mut Runs) -> Vec<Side> {
    for s in &mut runs.sides {
        if s.run.phase().is_live() {
            s.run.step_event(100_000);
            s.events += 1;
        }
    }
    sides(runs)
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lang: Lang,
}

#[function_component(ChannelCompare)]
pub fn channel_compare(props: &Props) -> Html {
    let lang = props.lang;
    let state = use_reducer(|| State {
        cap: 3,
        sides: Vec::new(),
        playing: false,
    });
    let runs = use_mut_ref(Runs::default);
    {
        let (runs, state) = (runs.clone(), state.clone());
        use_effect_with(state.cap, move |cap| {
            let sides = start(&mut runs.borrow_mut(), *cap);
            state.dispatch(Action::Show(sides));
            let runs = runs.clone();
            move || {
                let mut r = runs.borrow_mut();
                r.playing += 1;
                r.sides.clear();
            }
        });
    }
    let on_step = {
        let (runs, state) = (runs.clone(), state.clone());
        Callback::from(move |_: MouseEvent| {
            let sides = step(&mut runs.borrow_mut());
            state.dispatch(Action::Show(sides));
        })
    };
    let on_reset = {
        let (runs, state) = (runs.clone(), state.clone());
        Callback::from(move |_: MouseEvent| {
            let mut r = runs.borrow_mut();
            r.playing += 1;
            let sides = start(&mut r, state.cap);
            drop(r);
            state.dispatch(Action::Playing(false));
            state.dispatch(Action::Show(sides));
        })
    };
    let on_play = {
        let (runs, state) = (runs.clone(), state.clone());
        Callback::from(move |_: MouseEvent| {
            let generation = {
                let mut r = runs.borrow_mut();
                r.playing += 1;
                r.playing
            };
            if state.playing {
                state.dispatch(Action::Playing(false));
                return;
            }
            state.dispatch(Action::Playing(true));
            let (runs, dispatch) = (runs.clone(), state.dispatcher());
            wasm_bindgen_futures::spawn_local(async move {
                loop {
                    frame::sleep(450).await;
                    frame::next_frame().await;
                    let mut r = runs.borrow_mut();
                    if r.playing != generation {
                        return;
                    }
                    let sides = step(&mut r);
                    let done = sides.iter().all(|s| s.exit.is_some());
                    drop(r);
                    dispatch.dispatch(Action::Show(sides));
                    if done {
                        dispatch.dispatch(Action::Playing(false));
                        return;
                    }
                }
            });
        })
    };
    let on_cap = {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            let v: HtmlInputElement = e.target_unchecked_into();
            state.dispatch(Action::Cap(v.value().parse().unwrap_or(1)));
        })
    };
    let done = !state.sides.is_empty() && state.sides.iter().all(|s| s.exit.is_some());
    let titles = [
        t(lang, "无缓冲：make(chan int)", "Unbuffered: make(chan int)").to_string(),
        match lang {
            Lang::Zh => format!("有缓冲：make(chan int, {})", state.cap),
            Lang::En => format!("Buffered: make(chan int, {})", state.cap),
        },
    ];
    let sides = state.sides.iter().zip(titles).map(|(s, title)| {
        let last: Vec<&str> = s.stdout.lines().collect();
        let sent = last.iter().filter(|l| l.starts_with("sent")).count();
        let received = last.iter().filter(|l| l.starts_with("received")).count();
        html! {
            <section class="cmp-side" aria-label={title.clone()} data-sent={sent.to_string()} data-received={received.to_string()}>
                <h4>{ title }</h4>
                <Channels chans={s.chan.clone().into_iter().collect::<Vec<_>>()} lang={lang} />
                <p class="cmp-count">{ match lang {
                    Lang::Zh => format!("已发送 {sent} · 已接收 {received} · 第 {} 个调度事件", s.events),
                    Lang::En => format!("sent {sent} · received {received} · scheduling event {}", s.events),
                } }</p>
                <pre class="cmp-out">{ last.iter().rev().take(4).rev().map(|l| format!("{l}\n")).collect::<String>() }</pre>
            </section>
        }
    });
    html! {
        <div class="channel-compare">
            <div class="cmp-tools" role="toolbar" aria-label={t(lang, "控制", "Controls")}>
                <button class="button primary cmp-step" onclick={on_step} disabled={done || state.playing}>{ t(lang, "下一事件", "Next event") }</button>
                <button class="button cmp-play" onclick={on_play} disabled={done}>
                    { if state.playing { t(lang, "暂停", "Pause") } else { t(lang, "播放", "Play") } }</button>
                <button class="button cmp-reset" onclick={on_reset}>{ t(lang, "重来", "Start over") }</button>
                <label class="control">
                    <span>{ t(lang, "缓冲容量", "capacity") }</span>
                    <input type="range" class="cmp-cap" min="1" max={VALUES.to_string()} value={state.cap.to_string()} oninput={on_cap}
                        aria-valuetext={state.cap.to_string()} />
                    <b>{ state.cap }</b>
                </label>
            </div>
            <div class="cmp-sides">{ for sides }</div>
            <details class="cmp-code">
                <summary>{ t(lang, "两边运行的程序", "The program both sides run") }</summary>
                <pre class="code-block"><code>{ program(state.cap) }</code></pre>
            </details>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_programs_compile_and_finish_with_every_value_received() {
        for cap in 0..=VALUES {
            let out = engine::run_to_end(&program(cap), &Settings::default()).expect("compiles");
            assert_eq!(out.exit, 0, "{}", out.stderr);
            let received = out
                .stdout
                .lines()
                .filter(|l| l.starts_with("received"))
                .count();
            assert_eq!(received, VALUES as usize);
        }
    }

    #[test]
    fn the_buffered_sender_runs_ahead_the_unbuffered_one_waits() {
        let mut runs = Runs::default();
        start(&mut runs, 3);
        // Step until the buffered side has filled its ring.
        let mut saw_unbuffered_wait = false;
        let mut saw_full_ring = false;
        for _ in 0..200 {
            let sides = step(&mut runs);
            if let Some(c) = &sides[0].chan {
                saw_unbuffered_wait |= !c.sendq.is_empty() || !c.recvq.is_empty();
            }
            if let Some(c) = &sides[1].chan {
                saw_full_ring |= c.qcount == 3;
            }
            if sides.iter().all(|s| s.exit.is_some()) {
                break;
            }
        }
        assert!(
            saw_unbuffered_wait,
            "a goroutine waited on the unbuffered channel"
        );
        assert!(saw_full_ring, "the buffered channel filled up");
    }
}
