//! A ` ```widget NAME ` block: the frame each widget is drawn in.

use super::BlockContext;
use crate::content::Lang;
use crate::directive::{WidgetBlock, WidgetKind};
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

#[function_component(WidgetBox)]
pub fn widget_box(props: &Props) -> Html {
    let b = &props.block;
    let lang = props.ctx.lang;
    let pending = match lang {
        Lang::Zh => "这个交互组件将在运行时接入页面后出现在这里。",
        Lang::En => "This interactive widget appears here once the runtime is wired into the page.",
    };
    html! {
        <figure class="widget" data-block="widget" data-widget={b.kind.name()}>
            <figcaption><span class="block-label">{ title(b.kind, lang) }</span></figcaption>
            <p class="widget-pending">{ pending }</p>
            if let Some(code) = &b.code {
                <pre class="code-block"><code class="language-go">{ code.clone() }</code></pre>
            }
        </figure>
    }
}
