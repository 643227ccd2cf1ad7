//! Checks every `diag_*` program of the corpus against Go's diagnostics,
//! and that every other corpus program type-checks cleanly.

use std::path::Path;

#[test]
fn corpus_diagnostics_match_go() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/programs");
    let mut failures = Vec::new();
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let p = entry.unwrap().path();
        if p.extension().is_none_or(|e| e != "go") {
            continue;
        }
        let name = p.file_name().unwrap().to_str().unwrap().to_string();
        let src = std::fs::read(&p).unwrap();
        let golden = std::fs::read_to_string(p.with_extension("golden")).unwrap_or_default();
        let got = golab_compiler::check_bytes(&name, &src).to_string();
        let want = match golden.split_once("-- diagnostics --\n") {
            Some((_, d)) => d.to_string(),
            None => String::new(),
        };
        n += 1;
        if got != want {
            failures.push(format!("{name}:\n--- want\n{want}--- got\n{got}"));
        }
    }
    assert!(n > 50, "corpus not found at {}", dir.display());
    assert!(
        failures.is_empty(),
        "{} of {n} differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
