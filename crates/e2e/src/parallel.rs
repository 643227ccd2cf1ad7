//! End-to-end checks of parallel mode in the page ([Parallel]): on the
//! cross-origin isolated server, a playground switched to parallel mode
//! runs its Ms on workers. Two goroutines × 1,000,000 `atomic.AddInt64` at
//! GOMAXPROCS 2 give the exact total; Stop ends two endless loops (every
//! worker busy) in under 100 ms and the next run works; a worker that dies
//! mid-run fails its run with an error instead of hanging it, is replaced,
//! and the page's next runs work; and the page's thread has no long task
//! (> 50 ms) during a two-worker CPU-bound run (printed, as a measurement).

use crate::widgets::{block, click_in, set_code, state_of};
use crate::{no_console_errors, Ctx, LOAD};
use std::time::Duration;

/// Switches go-run block `i` to parallel mode (the page must be isolated).
pub(crate) fn to_parallel(ctx: &Ctx, i: usize) -> Result<(), String> {
    let d = &ctx.driver;
    let ok = d.execute(&format!(
        r#"const m = {}.querySelector('select.mode');
        if (!m || m.disabled) return 'no enabled mode select';
        const opt = m.querySelector('option[value=parallel]');
        if (!opt || opt.disabled) return 'parallel mode is disabled: ' + m.closest('label').title;
        m.value = 'parallel'; m.dispatchEvent(new Event('change', {{bubbles: true}}));
        return true;"#,
        block(i)
    ))?;
    if ok.as_bool() != Some(true) {
        return Err(format!("block {i}: {ok}"));
    }
    d.wait_for(
        "parallel mode to be on",
        &format!(
            "return {}.querySelector('.playground').dataset.mode === 'parallel';",
            block(i)
        ),
        Duration::from_secs(2),
    )?;
    Ok(())
}

/// Opens a chapter on the isolated server, puts `code` in its first
/// playground (one without views: a trace of two million atomic adds would
/// fill the views' record) and switches it to parallel mode with `procs` Ps.
/// Each check ends with [`reset`], so no edit is left saved for the others.
fn prepare(ctx: &Ctx, code: &str, procs: u32) -> Result<(), String> {
    open(ctx)?;
    set_code(ctx, 0, code)?;
    to_parallel(ctx, 0)?;
    gomaxprocs(ctx, 0, procs)
}

/// Opens the first chapter afresh on the isolated server (its playgrounds
/// start in step mode, so the page has no worker yet).
fn open(ctx: &Ctx) -> Result<(), String> {
    let d = &ctx.driver;
    d.goto(&format!("{}/en/processes-and-threads", ctx.isolated))?;
    d.wait_for(
        "a playground",
        "return document.querySelector('.playground .editor-input') !== null;",
        LOAD,
    )
    .map(|_| ())
}

/// Sets go-run block `i`'s GOMAXPROCS.
fn gomaxprocs(ctx: &Ctx, i: usize, procs: u32) -> Result<(), String> {
    let ok = ctx.driver.execute(&format!(
        r#"const s = {b}.querySelector('select.gomaxprocs');
        if (![...s.options].some(o => o.value === '{procs}')) return 'no GOMAXPROCS {procs} option';
        s.value = '{procs}'; s.dispatchEvent(new Event('change', {{bubbles: true}}));
        return true;"#,
        b = block(i)
    ))?;
    if ok.as_bool() != Some(true) {
        return Err(format!("block {i}: {ok}"));
    }
    Ok(())
}

fn click(ctx: &Ctx, css: &str) -> Result<(), String> {
    click_in(ctx, 0, css)
}

/// Reset: the chapter's code again, and its saved edit deleted.
fn reset(ctx: &Ctx) -> Result<(), String> {
    click(ctx, ".reset")
}

fn output(ctx: &Ctx) -> Result<String, String> {
    output_of(ctx, 0)
}

