//! Library packages written in Go (`crates/compiler/golib/`, one file per
//! package, named by its import path). Where a package is mostly logic over
//! channels, locks and timers (`context`), Go source is the faithful and the
//! small way to have it: it runs on the same scheduler as the reader's code,
//! so its goroutines, waits and races are the reader's to watch, and it costs
//! text, not compiled code per function.
//!
//! Natively the texts are built in. The page fetches a package's text when a
//! program first imports it ([`missing`], then [`provide`]), so the library
//! can grow without growing the page's first view.
//!
//! [`link`] appends each imported package's text to the program's and its
//! declarations to the program's [`File`] as a [`Unit`]; the checker gives
//! every unit its own package and file scopes.

use crate::ast::{File, NodeId, Unit};
use crate::parser;
use std::sync::{Arc, Mutex};

include!(concat!(env!("OUT_DIR"), "/golib_packages.rs"));

/// Texts a host fetched and handed over ([`provide`]).
static PROVIDED: Mutex<Vec<(String, Arc<str>)>> = Mutex::new(Vec::new());

/// Each package's exported names, space-separated (see `build.rs`).
pub(crate) fn exports() -> &'static [(&'static str, &'static str)] {
    EXPORTS
}

/// Whether `path` names a package written in Go here.
pub fn is_source_package(path: &str) -> bool {
    PACKAGES.iter().any(|(p, _, _)| *p == path)
}

/// Where the host fetches a package's text from, relative to the site's
/// root, with its version (`golib/context.go?v=…`).
pub fn url(path: &str) -> Option<String> {
    let (_, v, file) = PACKAGES.iter().find(|(p, _, _)| *p == path)?;
    Some(format!("golib/{file}?v={v}"))
}

/// Hands over a package's text that the host fetched.
pub fn provide(path: &str, text: &str) {
    let mut p = PROVIDED.lock().unwrap_or_else(|e| e.into_inner());
    if !p.iter().any(|(q, _)| q == path) {
        p.push((path.to_string(), Arc::from(text)));
    }
}

fn source(path: &str) -> Option<Arc<str>> {
    if let Some(t) = embedded(path) {
        return Some(Arc::from(t));
    }
    let p = PROVIDED.lock().unwrap_or_else(|e| e.into_inner());
    p.iter().find(|(q, _)| q == path).map(|(_, t)| t.clone())
}

/// The packages written in Go that `src` imports (directly, or through
/// packages at hand) whose text is not at hand yet.
pub fn missing(src: &[u8]) -> Vec<&'static str> {
    let (file, _) = parser::parse(src);
    let mut todo: Vec<String> = file.imports.iter().map(|i| i.path.clone()).collect();
    let (mut seen, mut out) = (Vec::new(), Vec::new());
    while let Some(path) = todo.pop() {
        let Some(&(p, _, _)) = PACKAGES.iter().find(|(p, _, _)| *p == path) else {
            continue;
        };
        if seen.contains(&p) {
            continue;
        }
        seen.push(p);
        match source(p) {
            Some(text) => {
                let (lib, _) = parser::parse(text.as_bytes());
                todo.extend(lib.imports.iter().map(|i| i.path.clone()));
            }
            None => out.push(p),
        }
    }
    out
}

/// Links the library packages the program imports (and those they import)
/// into `file`, appending their text to `src`. Returns errors: a package
/// whose text the host has not provided yet, or syntax errors in a
/// library's text (a bug of ours, reported rather than hidden).
pub fn link(file: &mut File, src: &mut Vec<u8>, mut next_id: NodeId) -> Vec<(u32, String)> {
    let mut errors = Vec::new();
    let mut todo: Vec<(String, u32)> = file
        .imports
        .iter()
        .map(|i| (i.path.clone(), i.pos))
        .collect();
    let mut linked: Vec<String> = Vec::new();
    while let Some((path, pos)) = todo.pop() {
        if !is_source_package(&path) || linked.contains(&path) {
            continue;
        }
        linked.push(path.clone());
        let Some(text) = source(&path) else {
            errors.push((
                pos,
                format!("package {path} is not loaded yet: run again in a moment"),
            ));
            continue;
        };
        src.push(b'\n');
        let start = src.len();
        src.extend_from_slice(text.as_bytes());
        let (lib, errs, last) = parser::parse_part(src, start, next_id);
        next_id = last;
        errors.extend(errs.into_iter().map(|e| (e.pos, e.message)));
        todo.extend(lib.imports.iter().map(|i| (i.path.clone(), start as u32)));
        file.units.push(Unit {
            name: lib.package.name.clone(),
            path,
            imports: lib.imports,
            first_decl: file.decls.len(),
        });
        file.decls.extend(lib.decls);
    }
    file.next_id = file.next_id.max(next_id + 1);
    errors
}
