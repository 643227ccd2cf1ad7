//! How many Ps a run on the page may have: one rule, used by the directive
//! parser, the playground's control, the widgets and the engine itself.
//!
//! - **Step mode**: at most [`MAX_STEP`]. Step mode's Ps are virtual (one
//!   thread interleaves them), so any number runs; 64 is as many as a
//!   diagram can still show, and far more than a lesson needs.
//! - **Parallel mode**: at most the browser's logical CPUs (and never more
//!   than [`MAX_STEP`]). More Ps than cores would only take turns on the
//!   cores: preemption without parallelism, which is step mode's lesson.
//!
//! A Go program may still call `runtime.GOMAXPROCS(n)` itself: the runtime
//! applies Go's own ceiling to that (`_MaxGomaxprocs`, 1024), as `go run`
//! would.

use crate::platform;

/// The most Ps a step-mode run (or a directive's `gomaxprocs=`) may ask for.
pub const MAX_STEP: u32 = 64;

/// Which kind of run the Ps are for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Mode {
    /// Deterministic, replayable by seed, steppable: the Ps are virtual,
    /// time-sliced on the page's thread.
    #[default]
    Step,
    /// Each M a worker thread: the Ps really run at once.
    Parallel,
}

/// The ceiling for `mode` on a machine with `cpus` logical CPUs.
pub fn limit_for(mode: Mode, cpus: u32) -> u32 {
    match mode {
        Mode::Step => MAX_STEP,
        Mode::Parallel => cpus.clamp(1, MAX_STEP),
    }
}

/// `requested` brought into 1..=[`limit_for`] on a machine with `cpus`
/// logical CPUs.
pub fn clamp_for(requested: u32, mode: Mode, cpus: u32) -> u32 {
    requested.clamp(1, limit_for(mode, cpus))
}

/// [`limit_for`] on this browser.
pub fn limit(mode: Mode) -> u32 {
    limit_for(mode, platform::hardware_concurrency())
}

/// [`clamp_for`] on this browser.
pub fn clamp(requested: u32, mode: Mode) -> u32 {
    clamp_for(requested, mode, platform::hardware_concurrency())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn step_mode_allows_up_to_64_virtual_ps() {
        assert_eq!(clamp_for(0, Mode::Step, 2), 1);
        assert_eq!(clamp_for(8, Mode::Step, 2), 8);
        assert_eq!(clamp_for(1000, Mode::Step, 2), MAX_STEP);
    }

    #[test]
    fn parallel_mode_allows_one_p_per_logical_cpu() {
        assert_eq!(clamp_for(4, Mode::Parallel, 2), 2);
        assert_eq!(clamp_for(0, Mode::Parallel, 8), 1);
        assert_eq!(
            clamp_for(3, Mode::Parallel, 0),
            1,
            "a browser reporting no CPU still gets one P"
        );
        assert_eq!(limit_for(Mode::Parallel, 256), MAX_STEP);
    }
}