/// What go-run block `i`'s console shows.
fn output_of(ctx: &Ctx, i: usize) -> Result<String, String> {
    let v = ctx.driver.execute(&format!(
        "return {}.querySelector('.console-out').textContent;",
        block(i)
    ))?;
    Ok(v.as_str().unwrap_or("").to_string())
}

fn wait_exited(ctx: &Ctx, what: &str, timeout: Duration) -> Result<(), String> {
    crate::widgets::wait_exited(ctx, 0, what, timeout)
}

const ATOMIC: &str = "package main\n\nimport (\n\t\"fmt\"\n\t\"runtime\"\n\t\"sync\"\n\t\"sync/atomic\"\n)\n\nfunc main() {\n\tvar n int64\n\tvar wg sync.WaitGroup\n\tfor g := 0; g < 2; g++ {\n\t\twg.Add(1)\n\t\tgo func() {\n\t\t\tdefer wg.Done()\n\t\t\tfor i := 0; i < 1000000; i++ {\n\t\t\t\tatomic.AddInt64(&n, 1)\n\t\t\t}\n\t\t}()\n\t}\n\twg.Wait()\n\tfmt.Println(runtime.GOMAXPROCS(0), atomic.LoadInt64(&n))\n}\n";

const SPIN: &str =
    "package main\n\nfunc main() {\n\tgo func() {\n\t\tfor {\n\t\t}\n\t}()\n\tfor {\n\t}\n}\n";

const CPU: &str = "package main\n\nimport (\n\t\"fmt\"\n\t\"sync\"\n)\n\nfunc work(seed int) int {\n\tx := seed\n\tfor i := 0; i < 30000000; i++ {\n\t\tx = (x*1103515245 + 12345) % 2147483648\n\t}\n\treturn x\n}\n\nfunc main() {\n\tvar wg sync.WaitGroup\n\tres := make([]int, 2)\n\tfor g := 0; g < 2; g++ {\n\t\twg.Add(1)\n\t\tgo func(g int) {\n\t\t\tdefer wg.Done()\n\t\t\tres[g] = work(g + 1)\n\t\t}(g)\n\t}\n\twg.Wait()\n\tfmt.Println(res[0], res[1])\n}\n";

pub fn atomic_total_on_two_workers(ctx: &Ctx) -> Result<(), String> {
    prepare(ctx, ATOMIC, 2)?;
    click(ctx, ".run")?;
    wait_exited(
        ctx,
        "the atomic counter run to exit",
        Duration::from_secs(90),
    )?;
    let out = output(ctx)?;
    if !out.contains("2 2000000") {
        return Err(format!("console shows {out:?}"));
    }
    reset(ctx)?;
    no_console_errors(ctx, "parallel atomic run")
}

pub fn stop_ends_spinning_workers_fast(ctx: &Ctx) -> Result<(), String> {
    let d = &ctx.driver;
    prepare(ctx, SPIN, 2)?;
    click(ctx, ".run")?;
    std::thread::sleep(Duration::from_millis(700));
    let state = state_of(ctx, 0)?;
    if state != "running" {
        return Err(format!("state is {state} while spinning"));
    }
    click(ctx, ".stop")?;
    d.wait_for(
        "the workers to leave",
        &format!(
            "return {}.querySelector('.playground').dataset.stopMs !== undefined;",
            block(0)
        ),
        Duration::from_secs(3),
    )?;
    let ms = d.execute(&format!(
        "return parseFloat({}.querySelector('.playground').dataset.stopMs);",
        block(0)
    ))?;
    let ms = ms.as_f64().unwrap_or(f64::MAX);
    println!("        (Stop: every worker left {ms:.1} ms after the click)");
    if ms >= 100.0 {
        return Err(format!("Stop took {ms:.1} ms (limit 100 ms)"));
    }
    // The next run works on the same workers.
    set_code(ctx, 0, ATOMIC)?;
    click(ctx, ".run")?;
    wait_exited(ctx, "the next run to exit", Duration::from_secs(90))?;
    let out = output(ctx)?;
    if !out.contains("2 2000000") {
        return Err(format!("the next run printed {out:?}"));
    }
    reset(ctx)?;
    no_console_errors(ctx, "parallel stop")
}

