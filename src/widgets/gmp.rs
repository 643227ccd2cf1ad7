//! The G/M/P diagram (`view=gmp`, ` ```widget gmp `): a drawing of one
//! [`Snapshot`] of the scheduler.
//!
//! Ps are boxes with their M on top (the thread that holds them), the G it
//! runs, `runnext` and the local run queue; the global run queue runs across
//! the top; Ms in a system call (with their G) and idle Ms sit below the
//! Ps, and goroutines that wait are listed with their wait reason. Every G
//! is one chip, keyed by goid and positioned with a CSS transform, so when
//! a G moves (newproc into runnext, runqput, Gosched to the global queue,
//! a steal, a hand-off) the browser animates the move.
//!
//! "Be the scheduler": while the run is paused, a runnable G is a button;
//! choosing it asks the runtime to run it next on its P.
//!
//! The layout is a pure function of the snapshot ([`layout`]), tested
//! natively.

use crate::engine::data::{GStatusView, GView, MStatusView, PStatusView, Snapshot};
use crate::lang::t;
use crate::lang::Lang;
use std::rc::Rc;
use yew::prelude::*;

pub const CHIP_W: f64 = 40.0;
pub const CHIP_H: f64 = 22.0;
const GAP: f64 = 6.0;
const WIDTH: f64 = 680.0;
const P_W: f64 = 158.0;
const P_COLS: usize = 4;
/// Local-queue chips drawn per P; the rest are counted ("+12").
const RUNQ_SHOWN: usize = 6;
const GLOBAL_SHOWN: usize = 12;
const ROW_SHOWN: usize = 14;

/// Where one G is drawn and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Chip {
    pub goid: u64,
    pub x: f64,
    pub y: f64,
    /// `running`, `runnable`, `waiting`, `syscall`.
    pub class: &'static str,
    /// The P whose queue holds it (for "run this next").
    pub queue_p: Option<u32>,
    pub place: Place,
}

/// Which queue or slot a chip is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    Running(u32),
    Runnext(u32),
    Runq(u32),
    Global,
    Syscall,
    Waiting,
}

/// One P's box.
#[derive(Clone, Debug, PartialEq)]
pub struct PBox {
    pub id: u32,
    pub x: f64,
    pub y: f64,
    pub status: PStatusView,
    pub m: Option<u32>,
    pub hidden_runq: usize,
}

/// An M not holding a P (in a syscall, or idle).
#[derive(Clone, Debug, PartialEq)]
pub struct MBox {
    pub id: u32,
    pub x: f64,
    pub y: f64,
    pub status: MStatusView,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Layout {
    pub chips: Vec<Chip>,
    pub ps: Vec<PBox>,
    pub free_ms: Vec<MBox>,
    pub hidden_global: usize,
    pub hidden_waiting: usize,
    /// y of the "Ms without a P" row, and of the waiting row.
    pub ms_y: f64,
    pub wait_y: f64,
    pub height: f64,
}

pub const P_H: f64 = 150.0;

fn status_class(g: &GView) -> &'static str {
    match g.status {
        GStatusView::Running => "running",
        GStatusView::Runnable => "runnable",
        GStatusView::Syscall => "syscall",
        _ => "waiting",
    }
}

