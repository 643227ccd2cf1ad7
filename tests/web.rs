//! Component tests in headless Chromium (wasm-bindgen-test): chapters render,
//! directives become blocks or error boxes, routes resolve, and the language
//! switch keeps the reader on the same chapter.
#![cfg(target_arch = "wasm32")]

use golab_book::block_context::BlockContext;
use golab_book::content::chapters;
use golab_book::lang::Lang;
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
    html! { <article>{ view::render(&d.nodes, &ctx, golab_book::blocks::render_directive) }</article> }
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
async fn a_quiz_judges_the_chosen_choices_then_explains_all_on_request_and_remembers() {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.remove_item("golab.quiz.test.q").unwrap();
    let root = fresh_root();
    let handle =
        yew::Renderer::<Doc>::with_root_and_props(root.clone(), DocProps { src: MIXED }).render();
    settle().await;
    // Choices are shown in the reader's own order: pick the wrong one (the
    // source's second) by its index in the source.
    let wrong: web_sys::HtmlElement = root
        .query_selector(".quiz [data-choice='1'] input")
        .unwrap()
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
    // A wrong try judges only the reader's own choice: the right answer is
    // not given away (it was, with every explanation, before).
    assert_eq!(
        root.query_selector_all(".why").unwrap().length(),
        1,
        "only the chosen choice is explained after a wrong try"
    );
    assert!(text_of(&root, ".why").contains("You chose it: wrong"));
    assert_eq!(
        storage.get_item("golab.quiz.test.q").unwrap().as_deref(),
        Some("0,1!;")
    );
    // "Show the answer" explains every choice, and is remembered.
    let show: web_sys::HtmlElement = root
        .query_selector(".quiz .show-answer")
        .unwrap()
        .expect("a Show the answer button after a wrong try")
        .dyn_into()
        .unwrap();
    show.click();
    settle().await;
    assert_eq!(
        root.query_selector_all(".why").unwrap().length(),
        2,
        "every choice is explained once the answer is shown"
    );
    assert_eq!(
        storage.get_item("golab.quiz.test.q").unwrap().as_deref(),
        Some("0,1!*;")
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

// ---- Widgets ([Widgets]): the playground and the views ----

fn el(root: &web_sys::Element, css: &str) -> web_sys::HtmlElement {
    root.query_selector(css)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {css}"))
        .dyn_into()
        .unwrap()
}

fn attr(root: &web_sys::Element, css: &str, name: &str) -> String {
    el(root, css).get_attribute(name).unwrap_or_default()
}

/// Polls until `cond` holds (a run advances one slice per animation frame).
async fn until(what: &str, secs: u64, cond: impl Fn() -> bool) {
    for _ in 0..secs * 20 {
        if cond() {
            return;
        }
        yew::platform::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("timed out waiting for {what}");
}

fn render_doc(src: &'static str) -> (yew::AppHandle<Doc>, web_sys::Element) {
    let root = fresh_root();
    let handle = yew::Renderer::<Doc>::with_root_and_props(root.clone(), DocProps { src }).render();
    (handle, root)
}

fn forget_saved_code() {
    let s = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    for i in (0..s.length().unwrap()).rev() {
        if let Some(k) = s.key(i).unwrap() {
            if k.starts_with("golab.code.test.") || k.starts_with("golab.code.en.test.") {
                s.remove_item(&k).unwrap();
            }
        }
    }
}

const HELLO_DOC: &str = "# T\n\n```go run id=hello\npackage main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"hello, 世界\")\n}\n\n// Output:\n// hello, 世界\n```\n";

#[wasm_bindgen_test]
async fn a_playground_highlights_runs_and_reports_the_expected_output() {
    forget_saved_code();
    let (handle, root) = render_doc(HELLO_DOC);
    settle().await;
    // Highlighting from our lexer, and one line number per line.
    assert_eq!(text_of(&root, ".editor-paint .tok-keyword"), "package");
    assert!(root
        .query_selector(".editor-paint .tok-string")
        .unwrap()
        .is_some());
    let lines = root.query_selector_all(".gutter-line").unwrap().length();
    assert_eq!(
        lines, 11,
        "10 lines of code, then the empty line after the last newline"
    );
    el(&root, ".controls .run").click();
    until("the run to exit", 20, || {
        attr(&root, ".console", "data-state") == "exited"
    })
    .await;
    assert_eq!(text_of(&root, ".console-out .out-stdout"), "hello, 世界\n");
    assert!(text_of(&root, ".run-status").contains("status 0"));
    assert!(root.query_selector(".run-expected.ok").unwrap().is_some());
    handle.destroy();
}

const LOOP_DOC: &str = "# T\n\n```go run id=loop\npackage main\n\nimport \"fmt\"\n\nfunc main() {\n\tfor i := 0; ; i++ {\n\t\tif i%100000 == 0 {\n\t\t\tfmt.Println(i)\n\t\t}\n\t}\n}\n```\n";

#[wasm_bindgen_test]
async fn stop_ends_an_endless_loop_and_a_new_run_starts() {
    forget_saved_code();
    let (handle, root) = render_doc(LOOP_DOC);
    settle().await;
    el(&root, ".controls .run").click();
    until("output", 20, || {
        text_of(&root, ".console-out").contains("100000")
    })
    .await;
    assert_eq!(attr(&root, ".console", "data-state"), "running");
    el(&root, ".controls .stop").click();
    settle().await;
    assert_eq!(attr(&root, ".console", "data-state"), "stopped");
    let before = text_of(&root, ".console-out");
    settle().await;
    settle().await;
    assert_eq!(
        text_of(&root, ".console-out"),
        before,
        "nothing runs after Stop"
    );
    // Run again: a fresh run starts, and Stop still works.
    el(&root, ".controls .run").click();
    until("the second run", 20, || {
        attr(&root, ".console", "data-state") == "running"
    })
    .await;
    el(&root, ".controls .stop").click();
    settle().await;
    assert_eq!(attr(&root, ".console", "data-state"), "stopped");
    handle.destroy();
}

#[wasm_bindgen_test]
async fn an_edit_is_saved_shows_diagnostics_and_reset_restores_the_original() {
    forget_saved_code();
    let (handle, root) = render_doc(HELLO_DOC);
    settle().await;
    let ta: web_sys::HtmlTextAreaElement = root
        .query_selector(".editor-input")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    let bad = "package main\n\nfunc main() {\n\tx := 1\n}\n";
    ta.set_value(bad);
    let ev = web_sys::Event::new_with_event_init_dict("input", &{
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        init
    })
    .unwrap();
    ta.dispatch_event(&ev).unwrap();
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    assert_eq!(
        storage
            .get_item("golab.code.en.test.hello")
            .unwrap()
            .as_deref(),
        Some(bad)
    );
    until("a diagnostic", 10, || {
        root.query_selector(".diags").unwrap().is_some()
    })
    .await;
    let diags = text_of(&root, ".diags");
    assert!(
        diags.contains("prog.go:4:2") && diags.contains("not used"),
        "{diags}"
    );
    assert_eq!(text_of(&root, ".editor-paint .diag"), "x");
    handle.destroy();

    // A re-render (a reload) shows the saved edit; Reset restores the original.
    let (handle, root) = render_doc(HELLO_DOC);
    settle().await;
    let ta: web_sys::HtmlTextAreaElement = root
        .query_selector(".editor-input")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(ta.value(), bad);
    el(&root, ".controls .reset").click();
    settle().await;
    assert!(ta.value().contains("hello, 世界"));
    assert_eq!(storage.get_item("golab.code.en.test.hello").unwrap(), None);
    handle.destroy();
}

const RACE_DOC: &str = "# T\n\n```go run view=race,gmp,timeline gomaxprocs=1 id=race\npackage main\n\nimport (\n\t\"fmt\"\n\t\"runtime\"\n\t\"sync\"\n)\n\nvar counter int\n\nfunc increment(wg *sync.WaitGroup) {\n\tdefer wg.Done()\n\tfor i := 0; i < 2; i++ {\n\t\tvalue := counter\n\t\truntime.Gosched()\n\t\tcounter = value + 1\n\t}\n}\n\nfunc main() {\n\tvar wg sync.WaitGroup\n\twg.Add(2)\n\tgo increment(&wg)\n\tgo increment(&wg)\n\twg.Wait()\n\tfmt.Println(\"Final Counter:\", counter)\n}\n```\n";

#[wasm_bindgen_test]
async fn stepping_the_race_program_shows_two_loads_of_zero_and_the_scheduler() {
    forget_saved_code();
    let (handle, root) = render_doc(RACE_DOC);
    settle().await;
    // Step scheduling events until both goroutines have read the counter.
    for _ in 0..40 {
        el(&root, ".controls .step-event").click();
        settle().await;
        let loads = root
            .query_selector_all(".race-acc.load.racing")
            .unwrap()
            .length();
        if loads >= 2 {
            break;
        }
    }
    assert_eq!(attr(&root, ".console", "data-state"), "paused");
    let racing = root.query_selector_all(".race-acc.load.racing").unwrap();
    assert!(racing.length() >= 2, "two racing loads");
    for i in 0..2 {
        let t = racing.get(i).unwrap().text_content().unwrap();
        assert!(t.contains("load 0"), "{t}");
    }
    // The G/M/P diagram shows the goroutines, with the stepping line marked.
    assert!(root.query_selector_all(".gmp .gmp-g").unwrap().length() >= 2);
    assert_eq!(attr(&root, ".gmp", "data-ps"), "1");
    // Run to the end: the lost update, the final value against the expected one.
    el(&root, ".controls .run").click();
    until("the end", 20, || {
        attr(&root, ".console", "data-state") == "exited"
    })
    .await;
    assert_eq!(text_of(&root, ".console-out"), "Final Counter: 2\n");
    assert!(text_of(&root, ".race-verdict").contains("final value 2, expected 4"));
    assert!(
        attr(&root, ".timeline", "data-bars")
            .parse::<u32>()
            .unwrap()
            > 0
    );
    handle.destroy();
}

const WIDGETS_DOC: &str = "# T\n\n```widget process-vs-thread\n```\n\n```widget channels\n```\n\n```widget atomic-counter\n```\n";

#[wasm_bindgen_test]
async fn the_widgets_without_code_render_and_react() {
    forget_saved_code();
    let (handle, root) = render_doc(WIDGETS_DOC);
    settle().await;
    // Process vs thread: the write is seen by the other thread, not the other process.
    el(&root, ".pvt-write").click();
    el(&root, ".pvt-read").click();
    settle().await;
    let notes = root.query_selector_all(".pvt-note").unwrap();
    assert!(notes
        .get(0)
        .unwrap()
        .text_content()
        .unwrap()
        .contains("reads x = 0"));
    assert!(notes
        .get(1)
        .unwrap()
        .text_content()
        .unwrap()
        .contains("reads x = 1"));
    el(&root, ".pvt-end").click();
    settle().await;
    assert_eq!(
        root.query_selector_all(".pvt-thread.dead")
            .unwrap()
            .length(),
        3
    );
    // Channels: both sides start; stepping moves them.
    assert_eq!(root.query_selector_all(".cmp-side").unwrap().length(), 2);
    for _ in 0..6 {
        el(&root, ".cmp-step").click();
        settle().await;
    }
    assert!(root.query_selector(".cmp-side .ch").unwrap().is_some());
    // Atomic counter: three rows, totals after a run.
    assert_eq!(root.query_selector_all(".ac-row").unwrap().length(), 3);
    handle.destroy();
}

const CHOOSE_DOC: &str = "# T\n\n```go run view=gmp gomaxprocs=1 id=choose\npackage main\n\nimport \"fmt\"\n\nfunc main() {\n\tdone := make(chan bool)\n\tfor i := 1; i <= 3; i++ {\n\t\tgo func(id int) {\n\t\t\tfmt.Println(\"goroutine\", id)\n\t\t\tdone <- true\n\t\t}(i)\n\t}\n\tfor i := 0; i < 3; i++ {\n\t\t<-done\n\t}\n}\n```\n";

/// "Be the scheduler": while paused, the reader picks the oldest runnable G
/// (not the one in runnext) and it is the first to print.
#[wasm_bindgen_test]
async fn the_reader_chooses_which_goroutine_runs_next() {
    forget_saved_code();
    let (handle, root) = render_doc(CHOOSE_DOC);
    settle().await;
    for _ in 0..40 {
        el(&root, ".controls .step-event").click();
        settle().await;
        if root.query_selector_all(".gmp-g.runnable").unwrap().length() == 3 {
            break;
        }
    }
    let chips = root
        .query_selector_all(".gmp-g.runnable.choosable")
        .unwrap();
    assert_eq!(chips.length(), 3, "three goroutines wait to run");
    let mut goids: Vec<u64> = (0..3)
        .map(|i| {
            let e: web_sys::Element = chips.get(i).unwrap().dyn_into().unwrap();
            e.get_attribute("data-goid").unwrap().parse().unwrap()
        })
        .collect();
    goids.sort_unstable();
    let oldest = root
        .query_selector(&format!(".gmp-g[data-goid='{}']", goids[0]))
        .unwrap()
        .unwrap();
    let click = web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &{
        let init = web_sys::MouseEventInit::new();
        init.set_bubbles(true);
        init
    })
    .unwrap();
    oldest.dispatch_event(&click).unwrap();
    settle().await;
    assert!(
        text_of(&root, ".gmp-detail").contains(&format!("G{}", goids[0])),
        "{}",
        text_of(&root, ".gmp-detail")
    );
    el(&root, ".controls .run").click();
    until("the end", 20, || {
        attr(&root, ".console", "data-state") == "exited"
    })
    .await;
    let out = text_of(&root, ".console-out");
    assert!(out.starts_with("goroutine 1\n"), "{out}");
    handle.destroy();
}

/// A click on a line number runs the program up to that line, paused.
#[wasm_bindgen_test]
async fn a_line_number_click_runs_to_that_line() {
    forget_saved_code();
    let (handle, root) = render_doc(HELLO_DOC);
    settle().await;
    let line6 = root
        .query_selector_all(".gutter-line")
        .unwrap()
        .get(5)
        .unwrap();
    let line6: web_sys::HtmlElement = line6.dyn_into().unwrap();
    line6.click();
    settle().await;
    assert_eq!(attr(&root, ".console", "data-state"), "paused");
    assert!(el(&root, ".gutter-line.current").text_content().unwrap() == "6");
    assert_eq!(text_of(&root, ".console-out").trim(), "", "not printed yet");
    el(&root, ".controls .run").click();
    until("the end", 20, || {
        attr(&root, ".console", "data-state") == "exited"
    })
    .await;
    assert_eq!(text_of(&root, ".console-out .out-stdout"), "hello, 世界\n");
    handle.destroy();
}

/// From the keyboard: Ctrl+F10 in the code runs to the cursor's line.
#[wasm_bindgen_test]
async fn ctrl_f10_runs_to_the_cursor_line() {
    forget_saved_code();
    let (handle, root) = render_doc(HELLO_DOC);
    settle().await;
    let ta: web_sys::HtmlTextAreaElement = el(&root, ".editor-input").dyn_into().unwrap();
    assert_eq!(
        ta.get_attribute("aria-keyshortcuts").as_deref(),
        Some("Control+F10")
    );
    // The cursor at the start of line 6.
    let code = ta.value();
    let at: usize = code
        .split('\n')
        .take(5)
        .map(|l| l.encode_utf16().count() + 1)
        .sum();
    ta.set_selection_range(at as u32, at as u32).unwrap();
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("F10");
    init.set_ctrl_key(true);
    init.set_bubbles(true);
    let ev = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    ta.dispatch_event(&ev).unwrap();
    settle().await;
    assert_eq!(attr(&root, ".console", "data-state"), "paused");
    assert_eq!(
        el(&root, ".gutter-line.current").text_content().unwrap(),
        "6"
    );
    handle.destroy();
}

/// The counter program with the race detector on (`race=true`) and the race
/// view attached: the report's two access lines are buttons; pressing one
/// highlights both lines in the editor and both accesses in the race view.
const RACE_DETECTOR_DOC: &str = "# T\n\n```go run view=race gomaxprocs=1 race=true id=racedet\npackage main\n\nimport (\n\t\"fmt\"\n\t\"runtime\"\n\t\"sync\"\n)\n\nvar counter int\n\nfunc increment(wg *sync.WaitGroup) {\n\tdefer wg.Done()\n\tfor i := 0; i < 2; i++ {\n\t\tvalue := counter\n\t\truntime.Gosched()\n\t\tcounter = value + 1\n\t}\n}\n\nfunc main() {\n\tvar wg sync.WaitGroup\n\twg.Add(2)\n\tgo increment(&wg)\n\tgo increment(&wg)\n\twg.Wait()\n\tfmt.Println(\"Final Counter:\", counter)\n}\n```\n";

fn texts(root: &web_sys::Element, css: &str) -> Vec<String> {
    let list = root.query_selector_all(css).unwrap();
    (0..list.length())
        .map(|i| list.get(i).unwrap().text_content().unwrap_or_default())
        .collect()
}

#[wasm_bindgen_test]
async fn a_race_report_links_both_lines_to_the_editor_and_the_race_view() {
    forget_saved_code();
    let (handle, root) = render_doc(RACE_DETECTOR_DOC);
    settle().await;
    assert!(
        el(&root, ".race-toggle")
            .dyn_into::<web_sys::HtmlInputElement>()
            .unwrap()
            .checked(),
        "race=true turns the detector on"
    );
    el(&root, ".controls .run").click();
    until("the end", 20, || {
        attr(&root, ".console", "data-state") == "exited"
    })
    .await;
    assert_eq!(text_of(&root, ".run-status"), "exit status 66");
    let out = text_of(&root, ".console-out");
    assert!(out.contains("WARNING: DATA RACE"), "{out}");
    assert!(out.contains("Found 1 data race(s)"), "{out}");
    // The report keeps Go's text; its two access lines are buttons.
    assert_eq!(
        texts(&root, ".race-report .race-link"),
        vec!["/prog.go:16", "/prog.go:14"]
    );
    assert!(root
        .query_selector(".editor .highlighted")
        .unwrap()
        .is_none());
    assert_eq!(attr(&root, ".race-link", "aria-pressed"), "false");
    // Buttons, so Enter and Space press them; named with both lines.
    assert_eq!(el(&root, ".race-link").tag_name(), "BUTTON");
    assert!(attr(&root, ".race-link", "aria-label").contains("lines 14 and 16"));
    // Press the second link (the previous access): both lines light up.
    let links = root.query_selector_all(".race-link").unwrap();
    let second: web_sys::HtmlElement = links.get(1).unwrap().dyn_into().unwrap();
    second.focus().unwrap();
    second.click();
    settle().await;
    assert_eq!(texts(&root, ".gutter-line.highlighted"), vec!["14", "16"]);
    let lit = texts(&root, ".code-line.highlighted");
    assert_eq!(lit.len(), 2, "{lit:?}");
    assert!(lit[0].contains("value := counter"), "{lit:?}");
    assert!(lit[1].contains("counter = value + 1"), "{lit:?}");
    assert!(text_of(&root, ".editor-wrap .visually-hidden").contains("lines 14 and 16"));
    assert_eq!(attr(&root, ".race-link", "aria-pressed"), "true");
    // The race view marks the racing pair: a load on 14, a store on 16.
    let marked = root.query_selector_all(".race-acc.reported").unwrap();
    assert_eq!(marked.length(), 2);
    let pair = texts(&root, ".race-acc.reported");
    assert!(pair[0].contains("load 0"), "{pair:?}");
    assert!(pair[1].contains("store 1"), "{pair:?}");
    // An edit drops the highlight (the lines may have moved).
    let ta: web_sys::HtmlTextAreaElement = el(&root, ".editor-input").dyn_into().unwrap();
    ta.set_value(&format!("{}\n", ta.value()));
    let ev = web_sys::Event::new_with_event_init_dict("input", &{
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        init
    })
    .unwrap();
    ta.dispatch_event(&ev).unwrap();
    settle().await;
    assert!(root
        .query_selector(".editor .highlighted")
        .unwrap()
        .is_none());
    handle.destroy();
}
