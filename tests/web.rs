//! Component tests in headless Chromium (wasm-bindgen-test): chapters render,
//! directives become blocks or error boxes, routes resolve, and the language
//! switch keeps the reader on the same chapter.
#![cfg(target_arch = "wasm32")]

use golab_book::blocks::BlockContext;
use golab_book::content::{chapters, Lang};
use golab_book::markdown::{self, LinkContext};
use golab_book::{view, App};
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn fresh_root() -> web_sys::Element {
    let div = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&div).unwrap();
    div
}

async fn settle() {
    yew::platform::time::sleep(Duration::from_millis(60)).await;
}

fn text_of(root: &web_sys::Element, css: &str) -> String {
    root.query_selector(css)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {css}"))
        .text_content()
        .unwrap_or_default()
}

fn go_to(path: &str) {
    let history = web_sys::window().unwrap().history().unwrap();
    history
        .push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path))
        .unwrap();
}

/// Renders the whole app at `path` into a fresh element.
async fn app_at(path: &str) -> (yew::AppHandle<App>, web_sys::Element) {
    go_to(path);
    let root = fresh_root();
    let handle = yew::Renderer::<App>::with_root(root.clone()).render();
    settle().await;
    (handle, root)
}

#[wasm_bindgen_test]
async fn every_chapter_renders_its_title_sidebar_and_no_error_box() {
    for (i, c) in chapters().iter().enumerate() {
        for lang in Lang::ALL {
            let (handle, root) = app_at(&format!("/{}/{}", lang.code(), c.slug)).await;
            assert_eq!(text_of(&root, "article.chapter h1").trim(), c.title(lang));
            assert!(text_of(&root, ".toc li.current").contains(c.title(lang)));
            assert!(
                root.query_selector(".directive-error").unwrap().is_none(),
                "{} shows an error box",
                c.path(lang)
            );
            assert_eq!(
                document().title(),
                format!(
                    "{} · {}",
                    c.title(lang),
                    golab_book::content::strings(lang).book_title
                )
            );
            let has_prev = root
                .query_selector(".chapter-nav a.prev")
                .unwrap()
                .is_some();
            assert_eq!(has_prev, i > 0);
            handle.destroy();
        }
    }
}

#[wasm_bindgen_test]
async fn routes_resolve_and_unknown_ones_get_a_not_found_page() {
    let (handle, root) = app_at("/").await;
    assert_eq!(
        root.query_selector_all(".contents-list a")
            .unwrap()
            .length() as usize,
        2 * chapters().len()
    );
    handle.destroy();
    for bad in ["/en/no-such-chapter", "/de/scheduler", "/x/y/z"] {
        let (handle, root) = app_at(bad).await;
        assert!(
            text_of(&root, ".not-found h1").contains("not found"),
            "{bad}"
        );
        handle.destroy();
    }
}

#[wasm_bindgen_test]
async fn language_switch_keeps_the_chapter() {
    let c = &chapters()[2];
    let (handle, root) = app_at(&format!("/en/{}", c.slug)).await;
    assert_eq!(
        text_of(&root, "article.chapter h1").trim(),
        c.title(Lang::En)
    );
    let switch: web_sys::HtmlElement = root
        .query_selector(".lang-switch a.switch")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    switch.click();
    settle().await;
    assert_eq!(
        web_sys::window().unwrap().location().pathname().unwrap(),
        format!("/zh/{}", c.slug)
    );
    assert_eq!(
        text_of(&root, "article.chapter h1").trim(),
        c.title(Lang::Zh)
    );
    handle.destroy();
}

#[derive(Properties, PartialEq)]
struct DocProps {
    src: &'static str,
}

/// Renders a Markdown source as if it were `chapters/en/test.md`.
#[function_component(Doc)]
fn doc(props: &DocProps) -> Html {
    let d = markdown::parse(props.src, &LinkContext { lang: "en" });
    let ctx = BlockContext {
        lang: Lang::En,
        chapter: "test",
        path: "chapters/en/test.md".into(),
        line: 0,
        index: 0,
    };
    html! { <article>{ view::render(&d.nodes, &ctx) }</article> }
}

const MIXED: &str = "# Title\n\nIntro with `code`.\n\n```widget nope\n```\n\n```go run gomaxprocs=2 view=gmp\npackage main\n\nfunc main() {}\n```\n\n```widget channels\n```\n\n```quiz id=q\n? Pick one\n- [x] right\n  > because\n- [ ] wrong\n  > no\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nThe end.\n";

#[wasm_bindgen_test]
async fn directives_become_blocks_and_bad_ones_an_error_box_with_file_and_line() {
    let root = fresh_root();
    let handle =
        yew::Renderer::<Doc>::with_root_and_props(root.clone(), DocProps { src: MIXED }).render();
    settle().await;
    let error = text_of(&root, ".directive-error");
    assert!(error.contains("chapters/en/test.md:5"), "{error}");
    assert!(error.contains("unknown widget `nope`"), "{error}");
    let run = root
        .query_selector("[data-block=go-run]")
        .unwrap()
        .expect("a go run block");
    assert!(run.text_content().unwrap().contains("GOMAXPROCS=2"));
    assert!(root
        .query_selector("[data-widget=channels]")
        .unwrap()
        .is_some());
    assert!(root.query_selector("table td").unwrap().is_some());
    // The rest of the page still renders after the error.
    assert!(root.text_content().unwrap().contains("The end."));
    handle.destroy();
}

#[wasm_bindgen_test]
async fn a_quiz_explains_every_choice_after_checking_and_remembers_it() {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.remove_item("golab.quiz.test.q").unwrap();
    let root = fresh_root();
    let handle =
        yew::Renderer::<Doc>::with_root_and_props(root.clone(), DocProps { src: MIXED }).render();
    settle().await;
    let wrong: web_sys::HtmlElement = root
        .query_selector_all(".quiz input")
        .unwrap()
        .get(1)
        .unwrap()
        .dyn_into()
        .unwrap();
    wrong.click();
    settle().await;
    let check: web_sys::HtmlElement = root
        .query_selector(".quiz-actions button")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    check.click();
    settle().await;
    assert!(text_of(&root, ".verdict").contains("Not quite"));
    assert_eq!(
        root.query_selector_all(".why").unwrap().length(),
        2,
        "every choice is explained"
    );
    assert_eq!(
        storage.get_item("golab.quiz.test.q").unwrap().as_deref(),
        Some("0,1!;")
    );
    handle.destroy();

    // A new render (a reload) shows the saved answer.
    let root = fresh_root();
    let handle =
        yew::Renderer::<Doc>::with_root_and_props(root.clone(), DocProps { src: MIXED }).render();
    settle().await;
    assert!(text_of(&root, ".verdict").contains("Not quite"));
    handle.destroy();
}
