//! A ` ```widget NAME ` block: the frame each widget is drawn in.

use crate::block_context::BlockContext;
use crate::directive::{Mode, RunBlock, View, WidgetBlock, WidgetKind};
use crate::lang::Lang;
use crate::widgets::atomic_counter::AtomicCounter;
use crate::widgets::channel_compare::ChannelCompare;
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

/// The program a scheduler view runs when its block brings none: a few
/// goroutines that block, wake and share a variable, so every view has
/// something to show.
const DEMO: &str = "package main

import (
	\"fmt\"
	\"runtime\"
	\"sync\"
)

var counter int

func main() {
	var wg sync.WaitGroup
	ch := make(chan int, 2)
	for i := 1; i <= 3; i++ {
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			value := counter
			runtime.Gosched()
			counter = value + 1
			ch <- id
		}(i)
	}
	for i := 0; i < 3; i++ {
		fmt.Println(\"received\", <-ch)
	}
	wg.Wait()
	fmt.Println(\"counter:\", counter)
}
";

/// The Go program a widget block carries (or the demo), as a run block
/// with the widget's options (`gomaxprocs=`, `seed=`...) and its view
/// attached, so it runs in a playground.
fn run_block(b: &WidgetBlock, code: &str, view: View) -> RunBlock {
    let get = |k: &str| {
        b.options
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.as_str())
    };
    RunBlock {
        code: code.to_string(),
        views: vec![view],
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
    let playground = |view: View| {
        let code = b.code.as_deref().unwrap_or(DEMO);
        html! { <Playground block={run_block(b, code, view)} ctx={props.ctx.clone()} /> }
    };
    let body = match b.kind {
        WidgetKind::ProcessVsThread => html! {
            <ProcessVsThread lang={lang} ctx={props.ctx.clone()} code={b.code.clone()} />
        },
        WidgetKind::AtomicCounter => html! { <AtomicCounter lang={lang} /> },
        WidgetKind::Channels if b.code.is_none() => html! { <ChannelCompare lang={lang} /> },
        WidgetKind::Channels => playground(View::Channels),
        WidgetKind::Gmp => playground(View::Gmp),
        WidgetKind::Timeline => playground(View::Timeline),
        WidgetKind::Race => playground(View::Race),
    };
    html! {
        <figure class="widget" data-block="widget" data-widget={b.kind.name()}>
            <figcaption><span class="block-label">{ title(b.kind, lang) }</span></figcaption>
            { body }
        </figure>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_demo_program_runs() {
        let out = crate::engine::run_to_end(super::DEMO, &crate::engine::Settings::default())
            .expect("compiles");
        assert_eq!(out.exit, 0, "{}", out.stderr);
        assert!(out.stdout.contains("counter:"), "{}", out.stdout);
    }
}
