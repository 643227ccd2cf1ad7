//! Hostile input in headless Chromium: the cases of `hostile/cases.rs`
//! compiled and run by the wasm build of the compiler and runtime (the code
//! the page runs), through `engine::run_captured` with the same limits as
//! the native test. Each must end with the same Go-style result; a host
//! panic or stack overflow here would be a crashed tab.
//!
//! Not run here: cases marked `native_only` (too slow for the debug wasm
//! build, or output the page's console caps) and cases listed in
//! `hostile/KNOWN` (a known host crash would end the whole wasm test; the
//! native test, with each case in its own process, checks them).
//! Run by `scripts/test` with
//! `cargo test --target wasm32-unknown-unknown -p golab-cli --test hostile_wasm`.
#![cfg(target_arch = "wasm32")]

#[path = "hostile/cases.rs"]
mod cases;

use golab_cli::corpus::parse_known_failures;
use golab_cli::engine::{run_captured, Limits, RunConfig};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn hostile_input_ends_in_a_go_style_error_in_the_browser() {
    let known = parse_known_failures(include_str!("hostile/KNOWN")).unwrap();
    let mut failures = Vec::new();
    let mut ran = 0;
    for c in cases::all() {
        if c.native_only || known.contains_key(c.name) {
            continue;
        }
        let config = RunConfig {
            seed: Some(1),
            limits: Limits {
                max_instructions: c.limits.max_instructions,
                max_goroutines: c.limits.max_goroutines,
                max_memory_bytes: c.limits.max_memory,
                // The page's runs have no host clock here (see engine::host_clock).
                max_wall_ms: None,
            },
            ..RunConfig::default()
        };
        // Invalid UTF-8 reaches the compiler as bytes, as the page's editor
        // never produces it; the native `lab` passes the file's bytes.
        let out = match std::str::from_utf8(&c.source) {
            Ok(src) => run_captured(&c.file_name(), src, &config),
            Err(_) => golab_cli::corpus::Outcome {
                exit: 1,
                stdout: Vec::new(),
                stderr: golab_cli::engine::check_bytes(&c.file_name(), &c.source).into_bytes(),
            },
        };
        ran += 1;
        // Each case runs to its end in one go; between cases the page's
        // thread is free again (the runner and chromedriver need it: a
        // renderer that answers nothing for 30 s fails the whole test).
        gloo_timers::future::TimeoutFuture::new(0).await;
        let r = cases::verify(
            &c,
            out.exit,
            out.stdout.len() as u64,
            &out.stdout,
            &out.stderr,
        );
        wasm_bindgen_test::console_log!("{:<40} {}", c.name, if r.is_ok() { "ok" } else { "FAIL" });
        if let Err(why) = r {
            failures.push(format!("{}: {why}", c.name));
        }
    }
    assert!(ran >= 20, "only {ran} cases ran");
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
