//! End-to-end checks of the playground and the widgets ([Widgets]): a
//! chapter example runs and prints its `// Output:`, Stop ends an endless
//! loop while the page stays responsive, an edit survives a reload and
//! Reset restores the chapter's code, stepping draws the G/M/P diagram,
//! "Run 100 times" fills a histogram, and the process-vs-thread widget
//! reacts. Each check leaves a screenshot of its widget under `--out`.

use crate::{no_console_errors, Ctx, LOAD};
use std::time::{Duration, Instant};

/// `document.querySelectorAll('[data-block=go-run]')[i]` as a JS expression.
pub(crate) fn block(i: usize) -> String {
    format!("document.querySelectorAll('[data-block=go-run]')[{i}]")
}

fn open(ctx: &Ctx, path: &str) -> Result<(), String> {
    let d = &ctx.driver;
    d.goto(&format!("{}{path}", ctx.isolated))?;
    d.wait_for(
        &format!("{path}: a playground"),
        "return document.querySelector('.playground .editor-input') !== null;",
        LOAD,
    )?;
    Ok(())
}

/// Clicks `css` inside go-run block `i`.
pub(crate) fn click_in(ctx: &Ctx, i: usize, css: &str) -> Result<(), String> {
    let ok = ctx.driver.execute(&format!(
        "const b = {}; const e = b && b.querySelector({css:?}); if (!e || e.disabled) return false; e.click(); return true;",
        block(i)
    ))?;
    if ok.as_bool() == Some(true) {
        Ok(())
    } else {
        Err(format!("block {i}: no enabled {css}"))
    }
}

/// Opens `/en/play` and, given `code`, puts it in the editor as if typed
/// (then lets the page take the edit).
pub(crate) fn open_play(ctx: &Ctx, code: Option<&str>) -> Result<(), String> {
    let d = &ctx.driver;
    d.goto(&format!("{}/en/play", ctx.isolated))?;
    d.wait_for(
        "the play page",
        "return document.querySelector('.play .editor-input') !== null;",
        LOAD,
    )?;
    if let Some(code) = code {
        d.execute(&format!(
            "const t = document.querySelector('.play .editor-input'); t.value = {code:?}; t.dispatchEvent(new Event('input', {{bubbles: true}})); return true;"
        ))?;
        std::thread::sleep(Duration::from_millis(200));
    }
    Ok(())
}

pub(crate) fn state_of(ctx: &Ctx, i: usize) -> Result<String, String> {
    let v = ctx.driver.execute(&format!(
        "const c = {}.querySelector('.console'); return c ? c.dataset.state : null;",
        block(i)
    ))?;
    Ok(v.as_str().unwrap_or("").to_string())
}

pub(crate) fn set_code(ctx: &Ctx, i: usize, code: &str) -> Result<(), String> {
    ctx.driver.execute(&format!(
        "const t = {}.querySelector('.editor-input'); t.value = {code:?}; t.dispatchEvent(new Event('input', {{bubbles: true}})); return true;",
        block(i)
    ))?;
    Ok(())
}

pub(crate) fn shot(ctx: &Ctx, css_expr: &str, name: &str) -> Result<(), String> {
    ctx.driver.execute(&format!(
        "const e = {css_expr}; if (e) e.scrollIntoView({{block: 'start'}}); window.scrollBy(0, -56); return true;"
    ))?;
    std::thread::sleep(Duration::from_millis(300));
    ctx.driver.screenshot(&ctx.out.join(name))
}

pub fn example_prints_its_output(ctx: &Ctx) -> Result<(), String> {
    let d = &ctx.driver;
    open(ctx, "/en/processes-and-threads")?;
    // The chapter's first example states `// Output:`.
    click_in(ctx, 0, ".run")?;
    wait_exited(ctx, 0, "the example to exit", LOAD)?;
    let out = d.execute(&format!(
        "return {}.querySelector('.console-out').textContent;",
        block(0)
    ))?;
    let out = out.as_str().unwrap_or("");
    if !out.contains("main reads: written by a goroutine") {
        return Err(format!("console shows {out:?}"));
    }
    let ok = d.execute(&format!(
        "return {}.querySelector('.run-expected.ok') !== null;",
        block(0)
    ))?;
    if ok.as_bool() != Some(true) {
        return Err("the console does not confirm the // Output: match".into());
    }
    shot(
        ctx,
        &format!("{}.querySelector('.controls')", block(0)),
        "playground-output.png",
    )?;
    no_console_errors(ctx, "playground run")
}

const CONTEXT_PROGRAM: &str = r#"package main

import (
	"context"
	"fmt"
	"time"
)

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	select {
	case <-ctx.Done():
		fmt.Println("done:", ctx.Err())
	case <-time.After(time.Second):
		fmt.Println("late")
	}
}
"#;

/// A program importing `context` (a library package written in Go, which
/// the page fetches on first use, not part of the first view) compiles,
/// runs and times out as Go's does; the package's file was fetched.
pub fn context_package_is_fetched_and_runs(ctx: &Ctx) -> Result<(), String> {
    let d = &ctx.driver;
    open(ctx, "/en/processes-and-threads")?;
    let fetched_before = d.execute(
        "return performance.getEntriesByType('resource').filter(e => e.name.includes('/golib/context.go')).length;",
    )?;
    if fetched_before != serde_json::json!(0) {
        return Err(format!(
            "context.go fetched before any program imports it: {fetched_before}"
        ));
    }
    set_code(ctx, 0, CONTEXT_PROGRAM)?;
    click_in(ctx, 0, ".run")?;
    d.wait_for(
        "the context program to time out",
        &format!(
            "return {}.querySelector('.console-out').textContent.includes('done: context deadline exceeded');",
            block(0)
        ),
        LOAD,
    )?;
    let fetched = d.execute(
        "return performance.getEntriesByType('resource').filter(e => e.name.includes('/golib/context.go')).length;",
    )?;
    if fetched != serde_json::json!(1) {
        return Err(format!("context.go fetched {fetched} times, want once"));
    }
    click_in(ctx, 0, ".reset")?;
    Ok(())
}

