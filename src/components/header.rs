//! The top bar: book title (home link), menu toggle on narrow screens, and
//! the language switch, which keeps the reader on the same chapter and
//! section: the editions are translations heading for heading, so the
//! switch remembers which heading the reader was under (by its position
//! in the chapter) and the chapter page opens the other edition there
//! ([`take_section`]).

use crate::components::search::Search;
use crate::content::strings;
use crate::lang::{t, Lang};
use crate::route::Route;
use std::cell::Cell;
use yew::prelude::*;
use yew_router::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lang: Lang,
    /// The chapter being read, so the switch can point at its translation.
    #[prop_or_default]
    pub chapter: Option<&'static str>,
    #[prop_or_default]
    pub on_menu: Option<Callback<()>>,
    /// Where the language switch goes when it is not a chapter or the
    /// contents (the play page keeps its share link's fragment).
    #[prop_or_default]
    pub switch_href: Option<String>,
}

thread_local! {
    /// The heading (its position among the chapter's headings) the reader
    /// was under when switching language, until the other edition opens.
    static SECTION: Cell<Option<usize>> = const { Cell::new(None) };
}

/// The heading position the language switch left, once (the chapter page
/// scrolls to its own heading at that position).
pub fn take_section() -> Option<usize> {
    SECTION.with(Cell::take)
}

/// The position of the last chapter heading above the top of the view.
fn current_section() -> Option<usize> {
    use wasm_bindgen::JsCast;
    let doc = web_sys::window()?.document()?;
    let headings = doc
        .query_selector_all(".chapter :is(h2, h3, h4, h5, h6)[id]")
        .ok()?;
    let mut at = None;
    for i in 0..headings.length() {
        let h = headings.get(i)?.dyn_into::<web_sys::Element>().ok()?;
        // Below the sticky top bar, with a little slack.
        if h.get_bounding_client_rect().top() > 120.0 {
            break;
        }
        at = Some(i as usize);
    }
    at
}

#[function_component(Header)]
pub fn header(props: &Props) -> Html {
    let s = strings(props.lang);
    let other = props.lang.other();
    let switch_to = match props.chapter {
        Some(slug) => Route::chapter(other, slug),
        None => Route::Home,
    };
    let navigator = use_navigator();
    let on_switch = {
        let to = switch_to.clone();
        Callback::from(move |e: MouseEvent| {
            if e.button() != 0 || e.ctrl_key() || e.meta_key() || e.shift_key() || e.alt_key() {
                return;
            }
            if let Some(nav) = &navigator {
                e.prevent_default();
                SECTION.with(|c| c.set(current_section()));
                nav.push(&to);
            }
        })
    };
    html! {
        <>
        <SkipLink lang={props.lang} />
        <header class="topbar">
            if let Some(on_menu) = props.on_menu.clone() {
                <button class="menu-toggle" aria-label={s.menu} onclick={move |_| on_menu.emit(())}>{ "☰" }</button>
            }
            <Link<Route> to={Route::Home} classes="brand">{ s.book_title }</Link<Route>>
            <Link<Route> to={Route::Play { lang: props.lang.code().to_string() }} classes="play-link">{ s.playground }</Link<Route>>
            <Search lang={props.lang} />
            <nav class="lang-switch" aria-label="Language">
                <span class="current" aria-current="true">{ props.lang.native_name() }</span>
                if let Some(href) = props.switch_href.clone() {
                    <a {href} class="switch"><span lang={other.html_lang()}>{ other.native_name() }</span></a>
                } else {
                    <a href={switch_to.to_path()} class="switch" onclick={on_switch}>
                        <span lang={other.html_lang()}>{ other.native_name() }</span>
                    </a>
                }
            </nav>
        </header>
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct SkipProps {
    pub lang: Lang,
}

/// The first stop of Tab on every page: past the top bar and the contents
/// to the page's `<main id="main">`.
#[function_component(SkipLink)]
pub fn skip_link(props: &SkipProps) -> Html {
    html! {
        <a class="skip-link" href="#main">{ t(props.lang, "跳到正文", "Skip to the content") }</a>
    }
}
