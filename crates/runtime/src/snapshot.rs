//! Plain-data views of a run for the widgets: every G, P, M, channel and
//! waited-on lock, the global queue and the virtual clock. Nothing here
//! borrows runtime internals, so a snapshot can cross a thread or a
//! worker boundary as is.

use crate::g::{GStatus, G};
use crate::heap::Obj;
use crate::machine::Machine;
use crate::sched::{MStatus, PStatus, WaitReason, NIL};

/// A G's status, as Go's `_Grunnable`... (runtime2.go). Snapshots list
/// live Gs only, so `Idle` and `Dead` do not appear in one; they are here
/// so the enum mirrors Go's list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum GStatusView {
    /// `_Gidle`: just allocated (Go's zero value).
    #[default]
    Idle,
    /// `_Grunnable`: on a run queue.
    Runnable,
    /// `_Grunning`: running on an M with a P.
    Running,
    /// `_Gsyscall`: in a blocking system call, on its M.
    Syscall,
    /// `_Gwaiting`: blocked (channel, lock, sleep...).
    Waiting,
    /// `_Gdead`: exited.
    Dead,
}

impl GStatusView {
    /// Go's name: `_Grunnable`, `_Grunning`...
    pub fn go_name(self) -> &'static str {
        match self {
            GStatusView::Idle => "_Gidle",
            GStatusView::Runnable => "_Grunnable",
            GStatusView::Running => "_Grunning",
            GStatusView::Syscall => "_Gsyscall",
            GStatusView::Waiting => "_Gwaiting",
            GStatusView::Dead => "_Gdead",
        }
    }
}

impl From<GStatus> for GStatusView {
    fn from(s: GStatus) -> Self {
        match s {
            GStatus::Gidle => GStatusView::Idle,
            GStatus::Grunnable => GStatusView::Runnable,
            GStatus::Grunning => GStatusView::Running,
            GStatus::Gsyscall => GStatusView::Syscall,
            GStatus::Gwaiting => GStatusView::Waiting,
            GStatus::Gdead => GStatusView::Dead,
        }
    }
}

/// A P's status, as Go's `_Pidle`... (runtime2.go).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum PStatusView {
    /// `_Pidle`: on the idle list, no M (Go's zero value).
    #[default]
    Idle,
    /// `_Prunning`: held by an M running Go code or the scheduler.
    Running,
    /// `_Psyscall`: its M is in a system call; sysmon may retake it.
    Syscall,
    /// `_Pdead`: the program has exited, and its Ps with it.
    Dead,
}

impl PStatusView {
    /// Go's name: `_Pidle`, `_Prunning`, `_Psyscall`.
    pub fn go_name(self) -> &'static str {
        match self {
            PStatusView::Idle => "_Pidle",
            PStatusView::Running => "_Prunning",
            PStatusView::Syscall => "_Psyscall",
            PStatusView::Dead => "_Pdead",
        }
    }
}

/// What an M is doing. Go keeps no status word for an M (it is implied by
/// `m.p`, `m.curg` and the idle list), so the names are plain words.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum MStatusView {
    /// Parked on the idle list (`stopm`).
    #[default]
    Idle,
    /// Holds a P and runs Gs (or looks for one).
    Running,
    /// Blocked in a system call with its G.
    Syscall,
}

impl MStatusView {
    /// `idle`, `running` or `syscall`.
    pub fn name(self) -> &'static str {
        match self {
            MStatusView::Idle => "idle",
            MStatusView::Running => "running",
            MStatusView::Syscall => "syscall",
        }
    }
}

/// Go's names (`_Grunnable`, `_Pidle`) and the M's word, for text.
macro_rules! display_as {
    ($($t:ty => $f:ident),*) => {$(
        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.$f())
            }
        }
    )*};
}
display_as!(GStatusView => go_name, PStatusView => go_name, MStatusView => name);