pub fn stop_ends_an_endless_loop(ctx: &Ctx) -> Result<(), String> {
    let d = &ctx.driver;
    open(ctx, "/en/processes-and-threads")?;
    set_code(
        ctx,
        0,
        "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfor i := 0; ; i++ {\n\t\tif i%1000000 == 0 {\n\t\t\tfmt.Println(i)\n\t\t}\n\t}\n}\n",
    )?;
    click_in(ctx, 0, ".run")?;
    d.wait_for(
        "the loop to print",
        &format!(
            "return {}.querySelector('.console-out').textContent.includes('1000000');",
            block(0)
        ),
        LOAD,
    )?;
    // The page answers while the loop runs: scripts run between frames.
    let t0 = Instant::now();
    d.execute("return document.title;")?;
    if t0.elapsed() > Duration::from_millis(500) {
        return Err(format!(
            "the page took {:?} to answer during the run",
            t0.elapsed()
        ));
    }
    if state_of(ctx, 0)? != "running" {
        return Err(format!("state is {} while looping", state_of(ctx, 0)?));
    }
    let t0 = Instant::now();
    click_in(ctx, 0, ".stop")?;
    d.wait_for(
        "the run to stop",
        &format!(
            "return {}.querySelector('.console').dataset.state === 'stopped';",
            block(0)
        ),
        Duration::from_secs(2),
    )?;
    let took = t0.elapsed();
    // Once stopped, nothing more is printed.
    let before = d.execute(&format!(
        "return {}.querySelector('.console-out').textContent.length;",
        block(0)
    ))?;
    std::thread::sleep(Duration::from_millis(300));
    let after = d.execute(&format!(
        "return {}.querySelector('.console-out').textContent.length;",
        block(0)
    ))?;
    if before != after {
        return Err("output kept growing after Stop".into());
    }
    shot(
        ctx,
        &format!("{}.querySelector('.controls')", block(0)),
        "playground-stopped.png",
    )?;
    println!("        (Stop took {took:?})");
    // Leave the saved edit behind for nobody.
    click_in(ctx, 0, ".reset")?;
    no_console_errors(ctx, "stop")
}

pub fn edit_survives_reload_and_reset_restores(ctx: &Ctx) -> Result<(), String> {
    let d = &ctx.driver;
    open(ctx, "/en/processes-and-threads")?;
    let original = d.execute(&format!(
        "return {}.querySelector('.editor-input').value;",
        block(1)
    ))?;
    let original = original.as_str().unwrap_or("").to_string();
    let edited = original.replace("package main", "package main // edited by e2e");
    set_code(ctx, 1, &edited)?;
    std::thread::sleep(Duration::from_millis(100));
    open(ctx, "/en/processes-and-threads")?;
    let now = d.execute(&format!(
        "return {}.querySelector('.editor-input').value;",
        block(1)
    ))?;
    if now.as_str() != Some(edited.as_str()) {
        return Err("the edit is gone after a reload".into());
    }
    let painted = d.execute(&format!(
        "return {}.querySelector('.editor-paint').textContent.includes('edited by e2e');",
        block(1)
    ))?;
    if painted.as_bool() != Some(true) {
        return Err("the highlighted layer does not show the edit".into());
    }
    // Edits are kept per language: the Chinese page keeps its own program.
    open(ctx, "/zh/processes-and-threads")?;
    let zh = d.execute(&format!(
        "return {}.querySelector('.editor-input').value;",
        block(1)
    ))?;
    if zh.as_str().unwrap_or("").contains("edited by e2e") {
        return Err("an edit on the English page replaced the Chinese page's program".into());
    }
    open(ctx, "/en/processes-and-threads")?;
    click_in(ctx, 1, ".reset")?;
    d.wait_for(
        "Reset to restore the code",
        &format!(
            "return {}.querySelector('.editor-input').value === {original:?};",
            block(1)
        ),
        LOAD,
    )?;
    open(ctx, "/en/processes-and-threads")?;
    let now = d.execute(&format!(
        "return {}.querySelector('.editor-input').value;",
        block(1)
    ))?;
    if now.as_str() != Some(original.as_str()) {
        return Err("after Reset and a reload the edit came back".into());
    }
    // "(as the chapter expects)" is about the chapter's program: an edited
    // one that exits the same way gets no such note.
    let i = d.execute(
        "return [...document.querySelectorAll('[data-block=go-run]')].findIndex(b => b.querySelector('.editor-input').value.includes('os.Exit(3)'));",
    )?;
    let i = i.as_u64().ok_or("no os.Exit(3) example in chapter 1")? as usize;
    click_in(ctx, i, ".run")?;
    wait_exited(ctx, i, "the os.Exit(3) example", LOAD)?;
    let note = |d: &crate::webdriver::Driver| {
        d.execute(&format!(
            "const n = {}.querySelector('.run-note'); return n ? n.textContent : '';",
            block(i)
        ))
    };
    if !note(d)?
        .as_str()
        .unwrap_or("")
        .contains("as the chapter expects")
    {
        return Err("the chapter's exit=3 example lacks its note".into());
    }
    let code = d.execute(&format!(
        "return {}.querySelector('.editor-input').value;",
        block(i)
    ))?;
    set_code(
        ctx,
        i,
        &format!("{}// my edit\n", code.as_str().unwrap_or("")),
    )?;
    std::thread::sleep(Duration::from_millis(100));
    click_in(ctx, i, ".run")?;
    wait_exited(ctx, i, "the edited example", LOAD)?;
    if note(d)?
        .as_str()
        .unwrap_or("")
        .contains("as the chapter expects")
    {
        return Err("an edited program is said to exit \"as the chapter expects\"".into());
    }
    click_in(ctx, i, ".reset")?;
    no_console_errors(ctx, "edit persistence")
}

