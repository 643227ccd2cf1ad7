//! Lists the library packages written in Go (`golib/**/*.go`, one file per
//! package, named by its import path) with a version hash of each text, so
//! the compiler knows them without holding their text: the page fetches a
//! package's text when a program imports it, under that version, and a
//! stale copy in a cache can never meet a newer compiler.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The packages built into every build, the page's too: `fmt` is imported
/// by nearly every program, and imports `io`.
const CORE: &[&str] = &["fmt", "io"];

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap()).join("golib");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    collect(&root, &root, &mut files);
    files.sort();
    let mut out = String::from("/// (import path, version of its text, file under `golib/`).\n");
    out.push_str("pub(crate) const PACKAGES: &[(&str, &str, &str)] = &[\n");
    let mut exports = String::from(
        "/// (import path, its exported names, space-separated: `Func`, `Type`,\n\
         /// `Type.Method`), for the list of what Go runs here.\n\
         pub(crate) const EXPORTS: &[(&str, &str)] = &[\n",
    );
    for (path, file) in &files {
        let text = std::fs::read(root.join(file)).unwrap();
        // FNV-1a: a stable fingerprint, not a security measure.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in &text {
            h = (h ^ *b as u64).wrapping_mul(0x0100_0000_01b3);
        }
        let _ = writeln!(out, "    ({path:?}, \"{h:016x}\", {file:?}),");
        let names = exported(&String::from_utf8_lossy(&text));
        let _ = writeln!(exports, "    ({path:?}, {:?}),", names.join(" "));
    }
    out.push_str("];\n\n");
    exports.push_str("];\n\n");
    out.push_str(&exports);
    // The texts themselves, where they are built in (see golib/mod.rs):
    // all of them natively and for the wasm tests; in the page only the
    // core, which nearly every program imports (fmt and what it imports),
    // so that no program waits for a fetch before its first run.
    for (cfg, all) in [
        (
            "any(not(target_arch = \"wasm32\"), feature = \"embed-golib\")",
            true,
        ),
        (
            "not(any(not(target_arch = \"wasm32\"), feature = \"embed-golib\"))",
            false,
        ),
    ] {
        let _ = writeln!(out, "#[cfg({cfg})]");
        out.push_str("fn embedded(path: &str) -> Option<&'static str> {\n    match path {\n");
        for (path, file) in &files {
            if !all && !CORE.contains(&path.as_str()) {
                continue;
            }
            let abs = root.join(file);
            let _ = writeln!(
                out,
                "        {path:?} => Some(include_str!({:?})),",
                abs.display().to_string()
            );
        }
        out.push_str("        _ => None,\n    }\n}\n");
    }
    let dest = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("golib_packages.rs");
    std::fs::write(dest, out).unwrap();
}

/// The exported top-level names of a Go file, from its declarations at the
/// start of a line (`func F`, `func (r *T) M` as `T.M`, `type T`, `var V`,
/// `const C`, and the names in `const (` / `var (` blocks).
fn exported(text: &str) -> Vec<String> {
    let is_exported = |n: &str| n.starts_with(|c: char| c.is_ascii_uppercase());
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut names = Vec::new();
    let mut in_block = false;
    for line in text.lines() {
        if in_block {
            if line.starts_with(')') {
                in_block = false;
            } else if let Some(rest) = line.strip_prefix('\t') {
                let n = ident(rest);
                if is_exported(&n) {
                    names.push(n);
                }
            }
            continue;
        }
        if line == "const (" || line == "var (" {
            in_block = true;
        } else if let Some(rest) = line.strip_prefix("func (") {
            // `func (s *Stack[T]) Push(`: the receiver's type, then the name.
            let Some((recv, after)) = rest.split_once(") ") else {
                continue;
            };
            let ty = recv
                .rsplit(' ')
                .next()
                .unwrap_or("")
                .trim_start_matches('*');
            let (ty, m) = (ident(ty), ident(after));
            if is_exported(&ty) && is_exported(&m) {
                names.push(format!("{ty}.{m}"));
            }
        } else {
            for kw in ["func ", "type ", "var ", "const "] {
                if let Some(rest) = line.strip_prefix(kw) {
                    let n = ident(rest);
                    if is_exported(&n) {
                        names.push(n);
                    }
                }
            }
        }
    }
    names
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