pub fn no_long_tasks_during_a_cpu_bound_run(ctx: &Ctx) -> Result<(), String> {
    let d = &ctx.driver;
    prepare(ctx, CPU, 2)?;
    d.execute(
        "window.__longest = 0; window.__longtasks = 0;
         new PerformanceObserver(l => { for (const e of l.getEntries()) { window.__longtasks++; window.__longest = Math.max(window.__longest, e.duration); } }).observe({type: 'longtask'});
         return true;",
    )?;
    click(ctx, ".run")?;
    wait_exited(ctx, "the CPU-bound run to exit", Duration::from_secs(120))?;
    let v = d.execute("return [window.__longtasks, window.__longest];")?;
    println!("        (main thread during a 2-worker CPU-bound run: long tasks, longest ms = {v})");
    let out = output(ctx)?;
    if out.split_whitespace().count() != 2 {
        return Err(format!("console shows {out:?}"));
    }
    reset(ctx)
}

/// A chapter example written for parallel mode (`mode=parallel`) starts in
/// it on an isolated page, and its timeline draws the run's slices from the
/// trace the workers recorded.
pub fn chapter_example_runs_in_parallel_with_a_timeline(ctx: &Ctx) -> Result<(), String> {
    let d = &ctx.driver;
    d.goto(&format!("{}/en/concurrency-and-parallelism", ctx.isolated))?;
    let i = d.wait_for(
        "a playground in parallel mode with a timeline",
        "const bs = [...document.querySelectorAll('[data-block=go-run]')];
         const i = bs.findIndex(b => b.querySelector('.playground[data-mode=parallel]') && b.textContent.includes('timeline'));
         return i >= 0 ? i : false;",
        LOAD,
    )?;
    let i = i.as_u64().ok_or("no index")? as usize;
    let b = block(i);
    click_in(ctx, i, ".run")?;
    crate::widgets::wait_exited(ctx, i, "the example to exit", Duration::from_secs(120))?;
    let bars = d.wait_for(
        "timeline bars",
        &format!("const t = {b}.querySelector('.timeline'); return t && Number(t.dataset.bars) > 0 && t.dataset.bars;"),
        LOAD,
    )?;
    println!(
        "        ({} run slices in parallel mode)",
        bars.as_str().unwrap_or("?")
    );
    no_console_errors(ctx, "parallel timeline")
}

/// Every view draws from a parallel run: the chapter blocks that attach
/// each view, switched to parallel mode (GOMAXPROCS 2), run to their end;
/// then the view shows what the workers did.
pub fn every_view_draws_from_a_parallel_run(ctx: &Ctx) -> Result<(), String> {
    let d = &ctx.driver;
    for (page, view, check) in [
        ("/en/concurrency-and-parallelism", "gmp", "const v = b.querySelector('.gmp'); return v && Number(v.dataset.ps) >= 1 && v.dataset.ps;"),
        ("/en/concurrency-and-parallelism", "timeline", "const v = b.querySelector('.timeline'); return v && Number(v.dataset.bars) > 0 && v.dataset.bars;"),
        ("/en/race-conditions", "race", "const v = b.querySelector('.race'); return v && Number(v.dataset.vars) > 0 && v.dataset.vars;"),
        ("/en/channels", "channels", "const v = b.querySelector('.channels'); return v && Number(v.dataset.chans) > 0 && v.dataset.chans;"),
    ] {
        d.goto(&format!("{}{page}", ctx.isolated))?;
        let i = d.wait_for(
            &format!("{page}: a playground with view {view}"),
            &format!(
                "const bs = [...document.querySelectorAll('[data-block=go-run]')];
                 const i = bs.findIndex(b => b.querySelector('.playground') && (b.dataset.views || '').split(',').includes('{view}'));
                 return i >= 0 ? i : false;"
            ),
            LOAD,
        )?;
        let i = i.as_u64().ok_or("no index")? as usize;
        let b = block(i);
        to_parallel(ctx, i)?;
        click_in(ctx, i, ".run")?;
        crate::widgets::wait_exited(
            ctx,
            i,
            &format!("{page}: the {view} example to exit"),
            Duration::from_secs(120),
        )?;
        let drawn = d.wait_for(
            &format!("{page}: the {view} view"),
            &format!("const b = {b}; {check}"),
            LOAD,
        )?;
        println!("        ({view} in parallel mode: {drawn})");
    }
    no_console_errors(ctx, "views in parallel mode")
}

