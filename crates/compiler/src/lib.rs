//! golab-compiler: the Go subset's front end and code generator, the same
//! code natively (`lab run`, `lab check`) and in the page.
//!
//! # Pipeline
//! [`lexer`] → [`parser`] → [`check`](mod@check) → `codegen`, each phase a plain
//! function over the previous one's output:
//! - [`lexer`]: bytes in, tokens with byte spans out, semicolons inserted as
//!   Go's scanner does; malformed input becomes a diagnostic, never a panic.
//! - [`parser`]: a tree ([`ast`]) *plus* a list of syntax errors; it never
//!   fails, and nesting depth is bounded, so hostile input cannot overflow
//!   the host stack. Syntax errors stop compilation; lexical errors alone do
//!   not stop type checking (as in cmd/compile).
//! - [`check`](mod@check): types ([`types`]), objects, constant values, selections and
//!   conversions, recorded in side tables keyed by node id; diagnostics in
//!   Go 1.19's wording (`types2`'s messages), because the corpus compares
//!   our output with what Go 1.19 printed. [`library`] declares the
//!   signatures of the standard packages we support.
//! - `codegen`: register bytecode for `golab_bytecode`, with a line table
//!   (every instruction carries the position of the code it came from, so
//!   run-time panics and tracebacks name `prog.go:LINE`) and type
//!   descriptors for the runtime.
//!
//! # Invariants
//! - **Never panics on any input**, valid UTF-8 or not (fuzzed by
//!   `fuzz/fuzz_targets/compile.rs`; `crates/cli/tests/hostile` runs hostile
//!   programs natively and in wasm): a crash here is a crashed browser tab.
//!   Every limit (nesting, registers per function, arguments per call) is a
//!   diagnostic.
//! - **Every diagnostic has `file:line:col`**: positions are byte offsets
//!   until [`Diagnostics`] is built, then lines and byte columns as Go counts
//!   them; at most 10 per file, then Go's "too many errors".
//! - **Knows nothing of the scheduler or the VM's internals**: the only
//!   contract with the runtime is the `golab_bytecode` crate (instruction
//!   set, value model, calling convention, native names).
//!
//! # Public API
//! [`compile`] (source to a `golab_bytecode::Program` or [`Diagnostics`]),
//! [`check()`] (diagnostics only, for `lab check`), their `_bytes` forms for
//! source that may not be UTF-8, and [`lexer::highlight`], which the page's
//! editor uses for syntax colouring, so the editor and the compiler never
//! disagree about what a token is.
//!
//! # Design choices
//! - *Hand-written lexer and parser following `cmd/compile/internal/syntax`*
//!   rather than a parser generator: Go's error messages ("syntax error:
//!   unexpected X, expecting Y") fall out of the same structure, and the
//!   crate keeps no dependencies (the page downloads every byte of it).
//! - *Side tables instead of an annotated tree*: the tree stays plain data
//!   built once by the parser; the checker's results ([`check::Info`]) are
//!   maps from node ids, which codegen reads alongside the tree.
//! - *Recursion bounded by host stack bytes* (`StackGuard`) as well as by
//!   a nesting count: frame sizes differ tenfold between debug and release
//!   builds, and wasm32 gives us a 1 MiB stack.
//! - *Lua-style register allocation*: locals keep a register for their
//!   block, temporaries are stack-allocated above them, so a call is always
//!   at the top of the registers in use, as the calling convention requires;
//!   variables that escape (captured, or address taken) live in heap cells.
//! - *Constants are folded by the checker* (integers in `i128`, floats in
//!   `f64`): overflow, division by zero and out-of-range conversions are
//!   compile-time errors with Go's wording, and codegen only loads typed
//!   values.
//! - *No `unsafe`* (`forbid(unsafe_code)`): nothing here needs it, and the
//!   never-panics invariant is easier to trust without it. Codegen borrows
//!   the tree for as long as it needs (`call_target` returns receivers
//!   that borrow from the call expression) instead of extending borrows.
#![forbid(unsafe_code)]
pub mod ast;
pub mod check;
pub mod codegen;
mod fresh;
pub mod golib;
pub mod lexer;
pub mod library;
pub mod parser;
pub mod types;

use std::fmt;

/// One diagnostic: `path:line:col: message`. The message may hold extra
/// lines (`"\n\thave (number)\n\twant (int)"`), as Go prints them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub path: String,
    pub line: u32,
    pub col: u32,
    pub message: String,
}

/// The diagnostics of one file, sorted by position, at most 10 (plus Go's
/// "too many errors" line).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{}:{}:{}: {}", d.path, d.line, d.col, d.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

/// Go reports at most this many errors per file.
const MAX_ERRORS: usize = 10;

/// Turns (offset, message) pairs into sorted, capped diagnostics. Messages
/// may refer to other positions as `\0OFFSET\0`, which become `path:line:col: `
/// (`path:line:col` before a `)`).
/// Orders errors by position, keeping the report order of errors at one
/// position (one stable sort for the whole crate: each closure would be a
/// copy of the sort in the page's wasm).
pub(crate) fn sort_by_position(errs: &mut [(u32, String)]) {
    errs.sort_by_key(|e| e.0);
}

