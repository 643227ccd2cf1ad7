//! `/:lang/:chapter`: one chapter with the contents sidebar and prev/next.

use crate::block_context::BlockContext;
use crate::blocks;
use crate::components::header::{self, Header};
use crate::components::{chapter_nav::ChapterNav, sidebar::Sidebar};
use crate::content::{self, chapters, strings, LoadError};
use crate::lang::Lang;
use crate::platform;
use crate::route::Route;
use crate::view;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;
use yew_router::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lang: Lang,
    /// Index into [`chapters()`]; the router only builds this page for a known chapter.
    pub index: usize,
}

#[function_component(ChapterPage)]
pub fn chapter_page(props: &Props) -> Html {
    let (lang, index) = (props.lang, props.index);
    let chapter = &chapters()[index];
    let menu_open = use_state(|| false);
    let navigator = use_navigator();
    // The chapter's text: at hand if it was fetched before, else fetched
    // now. `fetched` holds the last result with the chapter it is for; a
    // late answer for a chapter the reader has left is dropped (`wanted`).
    let fetched = use_state(|| None::<(Lang, usize, Result<Rc<str>, LoadError>)>);
    let wanted = use_mut_ref(|| (lang, index));
    *wanted.borrow_mut() = (lang, index);
    let retries = use_state(|| 0u32);
    let text = match &*fetched {
        Some((l, i, r)) if (*l, *i) == (lang, index) => Some(r.clone()),
        _ => content::cached(chapter, lang).map(Ok),
    };
    {
        // Fetched when not at hand, and again on Retry after a failure.
        let pending = !matches!(text, Some(Ok(_)));
        let (fetched, wanted) = (fetched.clone(), wanted.clone());
        use_effect_with((lang, index, *retries), move |&(lang, index, _)| {
            if pending {
                wasm_bindgen_futures::spawn_local(async move {
                    let r = content::load(&chapters()[index], lang).await;
                    if *wanted.borrow() == (lang, index) {
                        fetched.set(Some((lang, index, r)));
                    }
                });
            }
        });
    }
    let ready = matches!(text, Some(Ok(_)));
    let doc = use_memo((lang, index, ready), |&(lang, _, _)| match &text {
        Some(Ok(t)) => Some(content::document(t, lang)),
        _ => None,
    });

    {
        let title = format!("{} · {}", chapter.title(lang), strings(lang).book_title);
        // Again once the text is in: the fragment's heading exists only then.
        let outline = doc.as_ref().as_ref().map(|d| d.outline.clone());
        use_effect_with((lang, index, ready), move |(lang, _, _)| {
            platform::set_page(&title, lang.html_lang());
            // From the language switch: this edition's heading at the
            // position the reader left in the other one.
            if let Some((_, id, _)) = outline
                .as_ref()
                .and_then(|o| header::take_section().and_then(|i| o.get(i)))
            {
                platform::replace_fragment(id);
            }
            platform::scroll_to_fragment_or_top();
        });
    }

    // Links inside the chapter that point into the book move through the
    // router instead of reloading the page.
    let on_article_click = Callback::from(move |e: MouseEvent| {
        if e.default_prevented()
            || e.button() != 0
            || e.ctrl_key()
            || e.meta_key()
            || e.shift_key()
            || e.alt_key()
        {
            return;
        }
        let Some(anchor) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("a[href^='/']").ok().flatten())
        else {
            return;
        };
        let href = anchor.get_attribute("href").unwrap_or_default();
        let (path, fragment) = href.split_once('#').unwrap_or((&href, ""));
        if let (Some(nav), Some(route)) = (navigator.as_ref(), Route::recognize(path)) {
            if route != Route::NotFound {
                e.prevent_default();
                nav.push(&route);
                if !fragment.is_empty() {
                    if let Some(w) = web_sys::window() {
                        let _ = w.location().set_hash(fragment);
                    }
                }
            }
        }
    });

    let toggle_menu = {
        let menu_open = menu_open.clone();
        Callback::from(move |_| menu_open.set(!*menu_open))
    };
    let close_menu = {
        let menu_open = menu_open.clone();
        Callback::from(move |_| menu_open.set(false))
    };
    let ctx = BlockContext::for_chapter(chapter, lang);
    let outline = doc
        .as_ref()
        .as_ref()
        .map(|d| d.outline.clone())
        .unwrap_or_default();

    html! {
        <div class="layout" lang={lang.html_lang()}>
            <Header {lang} chapter={Some(chapter.slug)} on_menu={Some(toggle_menu)} />
            <Sidebar {lang} current={index} {outline} open={*menu_open} on_navigate={Some(close_menu)} />
            <main class="content" id="main" tabindex="-1">
                <article class="chapter" onclick={on_article_click}
                    aria-busy={text.is_none().then_some("true")}>
                    { match (doc.as_ref(), &text) {
                        (Some(d), _) => view::render(&d.nodes, &ctx, blocks::render_directive),
                        (None, None) => html! {
                            <>
                                <h1>{ chapter.title(lang) }</h1>
                                <p class="loading">{ strings(lang).loading }</p>
                            </>
                        },
                        (None, Some(Err(LoadError::Fetch(why)))) => {
                            let retry = {
                                let retries = retries.clone();
                                Callback::from(move |_: MouseEvent| retries.set(*retries + 1))
                            };
                            html! {
                                <>
                                    <h1>{ chapter.title(lang) }</h1>
                                    <p class="notice" role="alert">
                                        { strings(lang).load_failed }{ why.clone() }{ " " }
                                        <button class="button retry" onclick={retry}>{ strings(lang).retry }</button>
                                    </p>
                                </>
                            }
                        }
                        (None, _) => html! {
                            <>
                                <h1>{ chapter.title(lang) }</h1>
                                <p class="notice">{ strings(lang).not_translated }</p>
                            </>
                        },
                    } }
                </article>
                <ChapterNav {lang} current={index} />
            </main>
        </div>
    }
}
