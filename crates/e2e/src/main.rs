//! End-to-end tests of the built site in headless Chromium.
//!
//! `golab-e2e --dist dist --out target/e2e` serves the trunk-built `dist/`
//! three times on loopback (with the COOP/COEP headers; without them, where
//! the page's service worker `static/coi.js` adds them; and without them with
//! that worker turned off by `?coi=off`, for the fallback notice), drives
//! Chromium through chromedriver, and clicks through the book as a reader
//! would. It prints one line per check and closes with `e2e: N passed, M
//! failed`; the exit status is 1 when anything failed. Screenshots are kept
//! under `--out` as artifacts. `--only TEXT` runs just the checks whose name
//! contains TEXT.

mod bench;
mod exercise;
mod keyboard;
mod parallel;
mod parallel_widgets;
mod serve;
mod share;
mod webdriver;
mod widgets;

use golab_book::content::chapters;
use golab_book::engine::workers::{INCREMENTS, WORKERS};
use golab_book::lang::Lang;
use serde_json::Value;
use std::path::PathBuf;
use std::time::{Duration, Instant};
use webdriver::Driver;

const LOAD: Duration = Duration::from_secs(30);

/// One end-to-end check: `Err` says what a reader would have seen go wrong.
type Check = fn(&Ctx) -> Result<(), String>;

struct Ctx {
    driver: Driver,
    isolated: String,
    /// No headers; `static/coi.js` is turned off here (`?coi=off`).
    plain: String,
    /// No headers; the service worker in `static/coi.js` isolates the page.
    static_host: String,
    out: PathBuf,
    /// The built site, for checks that serve it themselves.
    dist: PathBuf,
}

