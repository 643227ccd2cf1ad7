//! `golab-e2e --bench`: measurements of the built page in headless Chromium,
//! for `scripts/bench.py --page` ([Benchmarks], [Parallel] "Measure and
//! report"). A measurement, not a test: it prints one JSON object per line
//! on stdout (raw samples and their median) and asserts nothing; progress
//! and failures go to stderr, and a part that fails prints `{"error": ...}`
//! in its line and the rest still run.
//!
//! ```text
//! golab-e2e --bench [--dist dist] [--runs 5] [--programs benches/programs] [--only tti,step,parallel]
//! ```
//!
//! - `tti`: navigation start → the first chapter's first playground has an
//!   enabled Run button (`performance.now()` in the page, whose origin is the
//!   navigation's start). Cold: a new Chromium with a fresh `--user-data-dir`
//!   each run. Warm: the same URL again in that browser, with the HTTP cache
//!   (the server here sends `max-age` for the hashed assets, as a static host
//!   would; the e2e server's `no-store` would make every load cold).
//! - `step`: `cpu.go` and `pingpong.go` run in a playground in step mode
//!   (the wasm interpreter on the page's thread, speed "max"): wall time from
//!   the click on Run to the console's `exited` state, and the console's own
//!   real time (the run's time inside its frame slices: the wasm's work).
//! - `parallel`: `parallel.go` in parallel mode at GOMAXPROCS 1 and 2 (the Ms
//!   on workers), the same two times, all the runs of a setting on one page
//!   after an unmeasured warm-up run (which starts the worker pool); and the
//!   page thread's long tasks (>50 ms, PerformanceObserver 'longtask')
//!   during each run. The end is awaited without polling the page.

use crate::webdriver::Driver;
use serde_json::{json, Value};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

const CHAPTER: &str = "/en/processes-and-threads";
/// Its first playground has no views, so a run records no trace.
const PLAYGROUND_CHAPTER: &str = CHAPTER;
const RUN_BUTTON: &str = "[data-block=go-run] button.run";
const LOAD: Duration = Duration::from_secs(60);
/// The longest a single run in the page may take before the part gives up.
const RUN_LIMIT: Duration = Duration::from_secs(600);

