//! End-to-end checks of issue 18's keyboard items: a skip link is the first
//! stop of Tab and lands on the page's main content; every editor says how
//! to leave it (Tab indents there) and names that as its description; a
//! focused goroutine chip has a visible ring; choosing a G with a click
//! confirms the choice instead of describing the chip the click focused.
//! Also the print stylesheet: text, code and output on paper, no controls.

use crate::{no_console_errors, Ctx, LOAD};

pub fn skip_link_and_editor_keys(ctx: &Ctx) -> Result<(), String> {
    let d = &ctx.driver;
    for page in ["/zh/scheduler", "/en/play", "/"] {
        d.goto(&format!("{}{page}", ctx.isolated))?;
        d.wait_for(
            &format!("{page} to render"),
            "return document.getElementById('main') !== null && document.querySelector('.skip-link') !== null;",
            LOAD,
        )?;
        // The first element Tab reaches, in document order.
        let first = d.execute(
            "const f = [...document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]')]
                 .find(e => e.tabIndex >= 0 && !e.disabled);
             return f ? f.className : null;",
        )?;
        if first.as_str() != Some("skip-link") {
            return Err(format!(
                "{page}: Tab first reaches {first}, not the skip link"
            ));
        }
        d.click(".skip-link")?;
        d.wait_for(
            &format!("{page}: the skip link to focus the main content"),
            "return document.activeElement && document.activeElement.id === 'main';",
            LOAD,
        )?;
    }
    // An editor: its description says how to leave, shown while it has focus.
    d.goto(&format!("{}/en/scheduler", ctx.isolated))?;
    d.wait_for(
        "an editor",
        "return document.querySelector('.editor-input[aria-describedby]') !== null;",
        LOAD,
    )?;
    let hint = d.execute(
        "const t = document.querySelector('.editor-input[aria-describedby]');
         const h = document.getElementById(t.getAttribute('aria-describedby'));
         const before = h && getComputedStyle(h).display;
         t.focus();
         return h && [h.textContent, before, getComputedStyle(h).display];",
    )?;
    let hint = hint.as_array().cloned().unwrap_or_default();
    let text = hint.first().and_then(|v| v.as_str()).unwrap_or("");
    if !text.contains("Esc") || !text.contains("Tab") {
        return Err(format!("the editor's description: {hint:?}"));
    }
    if hint.get(1).and_then(|v| v.as_str()) != Some("none")
        || hint.get(2).and_then(|v| v.as_str()) != Some("block")
    {
        return Err(format!(
            "the hint should show only while the editor has focus: {hint:?}"
        ));
    }
    no_console_errors(ctx, "skip link and editor keys")
}

/// Three goroutines wait on a channel: a program with a choice to make.
const CHOOSE: &str = "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tdone := make(chan bool)\n\tfor i := 1; i <= 3; i++ {\n\t\tgo func(id int) {\n\t\t\tfmt.Println(\"goroutine\", id)\n\t\t\tdone <- true\n\t\t}(i)\n\t}\n\tfor i := 0; i < 3; i++ {\n\t\t<-done\n\t}\n}\n";

pub fn choosing_a_goroutine_by_click_confirms_it(ctx: &Ctx) -> Result<(), String> {
    let d = &ctx.driver;
    crate::widgets::open_play(ctx, Some(CHOOSE))?;
    let mut ready = false;
    for _ in 0..40 {
        d.click(".play .step-event")?;
        let n = d.execute(
            "return document.querySelectorAll('.play .gmp-g.runnable.choosable').length;",
        )?;
        if n.as_u64() == Some(3) {
            ready = true;
            break;
        }
    }
    if !ready {
        return Err("three runnable goroutines never showed".into());
    }
    // As a mouse does: the chip takes focus, then the click.
    let chosen = d.execute(
        "const c = [...document.querySelectorAll('.play .gmp-g.runnable.choosable')]
             .sort((a, b) => a.dataset.goid - b.dataset.goid)[0];
         c.focus();
         const rect = c.querySelector('rect');
         const ring = [getComputedStyle(rect).strokeWidth, getComputedStyle(rect).stroke];
         c.dispatchEvent(new MouseEvent('click', {bubbles: true}));
         return [c.dataset.goid, ring[0], ring[1], getComputedStyle(document.documentElement).getPropertyValue('--accent').trim()];",
    )?;
    let goid = chosen[0].as_str().unwrap_or("?").to_string();
    let detail = d.wait_for(
        "the choice confirmed",
        &format!(
            "const t = document.querySelector('.play .gmp-detail').textContent; return t.includes('G{goid}') && t.includes('chose') && t;"
        ),
        LOAD,
    )?;
    // The focus ring: thicker than a chip's edge, in the accent colour.
    if chosen[1].as_str() != Some("3.5px") {
        return Err(format!(
            "a focused chip's ring is {} wide ({detail})",
            chosen[1]
        ));
    }
    d.screenshot(&ctx.out.join("gmp-chosen.png"))?;
    no_console_errors(ctx, "choosing a goroutine")
}

/// Printing a chapter keeps its text, code and a run's output, and drops
/// every control (issue 18: "a print stylesheet").
pub fn a_printed_chapter_keeps_code_and_output(ctx: &Ctx) -> Result<(), String> {
    let d = &ctx.driver;
    d.goto(&format!("{}/en/processes-and-threads", ctx.isolated))?;
    d.wait_for(
        "a playground",
        "return document.querySelector('[data-block=go-run] .run') !== null;",
        LOAD,
    )?;
    d.click("[data-block=go-run] .run")?;
    d.wait_for(
        "the run to end",
        "return document.querySelector('[data-block=go-run] .console').dataset.state === 'exited';",
        LOAD,
    )?;
    d.cdp(
        "Emulation.setEmulatedMedia",
        serde_json::json!({"media": "print"}),
    )?;
    let seen = d.execute(
        "const shown = (css) => { const e = document.querySelector(css); return !!e && getComputedStyle(e).display !== 'none' && e.getBoundingClientRect().height > 0; };
         return {
             topbar: shown('.topbar'), sidebar: shown('.sidebar'), controls: shown('[data-block=go-run] .controls'),
             run_many: shown('[data-block=go-run] .run-many'),
             code: shown('[data-block=go-run] .editor-paint'), output: shown('[data-block=go-run] .console-out'),
             text: shown('.chapter p'), bg: getComputedStyle(document.body).backgroundColor,
         };",
    );
    let _ = d.cdp(
        "Emulation.setEmulatedMedia",
        serde_json::json!({"media": ""}),
    );
    let seen = seen?;
    let want = serde_json::json!({
        "topbar": false, "sidebar": false, "controls": false, "run_many": false,
        "code": true, "output": true, "text": true, "bg": "rgb(255, 255, 255)",
    });
    if seen != want {
        return Err(format!("printed: {seen}, want {want}"));
    }
    Ok(())
}
