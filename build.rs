//! Indexes the chapters at build time.
//!
//! Reads `chapters/SUMMARY.md` (mdBook style: `- [Title](01-slug.md)` lines, in
//! reading order) and writes two files to `$OUT_DIR`:
//! - `chapters.rs`: one `ChapterSource` per entry, with each language's title
//!   (its first `# ` line) and a version (a hash of the text and of the code
//!   that prerenders it). The page fetches a chapter's prerendered document
//!   from `chapters/{lang}/{stem}.doc?v={version}` when it is opened (written
//!   into dist/ by `golab-prerender`), so the wasm carries no chapter text and
//!   an edited chapter never goes stale in a cache.
//! - `chapter_texts.rs`: the texts themselves (`include_str!`), compiled only
//!   where there is nothing to fetch from: native builds (tests, tools) and the
//!   wasm component tests (feature `embed-chapters`).
//!
//! A file that is listed but missing in one language becomes `None`, which the
//! page shows as a visible notice instead of failing the whole build.
use std::{env, fmt::Write as _, fs, path::Path};

fn main() {
    let root = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let chapters = Path::new(&root).join("chapters");
    // A directory path makes cargo re-run this script when any file below it changes.
    println!("cargo:rerun-if-changed={}", chapters.display());

    // The page fetches a chapter prerendered (src/codec.rs): its version
    // must change when the code that renders it does, not only its text.
    let mut format = Vec::new();
    for file in ["src/markdown.rs", "src/directive.rs", "src/codec.rs"] {
        let path = Path::new(&root).join(file);
        println!("cargo:rerun-if-changed={}", path.display());
        format.extend(fs::read(&path).unwrap_or_default());
    }
    let format = fnv1a(&format);

    let summary = fs::read_to_string(chapters.join("SUMMARY.md")).unwrap_or_default();
    let mut out = String::from("pub static CHAPTERS: &[ChapterSource] = &[\n");
    let mut texts = String::from("pub static TEXTS: &[[Option<&str>; 2]] = &[\n");
    for (line_no, line) in summary.lines().enumerate() {
        let Some((title, file)) = summary_entry(line) else {
            continue;
        };
        let slug = slug_of(file);
        write!(out, "    ChapterSource {{ slug: {slug:?}, file: {file:?}, summary_title: {title:?}, summary_line: {}, ", line_no + 1).unwrap();
        texts.push_str("    [");
        for lang in ["zh", "en"] {
            let path = chapters.join(lang).join(file);
            match fs::read_to_string(&path) {
                Ok(text) => {
                    let title = text
                        .lines()
                        .find_map(|l| l.strip_prefix("# "))
                        .map(str::trim)
                        .unwrap_or(title);
                    write!(
                        out,
                        "{lang}: Some(ChapterFile {{ title: {title:?}, version: \"{:016x}\" }}), ",
                        fnv1a(text.as_bytes()) ^ format
                    )
                    .unwrap();
                    write!(
                        texts,
                        "Some(include_str!({:?})), ",
                        path.display().to_string()
                    )
                    .unwrap();
                }
                Err(_) => {
                    println!(
                        "cargo:warning=chapters/{lang}/{file} is listed in SUMMARY.md but missing"
                    );
                    write!(out, "{lang}: None, ").unwrap();
                    texts.push_str("None, ");
                }
            }
        }
        out.push_str("},\n");
        texts.push_str("],\n");
    }
    out.push_str("];\n");
    texts.push_str("];\n");
    let dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    fs::write(Path::new(&dir).join("chapters.rs"), out).expect("OUT_DIR is writable");
    fs::write(Path::new(&dir).join("chapter_texts.rs"), texts).expect("OUT_DIR is writable");
}

/// FNV-1a, 64 bits: a chapter's version in its URL (not a security hash: it
/// only has to change when the text does).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
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
