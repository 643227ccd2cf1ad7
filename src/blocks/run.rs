//! A ` ```go run ` block: a playground (editor, controls, console, views)
//! under a caption naming the example's settings.

use crate::block_context::BlockContext;
use crate::directive::RunBlock;
use crate::lang::Lang;
use crate::widgets::playground::Playground;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub block: RunBlock,
    pub ctx: BlockContext,
}

#[function_component(RunExample)]
pub fn run_example(props: &Props) -> Html {
    let b = &props.block;
    let zh = props.ctx.lang == Lang::Zh;
    let mut settings = Vec::new();
    if let Some(n) = b.gomaxprocs {
        settings.push(format!("GOMAXPROCS={n}"));
    }
    if let Some(seed) = b.seed {
        settings.push(format!("seed={seed}"));
    }
    for v in &b.views {
        settings.push(format!("view={}", v.name()));
    }
    if b.race {
        settings.push("-race".to_string());
    }
    if b.exit != 0 {
        settings.push(format!("exit={}", b.exit));
    }
    let label = if zh {
        "可运行示例"
    } else {
        "Runnable example"
    };
    html! {
        <figure class="run-example" data-block="go-run" data-line={props.ctx.line.to_string()}
            data-views={b.views.iter().map(|v| v.name()).collect::<Vec<_>>().join(",")}>
            <figcaption>
                <span class="block-label">{ label }</span>
                { for settings.into_iter().map(|s| html! { <span class="chip">{ s }</span> }) }
            </figcaption>
            <Playground block={b.clone()} ctx={props.ctx.clone()} />
        </figure>
    }
}
