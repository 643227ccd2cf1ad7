//! What the views draw, as plain data: the runtime's snapshot of the
//! scheduler, its trace events, the race detector's access kinds, and the
//! compiler's highlighting of Go source. Re-exported here so that widgets
//! name the engine, never the runtime or the compiler (see the engine's
//! invariant); none of these types can reach into a running machine.

pub use golab_compiler::lexer::{highlight, HighlightKind};
pub use golab_runtime::race::AccessKind;
pub use golab_runtime::sched::NIL;
pub use golab_runtime::snapshot::{
    ChanView, GStatusView, GView, MStatusView, MView, PStatusView, PView, Snapshot,
};
pub use golab_runtime::trace::{run_slices, Lane, Marker, RunSlices, Slice};
pub use golab_runtime::{EvKind, Event, WaitReason};

/// Trace events as Chrome trace-event JSON (Perfetto opens it).
pub fn chrome_trace_json(events: &[Event]) -> String {
    golab_runtime::trace::chrome_json(events)
}