fn diagnostics(path: &str, src: &[u8], errs: Vec<(u32, String)>) -> Diagnostics {
    // Like cmd/compile: the first MAX_ERRORS errors *in the order they were
    // reported* are kept and sorted by position; "too many errors" follows
    // at the position of the last one kept.
    let li = lexer::LineIndex::new(src);
    let mut seen = std::collections::HashSet::new();
    let errs: Vec<(u32, String)> = errs
        .into_iter()
        .filter(|e| seen.insert(e.clone()))
        .collect();
    let too_many = errs.get(MAX_ERRORS).map(|_| errs[MAX_ERRORS - 1].0);
    let mut errs: Vec<(u32, String)> = errs.into_iter().take(MAX_ERRORS).collect();
    sort_by_position(&mut errs);
    let mut out = Vec::new();
    for (pos, msg) in errs.iter() {
        let (line, col) = li.line_col(*pos);
        let mut message = String::new();
        let mut parts = msg.split('\0');
        message.push_str(parts.next().unwrap_or(""));
        while let Some(p) = parts.next() {
            let rest = parts.next().unwrap_or("");
            if let Ok(off) = p.parse::<u32>() {
                let (l, c) = li.line_col(off);
                // "(declared at path:line:col)" has no colon after it.
                let sep = if rest.starts_with(')') { "" } else { ": " };
                message.push_str(&format!("{path}:{l}:{c}{sep}"));
            }
            message.push_str(rest);
        }
        out.push(Diagnostic {
            path: path.into(),
            line,
            col,
            message,
        });
    }
    if let Some(pos) = too_many {
        let (line, col) = li.line_col(pos);
        out.push(Diagnostic {
            path: path.into(),
            line,
            col,
            message: "too many errors".into(),
        });
    }
    Diagnostics(out)
}

/// Parses and type-checks; returns the tree and checker results, or the
/// diagnostics.
pub(crate) fn front_end(
    path: &str,
    src: &[u8],
) -> Result<(ast::File, check::CheckResult, Vec<u8>), Diagnostics> {
    let (mut file, errs, last_id) = parser::parse_part(src, 0, 0);
    // Syntax errors stop compilation; lexical errors alone do not stop type
    // checking (as in cmd/compile).
    if errs.iter().any(|e| !e.lexical) {
        return Err(diagnostics(
            path,
            src,
            errs.into_iter().map(|e| (e.pos, e.message)).collect(),
        ));
    }
    // The program's text, then the library packages written in Go that it
    // imports: one text, so every position names one place.
    let mut text = src.to_vec();
    let lib_errs = golib::link(&mut file, &mut text, last_id);
    if !lib_errs.is_empty() {
        return Err(diagnostics(path, &text, lib_errs));
    }
    let res = check::check_file(&text, &file);
    if !errs.is_empty() || !res.errors.is_empty() {
        let mut all: Vec<(u32, String)> = errs.into_iter().map(|e| (e.pos, e.message)).collect();
        all.extend(res.errors.iter().cloned());
        return Err(diagnostics(path, &text, all));
    }
    Ok((file, res, text))
}

/// Checks a file; the result is empty when the program is fine.
pub fn check(path: &str, src: &str) -> Diagnostics {
    check_bytes(path, src.as_bytes())
}

/// Like [`check()`] for source that may not be valid UTF-8.
pub fn check_bytes(path: &str, src: &[u8]) -> Diagnostics {
    match front_end(path, src) {
        Ok(_) => Diagnostics::default(),
        Err(d) => d,
    }
}

/// Compiles a Go source file to a bytecode program, or returns its
/// diagnostics (syntax errors, type errors, compile limits).
pub fn compile(path: &str, src: &str) -> Result<golab_bytecode::Program, Diagnostics> {
    compile_bytes(path, src.as_bytes())
}

/// Like [`compile`] for source that may not be valid UTF-8.
pub fn compile_bytes(path: &str, src: &[u8]) -> Result<golab_bytecode::Program, Diagnostics> {
    let (file, res, text) = front_end(path, src)?;
    codegen::generate(path, &text, src.len(), &file, &res)
        .map_err(|errs| diagnostics(path, &text, errs))
}

/// Bounds recursion by the bytes of host stack actually used, so deeply
/// nested input becomes a diagnostic instead of a host stack overflow. A
/// level count alone cannot do this: frame sizes differ tenfold between
/// debug and release builds, and wasm32 gives us only a 1 MiB stack.
#[derive(Clone, Copy, Debug)]
pub(crate) struct StackGuard {
    base: usize,
}

/// Stack bytes one compiler phase may use below its entry point.
const STACK_BUDGET: usize = 384 * 1024;

impl StackGuard {
    #[inline(never)]
    pub(crate) fn new() -> StackGuard {
        let marker = 0u8;
        StackGuard {
            base: std::hint::black_box(&marker) as *const u8 as usize,
        }
    }

    #[inline(never)]
    pub(crate) fn exceeded(&self) -> bool {
        let marker = 0u8;
        let here = std::hint::black_box(&marker) as *const u8 as usize;
        self.base.saturating_sub(here) > STACK_BUDGET
    }
}
