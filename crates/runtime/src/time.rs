//! The `time` package and the runtime's timers (Go: `time`, `runtime/time.go`):
//! `time.Now`/`Since` and `Duration`'s methods on the scheduler's clock,
//! `time.Sleep`, `After`, `Tick`, `AfterFunc`, `time.Timer` and `time.Ticker`
//! (with Go 1.23's guarantee: after Stop or Reset no stale value arrives).
//!
//! The clock is `Sched::nanotime`: virtual in step mode (instructions
//! executed, see `sched`), the host's real clock in parallel mode. A sleep
//! or a timer is an entry of the scheduler's timer heap (`Sched::addtimer`,
//! `TimerKind`), which `sched::fire_timers` runs when it is due: it readies
//! a sleeping G, or sends the time on a timer's channel without blocking
//! (capacity 1, as Go's), re-arming a ticker.
//!
//! `time.Time` is an opaque one-word object holding nanoseconds since the
//! start of the run; `time.Timer` is `[C chan Time, id]`, where the id
//! marks the armed timer so `Stop` and `Reset` can cancel it.

use crate::machine::{Machine, RtErr, Trap};
use crate::natives::NativeFn;
use crate::sched::{SchedReq, TimerKind, WaitReason};
use crate::trace::EvKind;
use golab_bytecode::{TypeDesc, TypeKind};
use std::sync::atomic::AtomicU64;
use std::sync::atomic::Ordering::SeqCst;