/// Positions every P, M and G of `s`.
pub fn layout(s: &Snapshot) -> Layout {
    let mut l = Layout::default();
    let mut placed = std::collections::HashSet::new();
    let mut chip =
        |l: &mut Layout, goid: u64, x: f64, y: f64, place: Place, queue_p: Option<u32>| {
            if !placed.insert(goid) {
                return;
            }
            let class =
                s.gs.iter()
                    .find(|g| g.goid == goid)
                    .map_or("runnable", status_class);
            l.chips.push(Chip {
                goid,
                x,
                y,
                class,
                queue_p,
                place,
            });
        };
    // The global run queue, across the top.
    let gy = 24.0;
    for (i, &goid) in s.global_runq.iter().enumerate() {
        if i == GLOBAL_SHOWN {
            l.hidden_global = s.global_runq.len() - GLOBAL_SHOWN;
            break;
        }
        let x = 150.0 + i as f64 * (CHIP_W + GAP);
        chip(&mut l, goid, x, gy, Place::Global, Some(0));
    }
    // The Ps.
    let top = 70.0;
    for (i, p) in s.ps.iter().enumerate() {
        let x = 8.0 + (i % P_COLS) as f64 * (P_W + 10.0);
        let y = top + (i / P_COLS) as f64 * (P_H + 14.0);
        let running =
            p.m.and_then(|m| s.ms.iter().find(|mm| mm.id == m))
                .and_then(|m| m.curg);
        if let Some(goid) = running {
            chip(
                &mut l,
                goid,
                x + P_W - CHIP_W - 8.0,
                y + 8.0,
                Place::Running(p.id),
                None,
            );
        }
        if let Some(goid) = p.runnext {
            chip(
                &mut l,
                goid,
                x + 70.0,
                y + 46.0,
                Place::Runnext(p.id),
                Some(p.id),
            );
        }
        let mut hidden = 0;
        for (j, &goid) in p.runq.iter().enumerate() {
            if j >= RUNQ_SHOWN {
                hidden = p.runq.len() - RUNQ_SHOWN;
                break;
            }
            let cx = x + 8.0 + (j % 3) as f64 * (CHIP_W + GAP);
            let cy = y + 94.0 + (j / 3) as f64 * (CHIP_H + 4.0);
            chip(&mut l, goid, cx, cy, Place::Runq(p.id), Some(p.id));
        }
        l.ps.push(PBox {
            id: p.id,
            x,
            y,
            status: p.status,
            m: p.m,
            hidden_runq: hidden,
        });
    }
    let rows = s.ps.len().div_ceil(P_COLS).max(1);
    l.ms_y = top + rows as f64 * (P_H + 14.0) + 8.0;
    // Ms without a P: in a syscall (with their G) or idle.
    for (i, m) in s.ms.iter().filter(|m| m.p.is_none()).enumerate() {
        let x = 8.0 + (i % 8) as f64 * 82.0;
        let y = l.ms_y + 20.0 + (i / 8) as f64 * 54.0;
        if let Some(goid) = m.curg {
            chip(&mut l, goid, x + 30.0, y + 22.0, Place::Syscall, None);
        }
        l.free_ms.push(MBox {
            id: m.id,
            x,
            y,
            status: m.status,
        });
    }
    let m_rows = l.free_ms.len().div_ceil(8);
    l.wait_y = l.ms_y + 20.0 + m_rows as f64 * 54.0 + 10.0;
    // Everyone else waits (or is runnable somewhere we did not draw).
    let mut k = 0;
    let wait_row = l.wait_y + 20.0;
    // Gs in a queue but past what we draw are counted there, not here.
    let mut drawn: std::collections::HashSet<u64> = l.chips.iter().map(|c| c.goid).collect();
    drawn.extend(s.global_runq.iter().copied());
    for p in &s.ps {
        drawn.extend(p.runq.iter().copied());
        drawn.extend(p.runnext);
    }
    for g in &s.gs {
        if drawn.contains(&g.goid) {
            continue;
        }
        if k == ROW_SHOWN {
            l.hidden_waiting += 1;
            continue;
        }
        let x = 8.0 + k as f64 * (CHIP_W + GAP);
        chip(&mut l, g.goid, x, wait_row, Place::Waiting, None);
        k += 1;
    }
    l.height = l.wait_y + 20.0 + CHIP_H + 12.0;
    l
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub snapshot: Rc<Snapshot>,
    pub lang: Lang,
    /// Set while paused in step mode: the reader may pick the next G.
    #[prop_or_default]
    pub on_choose: Option<Callback<(u32, u64)>>,
    /// The G the reader chose to run next, and on which P.
    #[prop_or_default]
    pub chosen: Option<(u32, u64)>,
}

