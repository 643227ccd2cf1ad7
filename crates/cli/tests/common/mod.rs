//! Running the built `lab` binary as the corpus tests do: one child process
//! per program, output to files (so a chatty program never blocks on a full
//! pipe), killed after a generous wall-clock timeout.

use std::fs::File;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What one `lab` process did. `exit` is `None` when it was killed at the timeout.
pub struct LabRun {
    pub exit: Option<i32>,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
}

/// How long one program may run: `GOLAB_CORPUS_TIMEOUT` seconds, default 60.
/// Generous: a loaded 2-core CI machine can be 10x slower than a quiet one,
/// and the runtime ends runaway programs itself; this only catches a hang.
pub fn timeout() -> Duration {
    let secs = std::env::var("GOLAB_CORPUS_TIMEOUT")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    Duration::from_secs(secs)
}

/// Runs `lab ARGS...` in `dir`; `key` names its output files in `scratch`.
pub fn run_lab(args: &[String], dir: &Path, scratch: &Path, key: &str) -> LabRun {
    let out_path = scratch.join(format!("{key}.stdout"));
    let err_path = scratch.join(format!("{key}.stderr"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_lab"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(File::create(&out_path).expect("create stdout file"))
        .stderr(File::create(&err_path).expect("create stderr file"))
        .spawn()
        .expect("spawn lab");
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for lab") {
            break Some(status);
        }
        if start.elapsed() > timeout() {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    LabRun {
        exit: status.map(|s| s.code().unwrap_or(-1)),
        stdout: std::fs::read(&out_path).unwrap_or_default(),
        stderr: std::fs::read(&err_path).unwrap_or_default(),
    }
}
