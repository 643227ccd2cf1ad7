//! Arbitrary bytes (and, from the seed corpus, mutated Go programs) into the
//! compiler: it must return, with a program or with diagnostics that each
//! carry `path:line:col`, and must agree with itself on the `&str` entry point.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let result = golab_compiler::compile_bytes("prog.go", data);
    if let Err(diags) = &result {
        assert!(!diags.is_empty(), "compile failed without a diagnostic");
        for d in &diags.0 {
            assert!(
                d.line >= 1 && d.col >= 1,
                "diagnostic without a position: {d:?}"
            );
            assert_eq!(d.path, "prog.go");
        }
    }
    let checked = golab_compiler::check_bytes("prog.go", data);
    if result.is_ok() {
        assert!(checked.is_empty(), "compiles, but check reports {checked}");
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let again = golab_compiler::compile("prog.go", text);
        assert_eq!(again.is_ok(), result.is_ok());
    }
});