fn main() {
    // `--bench`: measurements for scripts/bench.py --page (see bench.rs).
    if std::env::args().nth(1).as_deref() == Some("--bench") {
        std::process::exit(bench::main(std::env::args().skip(2).collect()));
    }
    let mut dist = PathBuf::from("dist");
    let mut out = PathBuf::from("target/e2e");
    let mut against = None;
    let mut only = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match (a.as_str(), args.next()) {
            ("--dist", Some(v)) => dist = v.into(),
            ("--out", Some(v)) => out = v.into(),
            ("--against", Some(v)) => against = Some(v),
            ("--only", Some(v)) => only = Some(v),
            _ => {
                eprintln!(
                    "usage: golab-e2e [--dist DIR] [--out DIR] [--only TEXT] [--against URL]"
                );
                std::process::exit(2);
            }
        }
    }
    if let Some(url) = against {
        std::process::exit(check_running_server(&url, &out));
    }
    if !dist.join("index.html").is_file() {
        eprintln!(
            "e2e: {} has no index.html: build the site first (scripts/build)",
            dist.display()
        );
        std::process::exit(2);
    }
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let chromedriver = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
    let setup = (|| -> Result<Ctx, String> {
        Ok(Ctx {
            isolated: serve::start(dist.clone(), true).map_err(|e| e.to_string())?,
            plain: serve::start(dist.clone(), false).map_err(|e| e.to_string())?,
            static_host: serve::start(dist.clone(), false).map_err(|e| e.to_string())?,
            driver: Driver::start(&chromium, &chromedriver)?,
            out,
            dist: dist.clone(),
        })
    })();
    let ctx = match setup {
        Ok(c) => c,
        Err(e) => {
            eprintln!("e2e: setup failed: {e}");
            println!("e2e: 0 passed, 1 failed");
            std::process::exit(1);
        }
    };

    let checks: &[(&str, Check)] = &[
        ("home page renders, isolated, no console errors", home),
        ("every chapter route in both languages", every_chapter),
        ("language switch keeps the chapter", language_switch),
        (
            "a chapter whose text cannot be fetched says so, and Retry loads it",
            chapter_fetch_fails_then_retry,
        ),
        (
            "unknown routes get a not-found page with a way back",
            not_found,
        ),
        (
            "two workers increment one shared atomic counter exactly",
            shared_counter,
        ),
        (
            "without COOP/COEP the book renders and says parallel mode is off",
            fallback,
        ),
        (
            "a static host without COOP/COEP: the service worker isolates the page after one reload; two workers share the counter",
            service_worker_isolates,
        ),
        (
            "?coi=off removes that service worker (step mode), ?coi=on brings it back",
            service_worker_switch,
        ),
        (
            "quiz answers persist across a reload; progress and its reset on the contents page",
            quiz_persists,
        ),
        (
            "a chapter example runs and prints its // Output:",
            widgets::example_prints_its_output,
        ),
        (
            "an exercise: the starter fails naming a seed, Replay runs that seed, the solution passes, the contents page counts it",
            exercise::starter_fails_with_a_seed_and_the_solution_passes,
        ),
        (
            "parallel mode: 2 goroutines x 1,000,000 atomic adds on 2 workers give the exact total",
            parallel::atomic_total_on_two_workers,
        ),
        (
            "parallel mode: Stop ends two spinning workers in under 100 ms; the next run works",
            parallel::stop_ends_spinning_workers_fast,
        ),
        (
            "parallel mode: a worker that dies mid-run fails the run with an error (no hang), its other workers stop, the next run works",
            parallel::a_dead_worker_fails_the_run_and_is_replaced,
        ),
        (
            "parallel mode: a 2-worker CPU-bound run (the page's long tasks are printed)",
            parallel::no_long_tasks_during_a_cpu_bound_run,
        ),
        (
            "parallel mode: a chapter's mode=parallel example runs on workers and its timeline draws the slices",
            parallel::chapter_example_runs_in_parallel_with_a_timeline,
        ),
        (
            "parallel mode: every view (G/M/P, timeline, race, channels) draws from a run on workers",
            parallel::every_view_draws_from_a_parallel_run,
        ),
        (
            "parallel widgets: the atomic counter on workers: atomic and Mutex exact, plain at most the expected total",
            parallel_widgets::atomic_counter_totals,
        ),
        (
            "parallel widgets: the atomic counter's Stop ends its run; the next batch runs",
            parallel_widgets::atomic_counter_stops,
        ),
        (
            "parallel widgets: Run 100 times in parallel mode fills a histogram of 100 runs that cannot be replayed",
            parallel_widgets::run_many_in_parallel_mode,
        ),
        (
            "parallel widgets: not isolated, the atomic counter runs in step mode and says why",
            parallel_widgets::atomic_counter_falls_back_to_step_mode,
        ),
        (
            "Stop ends an endless loop; the page stays responsive",
            widgets::stop_ends_an_endless_loop,
        ),
        (
            "a program importing context fetches the package once and runs",
            widgets::context_package_is_fetched_and_runs,
        ),
        (
            "an edit survives a reload; Reset restores the chapter's code",
            widgets::edit_survives_reload_and_reset_restores,
        ),
        (
            "diagnostics appear as the reader types",
            widgets::diagnostics_as_you_type,
        ),
        (
            "an unavailable package's error is in the reader's language and links to What Go runs here",
            widgets::unavailable_package_links_to_what_go_runs_here,
        ),
        (
            "stepping draws the G/M/P diagram",
            widgets::stepping_draws_the_gmp_diagram,
        ),
        (
            "Run 100 times fills a histogram; a bar replays its seed",
            widgets::run_100_times_histogram,
        ),
        (
            "process vs thread: shared vs separate memory, main ends all",
            widgets::process_vs_thread_reacts,
        ),
        (
            "the timeline shows run slices per P",
            widgets::timeline_shows_run_slices,
        ),
        (
            "the race view highlights two loads of the same value",
            widgets::race_view_shows_the_lost_update,
        ),
        (
            "channels: ring buffer view; unbuffered vs buffered side by side",
            widgets::channels_view_and_comparison,
        ),
        (
            "atomic counter: atomic and mutex exact",
            widgets::atomic_counter_totals,
        ),
        (
            "the G/M/P widget steps, in Chinese",
            widgets::gmp_widget_and_chinese,
        ),
        (
            "the widgets in the dark theme (screenshots)",
            widgets::dark_theme_screenshots,
        ),
        (
            "playground controls are keyboard-focusable",
            widgets::keyboard_runs_an_example,
        ),
        (
            "axe-core: no serious or critical violations on any page (every route, both languages; light at 1280 px, dark at 390 px)",
            widgets::accessibility_axe,
        ),
        (
            "keyboard: a skip link first, to the main content; each editor says how Esc then Tab leaves it",
            keyboard::skip_link_and_editor_keys,
        ),
        (
            "keyboard: a focused goroutine chip has a ring; choosing one by click confirms the choice",
            keyboard::choosing_a_goroutine_by_click_confirms_it,
        ),
        (
            "views: a full trace stops the recording, not the program, and says so",
            widgets::a_full_trace_does_not_end_the_run,
        ),
        (
            "views: an M's syscall label is not under its G chip",
            widgets::a_syscall_label_is_not_under_its_g,
        ),
        (
            "views: after exit no P shows _Prunning",
            widgets::after_exit_no_p_runs,
        ),
        (
            "console: a long output keeps its head, says what was cut, and keeps its last line",
            widgets::a_long_output_keeps_its_head_and_tail,
        ),
        (
            "print: a printed chapter keeps its text, code and output, and no controls",
            keyboard::a_printed_chapter_keeps_code_and_output,
        ),
        (
            "share: a chapter example's link reopens its program and settings in a fresh profile",
            share::share_link_reopens_the_example,
        ),
        (
            "share: a garbled link says so and keeps the reader's own program",
            share::a_garbled_link_says_so_and_keeps_the_readers_program,
        ),
        (
            "share: /en/play runs a program, downloads its trace, with the views the reader picks",
            share::the_play_page_runs_a_program,
        ),
        (
            "share: /embed shows one playground, in the link's language, that runs",
            share::the_embed_shows_one_playground_that_runs,
        ),
        (
            "copy: a code block's and the console's Copy buttons copy their text",
            share::copy_buttons_copy_code_and_output,
        ),
        (
            "search: 调度, 调度器 and runnext find the scheduler chapter in both languages; arrows and Enter go there",
            share::search_finds_the_scheduler_in_both_languages,
        ),
        (
            "offline: after one visit, with the server stopped and the network cut, a chapter never opened opens and its example runs",
            share::the_book_reads_and_runs_offline,
        ),
    ];
    let (mut passed, mut failed) = (0, 0);
    // `--only TEXT`: just the checks whose name contains TEXT.
    let selected = checks
        .iter()
        .filter(|(name, _)| only.as_deref().is_none_or(|t| name.contains(t)));
    for (name, check) in selected {
        // Start each check from a clean console log.
        let _ = ctx.driver.console_errors();
        match check(&ctx) {
            Ok(()) => {
                passed += 1;
                println!("ok      {name}");
            }
            Err(e) => {
                failed += 1;
                println!("FAILED  {name}: {e}");
                let shot = ctx.out.join(format!("failed-{}.png", failed));
                let _ = ctx.driver.screenshot(&shot);
            }
        }
    }
    println!("e2e: {passed} passed, {failed} failed");
    drop(ctx);
    std::process::exit(if failed == 0 { 0 } else { 1 });
}