fn describe(g: Option<&GView>, goid: u64, lang: Lang) -> String {
    let Some(g) = g else {
        return format!("G{goid}");
    };
    let mut s = format!("G{} {}", g.goid, g.status);
    if !g.wait_reason.is_empty() {
        s.push_str(&format!(" [{}]", g.wait_reason));
    }
    if !g.func.is_empty() {
        s.push_str(&format!(" · {} ", g.func));
        s.push_str(&match lang {
            Lang::Zh => format!("第 {} 行", g.line),
            Lang::En => format!("line {}", g.line),
        });
    }
    s
}

#[function_component(Gmp)]
pub fn gmp(props: &Props) -> Html {
    let lang = props.lang;
    let s = &props.snapshot;
    let l = use_memo(props.snapshot.clone(), |s| layout(s));
    let focused = use_state(|| None::<u64>);
    let ps = l.ps.iter().map(|p| {
        let idle = matches!(p.status, PStatusView::Idle | PStatusView::Dead);
        html! {
            <g class={classes!("gmp-p", idle.then_some("idle"))} transform={format!("translate({},{})", p.x, p.y)}>
                <rect class="gmp-pbox" width={P_W.to_string()} height={P_H.to_string()} rx="8" />
                <text class="gmp-title" x="8" y="18">{ format!("P{}", p.id) }</text>
                <text class="gmp-small" x="8" y="32">{ p.status.go_name() }</text>
                <g class="gmp-m" transform="translate(74,8)">
                    <rect width="34" height="22" rx="5" class={classes!("gmp-mbox", p.m.is_none().then_some("none"))} />
                    <text x="17" y="15" text-anchor="middle">{ p.m.map_or("—".to_string(), |m| format!("M{m}")) }</text>
                </g>
                <text class="gmp-label" x="8" y="62">{ "runnext" }</text>
                <rect class="gmp-slot" x="68" y="44" width={(CHIP_W + 4.0).to_string()} height={(CHIP_H + 4.0).to_string()} rx="5" />
                <text class="gmp-label" x="8" y="88">{ t(lang, "本地队列", "local runq") }</text>
                if p.hidden_runq > 0 {
                    <text class="gmp-small" x={(P_W - 8.0).to_string()} y="88" text-anchor="end">{ format!("+{}", p.hidden_runq) }</text>
                }
            </g>
        }
    });
    let free_ms = l.free_ms.iter().map(|m| html! {
        <g class={classes!("gmp-free-m", m.status.name())} transform={format!("translate({},{})", m.x, m.y)}>
            <rect class="gmp-mbox" width="74" height="48" rx="6" />
            <text x="6" y="16">{ format!("M{}", m.id) }</text>
            // Top right: the bottom holds the M's G chip, which hid it.
            <text class="gmp-small gmp-m-state" x="70" y="15" text-anchor="end">{ match (m.status, lang) {
                (MStatusView::Syscall, Lang::Zh) => "系统调用", (MStatusView::Syscall, Lang::En) => "syscall",
                (_, Lang::Zh) => "空闲", (_, Lang::En) => "idle" } }</text>
        </g>
    });
    let chips = l.chips.iter().map(|c| {
        let g = s.gs.iter().find(|g| g.goid == c.goid);
        let title = describe(g, c.goid, lang);
        let choosable = props.on_choose.is_some() && c.class == "runnable";
        let onclick = match (&props.on_choose, c.queue_p) {
            (Some(cb), Some(p)) if choosable => {
                let goid = c.goid;
                Some(cb.reform(move |_: MouseEvent| (p, goid)))
            }
            _ => None,
        };
        let onkeydown = match (&props.on_choose, c.queue_p) {
            (Some(cb), Some(p)) if choosable => {
                let (cb, goid) = (cb.clone(), c.goid);
                Some(Callback::from(move |e: KeyboardEvent| {
                    if e.key() == "Enter" || e.key() == " " {
                        e.prevent_default();
                        cb.emit((p, goid));
                    }
                }))
            }
            _ => None,
        };
        let onfocus = { let f = focused.clone(); let id = c.goid; Callback::from(move |_: FocusEvent| f.set(Some(id))) };
        let onblur = { let f = focused.clone(); Callback::from(move |_: FocusEvent| f.set(None)) };
        html! {
            <g key={c.goid} class={classes!("gmp-g", c.class, choosable.then_some("choosable"))}
                style={format!("transform: translate({}px, {}px)", c.x, c.y)}
                tabindex="0" role={if choosable { "button" } else { "img" }}
                aria-label={if choosable { format!("{title}. {}", t(lang, "按回车让它下一个运行", "Press Enter to run it next")) } else { title.clone() }}
                data-goid={c.goid.to_string()} {onclick} {onkeydown} {onfocus} {onblur}>
                <title>{ title }</title>
                <rect width={CHIP_W.to_string()} height={CHIP_H.to_string()} rx="11" />
                <text x={(CHIP_W / 2.0).to_string()} y="15" text-anchor="middle">{ format!("G{}", c.goid) }</text>
            </g>
        }
    });
    let focused_g = (*focused).and_then(|id| s.gs.iter().find(|g| g.goid == id));
    let waiting =
        s.gs.iter()
            .filter(|g| g.status == GStatusView::Waiting)
            .count();
    html! {
        <div class="gmp" data-gs={s.gs.len().to_string()} data-ps={s.ps.len().to_string()} data-threads={s.threads.to_string()}>
            <div class="gmp-counters" aria-live="polite">
                <span>{ t(lang, "线程 M:", "threads (M): ") }<b>{ s.threads }</b></span>
                <span>{ "P (GOMAXPROCS): " }<b>{ s.gomaxprocs }</b></span>
                <span>{ t(lang, "goroutine:", "goroutines: ") }<b>{ s.gs.len() }</b></span>
                <span>{ t(lang, "虚拟时间：", "virtual time: ") }<b>{ format_ns(s.now_ns) }</b></span>
            </div>
            <svg class="gmp-svg" viewBox={format!("0 0 {WIDTH} {}", l.height)} role="group"
                aria-label={t(lang, "G/M/P 调度状态图", "Diagram of the G/M/P scheduler state")}>
                <text class="gmp-label" x="8" y="39">{ t(lang, "全局运行队列", "global runq") }</text>
                <rect class="gmp-queue" x="144" y="18" width={(WIDTH - 152.0).to_string()} height={(CHIP_H + 12.0).to_string()} rx="6" />
                if l.hidden_global > 0 {
                    <text class="gmp-small" x={(WIDTH - 14.0).to_string()} y="39" text-anchor="end">{ format!("+{}", l.hidden_global) }</text>
                }
                { for ps }
                <text class="gmp-label" x="8" y={(l.ms_y + 12.0).to_string()}>{ t(lang, "没有 P 的 M（系统调用中 / 空闲）", "Ms without a P (in a syscall / idle)") }</text>
                { for free_ms }
                <text class="gmp-label" x="8" y={(l.wait_y + 12.0).to_string()}>{
                    match lang { Lang::Zh => format!("等待中的 G({waiting})"), Lang::En => format!("waiting Gs ({waiting})") } }</text>
                if l.hidden_waiting > 0 {
                    <text class="gmp-small" x={(WIDTH - 14.0).to_string()} y={(l.wait_y + 12.0).to_string()} text-anchor="end">{ format!("+{}", l.hidden_waiting) }</text>
                }
                { for chips }
            </svg>
            <p class="gmp-detail" aria-live="polite">{
                // A click focuses the chip it chose: the confirmation wins
                // over that chip's description, or the click would seem lost.
                match (focused_g.filter(|g| props.chosen.is_none_or(|(_, c)| c != g.goid)), props.chosen) {
                    (Some(g), _) => describe(Some(g), g.goid, lang),
                    (None, Some((p, goid))) => match lang {
                        Lang::Zh => format!("你选了 G{goid}:P{p} 下一次调度时运行它。按“下一事件”。"),
                        Lang::En => format!("You chose G{goid}: P{p} runs it at its next schedule. Press Next event."),
                    },
                    (None, None) if props.on_choose.is_some() => t(lang, "暂停中：点一个蓝色（可运行）的 G，让它下一个运行。", "Paused: click a blue (runnable) G to run it next.").to_string(),
                    (None, None) => t(lang, "把鼠标移到 G 上或用 Tab 聚焦，查看它的状态和所在行。", "Hover or Tab to a G to see its status and line.").to_string(),
                }
            }</p>
            <ul class="gmp-legend">
                <li><span class="dot running"></span>{ t(lang, "运行中", "running") }</li>
                <li><span class="dot runnable"></span>{ t(lang, "可运行", "runnable") }</li>
                <li><span class="dot waiting"></span>{ t(lang, "等待中", "waiting") }</li>
                <li><span class="dot syscall"></span>{ t(lang, "系统调用", "in a syscall") }</li>
            </ul>
        </div>
    }
}

