//! Trace events and what is derived from them. The scheduler records
//! [`Event`]s named as Go's execution tracer names them (`GoStart`,
//! `GoBlock`, `ProcStart`...); this module pairs them into run slices ("G
//! ran on P from t0 to t1", a G's stretch in a system call, block and
//! unblock markers) with [`run_slices`], a pure function over plain data, so
//! the Chrome trace export ([`chrome_json`]) and the page's timeline draw
//! the same bars from one pairing.
//!
//! Chrome trace-event JSON is what Perfetto and `chrome://tracing` open.
//! Each P is a thread lane (`tid` = P + 1; events without a P go to lane
//! 0); a G's run on a P is a complete event (`ph: "X"`) from its `GoStart`
//! to the event that took it off the P; every event is also an instant
//! event with its arguments.

use crate::sched::{WaitReason, NIL};
use std::collections::HashMap;
use std::fmt::Write;

/// A trace event kind, named as Go's execution tracer names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EvKind {
    /// A G was created (`arg` = new goid).
    GoCreate,
    /// A G starts running on a P.
    GoStart,
    /// A G exited.
    GoEnd,
    /// `runtime.Gosched`: the G goes to the global queue.
    GoSched,
    /// The G used its 10 ms slice and was preempted to the global queue.
    GoPreempt,
    /// The G blocked (`reason`).
    GoBlock,
    /// The G (`arg` = goid) was made runnable.
    GoUnblock,
    /// The G entered a blocking system call.
    GoSysCall,
    /// The syscall blocked long enough for sysmon to retake the P.
    GoSysBlock,
    /// The G returned from the system call.
    GoSysExit,
    /// An M started running a P.
    ProcStart,
    /// An M stopped running a P.
    ProcStop,
    /// A P stole `arg` Gs from P `arg2`.
    Steal,
    /// A value was sent on channel `arg`.
    ChanSend,
    /// A value was received from channel `arg`.
    ChanRecv,
    /// Channel `arg` was closed.
    ChanClose,
    /// The G went to sleep until `arg`.
    Sleep,
    /// A mutex at `arg` was locked.
    MutexLock,
    /// A mutex at `arg` was unlocked.
    MutexUnlock,
    /// A new M (thread) was created (`arg` = thread count).
    ThreadCreate,
    /// GOMAXPROCS changed to `arg`.
    Procs,
    /// A plain load of the shared word `arg` (value `arg2`).
    MemRead,
    /// A plain store to the shared word `arg` (value `arg2`).
    MemWrite,
    /// An atomic operation on the word `arg` (new value `arg2`).
    MemAtomic,
}

impl EvKind {
    /// The event's name.
    pub fn name(self) -> &'static str {
        match self {
            EvKind::GoCreate => "GoCreate",
            EvKind::GoStart => "GoStart",
            EvKind::GoEnd => "GoEnd",
            EvKind::GoSched => "GoSched",
            EvKind::GoPreempt => "GoPreempt",
            EvKind::GoBlock => "GoBlock",
            EvKind::GoUnblock => "GoUnblock",
            EvKind::GoSysCall => "GoSysCall",
            EvKind::GoSysBlock => "GoSysBlock",
            EvKind::GoSysExit => "GoSysExit",
            EvKind::ProcStart => "ProcStart",
            EvKind::ProcStop => "ProcStop",
            EvKind::Steal => "Steal",
            EvKind::ChanSend => "ChanSend",
            EvKind::ChanRecv => "ChanRecv",
            EvKind::ChanClose => "ChanClose",
            EvKind::Sleep => "Sleep",
            EvKind::MutexLock => "MutexLock",
            EvKind::MutexUnlock => "MutexUnlock",
            EvKind::ThreadCreate => "ThreadCreate",
            EvKind::Procs => "Procs",
            EvKind::MemRead => "MemRead",
            EvKind::MemWrite => "MemWrite",
            EvKind::MemAtomic => "MemAtomic",
        }
    }

    /// Whether this is a scheduling event (what `step_event` stops at).
    pub fn is_sched(self) -> bool {
        !matches!(self, EvKind::MemRead | EvKind::MemWrite | EvKind::MemAtomic)
    }
}

/// One trace event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    /// Virtual time in nanoseconds.
    pub ts: i64,
    /// Kind.
    pub kind: EvKind,
    /// P (`NIL` if none).
    pub p: u32,
    /// M (`NIL` if none).
    pub m: u32,
    /// Goid of the G concerned (0 if none).
    pub g: u64,
    /// First argument (see [`EvKind`]).
    pub arg: u64,
    /// Second argument.
    pub arg2: u64,
    /// Wait reason for `GoBlock`.
    pub reason: WaitReason,
    /// Source line of the G when the event happened (0 if unknown).
    pub line: u32,
}