/// `--against URL`: checks a server that is already running (the README's
/// serve command): the contents page renders there, cross-origin isolated.
fn check_running_server(url: &str, out: &std::path::Path) -> i32 {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let chromedriver = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
    let result = Driver::start(&chromium, &chromedriver).and_then(|d| {
        d.goto(url)?;
        d.wait_for(
            "the contents page",
            "return document.querySelectorAll('.contents-list a').length > 0;",
            LOAD,
        )?;
        if d.execute("return self.crossOriginIsolated;")?.as_bool() != Some(true) {
            return Err(format!("{url} is not cross-origin isolated"));
        }
        d.screenshot(&out.join("serve-home.png"))?;
        let errors = d.console_errors()?;
        if errors.is_empty() {
            Ok(())
        } else {
            Err(format!("console errors: {errors:?}"))
        }
    });
    match result {
        Ok(()) => {
            println!("ok      {url} serves the contents page, isolated");
            println!("e2e: 1 passed, 0 failed");
            0
        }
        Err(e) => {
            println!("FAILED  {url}: {e}");
            println!("e2e: 0 passed, 1 failed");
            1
        }
    }
}

fn text(ctx: &Ctx, css: &str) -> Result<String, String> {
    let v = ctx.driver.execute(&format!(
        "const e = document.querySelector({css:?}); return e ? e.textContent : null;"
    ))?;
    v.as_str()
        .map(str::to_string)
        .ok_or_else(|| format!("no element matches {css}"))
}

