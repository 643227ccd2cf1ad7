//! golab-cli: the native `lab` command and the Go program corpus checker.
//!
//! `lab run prog.go` behaves like a Go binary built from `prog.go` (stdout,
//! stderr in Go's shape, Go's exit statuses); `lab check prog.go` prints the
//! compile errors. The library half exists so the corpus comparison
//! ([`corpus`], [`golden`]) and the embedded corpus ([`embedded`]) can be
//! reused by a wasm test that has no filesystem and no processes.
//!
//! **Architecture Invariant:** only [`engine`] names `golab_compiler` and
//! `golab_runtime`; [`corpus`] and [`golden`] are pure functions over text.

pub mod args;
pub mod corpus;
pub mod embedded;
pub mod engine;
pub mod golden;
pub mod trace_check;