pub fn diagnostics_as_you_type(ctx: &Ctx) -> Result<(), String> {
    let d = &ctx.driver;
    open(ctx, "/en/processes-and-threads")?;
    set_code(ctx, 0, "package main\n\nfunc main() {\n\tx := 1\n}\n")?;
    let msg = d.wait_for(
        "a diagnostic",
        &format!(
            "const e = {}.querySelector('.diags'); return e && e.textContent;",
            block(0)
        ),
        LOAD,
    )?;
    let msg = msg.as_str().unwrap_or("");
    if !msg.contains("prog.go:4:2") || !msg.contains("declared but not used") {
        return Err(format!("diagnostic reads {msg:?}"));
    }
    let underlined = d.execute(&format!(
        "const e = {}.querySelector('.editor-paint .diag'); return e && e.textContent;",
        block(0)
    ))?;
    if underlined.as_str() != Some("x") {
        return Err(format!("underlined {underlined}"));
    }
    shot(ctx, &block(0), "playground-diagnostic.png")?;
    click_in(ctx, 0, ".reset")?;
    no_console_errors(ctx, "diagnostics")
}

/// A program importing a package the page cannot run gets the error in the
/// reader's language with a link to "What Go runs here", whose table is
/// the compiler's own (it lists `slices.Sort`, which is written in Go).
pub fn unavailable_package_links_to_what_go_runs_here(ctx: &Ctx) -> Result<(), String> {
    let d = &ctx.driver;
    open(ctx, "/zh/processes-and-threads")?;
    set_code(
        ctx,
        0,
        "package main\n\nimport \"net/http\"\n\nfunc main() {\n\thttp.Get(\"https://go.dev\")\n}\n",
    )?;
    let msg = d.wait_for(
        "the diagnostic",
        &format!(
            "const e = {}.querySelector('.diags'); return e && e.textContent.includes('net/http') && e.textContent;",
            block(0)
        ),
        LOAD,
    )?;
    let msg = msg.as_str().unwrap_or("");
    if !msg.contains("这里不能使用包 net/http：程序在你的浏览器里运行，没有网络")
    {
        return Err(format!("the diagnostic reads {msg:?}"));
    }
    shot(ctx, &block(0), "unavailable-package-zh.png")?;
    d.execute(&format!(
        "{}.querySelector('.diag-see').click(); return true;",
        block(0)
    ))?;
    let rows = d.wait_for(
        "the package table",
        // `|| false`: 0 rows (the chapter not loaded yet) is not an answer.
        "return location.pathname === '/zh/what-go-runs-here' && (document.querySelectorAll('table tbody tr').length || false);",
        LOAD,
    )?;
    if rows.as_i64().unwrap_or(0) < 20 {
        return Err(format!("{rows} packages listed"));
    }
    let slices = d.execute(
        "const r = [...document.querySelectorAll('table tbody tr')].find(r => r.cells[0].textContent === 'slices'); return r && r.textContent;",
    )?;
    if !slices.as_str().unwrap_or("").contains("Sort") {
        return Err(format!("the slices row reads {slices}"));
    }
    shot(
        ctx,
        "document.querySelector('table')",
        "what-go-runs-here-zh.png",
    )?;
    open(ctx, "/zh/processes-and-threads")?;
    click_in(ctx, 0, ".reset")?;
    no_console_errors(ctx, "what go runs here")
}

pub fn stepping_draws_the_gmp_diagram(ctx: &Ctx) -> Result<(), String> {
    let d = &ctx.driver;
    open(ctx, "/en/scheduler")?;
    let i = d
        .execute("return [...document.querySelectorAll('[data-block=go-run]')].findIndex(b => b.querySelector('.chip') && b.textContent.includes('view=gmp'));")?
        .as_i64()
        .filter(|i| *i >= 0)
        .ok_or("no view=gmp example in the scheduler chapter")? as usize;
    click_in(ctx, i, ".step")?;
    d.wait_for(
        "the G/M/P diagram",
        &format!("return {}.querySelector('.gmp .gmp-g') !== null;", block(i)),
        LOAD,
    )?;
    for _ in 0..6 {
        click_in(ctx, i, ".step-event")?;
        std::thread::sleep(Duration::from_millis(60));
    }
    let gs = d.execute(&format!(
        "return {}.querySelectorAll('.gmp .gmp-g').length;",
        block(i)
    ))?;
    if gs.as_u64().unwrap_or(0) == 0 {
        return Err("no goroutine chips".into());
    }
    if state_of(ctx, i)? != "paused" && state_of(ctx, i)? != "exited" {
        return Err(format!("state after stepping: {}", state_of(ctx, i)?));
    }
    shot(
        ctx,
        &format!("{}.querySelector('.view-gmp')", block(i)),
        "gmp-step.png",
    )?;
    click_in(ctx, i, ".run")?;
    wait_exited(ctx, i, "the run to end", LOAD)?;
    shot(
        ctx,
        &format!("{}.querySelector('.view-gmp')", block(i)),
        "gmp-done.png",
    )?;
    no_console_errors(ctx, "gmp")
}