fn no_console_errors(ctx: &Ctx, page: &str) -> Result<(), String> {
    let errors = ctx.driver.console_errors()?;
    if errors.is_empty() {
        Ok(())
    } else {
        Err(format!("console errors on {page}: {errors:?}"))
    }
}

fn home(ctx: &Ctx) -> Result<(), String> {
    let d = &ctx.driver;
    d.goto(&format!("{}/", ctx.isolated))?;
    d.wait_for(
        "the contents page",
        "return document.querySelector('.contents-list a') !== null;",
        LOAD,
    )?;
    let h1 = text(ctx, "h1")?;
    if !h1.contains("Go Concurrency Lab") {
        return Err(format!("first heading is {h1:?}"));
    }
    let title = d.title()?;
    if !title.contains("Go Concurrency Lab") {
        return Err(format!("title is {title:?}"));
    }
    let links = d.execute("return document.querySelectorAll('.contents-list a').length;")?;
    if links.as_u64() != Some(2 * chapters().len() as u64) {
        return Err(format!("the contents page lists {links} chapter links"));
    }
    if d.execute("return self.crossOriginIsolated;")?.as_bool() != Some(true) {
        return Err("crossOriginIsolated is false".into());
    }
    d.screenshot(&ctx.out.join("home.png"))?;
    no_console_errors(ctx, "/")
}

fn every_chapter(ctx: &Ctx) -> Result<(), String> {
    let d = &ctx.driver;
    for c in chapters() {
        for lang in Lang::ALL {
            let path = format!("/{}/{}", lang.code(), c.slug);
            d.goto(&format!("{}{path}", ctx.isolated))?;
            d.wait_for(
                &format!("{path} to render"),
                "return document.querySelector('article.chapter:not([aria-busy]) h1') !== null;",
                LOAD,
            )?;
            let want = c.title(lang);
            let h1 = text(ctx, "article.chapter h1")?;
            if h1.trim() != want {
                return Err(format!("{path}: first heading {h1:?}, want {want:?}"));
            }
            let title = d.title()?;
            if !title.starts_with(want) {
                return Err(format!(
                    "{path}: title {title:?} does not start with {want:?}"
                ));
            }
            let current = text(ctx, ".toc li.current a")?;
            if !current.contains(want) {
                return Err(format!("{path}: the sidebar marks {current:?} as current"));
            }
            let lang_attr = d.execute("return document.documentElement.lang;")?;
            if lang_attr.as_str() != Some(lang.html_lang()) {
                return Err(format!("{path}: <html lang> is {lang_attr}"));
            }
            if d.execute("return document.querySelectorAll('.directive-error').length;")?
                .as_u64()
                != Some(0)
            {
                return Err(format!("{path}: shows a directive error box"));
            }
            if d.execute("return self.crossOriginIsolated;")?.as_bool() != Some(true) {
                return Err(format!("{path}: crossOriginIsolated is false"));
            }
            no_console_errors(ctx, &path)?;
        }
    }
    d.goto(&format!("{}/zh/{}", ctx.isolated, chapters()[0].slug))?;
    d.wait_for(
        "chapter 1",
        "return document.querySelector('article.chapter:not([aria-busy]) h1') !== null;",
        LOAD,
    )?;
    d.screenshot(&ctx.out.join("chapter-zh.png"))
}

