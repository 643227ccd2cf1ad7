//! Go Concurrency Lab: the book app (Yew, client-side rendered).
//!
//! Data flow: `chapters/*.md` (embedded by `build.rs`, see [`content`]) →
//! [`markdown`] (a document tree with typed [`directive`]s) → [`view`] (Yew
//! nodes) → pages. Runnable examples and widgets are views over runs of the
//! Go runtime (`crates/runtime`). [`threads`] is the worker pool that gives
//! parallel mode its real logical processors. See ARCHITECTURE.md.

pub mod app;
pub mod block_context;
pub mod blocks;
pub mod codec;
pub mod components;
pub mod content;
pub mod directive;
pub mod engine;
pub mod lang;
pub mod markdown;
pub mod pages;
pub mod platform;
pub mod progress;
pub mod route;
pub mod search;
pub mod share;
pub mod threads;
pub mod unavailable;
pub mod view;
pub mod widgets;

pub use app::App;
