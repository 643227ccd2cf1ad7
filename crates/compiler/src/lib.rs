//! golab-compiler: the Go subset front end and code generator.
pub mod ast;
pub mod lexer;
pub mod parser;

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
