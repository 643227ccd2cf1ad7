//! End-to-end checks of [Share]: a share link reopens a chapter example
//! with its settings in a fresh browser profile, a garbled link says so
//! and keeps the reader's own program, the play page runs a program,
//! search finds the scheduler chapter in both languages, and after one
//! visit the book reads and runs offline.

use crate::serve::Stoppable;
use crate::webdriver::Driver;
use crate::widgets::{block, click_in};
use crate::{no_console_errors, Ctx, LOAD};
use serde_json::Value;
use std::time::Duration;

fn new_driver() -> Result<Driver, String> {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let chromedriver = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
    Driver::start(&chromium, &chromedriver)
}

/// The settings a playground shows, as one JSON object.
fn settings_of(d: &Driver, root: &str) -> Result<Value, String> {
    d.execute(&format!(
        "const r = {root}; return {{
            code: r.querySelector('.editor-input').value,
            gomaxprocs: r.querySelector('.gomaxprocs').value,
            seed: r.querySelector('.seed').value,
            race: r.querySelector('.race-toggle').checked,
            mode: r.querySelector('.mode').value,
        }};"
    ))
}

pub fn share_link_reopens_the_example(ctx: &Ctx) -> Result<(), String> {
    let d = &ctx.driver;
    d.goto(&format!("{}/en/scheduler", ctx.isolated))?;
    d.wait_for(
        "a playground",
        "return document.querySelector('[data-block=go-run] .share') !== null;",
        LOAD,
    )?;
    // The reader changes the settings and the code, then shares.
    d.execute(&format!(
        "const b = {};
         const set = (css, v) => {{ const e = b.querySelector(css); e.value = v; e.dispatchEvent(new Event('change', {{bubbles: true}})); }};
         set('.gomaxprocs', '2'); set('.seed', '77');
         const r = b.querySelector('.race-toggle'); r.checked = true; r.dispatchEvent(new Event('change', {{bubbles: true}}));
         const t = b.querySelector('.editor-input'); t.value = t.value + '\\n// shared by the e2e check\\n';
         t.dispatchEvent(new Event('input', {{bubbles: true}}));
         return true;",
        block(0)
    ))?;
    std::thread::sleep(Duration::from_millis(300));
    click_in(ctx, 0, ".share")?;
    let url = d.wait_for(
        "the share link",
        &format!(
            "const e = {}.querySelector('.share-url'); return e && e.value;",
            block(0)
        ),
        LOAD,
    )?;
    let url = url.as_str().unwrap_or("").to_string();
    if !url.starts_with(&format!("{}/en/play#v1.", ctx.isolated)) {
        return Err(format!("share link {url:?}"));
    }
    let before = settings_of(d, &block(0))?;
    crate::widgets::shot(ctx, &block(0), "share-link.png")?;

    // A fresh profile: nothing saved, nothing cached.
    let fresh = new_driver()?;
    fresh.goto(&url)?;
    fresh.wait_for(
        "the play page's playground",
        "return document.querySelector('.play .editor-input') !== null;",
        LOAD,
    )?;
    let after = settings_of(&fresh, "document.querySelector('.play')")?;
    if before != after {
        return Err(format!("shared {before} but the link opened {after}"));
    }
    if !after["code"]
        .as_str()
        .unwrap_or("")
        .contains("// shared by the e2e check")
    {
        return Err("the link lost the reader's edit".into());
    }
    let views = fresh.execute(
        "return [...document.querySelectorAll('.view-toggle')].filter(e => e.checked).map(e => e.className).join(' ');",
    )?;
    let expected_views = d.execute(&format!(
        "return {}.querySelectorAll('.view').length + ' ' + !!{}.querySelector('.view-hint');",
        block(0),
        block(0)
    ))?;
    fresh.screenshot(&ctx.out.join("share-opened.png"))?;
    // The scheduler chapter's first example attaches the G/M/P view.
    if !views.as_str().unwrap_or("").contains("view-gmp") {
        return Err(format!(
            "views on the play page: {views} (chapter example: {expected_views})"
        ));
    }
    Ok(())
}