pub fn run_100_times_histogram(ctx: &Ctx) -> Result<(), String> {
    let d = &ctx.driver;
    open(ctx, "/en/race-conditions")?;
    click_in(ctx, 0, ".run-100")?;
    d.wait_for(
        "100 runs",
        &format!(
            "return {}.querySelector('.run-many').dataset.runs === '100';",
            block(0)
        ),
        Duration::from_secs(120),
    )?;
    let bins = d.execute(&format!(
        "return {}.querySelectorAll('.histogram .bin').length;",
        block(0)
    ))?;
    if bins.as_u64().unwrap_or(0) == 0 {
        return Err("no histogram bars".into());
    }
    shot(
        ctx,
        &format!("{}.querySelector('.run-many')", block(0)),
        "run-100.png",
    )?;
    // A bar replays its seed in the playground.
    click_in(ctx, 0, ".histogram .bin")?;
    wait_exited(ctx, 0, "the replay to end", LOAD)?;
    no_console_errors(ctx, "run 100 times")
}

pub fn process_vs_thread_reacts(ctx: &Ctx) -> Result<(), String> {
    let d = &ctx.driver;
    open(ctx, "/en/processes-and-threads")?;
    d.click(".pvt-write")?;
    d.click(".pvt-read")?;
    let notes = d.wait_for(
        "the read notes",
        "const n = [...document.querySelectorAll('.pvt-note')].map(e => e.textContent).join('|'); return n.includes('x = 1') && n;",
        LOAD,
    )?;
    let notes = notes.as_str().unwrap_or("");
    if !notes.contains("Process B reads x = 0") || !notes.contains("Thread 2 reads x = 1") {
        return Err(format!("notes read {notes:?}"));
    }
    d.click(".pvt-end")?;
    d.wait_for(
        "the process to end",
        "return document.querySelector('.pvt').dataset.mainEnded === 'true' && document.querySelectorAll('.pvt-thread.dead').length === 3;",
        LOAD,
    )?;
    shot(
        ctx,
        "document.querySelector('.pvt')",
        "process-vs-thread.png",
    )?;
    no_console_errors(ctx, "process vs thread")
}

/// Index of the first go-run block whose caption names `view`.
fn block_with_view(ctx: &Ctx, view: &str) -> Result<usize, String> {
    ctx.driver
        .execute(&format!(
            "return [...document.querySelectorAll('[data-block=go-run]')].findIndex(b => [...b.querySelectorAll('figcaption .chip')].some(c => c.textContent.startsWith('view=') && c.textContent.includes({view:?})));"
        ))?
        .as_i64()
        .filter(|i| *i >= 0)
        .map(|i| i as usize)
        .ok_or_else(|| format!("no example with view={view}"))
}

fn run_to_exit(ctx: &Ctx, i: usize) -> Result<(), String> {
    click_in(ctx, i, ".run")?;
    wait_exited(ctx, i, "the run to end", Duration::from_secs(60))
}

/// Waits until go-run block `i`'s console says the program exited.
pub(crate) fn wait_exited(
    ctx: &Ctx,
    i: usize,
    what: &str,
    timeout: Duration,
) -> Result<(), String> {
    ctx.driver
        .wait_for(
            what,
            &format!(
                "return {}.querySelector('.console').dataset.state === 'exited';",
                block(i)
            ),
            timeout,
        )
        .map(|_| ())
}

/// Presses the atomic counter's Run and waits for its three totals;
/// returns them as `way=total` words.
pub(crate) fn run_atomic_counter(ctx: &Ctx, timeout: Duration) -> Result<String, String> {
    let d = &ctx.driver;
    d.click(".atomic-counter .ac-run")?;
    d.wait_for(
        "three totals",
        "return document.querySelector('.atomic-counter').dataset.running === 'false' && [...document.querySelectorAll('.ac-row')].every(r => r.dataset.total !== '');",
        timeout,
    )?;
    let totals = d.execute("return [...document.querySelectorAll('.ac-row')].map(r => r.dataset.way + '=' + r.dataset.total).join(' ');")?;
    Ok(totals.as_str().unwrap_or("").to_string())
}

pub fn timeline_shows_run_slices(ctx: &Ctx) -> Result<(), String> {
    let d = &ctx.driver;
    open(ctx, "/en/processes-and-threads")?;
    let i = block_with_view(ctx, "timeline")?;
    run_to_exit(ctx, i)?;
    let bars = d.wait_for(
        "timeline bars",
        &format!("const t = {}.querySelector('.timeline'); return t && Number(t.dataset.bars) > 0 && t.dataset.bars;", block(i)),
        LOAD,
    )?;
    println!("        ({} run slices)", bars.as_str().unwrap_or("?"));
    click_in(ctx, i, ".tl-tools .button")?; // zoom in
    shot(
        ctx,
        &format!("{}.querySelector('.view-timeline')", block(i)),
        "timeline.png",
    )?;
    no_console_errors(ctx, "timeline")
}