/// Resolves the `time` natives.
pub(crate) fn lookup(name: &str) -> Option<NativeFn> {
    Some(match name {
        "time.Now" => |c, w| {
            let ty = time_type(c.m);
            let t = c.m.zero(ty);
            let now = c.m.sched.nanotime();
            c.m.heap.store(t, now as u64);
            w[0] = t;
            Ok(())
        },
        // time.nanosOf(t) and time.makeTime(ns): a Time's reading of the
        // run's clock, for golib's time.go (dates, Format, String).
        "time.nanosOf" => |c, w| {
            w[0] = c.m.heap.load(w[0]).unwrap_or(0);
            Ok(())
        },
        "time.makeTime" => |c, w| {
            let ty = time_type(c.m);
            let t = c.m.zero(ty);
            c.m.heap.store(t, w[0]);
            w[0] = t;
            Ok(())
        },
        "time.Since" => |c, w| {
            let t = c.m.heap.load(w[0]).unwrap_or(0) as i64;
            w[0] = (c.m.sched.nanotime() - t) as u64;
            Ok(())
        },
        "time.Duration.String" => |c, w| {
            w[0] = c.m.str(&duration_string(w[0] as i64));
            Ok(())
        },
        "time.Duration.Seconds" => |_, w| {
            let d = w[0] as i64;
            w[0] = ((d / 1_000_000_000) as f64 + (d % 1_000_000_000) as f64 / 1e9).to_bits();
            Ok(())
        },
        "time.Duration.Milliseconds" => |_, w| {
            w[0] = ((w[0] as i64) / 1_000_000) as u64;
            Ok(())
        },
        "time.Duration.Minutes" => |_, w| {
            let d = w[0] as i64;
            w[0] = ((d / 60_000_000_000) as f64 + (d % 60_000_000_000) as f64 / 6e10).to_bits();
            Ok(())
        },
        "time.Duration.Hours" => |_, w| {
            let d = w[0] as i64;
            w[0] = ((d / 3_600_000_000_000) as f64 + (d % 3_600_000_000_000) as f64 / 3.6e12)
                .to_bits();
            Ok(())
        },
        "time.Duration.Microseconds" => |_, w| {
            w[0] = ((w[0] as i64) / 1_000) as u64;
            Ok(())
        },
        "time.Duration.Nanoseconds" => |_, _| Ok(()),
        "time.Time.Sub" => |c, w| {
            let a = c.m.heap.load(w[0]).unwrap_or(0) as i64;
            let b = c.m.heap.load(w[1]).unwrap_or(0) as i64;
            w[0] = a.wrapping_sub(b) as u64;
            Ok(())
        },
        "time.Time.Add" => |c, w| {
            let t = c.m.heap.load(w[0]).unwrap_or(0) as i64;
            w[0] = new_time(c.m, t.wrapping_add(w[1] as i64));
            Ok(())
        },
        "time.Time.Before" => |c, w| {
            w[0] = (time_ns(c.m, w[0]) < time_ns(c.m, w[1])) as u64;
            Ok(())
        },
        "time.Time.After" => |c, w| {
            w[0] = (time_ns(c.m, w[0]) > time_ns(c.m, w[1])) as u64;
            Ok(())
        },
        "time.Time.Equal" => |c, w| {
            w[0] = (time_ns(c.m, w[0]) == time_ns(c.m, w[1])) as u64;
            Ok(())
        },
        "time.Until" => |c, w| {
            let t = time_ns(c.m, w[0]);
            w[0] = t.wrapping_sub(c.m.sched.nanotime()) as u64;
            Ok(())
        },
        "time.AfterFunc" => |c, w| {
            let (d, f) = (w[0] as i64, w[1]);
            let timer_ty = timer_type(c.m);
            let t = c.m.zero(timer_ty);
            word(c.m, t, 2)?.store(f, SeqCst);
            arm_timer(c.m, t, d)?;
            crate::race::timer_armed(c.m, c.goid, f);
            w[0] = t;
            Ok(())
        },
        "time.Sleep" => |c, w| {
            let d = w[0] as i64;
            if d <= 0 {
                return Ok(());
            }
            let when = c.m.sched.nanotime().saturating_add(d);
            c.m.sched.addtimer(
                when,
                TimerKind::Wake {
                    g: c.gi,
                    goid: c.goid,
                },
            );
            c.m.sched.event(EvKind::Sleep, c.goid, when as u64, 0);
            c.park = Some((WaitReason::Sleep, 0));
            Err(Trap::Sched(SchedReq::Park))
        },
        "time.After" => |c, w| {
            let d = w[0] as i64;
            w[0] = timer_chan(c.m, d, 0)?;
            Ok(())
        },
        "time.Tick" => |c, w| {
            let d = w[0] as i64;
            w[0] = if d <= 0 { 0 } else { timer_chan(c.m, d, d)? };
            Ok(())
        },
        "time.NewTimer" => |c, w| {
            let d = w[0] as i64;
            let ty = time_type(c.m);
            let ch = crate::chan::makechan(c.m, ty, 1)?;
            let timer_ty = timer_type(c.m);
            let t = c.m.zero(timer_ty);
            word(c.m, t, 0)?.store(ch, SeqCst);
            arm_timer(c.m, t, d)?;
            w[0] = t;
            Ok(())
        },
        "time.(*Timer).Stop" => |c, w| {
            w[0] = stop_timer(c.m, w[0])? as u64;
            Ok(())
        },
        "time.(*Ticker).Stop" => |c, w| stop_timer(c.m, w[0]).map(|_| ()),
        "time.NewTicker" => |c, w| {
            let d = w[0] as i64;
            if d <= 0 {
                return Err(Trap::Runtime(RtErr::Plain(
                    "non-positive interval for NewTicker".into(),
                )));
            }
            let ty = time_type(c.m);
            let ch = crate::chan::makechan(c.m, ty, 1)?;
            let ticker_ty = timer_type(c.m);
            let t = c.m.zero(ticker_ty);
            word(c.m, t, 0)?.store(ch, SeqCst);
            arm(c.m, t, d, d)?;
            w[0] = t;
            Ok(())
        },
        "time.(*Ticker).Reset" => |c, w| {
            let (t, d) = (w[0], w[1] as i64);
            if d <= 0 {
                return Err(Trap::Runtime(RtErr::Plain(
                    "non-positive interval for Ticker.Reset".into(),
                )));
            }
            stop_timer(c.m, t)?;
            arm(c.m, t, d, d)
        },
        "time.(*Timer).Reset" => |c, w| {
            let (t, d) = (w[0], w[1] as i64);
            let active = stop_timer(c.m, t)?;
            arm_timer(c.m, t, d)?;
            let f = word(c.m, t, 2)?.load(SeqCst);
            if f != 0 {
                crate::race::timer_armed(c.m, c.goid, f);
            }
            w[0] = active as u64;
            Ok(())
        },
        _ => return None,
    })
}

/// Word `i` of the object a pointer points to.
fn word(m: &Machine, p: u64, i: u32) -> Result<&AtomicU64, Trap> {
    m.heap
        .words(p)
        .and_then(|ws| ws.get(crate::heap::offset(p) as usize + i as usize))
        .ok_or(Trap::Runtime(RtErr::NilDeref))
}

pub(crate) fn time_type(m: &mut Machine) -> u32 {
    if let Some(i) = m.types.iter().position(|t| t.name == "time.Time") {
        return i as u32;
    }
    crate::natives::find_or_add(m, TypeDesc::new("time.Time", TypeKind::Opaque))
}

/// The opaque `time.Timer` type: `[C chan Time, id]`.
fn timer_type(m: &mut Machine) -> u32 {
    use golab_bytecode::{TypeDesc, TypeKind};
    if let Some(i) = m.types.iter().position(|t| t.name == "time.Timer") {
        return i as u32;
    }
    m.types.push(TypeDesc::new("time.Timer", TypeKind::Opaque));
    (m.types.len() - 1) as u32
}