pub fn a_garbled_link_says_so_and_keeps_the_readers_program(ctx: &Ctx) -> Result<(), String> {
    let d = &ctx.driver;
    d.goto(&format!("{}/zh/play", ctx.isolated))?;
    d.wait_for(
        "the play page",
        "return document.querySelector('.play .editor-input') !== null;",
        LOAD,
    )?;
    let mine = "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"我的程序\")\n}\n";
    d.execute(&format!(
        "const t = document.querySelector('.play .editor-input'); t.value = {mine:?}; t.dispatchEvent(new Event('input', {{bubbles: true}})); return true;"
    ))?;
    std::thread::sleep(Duration::from_millis(300));
    for garbled in [
        "#v1.AAAA-not-deflate",
        "#v9.from-the-future",
        "#v1.hZE9T8QwDIbn",
    ] {
        d.goto(&format!("{}/zh/play{garbled}", ctx.isolated))?;
        let message = d.wait_for(
            "the broken-link message",
            "const e = document.querySelector('.share-broken'); return e && e.textContent;",
            LOAD,
        )?;
        let code = d.execute("return document.querySelector('.play .editor-input').value;")?;
        if code.as_str() != Some(mine) {
            return Err(format!(
                "{garbled}: the editor shows {code} instead of the reader's program"
            ));
        }
        if !message.as_str().unwrap_or("").contains("链接") {
            return Err(format!("{garbled}: message {message}"));
        }
    }
    d.screenshot(&ctx.out.join("share-broken.png"))?;
    no_console_errors(ctx, "/zh/play with broken links")
}

pub fn the_embed_shows_one_playground_that_runs(ctx: &Ctx) -> Result<(), String> {
    let d = &ctx.driver;
    // A link made on the Chinese play page, opened as an embed.
    d.goto(&format!("{}/zh/play", ctx.isolated))?;
    d.wait_for(
        "the play page",
        "return document.querySelector('.play .share') !== null;",
        LOAD,
    )?;
    d.click(".play .share")?;
    let url = d.wait_for(
        "the share link",
        "const e = document.querySelector('.play .share-url'); return e && e.value;",
        LOAD,
    )?;
    let fragment = url
        .as_str()
        .unwrap_or("")
        .split_once('#')
        .map(|(_, f)| f.to_string());
    let fragment = fragment.ok_or("a share link without a fragment")?;
    d.goto(&format!("{}/embed#{fragment}", ctx.isolated))?;
    d.wait_for(
        "the embed",
        "return document.querySelector('.embed .run') !== null;",
        LOAD,
    )?;
    // Nothing but the playground: no top bar, no sidebar; a link back.
    let chrome = d.execute(
        "return [document.querySelector('.topbar'), document.querySelector('.sidebar')].filter(Boolean).length;",
    )?;
    if chrome.as_u64() != Some(0) {
        return Err("the embed shows the book's top bar or sidebar".into());
    }
    let back = d.execute("return document.querySelector('.embed-bar a').getAttribute('href');")?;
    if back.as_str() != Some(&format!("/zh/play#{fragment}")) {
        return Err(format!("the embed links back to {back}"));
    }
    d.click(".embed .run")?;
    let out = d.wait_for(
        "the embedded program to exit",
        "const c = document.querySelector('.embed .console'); return c.dataset.state === 'exited' && c.querySelector('.console-out').textContent;",
        LOAD,
    )?;
    // Shared from the Chinese page: the controls and the program are Chinese.
    if !out.as_str().unwrap_or("").contains("你好，来自 goroutine") {
        return Err(format!("the embed printed {out}"));
    }
    let run = d.execute("return document.querySelector('.embed .run').textContent;")?;
    if !run.as_str().unwrap_or("").contains("运行") {
        return Err(format!("the embed's Run button reads {run}"));
    }
    d.screenshot(&ctx.out.join("embed.png"))?;
    no_console_errors(ctx, "/embed")
}