pub fn race_view_shows_the_lost_update(ctx: &Ctx) -> Result<(), String> {
    let d = &ctx.driver;
    open(ctx, "/en/race-conditions")?;
    let i = block_with_view(ctx, "race")?;
    run_to_exit(ctx, i)?;
    if let Err(e) = d.wait_for(
        "racing loads",
        &format!(
            "const r = {}.querySelector('.race'); return r && Number(r.dataset.racing) >= 2;",
            block(i)
        ),
        LOAD,
    ) {
        let _ = shot(ctx, &block(i), "failed-race.png");
        let state = d.execute(&format!(
            "const b = {}; const r = b.querySelector('.race'); return (r ? r.outerHTML.slice(0, 400) : 'no .race') + ' | console: ' + b.querySelector('.console-out').textContent.slice(0, 200) + ' | block {i}';",
            block(i)
        ))?;
        return Err(format!("{e}: {state}"));
    }
    let verdict = d.execute(&format!(
        "const v = {}.querySelector('.race-verdict'); return v && v.textContent;",
        block(i)
    ))?;
    let verdict = verdict.as_str().unwrap_or("");
    if !verdict.contains("final value 2, expected 4") {
        return Err(format!("race verdict reads {verdict:?}"));
    }
    shot(
        ctx,
        &format!("{}.querySelector('.view-race')", block(i)),
        "race.png",
    )?;
    race_report_links_highlight_both_lines(ctx)?;
    no_console_errors(ctx, "race view")
}

/// The chapter's `race=true` example: its report's two access lines are
/// buttons; pressing one highlights both lines in the editor, scrolled
/// into view (the button is below, in the console).
fn race_report_links_highlight_both_lines(ctx: &Ctx) -> Result<(), String> {
    let d = &ctx.driver;
    let i = d
        .execute("return [...document.querySelectorAll('[data-block=go-run]')].findIndex(b => { const t = b.querySelector('.race-toggle'); return t && t.checked; });")?
        .as_i64()
        .filter(|i| *i >= 0)
        .map(|i| i as usize)
        .ok_or("no example with the race detector on")?;
    run_to_exit(ctx, i)?;
    d.wait_for(
        "two race-report links",
        &format!(
            "return {}.querySelectorAll('.race-report .race-link').length === 2;",
            block(i)
        ),
        LOAD,
    )?;
    click_in(ctx, i, ".race-link")?;
    let lit = d.wait_for(
        "both lines highlighted",
        &format!(
            "const g = [...{}.querySelectorAll('.gutter-line.highlighted')].map(e => e.textContent).join(','); return g === '14,16' && g;",
            block(i)
        ),
        LOAD,
    )?;
    println!(
        "        (highlighted lines {})",
        lit.as_str().unwrap_or("?")
    );
    let seen = d.execute(&format!(
        "const r = {}.querySelector('.code-line.highlighted').getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight;",
        block(i)
    ))?;
    if seen.as_bool() != Some(true) {
        return Err("the highlighted line was not scrolled into view".into());
    }
    shot(ctx, &block(i), "race-report.png")?;
    shot(
        ctx,
        &format!("{}.querySelector('.console')", block(i)),
        "race-report-console.png",
    )
}

pub fn channels_view_and_comparison(ctx: &Ctx) -> Result<(), String> {
    let d = &ctx.driver;
    open(ctx, "/en/channels")?;
    let i = block_with_view(ctx, "channels")?;
    for _ in 0..12 {
        click_in(ctx, i, ".step-event")?;
    }
    d.wait_for(
        "a channel drawn",
        &format!(
            "return {}.querySelector('.channels .ch') !== null;",
            block(i)
        ),
        LOAD,
    )?;
    // Stepping on, a value travels from a sender to a receiver: the view
    // counts the hand-off and draws the travelling chip.
    let mut handed = 0;
    for _ in 0..60 {
        let v = d.execute(&format!(
            "return Math.max(0, ...[...{}.querySelectorAll('.channels .ch')].map(c => Number(c.dataset.handoffs)));",
            block(i)
        ))?;
        handed = v.as_u64().unwrap_or(0);
        if handed > 0 {
            break;
        }
        click_in(ctx, i, ".step-event")?;
    }
    if handed == 0 {
        return Err("stepping never showed a value handed from a sender to a receiver".into());
    }
    shot(
        ctx,
        &format!("{}.querySelector('.view-channels')", block(i)),
        "channels-view.png",
    )?;
    // The comparison widget: step both sides until the buffered one fills.
    d.wait_for(
        "the comparison widget",
        "return document.querySelector('.channel-compare .cmp-step') !== null;",
        LOAD,
    )?;
    let mut full = false;
    for _ in 0..60 {
        d.click(".channel-compare .cmp-step")?;
        let v = d.execute("const s = document.querySelectorAll('.cmp-side')[1]; const c = s && s.querySelector('.ch'); return c ? Number(c.dataset.qcount) : 0;")?;
        if v.as_u64() == Some(3) {
            full = true;
            break;
        }
    }
    if !full {
        return Err("the buffered side never filled its ring of 3".into());
    }
    let waiting = d.execute("const c = document.querySelectorAll('.cmp-side')[0].querySelector('.ch'); return c ? Number(c.dataset.sendq) + Number(c.dataset.recvq) : -1;")?;
    println!(
        "        (unbuffered side: {waiting} goroutine(s) waiting when the buffered ring is full)"
    );
    shot(
        ctx,
        "document.querySelector('.channel-compare')",
        "channels-compare.png",
    )?;
    no_console_errors(ctx, "channels")
}

