//! Lists the library packages written in Go (`golib/**/*.go`, one file per
//! package, named by its import path) with a version hash of each text, so
//! the compiler knows them without holding their text: the page fetches a
//! package's text when a program imports it, under that version, and a
//! stale copy in a cache can never meet a newer compiler.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap()).join("golib");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    collect(&root, &root, &mut files);
    files.sort();
    let mut out = String::from("/// (import path, version of its text, file under `golib/`).\n");
    out.push_str("pub(crate) const PACKAGES: &[(&str, &str, &str)] = &[\n");
    for (path, file) in &files {
        let text = std::fs::read(root.join(file)).unwrap();
        // FNV-1a: a stable fingerprint, not a security measure.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in &text {
            h = (h ^ *b as u64).wrapping_mul(0x0100_0000_01b3);
        }
        let _ = writeln!(out, "    ({path:?}, \"{h:016x}\", {file:?}),");
    }
    out.push_str("];\n\n");
    // The texts themselves, where they are built in (see golib/mod.rs).
    out.push_str("#[cfg(any(not(target_arch = \"wasm32\"), feature = \"embed-golib\"))]\n");
    out.push_str("fn embedded(path: &str) -> Option<&'static str> {\n    match path {\n");
    for (path, file) in &files {
        let abs = root.join(file);
        let _ = writeln!(
            out,
            "        {path:?} => Some(include_str!({:?})),",
            abs.display().to_string()
        );
    }
    out.push_str("        _ => None,\n    }\n}\n");
    let dest = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("golib_packages.rs");
    std::fs::write(dest, out).unwrap();
}

/// (import path, file relative to `golib/`) of every `.go` file under `dir`.
fn collect(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        println!("cargo:rerun-if-changed={}", p.display());
        if p.is_dir() {
            collect(root, &p, out);
        } else if p.extension().is_some_and(|x| x == "go") {
            let rel = p
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let path = rel.trim_end_matches(".go").to_string();
            out.push((path, rel));
        }
    }
}
