//! Previous / next chapter links at the foot of a chapter.

use crate::content::{chapters, strings};
use crate::lang::Lang;
use crate::route::Route;
use yew::prelude::*;
use yew_router::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lang: Lang,
    pub current: usize,
}

#[function_component(ChapterNav)]
pub fn chapter_nav(props: &Props) -> Html {
    let s = strings(props.lang);
    let all = chapters();
    let prev = props.current.checked_sub(1).and_then(|i| all.get(i));
    let next = all.get(props.current + 1);
    html! {
        <nav class="chapter-nav" aria-label={format!("{} / {}", s.previous, s.next)}>
            if let Some(c) = prev {
                <Link<Route> to={Route::chapter(props.lang, c.slug)} classes="prev">
                    <span class="dir">{ "← " }{ s.previous }</span>
                    <span class="title">{ c.title(props.lang) }</span>
                </Link<Route>>
            } else { <span /> }
            if let Some(c) = next {
                <Link<Route> to={Route::chapter(props.lang, c.slug)} classes="next">
                    <span class="dir">{ s.next }{ " →" }</span>
                    <span class="title">{ c.title(props.lang) }</span>
                </Link<Route>>
            }
        </nav>
    }
}