pub fn main(args: Vec<String>) -> i32 {
    let mut dist = PathBuf::from("dist");
    let mut programs = PathBuf::from("benches/programs");
    let mut runs = 5usize;
    let mut only: Option<String> = None;
    let mut it = args.into_iter();
    while let Some(a) = it.next() {
        match (a.as_str(), it.next()) {
            ("--dist", Some(v)) => dist = v.into(),
            ("--programs", Some(v)) => programs = v.into(),
            ("--runs", Some(v)) => runs = v.parse().unwrap_or(5).max(1),
            ("--only", Some(v)) => only = Some(v),
            _ => {
                eprintln!("usage: golab-e2e --bench [--dist DIR] [--runs N] [--programs DIR] [--only tti,step,parallel]");
                return 2;
            }
        }
    }
    if !dist.join("index.html").is_file() {
        eprintln!(
            "bench: {} has no index.html: build the site first (trunk build --release)",
            dist.display()
        );
        return 2;
    }
    let wants = |part: &str| {
        only.as_deref()
            .is_none_or(|o| o.split(',').any(|p| p == part))
    };
    let base = match crate::serve::start_with(dist.clone(), true, crate::serve::Caching::Static) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("bench: cannot serve {}: {e}", dist.display());
            return 1;
        }
    };
    emit(json!({"bench": "dist", "dir": dist.display().to_string(), "built": built(&dist)}));

    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let chromedriver = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
    let url = format!("{base}{CHAPTER}");

    if wants("tti") {
        // Cold: a new browser and profile each run.
        let mut cold = Vec::new();
        let mut error = None;
        for _ in 0..runs {
            match Driver::start(&chromium, &chromedriver).and_then(|d| tti(&d, &url)) {
                Ok(t) => cold.push(t),
                Err(e) => {
                    error = Some(e);
                    break;
                }
            }
        }
        emit(tti_line("cold", &cold, error));
    }
    let driver = match Driver::start(&chromium, &chromedriver) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("bench: cannot start Chromium: {e}");
            return 1;
        }
    };
    if wants("tti") {
        let mut warm = Vec::new();
        // The first load fills the cache (and V8's code cache); not counted.
        let mut error = tti(&driver, &url).err();
        for _ in 0..runs {
            if error.is_some() {
                break;
            }
            match tti(&driver, &url) {
                Ok(t) => warm.push(t),
                Err(e) => error = Some(e),
            }
        }
        emit(tti_line("warm", &warm, error));
    }
    if wants("step") {
        for prog in ["cpu.go", "pingpong.go"] {
            let line = read(&programs, prog).and_then(|code| {
                let mut wall = Vec::new();
                let mut real = Vec::new();
                let mut out = String::new();
                for _ in 0..runs {
                    prepare(&driver, &base, &code, None)?;
                    let r = run_once(&driver)?;
                    wall.push(r.wall_ms);
                    real.extend(r.real_ms);
                    out = r.output;
                }
                Ok(json!({"bench": "step", "program": prog, "wall_ms": wall, "median_wall_ms": median(&wall),
                    "real_ms": real, "median_real_ms": median(&real), "output": out}))
            });
            emit(line.unwrap_or_else(|e| json!({"bench": "step", "program": prog, "error": e})));
        }
    }
    if wants("parallel") {
        let prog = "parallel.go";
        let code = read(&programs, prog);
        for procs in [1u32, 2] {
            let line = code.clone().and_then(|code| {
                let (mut wall, mut real, mut longest, mut count) = (vec![], vec![], vec![], 0u64);
                let mut out = String::new();
                // One page for all the runs, after a warm-up run: the runs
                // reuse the pool's workers (as a reader's second run does)
                // and V8 has compiled the hot code. The first run on a
                // fresh page also pays for starting the workers.
                prepare(&driver, &base, &code, Some(procs))?;
                run_once(&driver)?;
                for _ in 0..runs {
                    let r = run_once(&driver)?;
                    wall.push(r.wall_ms);
                    real.extend(r.real_ms);
                    longest.push(r.longest_task_ms);
                    count += r.long_tasks;
                    out = r.output;
                }
                Ok(json!({"bench": "parallel", "program": prog, "gomaxprocs": procs,
                    "wall_ms": wall, "median_wall_ms": median(&wall),
                    "real_ms": real, "median_real_ms": median(&real),
                    "long_tasks": count, "longest_task_ms": longest.iter().cloned().fold(0.0, f64::max),
                    "output": out}))
            });
            emit(line.unwrap_or_else(
                |e| json!({"bench": "parallel", "program": prog, "gomaxprocs": procs, "error": e}),
            ));
        }
    }
    0
}

fn emit(v: Value) {
    println!("{v}");
    let _ = std::io::stdout().flush();
}

fn median(xs: &[f64]) -> Option<f64> {
    if xs.is_empty() {
        return None;
    }
    let mut v = xs.to_vec();
    v.sort_by(|a, b| a.total_cmp(b));
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    })
}

fn read(dir: &Path, prog: &str) -> Result<String, String> {
    std::fs::read_to_string(dir.join(prog))
        .map_err(|e| format!("{}: {e}", dir.join(prog).display()))
}

/// When the wasm in `dist` was written (seconds since the epoch), so a
/// reader can tell which build was measured.
fn built(dist: &Path) -> Option<u64> {
    std::fs::read_dir(dist)
        .ok()?
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "wasm"))
        .filter_map(|e| e.metadata().ok()?.modified().ok())
        .max()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| d.as_secs())
}

/// One load of the first chapter, in the page's milliseconds since the
/// navigation started.
struct Tti {
    /// When a script saw the first playground's Run button enabled.
    seen: f64,
    /// The button was already there when WebDriver's navigation returned
    /// (at the load event), so `seen` is an upper bound.
    late: bool,
    /// First contentful paint: the page's body is empty until the app
    /// renders, so this is when the app first drew.
    fcp: Option<f64>,
    /// The load event's end.
    load: Option<f64>,
}

