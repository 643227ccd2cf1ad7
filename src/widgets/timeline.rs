//! The timeline (`view=timeline`): one lane per P, plus one per M while it
//! is in a system call; a bar per stretch a G ran, coloured by G; markers
//! where a G blocked (▼, with the wait reason) and where it was made
//! runnable again (▲). Zoom in and out, hover a bar for its details, and
//! export the trace as Chrome trace-event JSON (opens in Perfetto).
//!
//! The bars are the runtime's own pairing of its trace events into run
//! slices (`run_slices`, re-exported by the engine), the same pairing its
//! Chrome trace export uses, so the timeline and Perfetto always agree.

use super::gmp::format_ns;
use crate::engine::data::{chrome_trace_json, run_slices, Event, Lane};
use crate::lang::t;
use crate::lang::Lang;
use std::rc::Rc;
use yew::prelude::*;

/// A G's colour: hues spread by the golden angle so neighbours differ.
pub fn g_hue(g: u64) -> u64 {
    (g * 137) % 360
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub events: Rc<Vec<Event>>,
    /// Virtual time now (the right edge while running).
    pub now_ns: i64,
    pub lang: Lang,
    /// The trace holds only the run's first events.
    #[prop_or_default]
    pub truncated: bool,
}

pub enum Action {
    ZoomIn,
    ZoomOut,
    Fit,
}

#[derive(Clone, Copy, PartialEq)]
struct Zoom(f64);

impl Reducible for Zoom {
    type Action = Action;
    fn reduce(self: Rc<Self>, a: Action) -> Rc<Self> {
        Rc::new(Zoom(match a {
            Action::ZoomIn => (self.0 * 2.0).min(1024.0),
            Action::ZoomOut => (self.0 / 2.0).max(1.0),
            Action::Fit => 1.0,
        }))
    }
}

const LANE_H: f64 = 26.0;
const LABEL_W: f64 = 74.0;
const BASE_W: f64 = 600.0;

