//! Embeds the chapters at build time, so the built site is static files only.
//!
//! Reads `chapters/SUMMARY.md` (mdBook style: `- [Title](01-slug.md)` lines, in
//! reading order) and writes `$OUT_DIR/chapters.rs`: one `ChapterSource` per
//! entry with `include_str!` of the Chinese and English files. A file that is
//! listed but missing in one language becomes `None`, which the page shows as a
//! visible notice instead of failing the whole build.
use std::{env, fmt::Write as _, fs, path::Path};

fn main() {
    let root = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let chapters = Path::new(&root).join("chapters");
    // A directory path makes cargo re-run this script when any file below it changes.
    println!("cargo:rerun-if-changed={}", chapters.display());

    let summary = fs::read_to_string(chapters.join("SUMMARY.md")).unwrap_or_default();
    let mut out = String::from("pub static CHAPTERS: &[ChapterSource] = &[\n");
    for (line_no, line) in summary.lines().enumerate() {
        let Some((title, file)) = summary_entry(line) else {
            continue;
        };
        let slug = slug_of(file);
        write!(out, "    ChapterSource {{ slug: {slug:?}, file: {file:?}, summary_title: {title:?}, summary_line: {}, ", line_no + 1).unwrap();
        for lang in ["zh", "en"] {
            let path = chapters.join(lang).join(file);
            if path.is_file() {
                write!(
                    out,
                    "{lang}: Some(include_str!({:?})), ",
                    path.display().to_string()
                )
                .unwrap();
            } else {
                println!(
                    "cargo:warning=chapters/{lang}/{file} is listed in SUMMARY.md but missing"
                );
                write!(out, "{lang}: None, ").unwrap();
            }
        }
        out.push_str("},\n");
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("chapters.rs");
    fs::write(dest, out).expect("OUT_DIR is writable");
}

/// `- [Title](01-file.md)` → `("Title", "01-file.md")`.
fn summary_entry(line: &str) -> Option<(&str, &str)> {
    let rest = line.trim_start().strip_prefix(['-', '*'])?.trim_start();
    let rest = rest.strip_prefix('[')?;
    let (title, rest) = rest.split_once("](")?;
    let (file, _) = rest.split_once(')')?;
    file.ends_with(".md").then_some((title, file))
}

/// `01-processes-and-threads.md` → `processes-and-threads`.
fn slug_of(file: &str) -> String {
    let stem = file.trim_end_matches(".md");
    let without_number = stem.trim_start_matches(|c: char| c.is_ascii_digit());
    without_number.strip_prefix('-').unwrap_or(stem).to_string()
}
