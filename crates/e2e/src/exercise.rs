//! End-to-end check of an exercise the page checks ([Book]): the starter
//! fails, naming a seed; "Replay" runs that seed in the exercise's
//! playground; the solution passes; the contents page counts it solved.

use crate::{no_console_errors, Ctx, LOAD};
use golab_book::content::chapters;
use golab_book::lang::Lang;
use std::time::Duration;

/// The check runs 101 short programs in step mode.
const CHECK: Duration = Duration::from_secs(60);

fn js(ctx: &Ctx, script: &str) -> Result<serde_json::Value, String> {
    ctx.driver.execute(script)
}

fn click(ctx: &Ctx, css: &str) -> Result<(), String> {
    let ok = js(
        ctx,
        &format!(
            "const e = document.querySelector({css:?}); if (!e || e.disabled) return false; e.scrollIntoView({{block: 'center'}}); e.click(); return true;"
        ),
    )?;
    match ok.as_bool() {
        Some(true) => Ok(()),
        _ => Err(format!("no enabled {css}")),
    }
}

pub fn starter_fails_with_a_seed_and_the_solution_passes(ctx: &Ctx) -> Result<(), String> {
    let d = &ctx.driver;
    let Some((index, c)) = chapters()
        .iter()
        .enumerate()
        .find(|(_, c)| c.text(Lang::En).is_some_and(|t| t.contains("```exercise")))
    else {
        return Err("no chapter has an exercise".into());
    };
    d.goto(&format!("{}/en/{}", ctx.isolated, c.slug))?;
    d.wait_for(
        "an exercise",
        "return document.querySelector('.exercise .editor-input') !== null;",
        LOAD,
    )?;
    // Start from the starter whatever an earlier run left (Reset is
    // disabled when the code is the starter already).
    let _ = click(ctx, ".exercise .reset");
    js(ctx, "localStorage.clear(); return true;")?;

    // The starter fails, naming its run's seed and GOMAXPROCS.
    click(ctx, ".exercise .exercise-check")?;
    let failed = d.wait_for(
        "the starter's verdict",
        "const v = document.querySelector('.exercise .exercise-result .verdict'); return v ? v.textContent : null;",
        CHECK,
    )?;
    let failed = failed.as_str().unwrap_or("").to_string();
    let seed = failed
        .split("seed ")
        .nth(1)
        .and_then(|s| s.split(',').next())
        .and_then(|s| s.trim().parse::<u64>().ok());
    let Some(seed) = seed.filter(|_| failed.contains("failed") && failed.contains("GOMAXPROCS"))
    else {
        return Err(format!(
            "the starter's verdict does not name a failing seed: {failed:?}"
        ));
    };
    crate::widgets::shot(
        ctx,
        "document.querySelector('.exercise .exercise-result')",
        "exercise-failed.png",
    )?;

    // Replay runs that seed in the exercise's own playground.
    click(ctx, ".exercise .exercise-replay")?;
    d.wait_for(
        "the replayed run to end",
        "const c = document.querySelector('.exercise .console'); return c && c.dataset.state === 'exited' ? true : null;",
        LOAD,
    )?;
    let shown = js(
        ctx,
        "return document.querySelector('.exercise input.seed').value;",
    )?;
    if shown.as_str() != Some(seed.to_string().as_str()) {
        return Err(format!(
            "the replay ran seed {shown}, not the failing seed {seed}"
        ));
    }

    // The solution, put in the editor, passes every run.
    click(ctx, ".exercise .exercise-solution")?;
    let solution = d.wait_for(
        "the solution",
        "const c = document.querySelector('.exercise .exercise-solution-code code'); return c ? c.textContent : null;",
        LOAD,
    )?;
    let solution = solution.as_str().unwrap_or("").to_string();
    js(
        ctx,
        &format!(
            "const t = document.querySelector('.exercise .editor-input'); t.value = {solution:?}; t.dispatchEvent(new Event('input', {{bubbles: true}})); return true;"
        ),
    )?;
    click(ctx, ".exercise .exercise-check")?;
    let passed = d.wait_for(
        "the solution's verdict",
        "const v = document.querySelector('.exercise .exercise-result .verdict'); return v && !v.closest('.exercise-result').querySelector('progress') ? v.className + ' ' + v.textContent : null;",
        CHECK,
    )?;
    let passed = passed.as_str().unwrap_or("");
    if !passed.contains("right") || !passed.contains("Passed") {
        return Err(format!("the solution did not pass: {passed:?}"));
    }
    crate::widgets::shot(
        ctx,
        "document.querySelector('.exercise')",
        "exercise-passed.png",
    )?;

    // The contents page counts the exercise solved.
    d.goto(&format!("{}/", ctx.isolated))?;
    let badge = d.wait_for(
        "the exercise badge",
        &format!(
            "const li = document.querySelectorAll('.contents-column[lang=en] .contents-list li')[{index}]; \
             const b = li && li.querySelector('.progress-badge.exercises'); return b ? b.textContent : null;"
        ),
        LOAD,
    )?;
    if !badge.as_str().is_some_and(|t| t.contains(" 1/")) {
        return Err(format!(
            "after solving, the chapter's exercise badge reads {badge}"
        ));
    }
    js(ctx, "localStorage.clear(); return true;")?;
    no_console_errors(ctx, "exercise")
}
