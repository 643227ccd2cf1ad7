//! The Go program corpus run in headless Chromium: the same programs,
//! goldens, comparison and `KNOWN_FAILURES` rules as the native
//! `corpus.rs`, but compiled and run by the wasm build of the compiler and
//! runtime, the code the page runs. Run by `scripts/test` with
//! `cargo test --target wasm32-unknown-unknown -p golab-cli --test corpus_wasm`.
#![cfg(target_arch = "wasm32")]

use golab_cli::corpus::{compare, parse_known_failures, Verdict};
use golab_cli::embedded::CASES;
use golab_cli::engine::{run_captured, RunConfig};
use std::collections::BTreeMap;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const KNOWN_FAILURES: &str = include_str!("../../../tests/programs/KNOWN_FAILURES");

#[wasm_bindgen_test]
fn corpus_matches_go_in_the_browser() {
    assert!(
        CASES.len() >= 60,
        "the embedded corpus has only {} programs",
        CASES.len()
    );
    let known = parse_known_failures(KNOWN_FAILURES).unwrap_or_else(|e| panic!("{e}"));
    let mut passed = BTreeMap::new();
    for case in CASES {
        let result = match case.expected() {
            Err(e) => Err(format!("bad expectation: {e}")),
            Ok(expected) => compare(
                &expected,
                &run_captured(case.file_name, case.source, &RunConfig::default()),
            ),
        };
        if let Err(report) = &result {
            let tag = if known.contains_key(case.name) {
                "known failure"
            } else {
                "FAIL"
            };
            web_sys_log(&format!("--- {tag}: {}\n{report}", case.name));
        }
        passed.insert(case.name.to_string(), result.is_ok());
    }
    let verdict = Verdict::new(&passed, &known);
    assert!(verdict.ok(), "\n{}", verdict.summary(passed.len()));
}

fn web_sys_log(s: &str) {
    wasm_bindgen_test::console_log!("{}", s);
}
