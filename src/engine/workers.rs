//! The page's worker pool as the engine's users need it, without naming
//! it: start workers ahead of a run, and the check that proves workers
//! really share memory. Only the engine talks to [`crate::threads`].

use crate::threads::WorkerPool;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// Increments per worker in the check.
pub const INCREMENTS: u64 = 1_000_000;
/// Workers in the check.
pub const WORKERS: usize = 2;

/// Starts the workers a parallel run at `gomaxprocs` needs (its Ms and
/// sysmon) while the reader reads, so the first Run does not wait for
/// workers to start and load the module. Does nothing where workers are
/// unavailable (the run itself then says why).
pub fn warm_up(gomaxprocs: u32) {
    if let Ok(pool) = WorkerPool::global() {
        let _ = pool.ensure(gomaxprocs as usize + 1);
    }
}

/// Runs the check: every worker adds `INCREMENTS` to one `AtomicU64`.
pub async fn shared_counter_check() -> Result<(u64, f64), String> {
    let pool = WorkerPool::global().map_err(|e| e.to_string())?;
    let counter = Arc::new(AtomicU64::new(0));
    let start = super::frame::now_ms();
    // Post every job before awaiting any, so the workers run at the same time.
    let jobs: Vec<_> = (0..WORKERS)
        .map(|i| {
            let counter = counter.clone();
            pool.execute(i, move || {
                for _ in 0..INCREMENTS {
                    counter.fetch_add(1, Ordering::SeqCst);
                }
            })
        })
        .collect();
    for job in jobs {
        job.await.map_err(|e| e.to_string())?;
    }
    Ok((
        counter.load(Ordering::SeqCst),
        super::frame::now_ms() - start,
    ))
}
