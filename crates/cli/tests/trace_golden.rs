//! Same program, GOMAXPROCS and seed → same trace (natively). The summaries
//! in `tests/traces/golden.txt` are also checked in headless Chromium by
//! `trace_wasm.rs`, which is how "natively and in wasm" is shown.
//! `GOLAB_UPDATE_TRACES=1` rewrites the file (review the diff: a change
//! means the scheduler decides differently than before).

use golab_cli::trace_check::all_summaries;

const GOLDEN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/traces/golden.txt");

#[test]
fn traces_are_deterministic_and_match_the_golden_summaries() {
    let first = all_summaries().expect("the pinned programs compile");
    let second = all_summaries().expect("the pinned programs compile");
    assert_eq!(
        first, second,
        "two runs with the same seeds gave different traces"
    );
    if std::env::var_os("GOLAB_UPDATE_TRACES").is_some() {
        std::fs::write(GOLDEN, &first).expect("tests/traces is writable");
        return;
    }
    let golden = std::fs::read_to_string(GOLDEN).unwrap_or_default();
    assert_eq!(
        first, golden,
        "traces differ from tests/traces/golden.txt (GOLAB_UPDATE_TRACES=1 rewrites it)"
    );
}