/// Chapters' texts are fetched when opened (src/content.rs). From the
/// contents page, with `fetch` failing for chapter files, a chapter in the
/// language the contents page did not load must show the failure and a
/// Retry button (not hang on "Loading", not render the page as Markdown);
/// with the network back, Retry must render it, playgrounds included.
fn chapter_fetch_fails_then_retry(ctx: &Ctx) -> Result<(), String> {
    let d = &ctx.driver;
    d.goto(&format!("{}/", ctx.isolated))?;
    d.wait_for(
        "the contents page",
        "return document.querySelector('.contents-list a') !== null;",
        LOAD,
    )?;
    let c = &chapters()[0];
    let clicked = d.execute(&format!(
        r#"window.__fetch = window.fetch;
        window.fetch = (u, ...a) => String(u instanceof Request ? u.url : u).includes('/chapters/')
            ? Promise.reject(new TypeError('Failed to fetch (test)'))
            : window.__fetch(u, ...a);
        // The contents page fetched the browser's language for its tallies.
        const lang = navigator.language.startsWith('zh') ? 'en' : 'zh';
        const a = document.querySelector(`.contents-list a[href="/${{lang}}/{slug}"]`);
        if (!a) return 'no link to /' + lang + '/{slug}';
        a.click();
        return lang;"#,
        slug = c.slug
    ))?;
    let Some(lang) = clicked.as_str().and_then(Lang::parse) else {
        return Err(format!("could not open the chapter: {clicked}"));
    };
    let alert = d
        .wait_for(
            "the chapter's load failure",
            "const p = document.querySelector('article.chapter [role=alert]'); return p && p.textContent;",
            LOAD,
        )?
        .as_str()
        .unwrap_or("")
        .to_string();
    // The page fetches the chapter prerendered: NN-slug.doc for NN-slug.md.
    let stem = c.file.strip_suffix(".md").unwrap_or(c.file);
    if !alert.contains("Failed to fetch (test)") || !alert.contains(stem) {
        return Err(format!("the failure does not say what failed: {alert:?}"));
    }
    let h1 = text(ctx, "article.chapter h1")?;
    if h1.trim() != c.title(lang) {
        return Err(format!(
            "while failed, the heading is {h1:?}, want the title"
        ));
    }
    d.execute("window.fetch = window.__fetch; return true;")?;
    d.click("article.chapter button.retry")?;
    d.wait_for(
        "the chapter after Retry",
        "return document.querySelector('article.chapter:not([aria-busy]) .playground') !== null
            && document.querySelector('article.chapter [role=alert]') === null;",
        LOAD,
    )?;
    no_console_errors(ctx, &format!("/{}/{} after Retry", lang.code(), c.slug))
}