/// Wraps `window.Worker` so the check sees every worker the page's pool
/// makes (the pool makes them lazily, on the first parallel run, so this
/// must run on a fresh page before that): `window.__workers` in creation
/// order, each with the jobs posted to it (`__jobs`, `__lastJob`: the id the
/// page gave the last one), the jobs it answered (`__finished`: `done` or
/// `failed`), and who ended it (`__ended`: `'test'` or `'page'`).
/// `window.__jobsToEnded` counts jobs posted to a worker already ended.
const RECORD_WORKERS: &str = r#"
    if (window.__workers) return 'the workers are already recorded';
    const Base = window.Worker;
    window.__workers = [];
    window.__jobsToEnded = 0;
    window.Worker = class extends Base {
      constructor(...args) {
        super(...args);
        this.__jobs = 0; this.__finished = 0; this.__lastJob = null; this.__ended = null;
        this.addEventListener('message', e => {
          const t = e.data && e.data.type;
          if (t === 'done' || t === 'failed') this.__finished++;
        });
        window.__workers.push(this);
      }
      postMessage(msg, ...rest) {
        if (msg && msg.type === 'job') {
          this.__jobs++; this.__lastJob = msg.id;
          if (this.__ended) window.__jobsToEnded++;
        }
        return super.postMessage(msg, ...rest);
      }
      terminate() {
        if (!this.__ended) this.__ended = window.__killing ? 'test' : 'page';
        return super.terminate();
      }
    };
    return true;"#;

/// The recorded workers as JSON: how many were made and are not ended, the
/// indices (into `__workers`) of those running a job (posted, not
/// answered, not ended: a thread is still running on it), who ended each,
/// and the jobs posted to ended workers.
const WORKERS_NOW: &str = r#"
    const ws = window.__workers;
    return {
      total: ws.length,
      live: ws.filter(w => !w.__ended).length,
      running: ws.map((w, i) => (!w.__ended && w.__jobs > w.__finished) ? i : -1).filter(i => i >= 0),
      ended: ws.map(w => w.__ended),
      jobsToEnded: window.__jobsToEnded,
    };"#;

/// How a worker dies in [`a_dead_worker_fails_the_run_and_is_replaced`]:
/// the test terminates the worker `w` (its thread stops wherever it was, as
/// in a crash), then dispatches on its `Worker` object what the page gets
/// when a worker dies: the `error` event of an uncaught exception, or the
/// `failed` message `static/worker.js` posts when a job throws (a Rust
/// panic is a wasm trap). The message (`MSG`) is what the page must show.
const DEATHS: [(&str, &str, &str); 2] = [
    (
        "an uncaught error (the worker's `error` event)",
        "w.dispatchEvent(new ErrorEvent('error', {message: MSG, filename: location.origin + '/worker.js', lineno: 1, colno: 1, cancelable: true}));",
        "Uncaught RuntimeError: unreachable (e2e: this worker was killed)",
    ),
    (
        "a job that threw (worker.js posts `failed` with the job's id)",
        "w.dispatchEvent(new MessageEvent('message', {data: {type: 'failed', id: w.__lastJob, message: MSG}}));",
        "RuntimeError: memory access out of bounds (e2e: this worker was killed)",
    ),
];

