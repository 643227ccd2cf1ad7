//! End-to-end checks of the widgets that run programs in parallel mode
//! ([Widgets] on [Parallel]), on the cross-origin isolated server: the
//! atomic counter runs its three programs on worker threads (atomic and
//! Mutex totals exact, the plain total at most the expected one and
//! printed, with each way's cost per increment), its Stop ends a run, and
//! "Run 100 times" in a playground switched to parallel mode makes 100
//! parallel runs into a histogram whose bars say they cannot be replayed.
//! Without isolation the atomic counter falls back to step mode and says
//! why.
//!
//! These live here rather than in `tests/web.rs` because the
//! wasm-bindgen-test runner's page is not cross-origin isolated, so it has
//! no workers that share memory.

use crate::widgets::shot;
use crate::{no_console_errors, Ctx, LOAD};
use std::time::Duration;

/// Opens the chapter with the atomic counter and waits for the widget, in
/// parallel mode.
fn open_counter(ctx: &Ctx) -> Result<(), String> {
    let d = &ctx.driver;
    d.goto(&format!("{}/en/locking", ctx.isolated))?;
    d.wait_for(
        "the atomic counter widget",
        "return document.querySelector('.atomic-counter .ac-run') !== null;",
        LOAD,
    )?;
    let mode = d.execute("return document.querySelector('.atomic-counter').dataset.mode;")?;
    if mode.as_str() != Some("parallel") {
        return Err(format!("the widget is in {mode} mode on an isolated page"));
    }
    Ok(())
}

/// Moves a range input of the widget to `value`, as a reader's drag does.
fn slide(ctx: &Ctx, css: &str, value: u32) -> Result<(), String> {
    let ok = ctx.driver.execute(&format!(
        "const e = document.querySelector('.atomic-counter {css}'); if (!e || e.disabled) return false;
         e.value = '{value}'; e.dispatchEvent(new Event('input', {{bubbles: true}})); return true;"
    ))?;
    if ok.as_bool() == Some(true) {
        Ok(())
    } else {
        Err(format!("no enabled {css}"))
    }
}

pub fn atomic_counter_totals(ctx: &Ctx) -> Result<(), String> {
    let d = &ctx.driver;
    open_counter(ctx)?;
    // 4 goroutines × 10,000 (the slider's last stop): long enough that the
    // worker threads overlap rather than one finishing before the next starts.
    slide(ctx, ".ac-g", 4)?;
    slide(ctx, ".ac-k", 4)?;
    crate::widgets::run_atomic_counter(ctx, Duration::from_secs(120))?;
    let rows = d.execute(
        "return [...document.querySelectorAll('.ac-row')].map(r => [r.dataset.way, Number(r.dataset.total), Number(r.dataset.nsPerOp)]);",
    )?;
    let procs =
        d.execute("return document.querySelector('.atomic-counter').dataset.gomaxprocs;")?;
    let expected = 40_000;
    let mut line = Vec::new();
    let mut plain = None;
    for row in rows.as_array().ok_or("no rows")? {
        let way = row[0].as_str().unwrap_or("?");
        let total = row[1].as_i64().unwrap_or(-1);
        let ns = row[2].as_f64().unwrap_or(f64::NAN);
        line.push(format!("{way}={total} ({ns:.0} ns/op)"));
        match way {
            "plain" => plain = Some(total),
            _ if total != expected => {
                return Err(format!("{way} total {total}, expected {expected}"));
            }
            _ => {}
        }
        if ns.is_nan() || ns <= 0.0 {
            return Err(format!("{way}: no cost per op ({ns})"));
        }
    }
    let plain = plain.ok_or("no plain row")?;
    println!(
        "        (GOMAXPROCS {}, expected {expected}: {}; plain lost {})",
        procs.as_str().unwrap_or("?"),
        line.join(", "),
        expected - plain
    );
    if !(1..=expected).contains(&plain) {
        return Err(format!("plain total {plain} is outside 1..={expected}"));
    }
    let hint = d.execute("return document.querySelector('.atomic-counter').textContent;")?;
    if !hint.as_str().unwrap_or("").contains("not compiled Go") {
        return Err("the widget does not say whose cost it measured".into());
    }
    shot(
        ctx,
        "document.querySelector('.atomic-counter')",
        "atomic-counter-parallel.png",
    )?;
    no_console_errors(ctx, "atomic counter in parallel mode")
}

pub fn atomic_counter_stops(ctx: &Ctx) -> Result<(), String> {
    let d = &ctx.driver;
    open_counter(ctx)?;
    slide(ctx, ".ac-g", 8)?;
    slide(ctx, ".ac-k", 4)?;
    d.click(".atomic-counter .ac-run")?;
    std::thread::sleep(Duration::from_millis(300));
    d.click(".atomic-counter .ac-stop")?;
    d.wait_for(
        "the Run button back after Stop",
        "const w = document.querySelector('.atomic-counter'); return w.dataset.running === 'false' && w.querySelector('.ac-run') !== null;",
        Duration::from_secs(3),
    )?;
    // The workers are free again: the next batch runs to the end.
    slide(ctx, ".ac-g", 2)?;
    slide(ctx, ".ac-k", 0)?;
    d.click(".atomic-counter .ac-run")?;
    d.wait_for(
        "the next batch's totals",
        "return document.querySelector('.atomic-counter').dataset.running === 'false' && [...document.querySelectorAll('.ac-row')].every(r => r.dataset.total !== '');",
        Duration::from_secs(60),
    )?;
    no_console_errors(ctx, "atomic counter Stop")
}