fn language_switch(ctx: &Ctx) -> Result<(), String> {
    let d = &ctx.driver;
    let c = chapters().get(2).unwrap_or(&chapters()[0]);
    d.goto(&format!("{}/en/{}", ctx.isolated, c.slug))?;
    d.wait_for(
        "the English chapter",
        "return document.querySelector('article.chapter:not([aria-busy]) h1') !== null;",
        LOAD,
    )?;
    d.click(".lang-switch a.switch")?;
    let want = c.title(Lang::Zh);
    d.wait_for(
        "the Chinese chapter",
        &format!("const h = document.querySelector('article.chapter:not([aria-busy]) h1'); return h && h.textContent.trim() === {want:?};"),
        LOAD,
    )?;
    let url = d.current_url()?;
    if !url.ends_with(&format!("/zh/{}", c.slug)) {
        return Err(format!("after the switch the URL is {url}"));
    }
    // The reader's place is kept by route, and prev/next stay within the language.
    let href = d.execute("const a = document.querySelector('.chapter-nav a.next'); return a ? a.getAttribute('href') : null;")?;
    if let Some(next) = chapters().get(3) {
        let want = format!("/zh/{}", next.slug);
        if href.as_str() != Some(want.as_str()) {
            return Err(format!("the next link is {href}, want {want}"));
        }
    }
    // And the section: read down to the fifth heading, switch, and the
    // other edition opens at its fifth heading.
    const HEADINGS: &str = "[...document.querySelectorAll('.chapter :is(h2, h3, h4, h5, h6)[id]')]";
    // Blocks above draw as they come into view and change height: scroll
    // until the heading stays put.
    for _ in 0..5 {
        d.execute(&format!(
            "{HEADINGS}[4].scrollIntoView({{block: 'start'}}); return true;"
        ))?;
        std::thread::sleep(Duration::from_millis(150));
    }
    d.click(".lang-switch a.switch")?;
    let want = c.title(Lang::En);
    d.wait_for(
        "the English chapter again",
        &format!("const h = document.querySelector('article.chapter:not([aria-busy]) h1'); return h && h.textContent.trim() === {want:?};"),
        LOAD,
    )?;
    let place = d.wait_for(
        "the English edition at the same section",
        &format!(
            "const h = {HEADINGS}[4]; if (!h) return null;
             const top = h.getBoundingClientRect().top;
             return decodeURIComponent(location.hash.slice(1)) === h.id && top >= 0 && top < 200 && [h.id, top];"
        ),
        LOAD,
    )?;
    d.screenshot(&ctx.out.join("language-switch-section.png"))?;
    let _ = place;
    no_console_errors(ctx, "language switch")
}

fn not_found(ctx: &Ctx) -> Result<(), String> {
    let d = &ctx.driver;
    for path in ["/en/no-such-chapter", "/fr/scheduler", "/a/b/c"] {
        d.goto(&format!("{}{path}", ctx.isolated))?;
        d.wait_for(
            &format!("{path} to render"),
            "return document.querySelector('.not-found h1') !== null;",
            LOAD,
        )?;
    }
    d.click(".not-found a")?;
    d.wait_for(
        "the contents page",
        "return document.querySelector('.contents-list') !== null;",
        LOAD,
    )?;
    no_console_errors(ctx, "not found")
}

fn shared_counter(ctx: &Ctx) -> Result<(), String> {
    ctx.driver.goto(&format!("{}/", ctx.isolated))?;
    counter_check(ctx)?;
    no_console_errors(ctx, "shared counter")
}

/// On the contents page just loaded: the two-worker check gives the exact total.
fn counter_check(ctx: &Ctx) -> Result<(), String> {
    let d = &ctx.driver;
    d.wait_for(
        "the check button",
        "return document.getElementById('parallel-check-run') !== null;",
        LOAD,
    )?;
    d.click("#parallel-check-run")?;
    let total = d.wait_for(
        "the shared counter result",
        "const e = document.getElementById('parallel-check-result'); return e ? e.dataset.total : null;",
        LOAD,
    )?;
    let want = (INCREMENTS * WORKERS as u64).to_string();
    if total.as_str() != Some(want.as_str()) {
        return Err(format!("total {total}, want {want}"));
    }
    let workers = d.execute("return performance.getEntriesByType('resource').filter(e => e.name.endsWith('/worker.js')).length;")?;
    if workers.as_u64().unwrap_or(0) == 0 {
        return Err("no worker script was loaded".into());
    }
    Ok(())
}