/// The playground (go-run block) whose run starts right after each death.
const OTHER: usize = 3;

/// Issue #5: a worker that dies mid-run. On a fresh page whose workers are
/// recorded ([`RECORD_WORKERS`]), two endless loops run in parallel mode at
/// GOMAXPROCS 2 in the first playground, and one of the run's workers is
/// killed ([`DEATHS`], once each way); right after, another playground
/// starts a parallel run. The first console must end within a few seconds
/// with `fatal error: parallel mode: a worker failed: ...` naming the death
/// (not hang); none of the run's threads may be left running on a worker;
/// no job may go to an ended worker (the other run must not get the dead
/// one); the other run, and then the first playground's next run, must
/// exit 0 with the atomic counter's exact output; and nothing may be logged
/// as an error.
pub fn a_dead_worker_fails_the_run_and_is_replaced(ctx: &Ctx) -> Result<(), String> {
    let d = &ctx.driver;
    // Recorded before any playground is in parallel mode: switching one
    // starts the pool's workers (the playground warms them for its run).
    open(ctx)?;
    let recording = d.execute(RECORD_WORKERS)?;
    if recording.as_bool() != Some(true) {
        return Err(format!("could not record the workers: {recording}"));
    }
    set_code(ctx, 0, SPIN)?;
    to_parallel(ctx, 0)?;
    gomaxprocs(ctx, 0, 2)?;
    set_code(ctx, OTHER, ATOMIC)?;
    to_parallel(ctx, OTHER)?;
    gomaxprocs(ctx, OTHER, 2)?;
    let workers = || d.execute(WORKERS_NOW).unwrap_or_default();
    let exact = |i: usize, what: &str| -> Result<(), String> {
        let out = output_of(ctx, i)?;
        let status = status_of(ctx, i)?;
        if out != "2 2000000\n" || status != "program exited, status 0" {
            return Err(format!(
                "{what} printed {out:?} ({status}), want \"2 2000000\\n\" and status 0; the recorded workers: {}",
                workers()
            ));
        }
        Ok(())
    };
    for (round, (how, dispatch, msg)) in DEATHS.iter().enumerate() {
        if round > 0 {
            set_code(ctx, 0, SPIN)?;
        }
        click(ctx, ".run")?;
        // Both Ps spin: the run's threads (its two Ms and sysmon) are on
        // workers.
        let before = d
            .wait_for(
                &format!("{how}: the spinning run's threads on workers"),
                &format!(
                    "const c = {}.querySelector('.console'); const w = (() => {{ {WORKERS_NOW} }})();
                     return c.dataset.state === 'running' && w.running.length >= 3 && w;",
                    block(0)
                ),
                Duration::from_secs(10),
            )
            .map_err(|e| format!("{e}; the recorded workers: {}", workers()))?;
        if round == 0 && before["total"] != before["running"].as_array().map_or(0, Vec::len) {
            return Err(format!(
                "on a fresh page every worker should be the run's (was the pool made before the workers were recorded?): {before}"
            ));
        }
        // The death of the first of the run's workers, then (after a turn
        // of the event loop: the page has seen the failed job but not yet
        // replaced its worker) the other playground's Run. Returns the
        // run's workers as they were at the death.
        let t0 = std::time::Instant::now();
        let killed = d.execute(&format!(
            "const run = (() => {{ {WORKERS_NOW} }})().running;
             const w = window.__workers[run[0]]; const MSG = {msg:?};
             window.__killing = true; w.terminate(); window.__killing = false;
             {dispatch}
             await new Promise(r => setTimeout(r, 5));
             const b = {other}.querySelector('.run');
             if (!b || b.disabled) return 'no enabled Run in block {OTHER}';
             b.click();
             return run;",
            other = block(OTHER)
        ))?;
        let run: Vec<u64> = killed
            .as_array()
            .map(|r| r.iter().filter_map(|i| i.as_u64()).collect())
            .unwrap_or_default();
        if run.len() < 3 {
            return Err(format!(
                "{how}: could not kill a worker of the run: {killed}"
            ));
        }
        let victim = run[0];
        // (1) The run ends with the failure instead of spinning on.
        d.wait_for(
            &format!("{how}: the run to end after its worker died"),
            &format!(
                "return {}.querySelector('.console').dataset.state !== 'running';",
                block(0)
            ),
            Duration::from_secs(5),
        )
        .map_err(|e| {
            format!(
                "{e} (the console shows {:?})",
                output(ctx).unwrap_or_default()
            )
        })?;
        let ended_ms = t0.elapsed().as_secs_f64() * 1e3;
        let (state, status, out) = (state_of(ctx, 0)?, status_of(ctx, 0)?, output(ctx)?);
        let want = format!("fatal error: parallel mode: a worker failed: {msg}\n");
        if state != "exited" || status != "exit status 2" || out != want {
            return Err(format!(
                "{how}: after the death the console is {state} ({status}) and shows {out:?}; want it exited (exit status 2) showing {want:?}"
            ));
        }
        // (2) None of the run's threads is left running: each of its
        // workers answered its job or was ended.
        let left = format!(
            "const ws = window.__workers; return {run:?}.every(i => ws[i].__ended || ws[i].__jobs === ws[i].__finished) && (() => {{ {WORKERS_NOW} }})();"
        );
        let after = d
            .wait_for(
                &format!("{how}: the run's other workers to stop"),
                &left,
                Duration::from_secs(3),
            )
            .map_err(|e| {
                format!(
                    "{e}; the run's workers were {run:?}; the recorded workers: {}",
                    workers()
                )
            })?;
        let stopped_ms = t0.elapsed().as_secs_f64() * 1e3;
        if after["ended"][victim as usize] != "test" {
            return Err(format!(
                "{how}: worker {victim} is not the one the test ended: {after}"
            ));
        }
        // (3) The run started right after the death works, on live workers.
        crate::widgets::wait_exited(
            ctx,
            OTHER,
            &format!("{how}: the other playground's run to exit"),
            Duration::from_secs(90),
        )
        .map_err(|e| {
            format!(
                "{e}; it shows {:?}; the recorded workers: {}",
                output_of(ctx, OTHER).unwrap_or_default(),
                workers()
            )
        })?;
        exact(
            OTHER,
            &format!("{how}: the run started right after the death"),
        )?;
        println!(
            "        ({how}: the console said so {ended_ms:.0} ms after the death; the run's {} workers were off by {stopped_ms:.0} ms; the other run exited after {:.0} ms)",
            run.len(),
            t0.elapsed().as_secs_f64() * 1e3
        );
        // (4) The next run in the same playground works too.
        set_code(ctx, 0, ATOMIC)?;
        click(ctx, ".run")?;
        wait_exited(
            ctx,
            &format!("{how}: the next run to exit"),
            Duration::from_secs(90),
        )
        .map_err(|e| {
            format!(
                "{e}; the console shows {:?}; the recorded workers: {}",
                output(ctx).unwrap_or_default(),
                workers()
            )
        })?;
        exact(0, &format!("{how}: the next run"))?;
        let now = workers();
        if now["jobsToEnded"] != 0 {
            return Err(format!(
                "{how}: the page posted jobs to ended workers: {now}"
            ));
        }
    }
    click_in(ctx, OTHER, ".reset")?;
    reset(ctx)?;
    // (5) The deaths are shown in the consoles only, not logged as errors.
    no_console_errors(ctx, "a dead worker")
}

/// The text of go-run block `i`'s exit status (`exit status 2`, ...).
fn status_of(ctx: &Ctx, i: usize) -> Result<String, String> {
    let v = ctx.driver.execute(&format!(
        "const s = {}.querySelector('.run-status'); return s ? s.textContent : null;",
        block(i)
    ))?;
    Ok(v.as_str().unwrap_or("").to_string())
}
