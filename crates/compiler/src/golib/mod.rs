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

/// Whether `path` names a package written in Go here (a part of one,
/// `fmt+scan`, is not a package of its own).
pub fn is_source_package(path: &str) -> bool {
    !path.contains('+') && PACKAGES.iter().any(|(p, _, _)| *p == path)
}

/// The parts of package `path` (`golib/fmt+scan.go` is a part of `fmt`)
/// that the program in `program` needs: those with an exported name that
/// the program's text names after a dot (`fmt.Sscan`, `f.Sscanf`). A part
/// is a package's rarely used remainder: the many programs that never
/// name it do not compile it, and the page fetches it only for those that
/// do. A false match (`scanner.Scan` asks for `fmt+scan`) only costs
/// compiling the part.
fn needed_parts(path: &str, program: &[u8]) -> Vec<&'static str> {
    let prefix = format!("{path}+");
    EXPORTS
        .iter()
        .filter(|(p, _)| p.starts_with(&prefix))
        .filter(|(_, names)| names.split(' ').any(|n| names_after_dot(program, n)))
        .map(|(p, _)| *p)
        .collect()
}

/// Whether `.name` occurs in `text` as a whole identifier.
fn names_after_dot(text: &[u8], name: &str) -> bool {
    let name = name.split('.').next().unwrap_or(name).as_bytes();
    if name.is_empty() {
        return false;
    }
    let is_ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    text.windows(name.len() + 1).enumerate().any(|(i, w)| {
        w[0] == b'.'
            && &w[1..] == name
            && text.get(i + 1 + name.len()).is_none_or(|&b| !is_ident(b))
    })
}

/// Where the host fetches a package's text from, relative to the site's
/// root, with its version (`golib/context.go?v=…`).
pub fn url(path: &str) -> Option<String> {
    let (_, v, file) = PACKAGES.iter().find(|(p, _, _)| *p == path)?;
    // `+` escaped: some static hosts read a `+` in a path as a space.
    Some(format!("golib/{}?v={v}", file.replace('+', "%2B")))
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
        let Some(&(p, _, _)) = PACKAGES
            .iter()
            .find(|(p, _, _)| *p == path && is_source_package(p))
        else {
            continue;
        };
        if seen.contains(&p) {
            continue;
        }
        seen.push(p);
        for part in std::iter::once(p).chain(needed_parts(p, src)) {
            match source(part) {
                Some(text) => {
                    let (lib, _) = parser::parse(text.as_bytes());
                    todo.extend(lib.imports.iter().map(|i| i.path.clone()));
                }
                None => out.push(part),
            }
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
    let program_len = src.len();
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
        let mut unit: Option<Unit> = None;
        // The package's text, then its needed parts: a part's declarations
        // follow the package's own in the same unit, and its imports join
        // the unit's file scope.
        let parts = needed_parts(&path, &src[..program_len]);
        for name in std::iter::once(path.as_str()).chain(parts) {
            let Some(text) = source(name) else {
                errors.push((
                    pos,
                    format!("package {path} is not loaded yet: run again in a moment"),
                ));
                break;
            };
            src.push(b'\n');
            let start = src.len();
            src.extend_from_slice(text.as_bytes());
            let (lib, errs, last) = parser::parse_part(src, start, next_id);
            next_id = last;
            errors.extend(errs.into_iter().map(|e| (e.pos, e.message)));
            let u = unit.get_or_insert_with(|| Unit {
                name: lib.package.name.clone(),
                path: path.clone(),
                imports: Vec::new(),
                first_decl: file.decls.len(),
            });
            for imp in lib.imports {
                if !u.imports.iter().any(|i| i.path == imp.path) {
                    todo.push((imp.path.clone(), start as u32));
                    u.imports.push(imp);
                }
            }
            file.decls.extend(lib.decls);
        }
        file.units.extend(unit);
    }
    file.next_id = file.next_id.max(next_id + 1);
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_part_is_needed_only_where_the_program_names_it() {
        let scans = b"package main\nimport \"fmt\"\nfunc main() { fmt.Sscan(\"1\", new(int)) }\n";
        let prints = b"package main\nimport \"fmt\"\nfunc main() { fmt.Println(\"Sscan\") }\n";
        assert_eq!(needed_parts("fmt", scans), vec!["fmt+scan"]);
        assert!(needed_parts("fmt", prints).is_empty());
        // Whole identifiers only: `.Scanned` does not name `Scan`.
        assert!(!names_after_dot(b"x.Scanned()", "Scan"));
        assert!(names_after_dot(b"x.Scan()", "Scan"));
    }

    #[test]
    fn a_part_is_not_a_package_and_its_url_is_escaped() {
        assert!(is_source_package("fmt"));
        assert!(!is_source_package("fmt+scan"));
        assert!(url("fmt+scan")
            .unwrap()
            .starts_with("golib/fmt%2Bscan.go?v="));
    }

    #[test]
    fn a_needed_part_joins_its_package_unit() {
        let mut src =
            b"package main\nimport \"fmt\"\nfunc main() { var i int; fmt.Sscan(\"1\", &i) }\n"
                .to_vec();
        let (mut file, errs) = parser::parse(&src);
        assert!(errs.is_empty());
        let next = file.next_id;
        assert!(link(&mut file, &mut src, next).is_empty());
        let fmt = file.units.iter().filter(|u| u.path == "fmt").count();
        assert_eq!(fmt, 1, "one unit for fmt and its part");
        let unit = file.units.iter().find(|u| u.path == "fmt").unwrap();
        assert!(unit.imports.iter().any(|i| i.path == "strconv"));
        assert!(file.units.iter().any(|u| u.path == "strconv"));
    }
}
