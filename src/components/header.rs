//! The top bar: book title (home link), menu toggle on narrow screens, and
//! the language switch, which keeps the reader on the same chapter.

use crate::components::search::Search;
use crate::content::strings;
use crate::lang::{t, Lang};
use crate::route::Route;
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

#[function_component(Header)]
pub fn header(props: &Props) -> Html {
    let s = strings(props.lang);
    let other = props.lang.other();
    let switch_to = match props.chapter {
        Some(slug) => Route::chapter(other, slug),
        None => Route::Home,
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
                    <Link<Route> to={switch_to} classes="switch" >
                        <span lang={other.html_lang()}>{ other.native_name() }</span>
                    </Link<Route>>
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