/// Virtual time for people: `1.25 ms`, `12 µs`, `3.5 s`.
pub fn format_ns(ns: i64) -> String {
    let ns = ns.max(0) as f64;
    if ns >= 1e9 {
        format!("{:.2} s", ns / 1e9)
    } else if ns >= 1e6 {
        format!("{:.2} ms", ns / 1e6)
    } else if ns >= 1e3 {
        format!("{:.1} µs", ns / 1e3)
    } else {
        format!("{ns} ns")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::data::{MView, PView};

    fn g(goid: u64, status: GStatusView) -> GView {
        GView {
            goid,
            status,
            ..GView::default()
        }
    }

    #[test]
    fn every_g_gets_one_chip_in_its_place() {
        let s = Snapshot {
            gomaxprocs: 2,
            threads: 3,
            gs: vec![
                g(1, GStatusView::Running),
                g(6, GStatusView::Runnable),
                g(7, GStatusView::Runnable),
                g(8, GStatusView::Runnable),
                g(9, GStatusView::Waiting),
                g(10, GStatusView::Syscall),
            ],
            ps: vec![
                PView {
                    id: 0,
                    status: PStatusView::Running,
                    m: Some(0),
                    runnext: Some(8),
                    runq: vec![6],
                    schedtick: 0,
                },
                PView {
                    id: 1,
                    status: PStatusView::Idle,
                    ..PView::default()
                },
            ],
            ms: vec![
                MView {
                    id: 0,
                    status: MStatusView::Running,
                    p: Some(0),
                    curg: Some(1),
                    spinning: false,
                },
                MView {
                    id: 1,
                    status: MStatusView::Syscall,
                    p: None,
                    curg: Some(10),
                    spinning: false,
                },
            ],
            global_runq: vec![7],
            ..Snapshot::default()
        };
        let l = layout(&s);
        assert_eq!(l.chips.len(), 6);
        let place = |goid| l.chips.iter().find(|c| c.goid == goid).unwrap().place;
        assert_eq!(place(1), Place::Running(0));
        assert_eq!(place(8), Place::Runnext(0));
        assert_eq!(place(6), Place::Runq(0));
        assert_eq!(place(7), Place::Global);
        assert_eq!(place(10), Place::Syscall);
        assert_eq!(place(9), Place::Waiting);
        assert_eq!(l.ps.len(), 2);
        assert_eq!(l.free_ms.len(), 1);
        assert!(l.height > l.wait_y);
    }

    #[test]
    fn long_queues_are_counted_not_drawn() {
        let s = Snapshot {
            gs: (1..=300).map(|i| g(i, GStatusView::Runnable)).collect(),
            ps: vec![PView {
                id: 0,
                status: PStatusView::Running,
                runq: (1..=256).collect(),
                ..PView::default()
            }],
            global_runq: (257..=300).collect(),
            ..Snapshot::default()
        };
        let l = layout(&s);
        assert_eq!(l.ps[0].hidden_runq, 256 - RUNQ_SHOWN);
        assert_eq!(l.hidden_global, 44 - GLOBAL_SHOWN);
        assert!(l.chips.len() <= RUNQ_SHOWN + GLOBAL_SHOWN);
    }

    #[test]
    fn times_read_naturally() {
        assert_eq!(format_ns(0), "0 ns");
        assert_eq!(format_ns(12_500), "12.5 µs");
        assert_eq!(format_ns(3_500_000), "3.50 ms");
    }
}
