//! Search in the top bar: a button (or `/` anywhere outside a text field)
//! opens a panel with a search box over both languages' chapters
//! ([`crate::search`]). The index is fetched the first time the panel
//! opens, then kept for the page's life. Results are a listbox the arrow
//! keys move through; Enter (or a click) goes to the section's heading,
//! Escape closes the panel and gives focus back to the button.

use crate::lang::{t, Lang};
use crate::platform;
use crate::route::Route;
use crate::search::{Index, Section};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;
use yew_router::prelude::*;

/// Where the build puts the index (`golab-prerender`).
const INDEX_URL: &str = "/chapters/search.idx";

thread_local! {
    /// The index once fetched: every search box on the page shares it.
    static INDEX: RefCell<Option<Rc<Index>>> = const { RefCell::new(None) };
}

#[derive(Clone, PartialEq)]
enum Load {
    Idle,
    Loading,
    Ready(Rc<Index>),
    Failed(String),
}

async fn load_index() -> Result<Rc<Index>, String> {
    if let Some(index) = INDEX.with(|i| i.borrow().clone()) {
        return Ok(index);
    }
    let text = platform::fetch_text(INDEX_URL).await?;
    let index = Rc::new(Index::parse(&text)?);
    INDEX.with(|i| *i.borrow_mut() = Some(index.clone()));
    Ok(index)
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lang: Lang,
}