pub fn atomic_counter_totals(ctx: &Ctx) -> Result<(), String> {
    let d = &ctx.driver;
    open(ctx, "/en/locking")?;
    d.wait_for(
        "the atomic counter widget",
        "return document.querySelector('.atomic-counter .ac-run') !== null;",
        LOAD,
    )?;
    let totals = run_atomic_counter(ctx, Duration::from_secs(120))?;
    if !totals.contains("atomic=4000") || !totals.contains("mutex=4000") {
        return Err(format!("totals: {totals}"));
    }
    println!("        ({totals})");
    shot(
        ctx,
        "document.querySelector('.atomic-counter')",
        "atomic-counter.png",
    )?;
    no_console_errors(ctx, "atomic counter")
}

pub fn gmp_widget_and_chinese(ctx: &Ctx) -> Result<(), String> {
    let d = &ctx.driver;
    open(ctx, "/zh/concurrency-and-parallelism")?;
    d.wait_for(
        "the gmp widget",
        "return document.querySelector('[data-widget=gmp] .playground .step') !== null;",
        LOAD,
    )?;
    for _ in 0..8 {
        d.click("[data-widget=gmp] .playground .step-event")?;
    }
    d.wait_for(
        "chips",
        "return document.querySelectorAll('[data-widget=gmp] .gmp-g').length > 0;",
        LOAD,
    )?;
    shot(
        ctx,
        "document.querySelector('[data-widget=gmp] .view-gmp')",
        "gmp-widget-zh.png",
    )?;
    no_console_errors(ctx, "gmp widget (zh)")
}

/// The widgets in the dark theme: a second browser whose binary is a small
/// wrapper adding `--force-dark-mode` (which makes `prefers-color-scheme`
/// dark), so the stylesheet's dark palette is what the screenshots show.
pub fn dark_theme_screenshots(ctx: &Ctx) -> Result<(), String> {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let chromedriver = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
    std::fs::create_dir_all(&ctx.out).map_err(|e| e.to_string())?;
    let wrapper = ctx.out.join("chromium-dark.sh");
    std::fs::write(
        &wrapper,
        format!("#!/bin/sh\nexec {chromium:?} --force-dark-mode \"$@\"\n"),
    )
    .map_err(|e| e.to_string())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&wrapper, std::fs::Permissions::from_mode(0o755))
            .map_err(|e| e.to_string())?;
    }
    let driver = crate::webdriver::Driver::start(&wrapper.display().to_string(), &chromedriver)?;
    let dark = Ctx {
        driver,
        isolated: ctx.isolated.clone(),
        plain: ctx.plain.clone(),
        static_host: ctx.static_host.clone(),
        out: ctx.out.clone(),
        dist: ctx.dist.clone(),
    };
    let d = &dark.driver;
    open(&dark, "/en/race-conditions")?;
    if d.execute("return matchMedia('(prefers-color-scheme: dark)').matches;")?
        .as_bool()
        != Some(true)
    {
        return Err("the page is not in the dark theme".into());
    }
    let i = block_with_view(&dark, "race")?;
    run_to_exit(&dark, i)?;
    shot(
        &dark,
        &format!("{}.querySelector('.view-race')", block(i)),
        "dark-race.png",
    )?;
    open(&dark, "/en/scheduler")?;
    let i = block_with_view(&dark, "gmp")?;
    for _ in 0..8 {
        click_in(&dark, i, ".step-event")?;
    }
    shot(
        &dark,
        &format!("{}.querySelector('.view-gmp')", block(i)),
        "dark-gmp.png",
    )?;
    shot(&dark, &block(i), "dark-editor.png")?;
    open(&dark, "/en/channels")?;
    d.wait_for(
        "the comparison widget",
        "return document.querySelector('.channel-compare .cmp-step') !== null;",
        LOAD,
    )?;
    for _ in 0..8 {
        d.click(".channel-compare .cmp-step")?;
    }
    shot(
        &dark,
        "document.querySelector('.channel-compare')",
        "dark-channels.png",
    )?;
    open(&dark, "/en/processes-and-threads")?;
    d.click(".pvt-write")?;
    d.click(".pvt-read")?;
    shot(
        &dark,
        "document.querySelector('.pvt')",
        "dark-process-vs-thread.png",
    )?;
    open(&dark, "/en/locking")?;
    let i = block_with_view(&dark, "timeline")?;
    run_to_exit(&dark, i)?;
    shot(
        &dark,
        &format!("{}.querySelector('.view-timeline')", block(i)),
        "dark-timeline.png",
    )?;
    no_console_errors(&dark, "dark theme")
}

