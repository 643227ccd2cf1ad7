//! Writes every chapter's prerendered document (see `golab_book::codec`)
//! into `<out>/{zh,en}/NN-slug.doc`, where the page fetches it from, and
//! the search index over them all into `<out>/search.idx`
//! (`golab_book::search`).
//! trunk runs it before each build (`scripts/prerender`, a `pre_build`
//! hook in Trunk.toml), so the site always carries the documents of the
//! chapters it was built with.

#[cfg(not(target_arch = "wasm32"))]
use golab_book::{
    codec,
    content::{chapters, document},
    lang::Lang,
    search,
};
#[cfg(not(target_arch = "wasm32"))]
use std::{path::PathBuf, process::ExitCode};

/// A native tool: built for wasm (by `--all-targets` checks) it does nothing.
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> ExitCode {
    let Some(out) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: golab-prerender <out-dir>");
        return ExitCode::from(2);
    };
    let mut written = 0;
    for c in chapters() {
        for lang in Lang::ALL {
            let Some(text) = c.text(lang) else { continue };
            let doc = document(text, lang);
            let dir = out.join(lang.code());
            let stem = c.file.strip_suffix(".md").unwrap_or(c.file);
            let path = dir.join(format!("{stem}.doc"));
            if let Err(e) = std::fs::create_dir_all(&dir)
                .and_then(|()| std::fs::write(&path, codec::encode(&doc)))
            {
                eprintln!("golab-prerender: cannot write {}: {e}", path.display());
                return ExitCode::FAILURE;
            }
            written += 1;
        }
    }
    let index = out.join("search.idx");
    if let Err(e) = std::fs::write(&index, search::build()) {
        eprintln!("golab-prerender: cannot write {}: {e}", index.display());
        return ExitCode::FAILURE;
    }
    eprintln!(
        "golab-prerender: {written} chapters and their search index into {}",
        out.display()
    );
    ExitCode::SUCCESS
}
