//! Library packages written in Go. Where a package is mostly logic over
//! channels, locks and timers (`context`), Go source is the faithful and the
//! small way to have it: it runs on the same scheduler as the reader's code,
//! so its goroutines, waits and races are the reader's to watch, and it costs
//! the page text, not compiled code per function.
//!
//! [`link`] appends each imported package's source to the program's text and
//! its declarations to the program's [`File`] as a [`Unit`]; the checker gives
//! every unit its own package and file scopes.

use crate::ast::{File, NodeId, Unit};
use crate::parser;

/// Import path → the package's Go source.
const SOURCES: &[(&str, &str)] = &[("context", include_str!("context.go"))];

/// Whether `path` names a package written in Go here.
pub fn is_source_package(path: &str) -> bool {
    SOURCES.iter().any(|(p, _)| *p == path)
}

/// Links the library packages the program imports (and those they import)
/// into `file`, appending their text to `src`. Returns syntax errors found in
/// a library's source (a bug of ours, reported rather than hidden).
pub fn link(file: &mut File, src: &mut Vec<u8>, mut next_id: NodeId) -> Vec<(u32, String)> {
    let mut errors = Vec::new();
    let mut todo: Vec<String> = file.imports.iter().map(|i| i.path.clone()).collect();
    let mut linked: Vec<String> = Vec::new();
    while let Some(path) = todo.pop() {
        let Some(&(_, text)) = SOURCES.iter().find(|(p, _)| *p == path) else {
            continue;
        };
        if linked.contains(&path) {
            continue;
        }
        linked.push(path.clone());
        src.push(b'\n');
        let start = src.len();
        src.extend_from_slice(text.as_bytes());
        let (lib, errs, last) = parser::parse_part(src, start, next_id);
        next_id = last;
        errors.extend(errs.into_iter().map(|e| (e.pos, e.message)));
        todo.extend(lib.imports.iter().map(|i| i.path.clone()));
        file.units.push(Unit {
            name: lib.package.name.clone(),
            path,
            imports: lib.imports,
            first_decl: file.decls.len(),
        });
        file.decls.extend(lib.decls);
    }
    errors
}