pub fn copy_buttons_copy_code_and_output(ctx: &Ctx) -> Result<(), String> {
    let d = &ctx.driver;
    d.goto(&format!("{}/en/channels", ctx.isolated))?;
    d.wait_for(
        "a code block's Copy button",
        "return document.querySelector('.code-wrap .copy') !== null;",
        LOAD,
    )?;
    // Headless Chromium may refuse the clipboard: either way the button
    // must say what happened, and when it worked the clipboard holds the code.
    d.execute(
        "window.__copied = null;
         if (navigator.clipboard) { const w = navigator.clipboard.writeText.bind(navigator.clipboard);
           navigator.clipboard.writeText = (t) => { window.__copied = t; return w(t).catch(() => {}); }; }
         document.querySelector('.code-wrap .copy').click(); return true;",
    )?;
    let status = d.wait_for(
        "the Copy button's answer",
        "const b = document.querySelector('.code-wrap .copy'); return b.dataset.status && b.textContent;",
        LOAD,
    )?;
    let copied = d.execute("return window.__copied;")?;
    let code = d.execute("return document.querySelector('.code-wrap code').textContent;")?;
    if copied != code {
        return Err(format!(
            "copied {copied} for the code {code} (button: {status})"
        ));
    }
    // The console's Copy: the output of a run.
    click_in(ctx, 0, ".run")?;
    crate::widgets::wait_exited(ctx, 0, "the example to exit", LOAD)?;
    d.execute(&format!(
        "{}.querySelector('.run-tools .copy').click(); return true;",
        block(0)
    ))?;
    d.wait_for(
        "the output copied",
        &format!(
            "return window.__copied !== null && window.__copied === {}.querySelector('.console-out').textContent;",
            block(0)
        ),
        LOAD,
    )?;
    Ok(())
}

pub fn the_play_page_runs_a_program(ctx: &Ctx) -> Result<(), String> {
    let d = &ctx.driver;
    // A blank profile's play page: the default program.
    d.execute(
        "Object.keys(localStorage).filter(k => k.startsWith('golab.code.') && k.includes('.play.')).forEach(k => localStorage.removeItem(k)); return true;",
    )?;
    crate::widgets::open_play(ctx, None)?;
    d.click(".play .run")?;
    let out = d.wait_for(
        "the program to exit",
        "const c = document.querySelector('.play .console'); return c.dataset.state === 'exited' && document.querySelector('.play .console-out').textContent;",
        LOAD,
    )?;
    let out = out.as_str().unwrap_or("");
    for i in 1..=3 {
        if !out.contains(&format!("hello from goroutine {i}")) {
            return Err(format!("output {out:?}"));
        }
    }
    // Download trace: Chrome trace JSON of the run (caught at the Blob).
    d.execute(
        "window.__trace = null; const make = URL.createObjectURL.bind(URL);
         URL.createObjectURL = (b) => { b.text().then(t => window.__trace = t); return make(b); };
         document.querySelector('.play .download-trace').click(); return true;",
    )?;
    let trace = d.wait_for(
        "the downloaded trace",
        "return window.__trace && window.__trace.slice(0, 40);",
        LOAD,
    )?;
    if !trace
        .as_str()
        .unwrap_or("")
        .starts_with("{\"traceEvents\":[")
    {
        return Err(format!("the downloaded trace begins {trace}"));
    }
    // The G/M/P view is on by default; the reader can add the timeline.
    d.click(".play .view-toggle.view-timeline")?;
    d.click(".play .run")?;
    d.wait_for(
        "the timeline",
        "return document.querySelector('.play .view-timeline') !== null;",
        LOAD,
    )?;
    d.screenshot(&ctx.out.join("play.png"))?;
    no_console_errors(ctx, "/en/play")
}

/// Opens search with `/`, types `query`, and returns the results' links.
fn search(d: &Driver, query: &str) -> Result<Vec<String>, String> {
    d.execute(
        "document.body.dispatchEvent(new KeyboardEvent('keydown', {key: '/', bubbles: true})); return true;",
    )?;
    d.wait_for(
        "the search box to have focus",
        "return document.activeElement && document.activeElement.classList.contains('search-input');",
        LOAD,
    )?;
    d.execute(&format!(
        "const i = document.activeElement; i.value = {query:?}; i.dispatchEvent(new InputEvent('input', {{bubbles: true}})); return true;"
    ))?;
    let links = d.wait_for(
        &format!("results for {query}"),
        "const r = [...document.querySelectorAll('.search-result a')].map(a => a.getAttribute('href')); return r.length && r;",
        LOAD,
    )?;
    Ok(links
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default())
}