pub fn atomic_counter_falls_back_to_step_mode(ctx: &Ctx) -> Result<(), String> {
    let d = &ctx.driver;
    // `?coi=off` keeps static/coi.js from isolating this origin (see `fallback`).
    d.goto(&format!("{}/?coi=off", ctx.plain))?;
    d.wait_for(
        "the contents page",
        "return document.getElementById('parallel-status') !== null;",
        LOAD,
    )?;
    d.goto(&format!("{}/en/locking", ctx.plain))?;
    d.wait_for(
        "the atomic counter widget",
        "return document.querySelector('.atomic-counter .ac-run') !== null;",
        LOAD,
    )?;
    if d.execute("return self.crossOriginIsolated;")?.as_bool() != Some(false) {
        return Err("the page is cross-origin isolated".into());
    }
    let mode = d.execute("return document.querySelector('.atomic-counter').dataset.mode;")?;
    if mode.as_str() != Some("step") {
        return Err(format!("the widget is in {mode} mode without isolation"));
    }
    slide(ctx, ".ac-g", 2)?;
    slide(ctx, ".ac-k", 0)?;
    let totals = crate::widgets::run_atomic_counter(ctx, Duration::from_secs(60))?;
    if !totals.contains("atomic=200") || !totals.contains("mutex=200") {
        return Err(format!("totals: {totals}"));
    }
    let text = d.execute("return document.querySelector('.atomic-counter').textContent;")?;
    if !text
        .as_str()
        .unwrap_or("")
        .contains("not cross-origin isolated")
    {
        return Err("the widget does not say why it is in step mode".into());
    }
    no_console_errors(ctx, "atomic counter in step mode")
}

/// A lost-update counter small enough for 100 runs in seconds.
const RACY: &str = "package main\n\nimport (\n\t\"fmt\"\n\t\"sync\"\n)\n\nfunc main() {\n\tcounter := 0\n\tvar wg sync.WaitGroup\n\tfor g := 0; g < 2; g++ {\n\t\twg.Add(1)\n\t\tgo func() {\n\t\t\tdefer wg.Done()\n\t\t\tfor i := 0; i < 2000; i++ {\n\t\t\t\tcounter++\n\t\t\t}\n\t\t}()\n\t}\n\twg.Wait()\n\tfmt.Println(\"Final Counter:\", counter)\n}\n";

const BLOCK: &str = "document.querySelectorAll('[data-block=go-run]')[0]";

/// On the first chapter's first playground (no views), which Reset gives
/// back at the end: a saved edit would change what later checks run.
pub fn run_many_in_parallel_mode(ctx: &Ctx) -> Result<(), String> {
    let d = &ctx.driver;
    d.goto(&format!("{}/en/processes-and-threads", ctx.isolated))?;
    d.wait_for(
        "a playground",
        "return document.querySelector('.playground .editor-input') !== null;",
        LOAD,
    )?;
    crate::widgets::set_code(ctx, 0, RACY)?;
    crate::parallel::to_parallel(ctx, 0)?;
    let started = std::time::Instant::now();
    crate::widgets::click_in(ctx, 0, ".run-100")?;
    d.wait_for(
        "100 parallel runs",
        &format!(
            "const r = {BLOCK}.querySelector('.run-many'); return r.dataset.runs === '100' || (r.querySelector('.error') || {{}}).textContent || false;"
        ),
        Duration::from_secs(60),
    )?;
    let secs = started.elapsed().as_secs_f64();
    let v = d.execute(&format!(
        "const r = {BLOCK}.querySelector('.run-many');
         const bins = [...r.querySelectorAll('.histogram .bin')];
         return {{mode: r.dataset.mode, runs: r.dataset.runs,
                  error: (r.querySelector('.error') || {{}}).textContent || null,
                  counts: bins.map(b => Number(b.querySelector('.bin-count').textContent)),
                  labels: bins.map(b => b.querySelector('.bin-label').textContent),
                  inert: bins.every(b => b.getAttribute('aria-disabled') === 'true' && b.title.includes('no seed replays'))}};"
    ))?;
    if let Some(e) = v["error"].as_str() {
        return Err(format!("the batch failed: {e}"));
    }
    if v["mode"].as_str() != Some("parallel") || v["runs"].as_str() != Some("100") {
        return Err(format!("run-many is {v}"));
    }
    let counts: Vec<u64> = v["counts"]
        .as_array()
        .map(|a| a.iter().filter_map(|c| c.as_u64()).collect())
        .unwrap_or_default();
    if counts.is_empty() || counts.iter().sum::<u64>() != 100 {
        return Err(format!("histogram counts {counts:?} do not add up to 100"));
    }
    if v["inert"].as_bool() != Some(true) {
        return Err("a bar offers to replay a parallel run".into());
    }
    let labels: Vec<&str> = v["labels"]
        .as_array()
        .map(|a| a.iter().filter_map(|l| l.as_str()).collect())
        .unwrap_or_default();
    println!(
        "        (100 parallel runs in {secs:.1} s, {} distinct: {})",
        labels.len(),
        labels
            .iter()
            .zip(&counts)
            .take(8)
            .map(|(l, c)| format!("{l} ×{c}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    // Clicking a bar does not start a run in the playground.
    d.execute(&format!(
        "{BLOCK}.querySelector('.histogram .bin').click(); return true;"
    ))?;
    std::thread::sleep(Duration::from_millis(300));
    let state = d.execute(&format!(
        "const c = {BLOCK}.querySelector('.console'); return c ? c.dataset.state : null;"
    ))?;
    if state.as_str() == Some("running") {
        return Err("clicking a bar started a run".into());
    }
    shot(
        ctx,
        &format!("{BLOCK}.querySelector('.run-many')"),
        "run-100-parallel.png",
    )?;
    crate::widgets::click_in(ctx, 0, ".reset")?;
    no_console_errors(ctx, "run 100 times in parallel mode")
}
