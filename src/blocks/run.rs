//! A ` ```go run ` block.
//!
//! For now this shows the program and its run settings; the playground
//! (editor, Run/Step/Stop, console, views) replaces the body when the
//! runtime is wired into the page ([Widgets]).

use super::BlockContext;
use crate::content::Lang;
use crate::directive::{Mode, RunBlock};
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
    settings.push(match (b.mode, zh) {
        (Mode::Step, true) => "单步模式".to_string(),
        (Mode::Step, false) => "step mode".to_string(),
        (Mode::Parallel, true) => "并行模式".to_string(),
        (Mode::Parallel, false) => "parallel mode".to_string(),
    });
    if let Some(seed) = b.seed {
        settings.push(format!("seed={seed}"));
    }
    for v in &b.views {
        settings.push(format!("view={}", v.name()));
    }
    if b.race {
        settings.push("-race".to_string());
    }
    let label = if zh {
        "可运行示例"
    } else {
        "Runnable example"
    };
    html! {
        <figure class="run-example" data-block="go-run" data-line={props.ctx.line.to_string()}>
            <figcaption>
                <span class="block-label">{ label }</span>
                { for settings.into_iter().map(|s| html! { <span class="chip">{ s }</span> }) }
            </figcaption>
            <pre class="code-block"><code class="language-go">{ b.code.clone() }</code></pre>
        </figure>
    }
}