/// One goroutine.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GView {
    /// Goroutine id.
    pub goid: u64,
    /// Runnable, running, waiting or in a system call.
    pub status: GStatusView,
    /// Wait reason text (empty unless waiting).
    pub wait_reason: &'static str,
    /// Function it is executing.
    pub func: String,
    /// Source line it is at (the instruction it runs next, or the one it
    /// is blocked in).
    pub line: u32,
    /// Where it was created (`go` statement's function and line).
    pub created_at: Option<(String, u32)>,
    /// The P it runs on, if running.
    pub p: Option<u32>,
    /// The M it runs on or is in a syscall with.
    pub m: Option<u32>,
}

/// One P.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PView {
    /// Index.
    pub id: u32,
    /// Idle, running or in a system call.
    pub status: PStatusView,
    /// The M holding it.
    pub m: Option<u32>,
    /// Goid in `runnext`.
    pub runnext: Option<u64>,
    /// Goids of the local run queue, head first.
    pub runq: Vec<u64>,
    /// Scheduling ticks.
    pub schedtick: u32,
}

/// One M (thread).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MView {
    /// Index.
    pub id: u32,
    /// Running, in a system call or idle.
    pub status: MStatusView,
    /// The P it holds.
    pub p: Option<u32>,
    /// The G it runs (or is in a syscall with).
    pub curg: Option<u64>,
    /// Looking for work.
    pub spinning: bool,
}

/// One channel.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChanView {
    /// Creation order from 1.
    pub id: u64,
    /// Element type name.
    pub elem_type: String,
    /// Capacity.
    pub dataqsiz: u32,
    /// Elements buffered.
    pub qcount: u32,
    /// Send index.
    pub sendx: u32,
    /// Receive index.
    pub recvx: u32,
    /// Closed.
    pub closed: bool,
    /// Buffered element words, oldest first.
    pub buffer: Vec<u64>,
    /// Goids of blocked senders.
    pub sendq: Vec<u64>,
    /// The value each blocked sender is handing over (same order).
    pub sendq_values: Vec<u64>,
    /// Goids of blocked receivers.
    pub recvq: Vec<u64>,
}

/// A lock or WaitGroup some goroutine waits on.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LockView {
    /// Address (pointer word) of the Mutex/RWMutex/WaitGroup.
    pub addr: u64,
    /// What the waiters wait for (`sync.Mutex.Lock`...).
    pub reason: &'static str,
    /// Whether it is locked (Mutex/RWMutex writer).
    pub locked: bool,
    /// Goids waiting, in queue order.
    pub waiters: Vec<u64>,
}

/// The whole state at an instruction boundary.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Snapshot {
    /// Virtual time in nanoseconds.
    pub now_ns: i64,
    /// Instructions executed.
    pub instructions: u64,
    /// GOMAXPROCS.
    pub gomaxprocs: u32,
    /// Threads created (Ms).
    pub threads: u32,
    /// Thread limit.
    pub max_threads: u32,
    /// Live goroutines.
    pub gs: Vec<GView>,
    /// Ps.
    pub ps: Vec<PView>,
    /// Ms.
    pub ms: Vec<MView>,
    /// Goids of the global run queue, head first.
    pub global_runq: Vec<u64>,
    /// Channels alive.
    pub chans: Vec<ChanView>,
    /// Locks with waiters.
    pub locks: Vec<LockView>,
}

/// The source line a G is at.
pub(crate) fn g_line(m: &Machine, g: &G) -> u32 {
    match g.frames.last() {
        Some(f) => {
            let func = &m.prog.functions[f.func as usize];
            let pc = if g.status == GStatus::Gwaiting || g.status == GStatus::Gsyscall {
                f.pc.saturating_sub(1)
            } else {
                f.pc
            };
            func.line_at(pc as usize)
        }
        None => 0,
    }
}

/// A snapshot of a program that has exited: no P runs anything any more
/// (`_Pdead`) and no M holds one, though the machine keeps the state of
/// its last instruction.
pub(crate) fn after_exit(snap: &mut Snapshot) {
    for p in &mut snap.ps {
        p.status = PStatusView::Dead;
        p.m = None;
    }
    for m in &mut snap.ms {
        m.status = MStatusView::Idle;
        m.p = None;
        m.curg = None;
    }
}