fn tti_line(cache: &str, runs: &[Tti], error: Option<String>) -> Value {
    let seen: Vec<f64> = runs.iter().map(|t| t.seen).collect();
    let fcp: Vec<f64> = runs.iter().filter_map(|t| t.fcp).collect();
    let load: Vec<f64> = runs.iter().filter_map(|t| t.load).collect();
    let mut v = json!({"bench": "tti", "cache": cache, "url": CHAPTER,
        "late": runs.iter().filter(|t| t.late).count(),
        "ms": seen, "median_ms": median(&seen),
        "fcp_ms": fcp, "median_fcp_ms": median(&fcp),
        "load_ms": load, "median_load_ms": median(&load)});
    if let Some(e) = error {
        v["error"] = json!(e);
    }
    v
}

/// Navigates to `url` and times the first playground's Run button being
/// there and enabled (`performance.now()`, which counts from the
/// navigation's start). WebDriver's navigation returns at the load event;
/// a MutationObserver catches the button if it comes later.
fn tti(d: &Driver, url: &str) -> Result<Tti, String> {
    d.goto(url)?;
    let v = d.execute(&format!(
        r#"const ready = () => {{ const b = document.querySelector({RUN_BUTTON:?}); return b && !b.disabled; }};
        const facts = (late) => {{
            const p = performance.getEntriesByName('first-contentful-paint')[0];
            const n = performance.getEntriesByType('navigation')[0];
            return {{seen: performance.now(), late, fcp: p ? p.startTime : null, load: n && n.loadEventEnd > 0 ? n.loadEventEnd : null}};
        }};
        if (ready()) return facts(true);
        return new Promise(res => {{
            const o = new MutationObserver(() => {{ if (ready()) {{ o.disconnect(); res(facts(false)); }} }});
            o.observe(document, {{subtree: true, childList: true, attributes: true}});
            setTimeout(() => {{ o.disconnect(); res(null); }}, 25000);
        }});"#
    ))?;
    let seen = v["seen"]
        .as_f64()
        .ok_or_else(|| format!("no enabled Run button on {url} within 25 s"))?;
    Ok(Tti {
        seen,
        late: v["late"].as_bool().unwrap_or(false),
        fcp: v["fcp"].as_f64(),
        load: v["load"].as_f64(),
    })
}

fn block() -> &'static str {
    "document.querySelectorAll('[data-block=go-run]')[0]"
}

/// Opens the playground chapter afresh (so no state is left from the last
/// run), puts `code` in its first playground, and picks the mode: step mode
/// (`None`) or parallel mode with `Some(procs)` Ps.
fn prepare(d: &Driver, base: &str, code: &str, parallel: Option<u32>) -> Result<(), String> {
    d.goto(&format!("{base}{PLAYGROUND_CHAPTER}"))?;
    d.wait_for(
        "a playground",
        "return document.querySelector('.playground .editor-input') !== null;",
        LOAD,
    )?;
    let mode = if parallel.is_some() {
        "parallel"
    } else {
        "step"
    };
    let ok = d.execute(&format!(
        r#"const b = {b};
        const t = b.querySelector('.editor-input');
        t.value = {code:?}; t.dispatchEvent(new Event('input', {{bubbles: true}}));
        const m = b.querySelector('select.mode');
        if (!m || m.disabled) return 'no enabled mode select';
        const opt = m.querySelector('option[value={mode}]');
        if (!opt || opt.disabled) return '{mode} mode is disabled: ' + m.closest('label').title;
        m.value = '{mode}'; m.dispatchEvent(new Event('change', {{bubbles: true}}));
        const s = b.querySelector('select.speed');
        if (s && !s.disabled && s.value !== 'max' && [...s.options].some(o => o.value === 'max')) {{
            s.value = 'max'; s.dispatchEvent(new Event('change', {{bubbles: true}}));
        }}
        return true;"#,
        b = block()
    ))?;
    if ok.as_bool() != Some(true) {
        return Err(format!("{ok}"));
    }
    d.wait_for(
        &format!("{mode} mode to be on"),
        &format!(
            "return {}.querySelector('.playground').dataset.mode === '{mode}';",
            block()
        ),
        Duration::from_secs(5),
    )?;
    if let Some(procs) = parallel {
        let ok = d.execute(&format!(
            r#"const s = {b}.querySelector('select.gomaxprocs');
            if (![...s.options].some(o => o.value === '{procs}')) return 'no GOMAXPROCS {procs} option';
            s.value = '{procs}'; s.dispatchEvent(new Event('change', {{bubbles: true}}));
            return true;"#,
            b = block()
        ))?;
        if ok.as_bool() != Some(true) {
            return Err(format!("{ok}"));
        }
    }
    Ok(())
}