#[function_component(Timeline)]
pub fn timeline(props: &Props) -> Html {
    let lang = props.lang;
    let zoom = use_reducer(|| Zoom(1.0));
    let d = use_memo((props.events.clone(), props.now_ns), |(ev, now)| {
        run_slices(ev, *now)
    });
    let span = (d.end.max(1)) as f64;
    let w = BASE_W * zoom.0;
    let x = |ts: i64| LABEL_W + ts as f64 / span * w;
    let lane_y =
        |lane: Lane| d.lanes.iter().position(|l| *l == lane).unwrap_or(0) as f64 * LANE_H + 18.0;
    let height = d.lanes.len().max(1) as f64 * LANE_H + 24.0;
    let labels = d.lanes.iter().map(|l| {
        let y = lane_y(*l);
        let name = match (l, lang) {
            (Lane::P(p), _) => format!("P{p}"),
            (Lane::Syscall(m), Lang::Zh) => format!("M{m} 系统调用"),
            (Lane::Syscall(m), Lang::En) => format!("M{m} syscall"),
        };
        html! {
            <g>
                <line class="tl-lane" x1={LABEL_W.to_string()} x2={(LABEL_W + w).to_string()} y1={(y + LANE_H - 4.0).to_string()} y2={(y + LANE_H - 4.0).to_string()} />
                <text class="tl-label" x="4" y={(y + 15.0).to_string()}>{ name }</text>
            </g>
        }
    });
    let bars = d.slices.iter().map(|b| {
        let (x0, x1) = (x(b.start), x(b.end));
        let y = lane_y(b.lane);
        let title = format!("G{} · {} → {} ({}) · {}", b.g, format_ns(b.start), format_ns(b.end), format_ns(b.end - b.start), b.ended_by_name());
        // A slice too short to see still gets a visible sliver.
        let width = (x1 - x0).max(2.5);
        html! {
            <g class="tl-bar">
                <title>{ title }</title>
                <rect x={x0.to_string()} y={(y + 2.0).to_string()} width={width.to_string()} height={(LANE_H - 8.0).to_string()}
                    rx="2" style={format!("fill: hsl({} 65% 55%)", g_hue(b.g))} />
                if width > 28.0 {
                    <text class="tl-g" x={(x0 + 3.0).to_string()} y={(y + 15.0).to_string()}>{ format!("G{}", b.g) }</text>
                }
            </g>
        }
    });
    let markers = d.markers.iter().map(|m| {
        let (mx, y) = (x(m.ts), lane_y(m.lane));
        let title = if m.block {
            format!("G{} {} [{}] @ {}", m.g, t(lang, "阻塞", "blocks"), m.reason.as_str(), format_ns(m.ts))
        } else {
            format!("G{} {} @ {}", m.g, t(lang, "被唤醒", "made runnable"), format_ns(m.ts))
        };
        let pts = if m.block {
            format!("{},{} {},{} {},{}", mx - 4.0, y - 5.0, mx + 4.0, y - 5.0, mx, y + 1.0)
        } else {
            format!("{},{} {},{} {},{}", mx - 4.0, y + LANE_H - 1.0, mx + 4.0, y + LANE_H - 1.0, mx, y + LANE_H - 7.0)
        };
        html! {
            <polygon class={if m.block { "tl-block" } else { "tl-unblock" }} points={pts}><title>{ title }</title></polygon>
        }
    });
    let ticks = (0..=4).map(|i| {
        let ts = (span * i as f64 / 4.0) as i64;
        html! { <text class="tl-tick" x={x(ts).to_string()} y="11" text-anchor="middle">{ format_ns(ts) }</text> }
    });
    let export = {
        let events = props.events.clone();
        Callback::from(move |_: MouseEvent| {
            crate::platform::download(
                &chrome_trace_json(&events),
                "trace.json",
                "application/json",
            )
        })
    };
    let z = |a: fn() -> Action| {
        let zoom = zoom.clone();
        Callback::from(move |_: MouseEvent| zoom.dispatch(a()))
    };
    html! {
        <div class="timeline" data-bars={d.slices.len().to_string()} data-lanes={d.lanes.len().to_string()}>
            <div class="tl-tools" role="toolbar" aria-label={t(lang, "时间线工具", "Timeline tools")}>
                <button class="button" onclick={z(|| Action::ZoomIn)} aria-label={t(lang, "放大", "Zoom in")}>{ "+" }</button>
                <button class="button" onclick={z(|| Action::ZoomOut)} aria-label={t(lang, "缩小", "Zoom out")} disabled={zoom.0 <= 1.0}>{ "−" }</button>
                <button class="button" onclick={z(|| Action::Fit)}>{ t(lang, "适应宽度", "Fit") }</button>
                <button class="button tl-export" onclick={export} disabled={props.events.is_empty()}
                    title={t(lang, "Chrome trace JSON，可在 Perfetto 中打开", "Chrome trace JSON: open it in Perfetto")}>
                    { t(lang, "导出追踪", "Export trace") }</button>
                <span class="tl-legend">{ t(lang, "▼ 阻塞  ▲ 被唤醒 · 颜色区分 G", "▼ blocks  ▲ made runnable · colour = goroutine") }</span>
            </div>
            <div class="tl-scroll" tabindex="0" aria-label={t(lang, "时间线（可横向滚动）", "Timeline (scrolls sideways)")}>
                <svg class="tl-svg" width={(LABEL_W + w + 40.0).to_string()} height={height.to_string()}
                    role="img" aria-label={match lang {
                        Lang::Zh => format!("{} 条执行片段，{} 条通道", d.slices.len(), d.lanes.len()),
                        Lang::En => format!("{} run slices on {} lanes", d.slices.len(), d.lanes.len()),
                    }}>
                    { for ticks }
                    { for labels }
                    { for bars }
                    { for markers }
                </svg>
            </div>
            if props.truncated {
                <p class="view-hint">{ t(lang, "追踪很长：这里只显示开头的部分。", "The trace is long: only its beginning is shown.") }</p>
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::data::{EvKind, WaitReason, NIL};

    fn ev(ts: i64, kind: EvKind, p: u32, g: u64) -> Event {
        Event {
            ts,
            kind,
            p,
            m: 0,
            g,
            arg: 0,
            arg2: 0,
            reason: WaitReason::Zero,
            line: 0,
        }
    }

    #[test]
    fn run_slices_pair_start_with_what_ended_them() {
        let mut block = ev(30, EvKind::GoBlock, 0, 1);
        block.reason = WaitReason::ChanReceive;
        let mut unblock = ev(50, EvKind::GoUnblock, 0, 6);
        unblock.arg = 1;
        let events = vec![
            ev(0, EvKind::GoStart, 0, 1),
            block,
            ev(30, EvKind::GoStart, 0, 6),
            unblock,
            ev(60, EvKind::GoEnd, 0, 6),
            ev(60, EvKind::GoStart, 0, 1),
        ];
        let d = run_slices(&events, 100);
        assert_eq!(d.lanes, vec![Lane::P(0)]);
        let spans: Vec<_> = d
            .slices
            .iter()
            .map(|b| (b.g, b.start, b.end, b.ended_by_name()))
            .collect();
        assert_eq!(
            spans,
            vec![
                (1, 0, 30, "GoBlock"),
                (6, 30, 60, "GoEnd"),
                (1, 60, 100, "running")
            ]
        );
        assert_eq!(d.markers.len(), 2);
        assert!(d.markers[0].block && d.markers[0].reason.as_str() == "chan receive");
        assert!(!d.markers[1].block && d.markers[1].g == 1);
    }

    #[test]
    fn a_syscall_gets_its_own_lane() {
        let mut sys = ev(10, EvKind::GoSysCall, 0, 6);
        sys.m = 2;
        let mut exit = ev(40, EvKind::GoSysExit, NIL, 6);
        exit.m = 2;
        let d = run_slices(&[ev(0, EvKind::GoStart, 0, 6), sys, exit], 40);
        assert_eq!(d.lanes, vec![Lane::P(0), Lane::Syscall(2)]);
        assert!(d
            .slices
            .iter()
            .any(|b| b.lane == Lane::Syscall(2) && b.start == 10 && b.end == 40));
    }

    #[test]
    fn hues_differ_for_neighbours() {
        assert_ne!(g_hue(1), g_hue(2));
        assert!(g_hue(12345) < 360);
    }
}
