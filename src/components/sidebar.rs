//! The table of contents, with the current chapter marked.

use crate::content::{chapters, strings};
use crate::lang::Lang;
use crate::route::Route;
use yew::prelude::*;
use yew_router::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lang: Lang,
    pub current: usize,
    /// Page outline: (level, anchor id, text) of the current chapter.
    #[prop_or_default]
    pub outline: Vec<(u8, String, String)>,
    #[prop_or_default]
    pub open: bool,
    #[prop_or_default]
    pub on_navigate: Option<Callback<()>>,
}

#[function_component(Sidebar)]
pub fn sidebar(props: &Props) -> Html {
    let s = strings(props.lang);
    let close = props.on_navigate.clone();
    let onclick = Callback::from(move |_: MouseEvent| {
        if let Some(c) = &close {
            c.emit(())
        }
    });
    let items = chapters().iter().enumerate().map(|(i, c)| {
        let current = i == props.current;
        html! {
            <li class={classes!(current.then_some("current"))}>
                <Link<Route> to={Route::chapter(props.lang, c.slug)}>
                    <span class="num">{ i + 1 }</span>
                    <span aria-current={current.then_some("page")}>{ c.title(props.lang) }</span>
                </Link<Route>>
                if current && !props.outline.is_empty() {
                    <ul class="outline">
                        { for props.outline.iter().filter(|(level, _, _)| *level == 2).map(|(_, id, text)| html! {
                            <li><a href={format!("#{id}")}>{ text.clone() }</a></li>
                        }) }
                    </ul>
                }
            </li>
        }
    });
    html! {
        <nav class={classes!("sidebar", props.open.then_some("open"))} aria-label={s.contents} {onclick}>
            <h2 class="sidebar-title">{ s.contents }</h2>
            <ol class="toc">{ for items }</ol>
        </nav>
    }
}