fn fallback(ctx: &Ctx) -> Result<(), String> {
    let d = &ctx.driver;
    // `?coi=off` keeps static/coi.js from isolating the page with its service
    // worker; it is remembered for this origin, so the chapter below is off too.
    d.goto(&format!("{}/?coi=off", ctx.plain))?;
    let status = d.wait_for(
        "the parallel-mode notice",
        "const e = document.getElementById('parallel-status'); return e ? e.dataset.isolated : null;",
        LOAD,
    )?;
    if status.as_str() != Some("false") {
        return Err(format!(
            "served without headers, the page says isolated={status}"
        ));
    }
    let notice = text(ctx, "#parallel-status")?;
    if !notice.contains("not cross-origin isolated") {
        return Err(format!("the notice does not say why: {notice:?}"));
    }
    d.goto(&format!("{}/en/{}", ctx.plain, chapters()[0].slug))?;
    d.wait_for(
        "a chapter without isolation",
        "return document.querySelector('article.chapter:not([aria-busy]) h1') !== null;",
        LOAD,
    )?;
    if d.execute("return self.crossOriginIsolated;")?.as_bool() != Some(false) {
        return Err("with ?coi=off the chapter is cross-origin isolated".into());
    }
    let registrations =
        d.execute("return navigator.serviceWorker.getRegistrations().then(r => r.length);")?;
    if registrations.as_u64() != Some(0) {
        return Err(format!(
            "with ?coi=off, {registrations} service workers are registered"
        ));
    }
    d.screenshot(&ctx.out.join("fallback.png"))?;
    no_console_errors(ctx, "fallback")
}