pub(crate) fn take(m: &Machine) -> Snapshot {
    let s = &m.sched;
    let goid = |gi: u32| s.g(gi).map(|g| g.goid);
    let opt = |x: u32| (x != NIL).then_some(x);
    let mut gs = Vec::new();
    for g in s.allgs.iter().flatten() {
        if g.status == GStatus::Gdead {
            continue;
        }
        let mm = s.allm.iter().find(|mm| mm.curg == g.idx);
        gs.push(GView {
            goid: g.goid,
            status: g.status.into(),
            wait_reason: if g.status == GStatus::Gwaiting {
                g.wait_reason.as_str()
            } else {
                ""
            },
            func: g
                .frames
                .last()
                .map(|f| m.prog.functions[f.func as usize].name.clone())
                .unwrap_or_default(),
            line: g_line(m, g),
            created_at: g.created_by.map(|(f, pc)| {
                let func = &m.prog.functions[f as usize];
                (func.name.clone(), func.line_at(pc as usize))
            }),
            p: mm.and_then(|mm| opt(mm.p)),
            m: mm.map(|mm| mm.id),
        });
    }
    let ps = s
        .allp
        .iter()
        .map(|p| PView {
            id: p.id,
            status: match p.status {
                PStatus::Pidle => PStatusView::Idle,
                PStatus::Prunning => PStatusView::Running,
                PStatus::Psyscall => PStatusView::Syscall,
            },
            m: opt(p.m),
            runnext: opt(p.runnext).and_then(goid),
            runq: p.runq_list().into_iter().filter_map(goid).collect(),
            schedtick: p.schedtick,
        })
        .collect();
    let ms = s
        .allm
        .iter()
        .map(|mm| MView {
            id: mm.id,
            status: match mm.status {
                MStatus::Running => MStatusView::Running,
                MStatus::Syscall => MStatusView::Syscall,
                MStatus::Idle => MStatusView::Idle,
            },
            p: opt(mm.p),
            curg: opt(mm.curg).and_then(goid),
            spinning: mm.spinning,
        })
        .collect();
    let mut chans: Vec<ChanView> = m
        .heap
        .iter()
        .filter_map(|(_, o)| match o {
            Obj::Chan(h) => Some(crate::chan::chan_view(m, h)),
            _ => None,
        })
        .collect();
    chans.sort_unstable_by_key(|c| c.id);
    let mut locks: Vec<LockView> = s
        .semtable
        .iter()
        .map(|(&key, q)| {
            let addr = key & !(1 << 63);
            let reason = q
                .front()
                .and_then(|&gi| s.g(gi))
                .map(|g| g.wait_reason)
                .unwrap_or(WaitReason::Semacquire);
            LockView {
                addr,
                reason: reason.as_str(),
                locked: m.heap.load(addr).unwrap_or(0) & 1 != 0,
                waiters: q.iter().filter_map(|&gi| goid(gi)).collect(),
            }
        })
        .collect();
    locks.sort_unstable_by_key(|l| (l.addr, l.reason));
    Snapshot {
        now_ns: s.now,
        instructions: m.steps,
        gomaxprocs: s.gomaxprocs,
        threads: s.mcount(),
        max_threads: s.maxmcount,
        gs,
        ps,
        ms,
        global_runq: s.runq.iter().filter_map(|&g| goid(g)).collect(),
        chans,
        locks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_display_with_go_names() {
        let all = [
            GStatus::Gidle,
            GStatus::Grunnable,
            GStatus::Grunning,
            GStatus::Gwaiting,
            GStatus::Gsyscall,
            GStatus::Gdead,
        ];
        for st in all {
            assert_eq!(GStatusView::from(st).go_name(), st.go_name());
        }
        assert_eq!(PStatusView::Running.go_name(), "_Prunning");
        assert_eq!(PStatusView::default().go_name(), "_Pidle");
        assert_eq!(MStatusView::Syscall.name(), "syscall");
        assert_eq!(format!("G1 {}", GStatusView::Waiting), "G1 _Gwaiting");
        assert_eq!(PStatusView::Syscall.to_string(), "_Psyscall");
        assert_eq!(MStatusView::Idle.to_string(), "idle");
    }
}
