//! The trace summaries of `tests/traces/golden.txt`, produced by the wasm
//! build in headless Chromium: the same seeds give the same traces as the
//! native build (`trace_golden.rs` checks the file natively).
#![cfg(target_arch = "wasm32")]

use golab_cli::trace_check::all_summaries;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn wasm_traces_match_the_native_golden_summaries() {
    let golden = include_str!("../../../tests/traces/golden.txt");
    assert_eq!(
        all_summaries().expect("the pinned programs compile"),
        golden
    );
}
