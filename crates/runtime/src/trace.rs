//! Trace export: the recorded [`Event`]s as Chrome trace-event JSON, which
//! Perfetto and `chrome://tracing` open. Each P is a thread lane (`tid` =
//! P + 1; events without a P go to lane 0); a G's run on a P is a complete
//! event (`ph: "X"`) from its `GoStart` to the event that took it off the
//! P; every event is also an instant event with its arguments.

use crate::sched::{EvKind, Event, NIL};
use std::collections::HashMap;
use std::fmt::Write;

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
    let mut running: HashMap<u64, (i64, u32)> = HashMap::new();
    for e in events {
        let us = e.ts as f64 / 1000.0;
        match e.kind {
            EvKind::GoStart => {
                running.insert(e.g, (e.ts, e.p));
            }
            EvKind::GoEnd
            | EvKind::GoSched
            | EvKind::GoPreempt
            | EvKind::GoBlock
            | EvKind::GoSysCall => {
                if let Some((start, p)) = running.remove(&e.g) {
                    push(
                        &mut s,
                        format!(
                            "{{\"name\":\"G{}\",\"ph\":\"X\",\"pid\":1,\"tid\":{},\"ts\":{:.3},\"dur\":{:.3},\"args\":{{\"goid\":{},\"end\":\"{}\"}}}}",
                            e.g,
                            lane(p),
                            start as f64 / 1000.0,
                            (e.ts - start) as f64 / 1000.0,
                            e.g,
                            e.kind.name()
                        ),
                    );
                }
            }
            _ => {}
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