/// Polls `script` like `Driver::wait_for`, but through a page reload: a
/// script that fails because its page is going away is tried again.
fn wait_through_reload(ctx: &Ctx, what: &str, script: &str) -> Result<Value, String> {
    let deadline = Instant::now() + LOAD;
    let mut last = String::new();
    loop {
        match ctx.driver.execute(script) {
            Ok(v) if !matches!(&v, Value::Null | Value::Bool(false)) => return Ok(v),
            Ok(_) => {}
            Err(e) => last = e,
        }
        if Instant::now() > deadline {
            let last = if last.is_empty() {
                last
            } else {
                format!(" (last error: {last})")
            };
            return Err(format!("timed out after {LOAD:?} waiting for {what}{last}"));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn service_worker_isolates(ctx: &Ctx) -> Result<(), String> {
    let d = &ctx.driver;
    d.goto(&format!("{}/", ctx.static_host))?;
    wait_through_reload(
        ctx,
        "the page to become cross-origin isolated",
        "return self.crossOriginIsolated && document.getElementById('parallel-check-run') !== null;",
    )?;
    let how = d.execute(
        "return { controlled: navigator.serviceWorker.controller !== null, \
         navigation: performance.getEntriesByType('navigation')[0].type, \
         status: document.getElementById('parallel-status').dataset.isolated };",
    )?;
    if how["controlled"] != Value::Bool(true) {
        return Err(format!("no service worker controls the page: {how}"));
    }
    // One reload by coi.js, not a loop and not none.
    if how["navigation"] != "reload" || how["status"] != "true" {
        return Err(format!("after the service worker: {how}"));
    }
    counter_check(ctx)?;
    d.execute(
        "document.getElementById('parallel-check-result').scrollIntoView({ block: 'center' });",
    )?;
    d.screenshot(&ctx.out.join("service-worker.png"))?;
    // The worker's scope is the site root: a chapter route loads isolated.
    let path = format!("/zh/{}", chapters()[0].slug);
    d.goto(&format!("{}{path}", ctx.static_host))?;
    d.wait_for(
        &format!("{path} to render"),
        "return document.querySelector('article.chapter:not([aria-busy]) h1') !== null;",
        LOAD,
    )?;
    if d.execute("return self.crossOriginIsolated;")?.as_bool() != Some(true) {
        return Err(format!("{path} is not cross-origin isolated"));
    }
    no_console_errors(ctx, "a static host with the service worker")
}

fn service_worker_switch(ctx: &Ctx) -> Result<(), String> {
    let d = &ctx.driver;
    let isolated =
        "return self.crossOriginIsolated && document.getElementById('parallel-status') !== null;";
    d.goto(&format!("{}/?coi=on", ctx.static_host))?;
    wait_through_reload(ctx, "the service worker to isolate the page", isolated)?;
    d.goto(&format!("{}/?coi=off", ctx.static_host))?;
    let status = wait_through_reload(
        ctx,
        "the page to reload without the service worker",
        "const e = document.getElementById('parallel-status'); \
         return !self.crossOriginIsolated && navigator.serviceWorker.controller === null && e ? e.dataset.isolated : null;",
    )?;
    if status != "false" {
        return Err(format!("with ?coi=off the notice says isolated={status}"));
    }
    let registrations =
        d.execute("return navigator.serviceWorker.getRegistrations().then(r => r.length);")?;
    if registrations.as_u64() != Some(0) {
        return Err(format!(
            "with ?coi=off, {registrations} service workers are registered"
        ));
    }
    // Remembered: a later load without the flag stays in step mode.
    d.goto(&format!("{}/en/{}", ctx.static_host, chapters()[0].slug))?;
    d.wait_for(
        "a chapter",
        "return document.querySelector('article.chapter:not([aria-busy]) h1') !== null;",
        LOAD,
    )?;
    std::thread::sleep(Duration::from_secs(1));
    if d.execute("return self.crossOriginIsolated || navigator.serviceWorker.controller !== null;")?
        != Value::Bool(false)
    {
        return Err("after ?coi=off a later page is isolated again".into());
    }
    d.goto(&format!("{}/?coi=on", ctx.static_host))?;
    wait_through_reload(ctx, "?coi=on to isolate the page again", isolated)?;
    no_console_errors(ctx, "?coi=off and ?coi=on")
}

fn quiz_persists(ctx: &Ctx) -> Result<(), String> {
    let d = &ctx.driver;
    let Some(c) = chapters()
        .iter()
        .find(|c| c.text(Lang::En).is_some_and(|t| t.contains("```quiz")))
    else {
        return Err("no chapter has a quiz".into());
    };
    let url = format!("{}/en/{}", ctx.isolated, c.slug);
    d.goto(&url)?;
    d.wait_for(
        "a quiz",
        "return document.querySelector('.quiz .question input') !== null;",
        LOAD,
    )?;
    d.click(".quiz .question input")?;
    d.click(".quiz .question .quiz-actions button")?;
    d.wait_for(
        "the verdict",
        "return document.querySelector('.quiz .question .verdict') !== null;",
        LOAD,
    )?;
    d.goto(&url)?;
    d.wait_for(
        "the saved verdict after a reload",
        "return document.querySelector('.quiz .question .verdict') !== null && document.querySelector('.quiz .question .why') !== null;",
        LOAD,
    )?;
    d.screenshot(&ctx.out.join("quiz.png"))?;

    // The contents page shows the chapter's progress, and its reset forgets it.
    let index = chapters()
        .iter()
        .position(|x| x.slug == c.slug)
        .expect("the chapter is listed");
    let badge = format!(
        "const li = document.querySelectorAll('.contents-column[lang=en] .contents-list li')[{index}]; \
         const b = li && li.querySelector('.progress-badge'); return b ? b.textContent : null;"
    );
    d.goto(&format!("{}/", ctx.isolated))?;
    let shown = d.wait_for("the progress badge", &badge, LOAD)?;
    if !shown.as_str().is_some_and(|t| t.starts_with("1/")) {
        return Err(format!("after one answer the badge reads {shown}"));
    }
    d.click(&format!(
        ".contents-column[lang=en] .contents-list li:nth-child({}) .reset-progress",
        index + 1
    ))?;
    let after = d.wait_for(
        "the reset badge",
        &format!("const t = (() => {{ {badge} }})(); return t && t.startsWith('0/') ? t : null;"),
        LOAD,
    )?;
    if after.is_null() {
        return Err("the reset did not clear the chapter's progress".into());
    }
    no_console_errors(ctx, "quiz")
}