/// Where a slice is drawn: on a P, or on an M blocked in a system call
/// (the G is off every P then, but still holds the M).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Lane {
    /// P `id`.
    P(u32),
    /// M `id` in a blocking system call.
    Syscall(u32),
}

/// A stretch of time G `g` spent on a lane.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Slice {
    /// Where it ran.
    pub lane: Lane,
    /// Goid.
    pub g: u64,
    /// When it started (`GoStart`, or `GoSysCall` on a syscall lane).
    pub start: i64,
    /// When it ended; for a slice still open, the end of the timeline.
    pub end: i64,
    /// The event that ended it (`GoBlock`, `GoSched`, `GoSysExit`...);
    /// `None` while it is still running (or still in its system call).
    pub ended_by: Option<EvKind>,
    /// Index in the events of the event that ended it (`None` if open).
    pub end_event: Option<usize>,
}

impl Slice {
    /// What ended the slice, as text: the event's name, or `running` /
    /// `in syscall` for a slice still open.
    pub fn ended_by_name(&self) -> &'static str {
        match (self.ended_by, self.lane) {
            (Some(k), _) => k.name(),
            (None, Lane::P(_)) => "running",
            (None, Lane::Syscall(_)) => "in syscall",
        }
    }
}

/// A G blocked (on the lane of the P it last ran on) or was made runnable
/// (on the lane of the P that readied it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Marker {
    /// The P's lane.
    pub lane: Lane,
    /// When.
    pub ts: i64,
    /// The goid that blocked or was readied.
    pub g: u64,
    /// Blocked (`GoBlock`) rather than readied (`GoUnblock`).
    pub block: bool,
    /// Why it blocked ([`WaitReason::Zero`] for an unblock).
    pub reason: WaitReason,
}

/// A trace paired into slices and markers (see [`run_slices`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RunSlices {
    /// Every lane some slice is on: Ps first, then syscall lanes, by id.
    pub lanes: Vec<Lane>,
    /// Slices sorted by lane, then start (ties in the order they ended,
    /// open ones last by goid).
    pub slices: Vec<Slice>,
    /// Markers in event order.
    pub markers: Vec<Marker>,
    /// The timeline's end: the last event's time, or `now` if later.
    pub end: i64,
}

/// Pairs `GoStart` with the event that took the G off its P (`GoEnd`,
/// `GoSched`, `GoPreempt`, `GoBlock`, `GoSysCall`) and `GoSysCall` with
/// `GoSysExit`; a slice still open at the end of the trace ends at `now`
/// (or at the last event, if later). A `GoStart` without a P starts no
/// slice. Plain data in, plain data out: the page's timeline and
/// [`chrome_json`] both draw from it.
pub fn run_slices(events: &[Event], now: i64) -> RunSlices {
    fn add_lane(lanes: &mut Vec<Lane>, lane: Lane) {
        if let Err(at) = lanes.binary_search(&lane) {
            lanes.insert(at, lane);
        }
    }
    let mut d = RunSlices::default();
    // Hash maps, sorted vectors and no sort of the slices: the page carries
    // every ordered map and sort it instantiates (kilobytes each), and the
    // order falls out of the trace itself (see the end).
    let mut running: HashMap<u64, (i64, u32)> = HashMap::new();
    let mut in_syscall: HashMap<u64, (i64, u32)> = HashMap::new();
    let mut lanes: Vec<Lane> = Vec::new();
    // Closed slices, in the order they ended.
    let mut closed: Vec<Slice> = Vec::new();
    // The P each G last started on: where its block marker goes.
    let mut on_p: HashMap<u64, u32> = HashMap::new();
    for (i, e) in events.iter().enumerate() {
        d.end = d.end.max(e.ts);
        match e.kind {
            EvKind::GoStart if e.p != NIL => {
                running.insert(e.g, (e.ts, e.p));
                on_p.insert(e.g, e.p);
                add_lane(&mut lanes, Lane::P(e.p));
            }
            EvKind::GoEnd
            | EvKind::GoSched
            | EvKind::GoPreempt
            | EvKind::GoBlock
            | EvKind::GoSysCall => {
                if let Some((start, p)) = running.remove(&e.g) {
                    closed.push(Slice {
                        lane: Lane::P(p),
                        g: e.g,
                        start,
                        end: e.ts,
                        ended_by: Some(e.kind),
                        end_event: Some(i),
                    });
                }
                if e.kind == EvKind::GoBlock {
                    if let Some(&p) = on_p.get(&e.g) {
                        d.markers.push(Marker {
                            lane: Lane::P(p),
                            ts: e.ts,
                            g: e.g,
                            block: true,
                            reason: e.reason,
                        });
                    }
                }
                if e.kind == EvKind::GoSysCall && e.m != NIL {
                    in_syscall.insert(e.g, (e.ts, e.m));
                }
            }
            EvKind::GoSysExit => {
                if let Some((start, m)) = in_syscall.remove(&e.g) {
                    add_lane(&mut lanes, Lane::Syscall(m));
                    closed.push(Slice {
                        lane: Lane::Syscall(m),
                        g: e.g,
                        start,
                        end: e.ts,
                        ended_by: Some(EvKind::GoSysExit),
                        end_event: Some(i),
                    });
                }
            }
            // `arg` is the goid made runnable; the marker goes on the lane
            // of the P that readied it.
            EvKind::GoUnblock if e.p != NIL => d.markers.push(Marker {
                lane: Lane::P(e.p),
                ts: e.ts,
                g: e.arg,
                block: false,
                reason: WaitReason::Zero,
            }),
            _ => {}
        }
    }
    d.end = d.end.max(now);
    // Still open at the end, by goid (the maps' order is the host's).
    let mut open: Vec<Slice> = Vec::new();
    for (map, syscall) in [(&running, false), (&in_syscall, true)] {
        let mut gs: Vec<u64> = map.keys().copied().collect();
        gs.sort_unstable();
        for g in gs {
            let (start, id) = map[&g];
            let lane = if syscall {
                Lane::Syscall(id)
            } else {
                Lane::P(id)
            };
            add_lane(&mut lanes, lane);
            open.push(Slice {
                lane,
                g,
                start,
                end: d.end,
                ended_by: None,
                end_event: None,
            });
        }
    }
    // Lane by lane, each lane's slices in the order they ran: a lane runs
    // one G at a time, so there the order they ended in is the order they
    // started in, and an open slice comes last.
    for lane in &lanes {
        d.slices.extend(
            closed
                .iter()
                .chain(&open)
                .filter(|s| s.lane == *lane)
                .cloned(),
        );
    }
    d.lanes = lanes;
    d
}

