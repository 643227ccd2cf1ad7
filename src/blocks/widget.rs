//! A ` ```widget NAME ` block: the frame each widget is drawn in.

use super::BlockContext;
use crate::content::Lang;
use crate::directive::{Mode, RunBlock, WidgetBlock, WidgetKind};
use crate::widgets::playground::Playground;
use crate::widgets::process_vs_thread::ProcessVsThread;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub block: WidgetBlock,
    pub ctx: BlockContext,
}

/// The widget's name in the reader's language.
pub fn title(kind: WidgetKind, lang: Lang) -> &'static str {
    match (kind, lang) {
        (WidgetKind::ProcessVsThread, Lang::Zh) => "进程与线程",
        (WidgetKind::ProcessVsThread, Lang::En) => "Process vs thread",
        (WidgetKind::Gmp, Lang::Zh) => "G/M/P 调度图",
        (WidgetKind::Gmp, Lang::En) => "The G/M/P diagram",
        (WidgetKind::Timeline, Lang::Zh) => "时间线",
        (WidgetKind::Timeline, Lang::En) => "Timeline",
        (WidgetKind::Race, Lang::Zh) => "竞争视图",
        (WidgetKind::Race, Lang::En) => "Race view",
        (WidgetKind::AtomicCounter, Lang::Zh) => "原子计数器",
        (WidgetKind::AtomicCounter, Lang::En) => "Atomic counter",
        (WidgetKind::Channels, Lang::Zh) => "通道内部",
        (WidgetKind::Channels, Lang::En) => "Channel internals",
    }
}

/// The Go program a widget block carries, as a run block with the widget's
/// options (`gomaxprocs=`, `seed=`...), so it runs in a playground.
fn run_block(b: &WidgetBlock, code: &str) -> RunBlock {
    let get = |k: &str| {
        b.options
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.as_str())
    };
    RunBlock {
        code: code.to_string(),
        views: Vec::new(),
        gomaxprocs: get("gomaxprocs").and_then(|v| v.parse().ok()),
        mode: Mode::Step,
        seed: get("seed").and_then(|v| v.parse().ok()),
        editable: get("editable") != Some("false"),
        race: get("race") == Some("true"),
        exit: get("exit").and_then(|v| v.parse().ok()).unwrap_or(0),
        id: get("id").map(str::to_string),
        expected: None,
    }
}

#[function_component(WidgetBox)]
pub fn widget_box(props: &Props) -> Html {
    let b = &props.block;
    let lang = props.ctx.lang;
    let body = match b.kind {
        WidgetKind::ProcessVsThread => html! {
            <ProcessVsThread lang={lang} ctx={props.ctx.clone()} code={b.code.clone()} />
        },
        _ => {
            let pending = match lang {
                Lang::Zh => "这个视图需要运行时的快照与追踪接口,接入后会出现在这里。",
                Lang::En => {
                    "This view appears here once the runtime's snapshot and trace API is wired in."
                }
            };
            html! {
                <>
                    <p class="widget-pending">{ pending }</p>
                    if let Some(code) = &b.code {
                        <Playground block={run_block(b, code)} ctx={props.ctx.clone()} />
                    }
                </>
            }
        }
    };
    html! {
        <figure class="widget" data-block="widget" data-widget={b.kind.name()}>
            <figcaption><span class="block-label">{ title(b.kind, lang) }</span></figcaption>
            { body }
        </figure>
    }
}