#[function_component(Search)]
pub fn search(props: &Props) -> Html {
    let lang = props.lang;
    let open = use_state(|| false);
    let query = use_state(String::new);
    let active = use_state(|| 0usize);
    let load = use_state(|| Load::Idle);
    let input = use_node_ref();
    let button = use_node_ref();
    let navigator = use_navigator();

    let show = {
        let (open, load, input) = (open.clone(), load.clone(), input.clone());
        Rc::new(move || {
            open.set(true);
            if matches!(*load, Load::Idle | Load::Failed(_)) {
                load.set(Load::Loading);
                let load = load.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    load.set(match load_index().await {
                        Ok(index) => Load::Ready(index),
                        Err(why) => Load::Failed(why),
                    });
                });
            }
            // Focus once the panel is drawn.
            let input = input.clone();
            wasm_bindgen_futures::spawn_local(async move {
                crate::engine::frame::next_frame().await;
                if let Some(el) = input.cast::<HtmlInputElement>() {
                    let _ = el.focus();
                    el.select();
                }
            });
        })
    };
    // `/` opens search from anywhere but a text field (where it is typed).
    {
        let show = show.clone();
        use_effect_with((), move |_| {
            let listener = Closure::<dyn Fn(KeyboardEvent)>::new(move |e: KeyboardEvent| {
                if e.key() != "/" || e.ctrl_key() || e.meta_key() || e.alt_key() {
                    return;
                }
                let typing = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .is_some_and(|el| {
                        matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                            || el.closest("[contenteditable]").ok().flatten().is_some()
                    });
                if !typing {
                    e.prevent_default();
                    show();
                }
            });
            let document = web_sys::window().and_then(|w| w.document());
            if let Some(d) = &document {
                let _ = d
                    .add_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref());
            }
            move || {
                if let Some(d) = document {
                    let _ = d.remove_event_listener_with_callback(
                        "keydown",
                        listener.as_ref().unchecked_ref(),
                    );
                }
            }
        });
    }

    let results: Vec<Section> = match &*load {
        Load::Ready(index) => index.search(&query, lang).into_iter().cloned().collect(),
        _ => Vec::new(),
    };
    let close = {
        let (open, button) = (open.clone(), button.clone());
        Callback::from(move |refocus: bool| {
            open.set(false);
            if refocus {
                if let Some(b) = button.cast::<web_sys::HtmlElement>() {
                    let _ = b.focus();
                }
            }
        })
    };
    let go = {
        let (close, navigator) = (close.clone(), navigator.clone());
        Callback::from(move |s: Section| {
            close.emit(false);
            let route = Route::chapter(s.lang, &s.chapter);
            match &navigator {
                Some(nav) => {
                    nav.push(&route);
                    if let Some(w) = web_sys::window() {
                        let _ = w.location().set_hash(&s.anchor);
                    }
                }
                None => {
                    if let Some(w) = web_sys::window() {
                        let _ = w.location().set_href(&s.href());
                    }
                }
            }
        })
    };
    let on_input = {
        let (query, active) = (query.clone(), active.clone());
        Callback::from(move |e: InputEvent| {
            query.set(e.target_unchecked_into::<HtmlInputElement>().value());
            active.set(0);
        })
    };
    let on_keydown = {
        let (active, go, close, results) =
            (active.clone(), go.clone(), close.clone(), results.clone());
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "ArrowDown" if !results.is_empty() => {
                e.prevent_default();
                active.set((*active + 1) % results.len());
            }
            "ArrowUp" if !results.is_empty() => {
                e.prevent_default();
                active.set((*active + results.len() - 1) % results.len());
            }
            "Enter" => {
                if let Some(s) = results.get(*active).cloned() {
                    e.prevent_default();
                    go.emit(s);
                }
            }
            "Escape" => {
                e.prevent_default();
                close.emit(true);
            }
            _ => {}
        })
    };
    let on_button = {
        let (show, close, open) = (show.clone(), close.clone(), *open);
        Callback::from(move |_: MouseEvent| if open { close.emit(false) } else { show() })
    };
    // Leaving the panel with Tab or a click elsewhere closes it.
    let on_focusout = {
        let close = close.clone();
        Callback::from(move |e: FocusEvent| {
            let inside = e
                .related_target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|el| el.closest(".search").ok().flatten().is_some());
            if !inside {
                close.emit(false);
            }
        })
    };
    let status = match &*load {
        Load::Loading => {
            Some(t(lang, "正在载入搜索索引……", "Loading the search index…").to_string())
        }
        Load::Failed(why) => Some(format!(
            "{}{why}",
            t(
                lang,
                "搜索索引没能载入：",
                "The search index could not be loaded: "
            )
        )),
        Load::Ready(_) if query.trim().is_empty() => Some(
            t(
                lang,
                "输入词语搜索两种语言的各章（标题、正文和代码）。",
                "Type to search both languages' chapters (headings, text and code).",
            )
            .to_string(),
        ),
        Load::Ready(_) if results.is_empty() => {
            Some(t(lang, "没有找到。", "Nothing found.").to_string())
        }
        Load::Ready(_) => Some(match lang {
            Lang::Zh => format!(
                "找到 {} 处{}。",
                results.len(),
                if results.len() == crate::search::MAX_RESULTS {
                    "（只显示前几处）"
                } else {
                    ""
                }
            ),
            Lang::En => format!(
                "{} found{}.",
                results.len(),
                if results.len() == crate::search::MAX_RESULTS {
                    " (the first ones)"
                } else {
                    ""
                }
            ),
        }),
        Load::Idle => None,
    };
    let option_id = |i: usize| format!("search-option-{i}");
    html! {
        <div class="search" onfocusout={on_focusout}>
            <button type="button" class="search-open" ref={button.clone()} onclick={on_button}
                aria-expanded={open.to_string()} aria-controls="search-panel"
                aria-keyshortcuts="/" aria-label={t(lang, "搜索", "Search")}
                title={t(lang, "搜索（快捷键 /）", "Search (shortcut: /)")}>
                <span aria-hidden="true">{ "⌕" }</span><span class="search-label">{ t(lang, "搜索", "Search") }</span>
                <kbd aria-hidden="true">{ "/" }</kbd>
            </button>
            if *open {
                <div class="search-panel" id="search-panel" role="search">
                    <input type="search" class="search-input" ref={input}
                        value={(*query).clone()} oninput={on_input} onkeydown={on_keydown}
                        role="combobox" aria-expanded={(!results.is_empty()).to_string()}
                        aria-controls="search-results" aria-autocomplete="list"
                        aria-activedescendant={(!results.is_empty()).then(|| option_id(*active))}
                        aria-label={t(lang, "搜索本书", "Search the book")}
                        placeholder={t(lang, "搜索：调度器、runnext……", "Search: scheduler, runnext…")} />
                    if let Some(status) = status {
                        <p class="search-status" role="status">{ status }</p>
                    }
                    <ul class="search-results" id="search-results" role="listbox"
                        aria-label={t(lang, "搜索结果", "Search results")}>
                        { for results.iter().enumerate().map(|(i, s)| {
                            let pick = {
                                let (go, s) = (go.clone(), s.clone());
                                Callback::from(move |e: MouseEvent| {
                                    e.prevent_default();
                                    go.emit(s.clone());
                                })
                            };
                            html! {
                                <li role="option" id={option_id(i)} aria-selected={(i == *active).to_string()}
                                    class={classes!("search-result", (i == *active).then_some("active"))}>
                                    <a href={s.href()} onclick={pick} tabindex="-1" lang={s.lang.html_lang()}>
                                        <span class="search-chapter">{ &s.chapter_title }
                                            if s.lang != lang { { " · " }{ s.lang.native_name() } }
                                        </span>
                                        if !s.anchor.is_empty() {
                                            <span class="search-section">{ &s.title }</span>
                                        }
                                    </a>
                                </li>
                            }
                        }) }
                    </ul>
                </div>
            }
        </div>
    }
}