struct Run {
    wall_ms: f64,
    /// The console's real time (absent if the build shows none).
    real_ms: Option<f64>,
    output: String,
    long_tasks: u64,
    longest_task_ms: f64,
}

/// Clicks Run and waits for the console's `exited` state, timing both in
/// the page (a MutationObserver on the console's `data-state`), and
/// counting the page thread's long tasks in between.
fn run_once(d: &Driver) -> Result<Run, String> {
    // In view, as for a reader: the page draws the run's progress then
    // (off screen, the browser would skip that work).
    d.execute(&format!(
        "{}.scrollIntoView({{block: 'center'}}); return true;",
        block()
    ))?;
    std::thread::sleep(Duration::from_millis(100));
    let ok = d.execute(&format!(
        r#"const b = {b};
        const c = b.querySelector('.console');
        const run = b.querySelector('button.run');
        if (!c || !run || run.disabled) return 'no enabled Run button';
        window.__bench = {{start: 0, end: 0, long: 0, longest: 0}};
        const w = window.__bench;
        w.lt = new PerformanceObserver(l => {{ for (const e of l.getEntries()) {{ w.long++; w.longest = Math.max(w.longest, e.duration); }} }});
        w.lt.observe({{type: 'longtask'}});
        w.mo = new MutationObserver(() => {{
            if (w.start && !w.end && c.dataset.state === 'exited') {{ w.end = performance.now(); }}
        }});
        w.mo.observe(c, {{attributes: true, attributeFilter: ['data-state']}});
        w.start = performance.now();
        run.click();
        return true;"#,
        b = block()
    ))?;
    if ok.as_bool() != Some(true) {
        return Err(format!("{ok}"));
    }
    // Waits for the console's `exited` without polling the page.
    d.execute_async(
        r#"const done = arguments[arguments.length - 1];
        const w = window.__bench;
        if (w.end > 0) return done(true);
        new MutationObserver((_, o) => { if (w.end > 0) { o.disconnect(); done(true); } })
            .observe(document.body, {attributes: true, subtree: true, attributeFilter: ['data-state']});"#,
        RUN_LIMIT,
    )
    .map_err(|e| format!("waiting for the run to exit: {e}"))?;
    // Long tasks are reported after they end: give the observer a moment.
    std::thread::sleep(Duration::from_millis(200));
    let v = d.execute(&format!(
        r#"const b = {b}; const w = window.__bench; w.lt.disconnect(); w.mo.disconnect();
        const c = b.querySelector('.console');
        let real = c.dataset.realMs !== undefined ? parseFloat(c.dataset.realMs) : null;
        if (real === null) {{
            const cost = b.querySelector('.run-cost');
            const m = cost && cost.textContent.match(/([\d,.]+)\s*ms\s*$/);
            if (m) real = parseFloat(m[1].replace(/,/g, ''));
        }}
        return {{wall: w.end - w.start, real, out: b.querySelector('.console-out').textContent,
            long: w.long, longest: w.longest}};"#,
        b = block()
    ))?;
    Ok(Run {
        wall_ms: v["wall"].as_f64().unwrap_or(f64::NAN),
        real_ms: v["real"].as_f64(),
        output: v["out"].as_str().unwrap_or("").to_string(),
        long_tasks: v["long"].as_u64().unwrap_or(0),
        longest_task_ms: v["longest"].as_f64().unwrap_or(0.0),
    })
}
