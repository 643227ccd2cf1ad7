//! End-to-end checks of parallel mode in the page ([Parallel]): on the
//! cross-origin isolated server, a playground switched to parallel mode
//! runs its Ms on workers. Two goroutines × 1,000,000 `atomic.AddInt64` at
//! GOMAXPROCS 2 give the exact total; Stop ends two endless loops (every
//! worker busy) in under 100 ms and the next run works; and the page's
//! thread has no long task (> 50 ms) during a two-worker CPU-bound run
//! (printed, as a measurement).

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
    let d = &ctx.driver;
    d.goto(&format!("{}/en/processes-and-threads", ctx.isolated))?;
    d.wait_for(
        "a playground",
        "return document.querySelector('.playground .editor-input') !== null;",
        LOAD,
    )?;
    set_code(ctx, 0, code)?;
    to_parallel(ctx, 0)?;
    let ok = d.execute(&format!(
        r#"const s = {b}.querySelector('select.gomaxprocs');
        if (![...s.options].some(o => o.value === '{procs}')) return 'no GOMAXPROCS {procs} option';
        s.value = '{procs}'; s.dispatchEvent(new Event('change', {{bubbles: true}}));
        return true;"#,
        b = block(0)
    ))?;
    if ok.as_bool() != Some(true) {
        return Err(format!("{ok}"));
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
    let v = ctx.driver.execute(&format!(
        "return {}.querySelector('.console-out').textContent;",
        block(0)
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
