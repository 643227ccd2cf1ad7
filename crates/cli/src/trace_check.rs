//! Trace determinism: the same program, GOMAXPROCS and seed must give the
//! same trace natively and in wasm. A trace is summarised as its event
//! count and an FNV-1a hash of its Chrome trace JSON; the expected
//! summaries live in `tests/traces/golden.txt`, checked by a native test
//! (`tests/trace_golden.rs`, which can rewrite the file) and by the same
//! comparison in headless Chromium (`tests/trace_wasm.rs`).
//!
use crate::engine::{traced_run, RunConfig};

/// The programs whose traces are pinned: channels, select, timers, mutexes
/// and work stealing all leave their mark on the trace.
pub const PROGRAMS: &[(&str, &str)] = &[
    (
        "ping_pong",
        include_str!("../../../tests/programs/concurrent/ping_pong.go"),
    ),
    (
        "worker_pool_wg",
        include_str!("../../../tests/programs/concurrent/worker_pool_wg.go"),
    ),
    (
        "select_send_recv",
        include_str!("../../../tests/programs/concurrent/select_send_recv.go"),
    ),
    (
        "time_sleep_order",
        include_str!("../../../tests/programs/concurrent/time_sleep_order.go"),
    ),
    (
        "mutex_map_cache",
        include_str!("../../../tests/programs/concurrent/mutex_map_cache.go"),
    ),
    (
        "prime_sieve",
        include_str!("../../../tests/programs/concurrent/prime_sieve.go"),
    ),
];

/// The settings each program runs under: (GOMAXPROCS, seed).
pub const SETTINGS: &[(u32, u64)] = &[(1, 1), (2, 7), (4, 12345)];

/// One line of `tests/traces/golden.txt`.
pub fn summary_line(name: &str, gomaxprocs: u32, seed: u64) -> Result<String, String> {
    let src = PROGRAMS
        .iter()
        .find(|(n, _)| *n == name)
        .ok_or("unknown program")?
        .1;
    let config = RunConfig {
        gomaxprocs: Some(gomaxprocs),
        seed: Some(seed),
        ..RunConfig::default()
    };
    let (exit, events, json) = traced_run(&format!("{name}.go"), src, &config)?;
    Ok(format!(
        "{name} gomaxprocs={gomaxprocs} seed={seed} exit={exit} events={events} fnv={:016x}",
        fnv1a(json.as_bytes())
    ))
}

/// Every program under every setting, in a fixed order.
pub fn all_summaries() -> Result<String, String> {
    let mut out = String::new();
    for (name, _) in PROGRAMS {
        for &(procs, seed) in SETTINGS {
            out.push_str(&summary_line(name, procs, seed)?);
            out.push('\n');
        }
    }
    Ok(out)
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ *b as u64).wrapping_mul(0x0000_0100_0000_01b3)
    })
}