/// axe-core (npm) on the contents page and on pages with every widget,
/// after stepping them: no serious or critical violations in the whole
/// document (header, sidebar, prose, runnable examples and widgets). The
/// script comes from
/// `node_modules/axe-core/axe.min.js` (or `$AXE_CORE`).
pub fn accessibility_axe(ctx: &Ctx) -> Result<(), String> {
    let d = &ctx.driver;
    let path =
        std::env::var("AXE_CORE").unwrap_or_else(|_| "node_modules/axe-core/axe.min.js".into());
    let axe = std::fs::read_to_string(&path)
        .map_err(|e| format!("{path}: {e} (axe-core comes from npm: `npm install axe-core`)"))?;
    // Whole pages, every route in both languages, at desktop width in the
    // light theme and at phone width in the dark one.
    let mut pages = vec![
        "/".to_string(),
        "/en/play".to_string(),
        "/zh/play".to_string(),
    ];
    for c in golab_book::content::chapters() {
        for lang in golab_book::lang::Lang::ALL {
            pages.push(format!("/{}/{}", lang.code(), c.slug));
        }
    }
    let mut report = Vec::new();
    for (look, dark, width) in [("light, 1280 px", false, 1280), ("dark, 390 px", true, 390)] {
        d.cdp(
            "Emulation.setEmulatedMedia",
            serde_json::json!({"features": [{"name": "prefers-color-scheme", "value": if dark { "dark" } else { "light" }}]}),
        )?;
        d.cdp(
            "Emulation.setDeviceMetricsOverride",
            serde_json::json!({"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600}),
        )?;
        for page in &pages {
            d.goto(&format!("{}{page}", ctx.isolated))?;
            d.wait_for(
                &format!("{page} to render"),
                "return document.querySelector('article.chapter:not([aria-busy]) h1, .play h1, .home h1') !== null;",
                LOAD,
            )?;
            // Give the views something to draw (step the first playground),
            // and end the process-vs-thread widget's process (its greyed state).
            let _ = click_in(ctx, 0, ".step-event");
            let _ = click_in(ctx, 0, ".step-event");
            let _ = d.execute(
                "const e = document.querySelector('.pvt-end'); if (e) e.click(); return true;",
            );
            // Blocks out of view skip rendering (`content-visibility: auto`)
            // and sit at a placeholder height, where axe would measure text
            // against whatever the placeholder overlaps: judge the page as
            // each part looks once scrolled to, fully laid out.
            d.execute(
                "const s = document.createElement('style'); s.textContent = '.chapter > * { content-visibility: visible !important; }'; document.head.append(s); return true;",
            )?;
            std::thread::sleep(Duration::from_millis(200));
            d.execute(&format!("{axe}\n; window.__axe = null; axe.run(document, {{resultTypes: ['violations']}}).then(r => window.__axe = r.violations.map(v => ({{id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length, target: [...new Set(v.nodes.map(n => (n.target.join(' ').split(/[ >]/).filter(x => x.startsWith('.')).pop() || n.target.join(' ')) + ' ' + (n.any[0] && n.any[0].data ? n.any[0].data.fgColor + '/' + n.any[0].data.bgColor + ' ' + n.any[0].data.contrastRatio : '')))].join(' | ')}}))); return true;"))?;
            let v = d.wait_for(
                "axe",
                "return window.__axe && JSON.stringify(window.__axe);",
                Duration::from_secs(60),
            )?;
            let list: Vec<serde_json::Value> =
                serde_json::from_str(v.as_str().unwrap_or("[]")).map_err(|e| e.to_string())?;
            for item in list {
                let impact = item["impact"].as_str().unwrap_or("");
                if impact == "serious" || impact == "critical" {
                    report.push(format!(
                        "{page} ({look}): {} ({impact}, {} nodes, e.g. {}): {}",
                        item["id"], item["nodes"], item["target"], item["help"]
                    ));
                }
            }
        }
    }
    let _ = d.cdp(
        "Emulation.clearDeviceMetricsOverride",
        serde_json::json!({}),
    );
    let _ = d.cdp(
        "Emulation.setEmulatedMedia",
        serde_json::json!({"features": []}),
    );
    if report.is_empty() {
        Ok(())
    } else {
        Err(report.join("\n        "))
    }
}

/// Every control of a playground is reachable with Tab and works with the
/// keyboard: Tab from the editor (after Escape) reaches Run, Enter runs.
pub fn keyboard_runs_an_example(ctx: &Ctx) -> Result<(), String> {
    let d = &ctx.driver;
    open(ctx, "/en/processes-and-threads")?;
    // Focus order inside the playground: the editor, then the toolbar.
    let order = d.execute(&format!(
        "const b = {}; const f = [...b.querySelectorAll('textarea, button, select, input, [tabindex]')].filter(e => !e.disabled && e.tabIndex >= 0); return f.map(e => e.className.split(' ').pop() || e.tagName).join(',');",
        block(0)
    ))?;
    let order = order.as_str().unwrap_or("");
    for want in [
        "editor-input",
        "run",
        "step",
        "step-event",
        "gomaxprocs",
        "seed",
        "new-seed",
        "speed",
        "run-100",
    ] {
        if !order.split(',').any(|c| c == want) {
            return Err(format!(
                "{want} is not keyboard-focusable; focus order: {order}"
            ));
        }
    }
    Ok(())
}

/// A view's record filling up must not end the reader's program (issue 18,
/// item 2): 2 goroutines x 300,000 yields with the timeline attached make
/// about 1.2 million events, more than the views keep; the program prints
/// its line and exits, and the page says the record stopped, not the run.
pub fn a_full_trace_does_not_end_the_run(ctx: &Ctx) -> Result<(), String> {
    let d = &ctx.driver;
    let src = "package main\n\nimport (\n\t\"fmt\"\n\t\"runtime\"\n\t\"sync\"\n)\n\nfunc main() {\n\tvar wg sync.WaitGroup\n\tfor g := 0; g < 2; g++ {\n\t\twg.Add(1)\n\t\tgo func() {\n\t\t\tdefer wg.Done()\n\t\t\tfor i := 0; i < 300000; i++ {\n\t\t\t\truntime.Gosched()\n\t\t\t}\n\t\t}()\n\t}\n\twg.Wait()\n\tfmt.Println(\"total printed\")\n}\n";
    open_play(ctx, Some(src))?;
    d.click(".play .view-toggle.view-timeline")?;
    d.click(".play .run")?;
    let state = d.wait_for(
        "the run to end",
        "const c = document.querySelector('.play .console'); return ['exited', 'stopped'].includes(c.dataset.state) && c.dataset.state;",
        Duration::from_secs(90),
    )?;
    let out = d.execute("return document.querySelector('.play .console').textContent;")?;
    let out = out.as_str().unwrap_or("");
    if state.as_str() != Some("exited") || !out.contains("total printed") {
        return Err(format!("the run ended {state}: {out:?}"));
    }
    if out.contains("stopped by you") {
        return Err("the console says the reader stopped a run they did not stop".into());
    }
    let note = d.execute(
        "const n = document.querySelector('.play .trace-full'); return n && n.textContent;",
    )?;
    if !note.as_str().unwrap_or("").contains("ran on to its end") {
        return Err(format!("the note about the full record: {note}"));
    }
    shot(
        ctx,
        "document.querySelector('.play .run-example')",
        "trace-full.png",
    )?;
    no_console_errors(ctx, "a full trace")
}

/// After the program exits, the G/M/P view shows no P running (issue 18:
/// P0 kept showing `_Prunning`).
pub fn after_exit_no_p_runs(ctx: &Ctx) -> Result<(), String> {
    let d = &ctx.driver;
    open_play(ctx, None)?;
    d.click(".play .run")?;
    let ps = d.wait_for(
        "the exited run's G/M/P view",
        "const c = document.querySelector('.play .console'); if (c.dataset.state !== 'exited') return null;
         const p = [...document.querySelectorAll('.play .gmp-p')].map(g => g.textContent); return p.length && p;",
        LOAD,
    )?;
    let text = ps.to_string();
    if text.contains("_Prunning") || !text.contains("_Pdead") {
        return Err(format!("after exit the Ps read {text}"));
    }
    no_console_errors(ctx, "after exit")
}

/// A program that prints more than the console keeps: its first lines, a
/// note of what was cut, and its last line (the total) are all shown
/// (issue 18: only the first 64 KB were kept).
pub fn a_long_output_keeps_its_head_and_tail(ctx: &Ctx) -> Result<(), String> {
    let d = &ctx.driver;
    let src = "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tsum := 0\n\tfor i := 0; i < 20000; i++ {\n\t\tfmt.Println(\"line\", i)\n\t\tsum += i\n\t}\n\tfmt.Println(\"total:\", sum)\n}\n";
    open_play(ctx, Some(src))?;
    d.click(".play .run")?;
    let parts = d.wait_for(
        "the run to end",
        "const c = document.querySelector('.play .console'); if (c.dataset.state !== 'exited') return null;
         const out = c.querySelector('.console-out'); const cut = out.querySelector('.out-cut');
         return [out.textContent.slice(0, 20), cut ? cut.textContent : '', out.textContent.trimEnd().split('\\n').pop(),
                 cut && cut.nextSibling ? 'after' : 'last'];",
        LOAD,
    )?;
    let parts: Vec<&str> = parts
        .as_array()
        .map(|a| a.iter().map(|v| v.as_str().unwrap_or("")).collect())
        .unwrap_or_default();
    if parts.len() != 4
        || !parts[0].starts_with("line 0\nline 1")
        || !parts[1].contains("bytes cut here")
        || parts[2] != "total: 199990000"
        || parts[3] != "after"
    {
        return Err(format!("the console shows {parts:?}"));
    }
    no_console_errors(ctx, "a long output")
}

/// An M in a system call holds its G below its name: the "syscall" label
/// must not sit under the G chip (issue 18: it was hidden there).
pub fn a_syscall_label_is_not_under_its_g(ctx: &Ctx) -> Result<(), String> {
    let d = &ctx.driver;
    open(ctx, "/en/scheduler")?;
    let i = d.execute(
        "return [...document.querySelectorAll('[data-block=go-run]')].findIndex(b => b.querySelector('.editor-input').value.includes('os.ReadFile'));",
    )?;
    let i = i.as_u64().ok_or("no os.ReadFile example in chapter 3")? as usize;
    for _ in 0..400 {
        click_in(ctx, i, ".step-event")?;
        let found = d.execute(&format!(
            "return {}.querySelector('.gmp-free-m.syscall') !== null;",
            block(i)
        ))?;
        if found.as_bool() == Some(true) {
            let overlap = d.execute(&format!(
                "const b = {};
                 const label = b.querySelector('.gmp-free-m.syscall text.gmp-small').getBoundingClientRect();
                 return [...b.querySelectorAll('.gmp-g rect')].some(r => {{ const c = r.getBoundingClientRect();
                     return c.left < label.right && label.left < c.right && c.top < label.bottom && label.top < c.bottom; }});",
                block(i)
            ))?;
            if overlap.as_bool() != Some(false) {
                return Err("the syscall label is under a G chip".into());
            }
            shot(
                ctx,
                &format!("{}.querySelector('.view-gmp')", block(i)),
                "gmp-syscall.png",
            )?;
            return no_console_errors(ctx, "a syscall label");
        }
    }
    Err("no M entered a system call in 400 events".into())
}