pub fn search_finds_the_scheduler_in_both_languages(ctx: &Ctx) -> Result<(), String> {
    let d = &ctx.driver;
    for (page, query, want) in [
        ("/zh/processes-and-threads", "调度", "/zh/scheduler"),
        ("/zh/processes-and-threads", "调度器", "/zh/scheduler"),
        ("/zh/channels", "runnext", "/zh/scheduler"),
        ("/en/channels", "runnext", "/en/scheduler"),
        ("/en/processes-and-threads", "schedulers", "/en/scheduler"),
    ] {
        d.goto(&format!("{}{page}", ctx.isolated))?;
        d.wait_for(
            "the chapter",
            "return document.querySelector('.chapter h1') !== null;",
            LOAD,
        )?;
        let links = search(d, query)?;
        if !links.iter().any(|l| l.starts_with(want)) {
            return Err(format!("{page}: {query} found {links:?}"));
        }
        if query == "调度" {
            d.screenshot(&ctx.out.join("search-zh.png"))?;
        }
    }
    // Keyboard: the arrow keys move through the results, Enter goes there.
    let links = search(d, "runnext")?;
    let target = links.get(1).cloned().ok_or("only one result for runnext")?;
    d.execute(
        "const i = document.activeElement;
         i.dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowDown', bubbles: true}));
         return true;",
    )?;
    std::thread::sleep(Duration::from_millis(100));
    d.execute(
        "document.activeElement.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', bubbles: true})); return true;",
    )?;
    let path = target.split('#').next().unwrap_or(&target).to_string();
    d.wait_for(
        &format!("Enter to go to {target}"),
        &format!("return location.pathname === {path:?} && document.querySelector('.search-panel') === null;"),
        LOAD,
    )?;
    no_console_errors(ctx, "search")
}

pub fn the_book_reads_and_runs_offline(ctx: &Ctx) -> Result<(), String> {
    let mut server = Stoppable::start(ctx.dist.clone(), true).map_err(|e| e.to_string())?;
    let d = new_driver()?;
    d.goto(&format!("{}/zh/processes-and-threads", server.url))?;
    d.wait_for(
        "the first chapter",
        "return document.querySelector('.chapter h1') !== null;",
        LOAD,
    )?;
    // The service worker has stored the whole site (a chapter never opened
    // included) once it is active and its cache holds that chapter.
    d.wait_for(
        "the service worker to keep the site",
        "if (!window.__golabOffline) {
             window.__golabOffline = 'pending';
             navigator.serviceWorker.ready
                 .then(() => caches.keys())
                 .then(keys => Promise.all(keys.filter(k => k.startsWith('golab-')).map(k => caches.open(k).then(c => c.match('/chapters/en/03-scheduler.doc')))))
                 .then(found => { window.__golabOffline = found.some(Boolean) ? 'ready' : null; },
                       () => { window.__golabOffline = null; });
         }
         return window.__golabOffline === 'ready';",
        Duration::from_secs(60),
    )?;
    server.stop();
    d.set_offline(true)?;
    let result = (|| {
        d.goto(&format!("{}/en/scheduler", server.url))?;
        let h1 = d.wait_for(
            "a chapter never opened, offline",
            "const h = document.querySelector('.chapter h1'); return h && h.textContent;",
            LOAD,
        )?;
        if !h1.as_str().unwrap_or("").contains("scheduler") {
            return Err(format!("offline, /en/scheduler shows {h1}"));
        }
        d.execute(&format!(
            "{}.querySelector('.run').click(); return true;",
            block(0)
        ))?;
        d.wait_for(
            "its first example to run offline",
            &format!(
                "return {}.querySelector('.console').dataset.state === 'exited';",
                block(0)
            ),
            LOAD,
        )?;
        let isolated = d.execute("return self.crossOriginIsolated;")?;
        if isolated.as_bool() != Some(true) {
            return Err("offline, the page is no longer cross-origin isolated".into());
        }
        d.screenshot(&ctx.out.join("offline.png"))
    })();
    let _ = d.set_offline(false);
    result
}