/// Stops the timer or ticker at `t` (Go 1.23's Stop): true if it was
/// running or its value was not received yet, which it takes back.
fn stop_timer(m: &mut Machine, t: u64) -> Result<bool, Trap> {
    let id = word(m, t, 1)?.load(SeqCst);
    let live = m.sched.live_timers.remove(&id);
    let ch = word(m, t, 0)?.load(SeqCst);
    let pending = ch != 0 && crate::chan::drain_timer(m, ch);
    Ok(live || pending)
}

/// (Re)arms the `time.Timer` at `t` to fire after `d` with a fresh id.
fn arm_timer(m: &mut Machine, t: u64, d: i64) -> Result<(), Trap> {
    arm(m, t, d, 0)
}

/// Arms the timer at `t` to fire after `d`, then every `period` if that
/// is positive (a ticker), under a fresh id.
fn arm(m: &mut Machine, t: u64, d: i64, period: i64) -> Result<(), Trap> {
    m.sched.timer_ids += 1;
    let id = m.sched.timer_ids;
    word(m, t, 1)?.store(id, SeqCst);
    m.sched.live_timers.insert(id);
    let ch = word(m, t, 0)?.load(SeqCst);
    let f = word(m, t, 2)?.load(SeqCst);
    let when = m.sched.nanotime().saturating_add(d.max(0));
    let kind = if f != 0 {
        TimerKind::GoFunc { f, id }
    } else {
        TimerKind::ChanSend { ch, period, id }
    };
    m.sched.addtimer(when, kind);
    Ok(())
}

/// The nanoseconds a `time.Time` holds (0 for the zero Time).
fn time_ns(m: &Machine, t: u64) -> i64 {
    m.heap.load(t).unwrap_or(0) as i64
}

/// A new `time.Time` holding `ns`.
fn new_time(m: &mut Machine, ns: i64) -> u64 {
    let ty = time_type(m);
    let t = m.zero(ty);
    m.heap.store(t, ns as u64);
    t
}

/// A channel of capacity 1 that receives the time after `d` (and every
/// `period` after that).
fn timer_chan(m: &mut Machine, d: i64, period: i64) -> Result<u64, Trap> {
    let ty = time_type(m);
    let ch = crate::chan::makechan(m, ty, 1)?;
    let when = m.sched.nanotime().saturating_add(d.max(0));
    m.sched
        .addtimer(when, TimerKind::ChanSend { ch, period, id: 0 });
    Ok(ch)
}

/// Go's `time.Duration.String`.
pub(crate) fn duration_string(d: i64) -> String {
    if d == 0 {
        return "0s".into();
    }
    let neg = d < 0;
    let u = d.unsigned_abs();
    let sign = if neg { "-" } else { "" };
    if u < 1_000_000_000 {
        let (unit, div) = if u < 1_000 {
            ("ns", 1u64)
        } else if u < 1_000_000 {
            ("µs", 1_000)
        } else {
            ("ms", 1_000_000)
        };
        return format!("{sign}{}{unit}", frac(u, div));
    }
    let mut s = String::new();
    let h = u / 3_600_000_000_000;
    let rem = u % 3_600_000_000_000;
    let mi = rem / 60_000_000_000;
    let sec = rem % 60_000_000_000;
    if h > 0 {
        s.push_str(&format!("{h}h{mi}m"));
    } else if mi > 0 {
        s.push_str(&format!("{mi}m"));
    }
    s.push_str(&format!("{}s", frac(sec, 1_000_000_000)));
    format!("{sign}{s}")
}

fn frac(v: u64, div: u64) -> String {
    let whole = v / div;
    let mut f = v % div;
    if f == 0 {
        return whole.to_string();
    }
    let mut digits = String::new();
    let mut d = div;
    while d > 1 {
        d /= 10;
        digits.push(char::from(b'0' + (f / d) as u8));
        f %= d;
    }
    format!("{whole}.{}", digits.trim_end_matches('0'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_print_like_go() {
        assert_eq!(duration_string(0), "0s");
        assert_eq!(duration_string(1_500_000_000), "1.5s");
        assert_eq!(duration_string(100_000_000), "100ms");
        assert_eq!(duration_string(150_000_000_000), "2m30s");
        assert_eq!(duration_string(3_600_000_000_000), "1h0m0s");
        assert_eq!(duration_string(1_000), "1µs");
        assert_eq!(duration_string(500), "500ns");
        assert_eq!(duration_string(-2_000_000_000), "-2s");
    }
}
