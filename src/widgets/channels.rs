//! The channel view (`view=channels`): each channel as Go's `hchan` holds
//! it: the ring buffer of `dataqsiz` slots with the `qcount` values in it,
//! `sendx` (where the next send writes) and `recvx` (where the next receive
//! reads), and the goroutines parked in `sendq` and `recvq`. An unbuffered
//! channel has no ring: a send waits in `sendq` until a receiver takes the
//! value straight from it.
//!
//! Drawn from the runtime's snapshot (`ChanView`), plain data only. Between
//! two snapshots the view notices a hand-off (a value left the ring or a
//! waiting sender, or a waiting receiver was served) and sends a chip with
//! the value from the sender's side to the receiver's ([`handoff`]).

use crate::engine::data::ChanView;
use crate::lang::t;
use crate::lang::Lang;
use yew::prelude::*;

/// Channels drawn; a program with more says how many are left out.
pub const MAX_CHANS: usize = 4;
/// Slots drawn per ring.
const MAX_SLOTS: u32 = 12;
const SLOT: f64 = 38.0;

/// The value in ring slot `slot`, if it holds one: the buffer lists values
/// oldest first, starting at `recvx`.
pub fn slot_value(c: &ChanView, slot: u32) -> Option<u64> {
    if c.dataqsiz == 0 {
        return None;
    }
    let i = (slot + c.dataqsiz - c.recvx % c.dataqsiz) % c.dataqsiz;
    (i < c.qcount)
        .then(|| c.buffer.get(i as usize).copied())
        .flatten()
}

/// A word as the channel's element type reads (ints signed, bools as
/// words; anything else is a reference, drawn as a dot).
pub fn show_value(elem_type: &str, w: u64) -> String {
    match elem_type {
        "int" | "int64" | "int32" | "int16" | "int8" | "rune" => (w as i64).to_string(),
        "uint" | "uint64" | "uint32" | "uint16" | "uint8" | "byte" | "uintptr" => w.to_string(),
        "bool" => (w != 0).to_string(),
        "float64" => f64::from_bits(w).to_string(),
        "struct {}" => "{}".into(),
        _ => "•".into(),
    }
}

/// Whether a value went from a sender to a receiver between snapshots
/// `prev` and `now` of one channel, and which one if the view can know it:
/// the oldest buffered value when the ring moved on, the first waiting
/// sender's value when it was released; a waiting receiver that was served
/// got a value from a sender that never waited (not in the snapshot).
pub fn handoff(prev: &ChanView, now: &ChanView) -> Option<Option<u64>> {
    if now.dataqsiz > 0 && (prev.recvx != now.recvx || prev.qcount > now.qcount) {
        return Some(prev.buffer.first().copied());
    }
    if now.sendq.len() < prev.sendq.len() {
        return Some(prev.sendq_values.first().copied());
    }
    if now.recvq.len() < prev.recvq.len() {
        return Some(None);
    }
    None
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub chans: Vec<ChanView>,
    pub lang: Lang,
}

fn queue(lang: Lang, label: &'static str, gs: &[u64], class: &'static str) -> Html {
    html! {
        <div class={classes!("ch-q", class)}>
            <span class="ch-q-label">{ label }</span>
            if gs.is_empty() {
                <span class="ch-empty">{ t(lang, "空", "empty") }</span>
            }
            { for gs.iter().map(|g| html! { <span class="ch-g">{ format!("G{g}") }</span> }) }
        </div>
    }
}

/// The last hand-off seen on a channel: how many so far, and the value.
#[derive(Clone, Default)]
struct Handoffs {
    count: u64,
    value: Option<String>,
}

fn one(c: &ChanView, lang: Lang, seen: Option<&Handoffs>) -> Html {
    let n = c.dataqsiz.min(MAX_SLOTS);
    let width = (n.max(1) as f64) * SLOT + 20.0;
    let ring = (0..n).map(|i| {
        let v = slot_value(c, i);
        let x = 10.0 + i as f64 * SLOT;
        html! {
            <g class={classes!("ch-slot", v.is_some().then_some("full"))}>
                <rect x={x.to_string()} y="22" width={(SLOT - 4.0).to_string()} height="30" rx="4" />
                <text x={(x + SLOT / 2.0 - 2.0).to_string()} y="42" text-anchor="middle">
                    { v.map(|w| show_value(&c.elem_type, w)).unwrap_or_default() }</text>
                <text class="ch-idx" x={(x + SLOT / 2.0 - 2.0).to_string()} y="64" text-anchor="middle">{ i }</text>
            </g>
        }
    });
    let arrow = |idx: u32, top: bool, label: &'static str| {
        let x = 10.0 + (idx.min(n.saturating_sub(1))) as f64 * SLOT + SLOT / 2.0 - 2.0;
        if top {
            html! { <g class="ch-ptr send"><text x={x.to_string()} y="12" text-anchor="middle">{ format!("{label} ▼") }</text></g> }
        } else {
            html! { <g class="ch-ptr recv"><text x={x.to_string()} y="80" text-anchor="middle">{ format!("▲ {label}") }</text></g> }
        }
    };
    html! {
        <div class={classes!("ch", c.closed.then_some("closed"))} data-chan={c.id.to_string()}
            data-qcount={c.qcount.to_string()} data-sendq={c.sendq.len().to_string()} data-recvq={c.recvq.len().to_string()}
            data-handoffs={seen.map_or(0, |h| h.count).to_string()}>
            <div class="ch-head">
                <b>{ format!("ch{} ", c.id) }</b><code>{ format!("chan {}", c.elem_type) }</code>
                <span>{ format!(" qcount {} / dataqsiz {}", c.qcount, c.dataqsiz) }</span>
                if c.closed { <span class="ch-closed">{ t(lang, " 已关闭", " closed") }</span> }
            </div>
            <div class="ch-body">
                { queue(lang, "sendq", &c.sendq, "send") }
                if c.dataqsiz == 0 {
                    <p class="ch-unbuffered">{ t(lang,
                        "无缓冲：没有环形缓冲区，发送者在 sendq 里等接收者直接取走值。",
                        "Unbuffered: no ring; a sender waits in sendq until a receiver takes the value from it directly.") }</p>
                } else {
                    <svg class="ch-ring" viewBox={format!("0 0 {width} 86")} width={width.to_string()} height="86" role="img"
                        aria-label={match lang {
                            Lang::Zh => format!("环形缓冲区：{} 个槽，{} 个值，sendx {}，recvx {}", c.dataqsiz, c.qcount, c.sendx, c.recvx),
                            Lang::En => format!("ring buffer: {} slots, {} values, sendx {}, recvx {}", c.dataqsiz, c.qcount, c.sendx, c.recvx),
                        }}>
                        { for ring }
                        { arrow(c.sendx, true, "sendx") }
                        { arrow(c.recvx, false, "recvx") }
                    </svg>
                    if c.dataqsiz > MAX_SLOTS {
                        <span class="view-hint">{ format!("+{}", c.dataqsiz - MAX_SLOTS) }</span>
                    }
                }
                { queue(lang, "recvq", &c.recvq, "recv") }
                // A new key per hand-off re-creates the chip, which restarts
                // its animation (sender's side → receiver's side).
                if let Some(h) = seen.filter(|h| h.count > 0) {
                    <span class="ch-travel" key={h.count.to_string()} aria-hidden="true">
                        { h.value.clone().unwrap_or_else(|| "•".into()) }
                    </span>
                }
            </div>
        </div>
    }
}

