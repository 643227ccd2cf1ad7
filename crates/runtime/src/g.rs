//! The goroutine: every bit of its execution state (register stack, frames,
//! pc, defer records, panic chain, a native's pending callback state) lives
//! in a `G`, never on the host stack. That is what lets the scheduler stop a
//! goroutine at any instruction boundary and resume it later, and lets many
//! goroutines exist at once. Names follow Go's runtime2.go.

use std::any::Any;

/// A goroutine's status (runtime2.go).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GStatus {
    /// Just allocated, not yet initialized (unused after `newproc`).
    Gidle,
    /// On a run queue, not running.
    Grunnable,
    /// Running on an M.
    Grunning,
    /// Blocked (channel, mutex, sleep...).
    Gwaiting,
    /// In a blocking system call.
    Gsyscall,
    /// Exited.
    Gdead,
}

impl GStatus {
    /// Go's name for the status (`_Grunnable`...).
    pub fn go_name(self) -> &'static str {
        match self {
            GStatus::Gidle => "_Gidle",
            GStatus::Grunnable => "_Grunnable",
            GStatus::Grunning => "_Grunning",
            GStatus::Gwaiting => "_Gwaiting",
            GStatus::Gsyscall => "_Gsyscall",
            GStatus::Gdead => "_Gdead",
        }
    }
    /// The word a traceback header uses when there is no wait reason.
    pub fn traceback_word(self) -> &'static str {
        match self {
            GStatus::Gidle => "idle",
            GStatus::Grunnable => "runnable",
            GStatus::Grunning => "running",
            GStatus::Gwaiting => "waiting",
            GStatus::Gsyscall => "syscall",
            GStatus::Gdead => "dead",
        }
    }
}

/// Why a frame was pushed, which decides what its `Return` does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FrameKind {
    /// An ordinary call: results go to the caller's window.
    Normal,
    /// A deferred call run by `RunDefers` at a normal return.
    DeferredByReturn,
    /// A deferred call run while panicking; on return, a recovered panic
    /// resumes the deferring frame at its epilogue.
    DeferredByPanic,
    /// Go code called back by a native (`sort.Slice`'s less, `String()`
    /// for fmt); the results are handed to the native, which re-executes.
    NativeCallback,
    /// An `Error()`/`String()` call made to print an unrecovered panic value.
    PanicPrint,
}

/// An activation record.
#[derive(Clone, Copy, Debug)]
pub struct Frame {
    /// Function index.
    pub func: u32,
    /// Next instruction (for callers: the instruction after the call).
    pub pc: u32,
    /// Index of register 0 of this frame in `G::stack`.
    pub base: u32,
    /// The running closure (0 for plain functions), for `Upval`.
    pub closure: u64,
    /// See [`FrameKind`].
    pub kind: FrameKind,
}

/// A pending deferred call (`_defer`).
#[derive(Clone, Debug)]
pub struct Defer {
    /// Index in `G::frames` of the frame that executed `defer`.
    pub frame: usize,
    /// The func value to call.
    pub fnval: u64,
    /// Its arguments, evaluated at the `defer` statement.
    pub args: Vec<u64>,
}

/// One panic of the panic chain (`_panic`).
#[derive(Clone, Debug)]
pub struct Panic {
    /// The panic value (an interface word).
    pub value: u64,
    /// Whether `recover` took it.
    pub recovered: bool,
    /// Frame depth when the panic started.
    pub depth: usize,
    /// The traceback at the panic, top first: (function index, pc of the
    /// faulting instruction or of the call, whether it is a deferred call
    /// run by a panic).
    pub trace: Vec<(u32, u32, bool)>,
    /// The value's text once computed for printing.
    pub text: Option<String>,
    /// Whether the value was a runtime error that Go reports with a signal line.
    pub sigsegv: bool,
    /// Not a panic but `runtime.Goexit` (Go's `_panic.goexit`): it unwinds
    /// the same way, `recover` does not see it, and at the bottom of the
    /// stack the goroutine ends instead of the program.
    pub goexit: bool,
}

/// State a native keeps across the Go calls it makes (see `natives`).
#[derive(Default)]
pub struct NativeCb {
    /// The native's own state.
    pub state: Option<Box<dyn Any + Send>>,
    /// Results of the callbacks made so far, in order.
    pub results: Vec<Vec<u64>>,
}

/// A goroutine (`g`).
pub struct G {
    /// Goroutine id (main is 1).
    pub goid: u64,
    /// Status.
    pub status: GStatus,
    /// The register stack; frames are windows into it.
    pub stack: Vec<u64>,
    /// Call frames, innermost last.
    pub frames: Vec<Frame>,
    /// Deferred calls, newest last.
    pub defers: Vec<Defer>,
    /// The panic chain, newest last.
    pub panics: Vec<Panic>,
    /// Callback state of the native being executed.
    pub cb: NativeCb,
    /// States of natives waiting for their Go callbacks to return (one per
    /// `NativeCallback` frame, innermost last).
    pub cb_stack: Vec<NativeCb>,
    /// A deferred native run by a panic is waiting for a Go callback.
    pub unwinding_native: bool,
    /// Where the goroutine was created: (function, pc of the `go`).
    pub created_by: Option<(u32, u32)>,
    /// Index of this G in `Sched::allgs` (stable while the G lives).
    pub idx: u32,
    /// Why the G is waiting (meaningful in `Gwaiting`).
    pub wait_reason: crate::sched::WaitReason,
    /// Virtual time at which the G started waiting (for "N minutes").
    pub waitsince: i64,
    /// Channels a G blocked in `select` is enqueued on (its sudogs are
    /// removed from all of them when one case fires).
    pub select_chans: Vec<u64>,
    /// When a blocked `sync.Mutex.Lock` first started waiting (starvation).
    pub mutex_wait_start: i64,
    /// Address of the semaphore/lock the G waits on, for snapshots.
    pub waiting_on: u64,
    /// The P this G last ran on (for trace events), `u32::MAX` if none.
    pub last_p: u32,
}

/// Words kept free past the end of a register stack when it grows: 128
/// bytes, two cache lines. In parallel mode Ms write different Gs'
/// registers on different cores, and stacks allocated one after another
/// (wasm has one heap for all threads) would otherwise share a line, which
/// every register write then pulls from the other core (false sharing).
const STACK_SLACK: usize = 16;

impl G {
    /// Makes the register stack at least `len` words long (new words are
    /// zero), keeping [`STACK_SLACK`] words of headroom when it reallocates.
    pub fn grow_stack(&mut self, len: usize) {
        if self.stack.len() >= len {
            return;
        }
        if self.stack.capacity() < len {
            self.stack
                .reserve_exact(len + STACK_SLACK - self.stack.len());
        }
        self.stack.resize(len, 0);
    }

    /// A goroutine with no frames yet.
    pub fn new(goid: u64) -> G {
        G {
            goid,
            status: GStatus::Grunnable,
            stack: Vec::new(),
            frames: Vec::new(),
            defers: Vec::new(),
            panics: Vec::new(),
            cb: NativeCb::default(),
            cb_stack: Vec::new(),
            created_by: None,
            unwinding_native: false,
            idx: 0,
            wait_reason: crate::sched::WaitReason::Zero,
            waitsince: 0,
            select_chans: Vec::new(),
            mutex_wait_start: 0,
            waiting_on: 0,
            last_p: u32::MAX,
        }
    }
}