fn lane(p: u32) -> u64 {
    if p == NIL {
        0
    } else {
        p as u64 + 1
    }
}

/// Chrome trace-event JSON for `events`.
pub fn chrome_json(events: &[Event]) -> String {
    let mut s = String::from("{\"traceEvents\":[\n");
    let mut first = true;
    let mut push = |s: &mut String, item: String| {
        if !first {
            s.push_str(",\n");
        }
        first = false;
        s.push_str(&item);
    };
    // Lane names.
    let mut ps: Vec<u32> = events.iter().map(|e| e.p).collect();
    ps.sort_unstable();
    ps.dedup();
    for p in ps {
        let name = if p == NIL {
            "runtime".to_string()
        } else {
            format!("P{p}")
        };
        push(
            &mut s,
            format!(
                "{{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":1,\"tid\":{},\"args\":{{\"name\":\"{name}\"}}}}",
                lane(p)
            ),
        );
    }
    // Each closed run slice on a P is written just before the instant
    // event of the event that closed it, so the JSON reads in event order.
    let slices = run_slices(events, 0).slices;
    // The closed P slice each event ends, if any (an event ends at most one).
    let mut ends: Vec<Option<(u32, &Slice)>> = vec![None; events.len()];
    for sl in &slices {
        if let (Some(i), Lane::P(p)) = (sl.end_event, sl.lane) {
            ends[i] = Some((p, sl));
        }
    }
    for (i, e) in events.iter().enumerate() {
        let us = e.ts as f64 / 1000.0;
        if let Some((p, sl)) = ends[i] {
            push(
                &mut s,
                format!(
                    "{{\"name\":\"G{}\",\"ph\":\"X\",\"pid\":1,\"tid\":{},\"ts\":{:.3},\"dur\":{:.3},\"args\":{{\"goid\":{},\"end\":\"{}\"}}}}",
                    sl.g,
                    lane(p),
                    sl.start as f64 / 1000.0,
                    (sl.end - sl.start) as f64 / 1000.0,
                    sl.g,
                    sl.ended_by_name()
                ),
            );
        }
        let mut args = String::new();
        let _ = write!(args, "\"g\":{},\"m\":{},\"arg\":{}", e.g, e.m as i64, e.arg);
        if e.arg2 != 0 {
            let _ = write!(args, ",\"arg2\":{}", e.arg2);
        }
        if e.kind == EvKind::GoBlock {
            let _ = write!(args, ",\"reason\":\"{}\"", e.reason.as_str());
        }
        push(
            &mut s,
            format!(
                "{{\"name\":\"{}\",\"ph\":\"i\",\"s\":\"t\",\"pid\":1,\"tid\":{},\"ts\":{us:.3},\"args\":{{{args}}}}}",
                e.kind.name(),
                lane(e.p)
            ),
        );
    }
    s.push_str("\n]}\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(ts: i64, kind: EvKind, p: u32, m: u32, g: u64, arg: u64) -> Event {
        Event {
            ts,
            kind,
            p,
            m,
            g,
            arg,
            arg2: 0,
            reason: WaitReason::Zero,
            line: 0,
        }
    }

    #[test]
    fn run_slices_pair_starts_with_what_took_the_g_off_its_p() {
        let mut block = ev(40, EvKind::GoBlock, 0, 0, 6, 0);
        block.reason = WaitReason::ChanReceive;
        let events = [
            ev(0, EvKind::GoStart, 0, 0, 1, 0),
            ev(10, EvKind::GoStart, 1, 1, 6, 0),
            ev(20, EvKind::GoSched, 0, 0, 1, 0),
            block,
            ev(50, EvKind::GoUnblock, 0, 0, 1, 6),
            ev(60, EvKind::GoStart, 0, 0, 6, 0),
        ];
        let d = run_slices(&events, 100);
        assert_eq!(d.lanes, vec![Lane::P(0), Lane::P(1)]);
        let got: Vec<_> = d
            .slices
            .iter()
            .map(|s| (s.lane, s.g, s.start, s.end, s.ended_by_name(), s.end_event))
            .collect();
        assert_eq!(
            got,
            vec![
                (Lane::P(0), 1, 0, 20, "GoSched", Some(2)),
                (Lane::P(0), 6, 60, 100, "running", None),
                (Lane::P(1), 6, 10, 40, "GoBlock", Some(3)),
            ]
        );
        assert_eq!(
            d.markers,
            vec![
                Marker {
                    lane: Lane::P(1),
                    ts: 40,
                    g: 6,
                    block: true,
                    reason: WaitReason::ChanReceive,
                },
                Marker {
                    lane: Lane::P(0),
                    ts: 50,
                    g: 6,
                    block: false,
                    reason: WaitReason::Zero,
                },
            ]
        );
        assert_eq!(d.end, 100);
    }

    #[test]
    fn system_calls_get_a_lane_of_their_m() {
        let events = [
            ev(0, EvKind::GoStart, 0, 0, 6, 0),
            ev(5, EvKind::GoSysCall, 0, 0, 6, 1000),
            ev(8, EvKind::GoStart, 0, 0, 7, 0),
            ev(9, EvKind::GoSysCall, 0, 2, 7, 1000),
            ev(30, EvKind::GoSysExit, 1, 0, 6, 0),
        ];
        let d = run_slices(&events, 0);
        assert_eq!(d.end, 30, "the last event when `now` is earlier");
        assert_eq!(
            d.lanes,
            vec![Lane::P(0), Lane::Syscall(0), Lane::Syscall(2)]
        );
        let got: Vec<_> = d
            .slices
            .iter()
            .map(|s| (s.lane, s.g, s.start, s.end, s.ended_by_name()))
            .collect();
        assert_eq!(
            got,
            vec![
                (Lane::P(0), 6, 0, 5, "GoSysCall"),
                (Lane::P(0), 7, 8, 9, "GoSysCall"),
                (Lane::Syscall(0), 6, 5, 30, "GoSysExit"),
                (Lane::Syscall(2), 7, 9, 30, "in syscall"),
            ]
        );
    }

    #[test]
    fn a_start_without_a_p_starts_no_slice() {
        let d = run_slices(&[ev(0, EvKind::GoStart, NIL, 0, 6, 0)], 10);
        assert!(d.slices.is_empty() && d.lanes.is_empty());
    }

    #[test]
    fn chrome_json_writes_a_slice_before_the_event_that_closed_it() {
        let events = [
            ev(0, EvKind::GoStart, 0, 0, 1, 0),
            ev(2500, EvKind::GoEnd, 0, 0, 1, 0),
        ];
        let json = chrome_json(&events);
        let x = json.find("\"ph\":\"X\"").expect("a complete event");
        let end = json.find("\"name\":\"GoEnd\"").expect("GoEnd");
        assert!(x < end, "{json}");
        assert!(
            json.contains("\"ts\":0.000,\"dur\":2.500,\"args\":{\"goid\":1,\"end\":\"GoEnd\"}"),
            "{json}"
        );
    }
}