#[function_component(Channels)]
pub fn channels(props: &Props) -> Html {
    let lang = props.lang;
    // The previous snapshot of each channel and its hand-offs so far
    // (render-time bookkeeping: each new snapshot is compared once).
    let prev = use_mut_ref(std::collections::HashMap::<u64, (ChanView, Handoffs)>::new);
    {
        let mut prev = prev.borrow_mut();
        for c in &props.chans {
            let (last, seen) = prev
                .entry(c.id)
                .or_insert_with(|| (c.clone(), Handoffs::default()));
            if last != c {
                if let Some(v) = handoff(last, c) {
                    seen.count += 1;
                    seen.value = v.map(|w| show_value(&c.elem_type, w));
                }
                *last = c.clone();
            }
        }
    }
    let prev = prev.borrow();
    if props.chans.is_empty() {
        return html! {
            <div class="channels" data-chans="0">
                <p class="view-hint">{ t(lang, "还没有通道。按“单步”或“运行”。", "No channels yet. Press Step or Run.") }</p>
            </div>
        };
    }
    html! {
        <div class="channels" data-chans={props.chans.len().to_string()}>
            { for props.chans.iter().take(MAX_CHANS).map(|c| one(c, lang, prev.get(&c.id).map(|p| &p.1))) }
            if props.chans.len() > MAX_CHANS {
                <p class="view-hint">{ match lang {
                    Lang::Zh => format!("另有 {} 个通道未显示。", props.chans.len() - MAX_CHANS),
                    Lang::En => format!("{} more channels not shown.", props.chans.len() - MAX_CHANS),
                } }</p>
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ring_slots_follow_recvx() {
        // Capacity 4, two values 7 and 8 at slots 3 and 0 (wrapped).
        let c = ChanView {
            dataqsiz: 4,
            qcount: 2,
            recvx: 3,
            sendx: 1,
            buffer: vec![7, 8],
            elem_type: "int".into(),
            ..ChanView::default()
        };
        assert_eq!(slot_value(&c, 3), Some(7));
        assert_eq!(slot_value(&c, 0), Some(8));
        assert_eq!(slot_value(&c, 1), None);
        assert_eq!(slot_value(&c, 2), None);
        assert_eq!(show_value("int", (-3i64) as u64), "-3");
        assert_eq!(show_value("string", 12345), "•");
    }

    #[test]
    fn handoffs_name_the_value_that_travelled() {
        let ring = |recvx, buffer: Vec<u64>| ChanView {
            dataqsiz: 2,
            qcount: buffer.len() as u32,
            recvx,
            buffer,
            ..ChanView::default()
        };
        // A receive took 7, the oldest buffered value.
        assert_eq!(
            handoff(&ring(0, vec![7, 8]), &ring(1, vec![8])),
            Some(Some(7))
        );
        // A send only: nothing travelled yet.
        assert_eq!(handoff(&ring(0, vec![7]), &ring(0, vec![7, 8])), None);
        // Unbuffered: the waiting sender handed over its 42.
        let waiting = ChanView {
            sendq: vec![6],
            sendq_values: vec![42],
            ..ChanView::default()
        };
        assert_eq!(handoff(&waiting, &ChanView::default()), Some(Some(42)));
        // A waiting receiver was served by a sender that never waited.
        let receiver = ChanView {
            recvq: vec![7],
            ..ChanView::default()
        };
        assert_eq!(handoff(&receiver, &ChanView::default()), Some(None));
    }

    #[test]
    fn an_unbuffered_channel_has_no_slots() {
        let c = ChanView::default();
        assert_eq!(slot_value(&c, 0), None);
    }
}
