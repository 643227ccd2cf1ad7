//! Hostile input, natively: every case of `hostile/cases.rs` runs in a child
//! `lab run` with a wall-clock kill and an address-space limit (`ulimit -v`
//! through `sh`), so a bug can neither hang nor take down the test runner.
//! A case passes when the exit status, stderr's first line and stdout are as
//! listed: a Go-style error, never a host panic (exit 101), abort (a signal)
//! or hang (killed). Cases we cannot pass yet are in `hostile/KNOWN`, read as
//! `tests/programs/KNOWN_FAILURES` is: the test fails if an unlisted case
//! fails or a listed case passes.

#[path = "hostile/cases.rs"]
mod cases;

use golab_cli::corpus::{parse_known_failures, Verdict};
use golab_cli::engine::{run_captured, Limits, RunConfig};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Wall-clock limit per case. The debug build is slow and the machine is
/// shared; a hang is what this catches, not slowness.
const WALL: Duration = Duration::from_secs(120);
/// Address space per case (KiB): well above what the cases' limits allow
/// the heap, far below what would hurt the machine.
const ADDRESS_SPACE_KB: u64 = 3 << 20;

struct Ran {
    /// `None` when killed by a signal (including our wall-clock kill).
    exit: Option<i32>,
    timed_out: bool,
    stdout_len: u64,
    /// The first 64 KiB of stdout.
    stdout: Vec<u8>,
    /// The first 64 KiB of stderr.
    stderr: Vec<u8>,
    elapsed: Duration,
}

fn drain(mut r: impl Read + Send + 'static) -> std::thread::JoinHandle<(u64, Vec<u8>)> {
    std::thread::spawn(move || {
        let (mut n, mut kept, mut buf) = (0u64, Vec::new(), vec![0u8; 1 << 16]);
        while let Ok(k) = r.read(&mut buf) {
            if k == 0 {
                break;
            }
            n += k as u64;
            let room = (1usize << 16).saturating_sub(kept.len());
            kept.extend_from_slice(&buf[..k.min(room)]);
        }
        (n, kept)
    })
}

fn run_lab(dir: &Path, c: &cases::Case) -> Ran {
    let file = dir.join(c.file_name());
    std::fs::write(&file, &c.source).unwrap();
    let mut args = vec!["run".to_string(), "--seed".into(), "1".into()];
    if let Some(n) = c.limits.max_instructions {
        args.push(format!("--max-instructions={n}"));
    }
    if let Some(n) = c.limits.max_goroutines {
        args.push(format!("--max-goroutines={n}"));
    }
    if let Some(n) = c.limits.max_memory {
        args.push(format!("--max-memory={n}"));
    }
    if let Some(n) = c.limits.max_wall_ms {
        args.push(format!("--max-wall={n}"));
    }
    args.push(c.file_name());
    let start = Instant::now();
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v {ADDRESS_SPACE_KB} && exec \"$0\" \"$@\""
        ))
        .arg(env!("CARGO_BIN_EXE_lab"))
        .args(&args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run sh");
    let out = drain(child.stdout.take().unwrap());
    let err = drain(child.stderr.take().unwrap());
    let mut timed_out = false;
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > WALL {
            timed_out = true;
            let _ = child.kill();
            break child.wait().unwrap();
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let elapsed = start.elapsed();
    let (stdout_len, stdout) = out.join().unwrap();
    let (_, stderr) = err.join().unwrap();
    Ran {
        exit: status.code(),
        timed_out,
        stdout_len,
        stdout,
        stderr,
        elapsed,
    }
}

#[test]
fn hostile_input_ends_in_a_go_style_error_in_bounded_time_and_memory() {
    let known = parse_known_failures(include_str!("hostile/KNOWN")).unwrap();
    let dir = std::env::temp_dir().join(format!("lab-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut passed = BTreeMap::new();
    for c in cases::all() {
        let ran = run_lab(&dir, &c);
        let result = if ran.timed_out {
            Err(format!("still running after {WALL:?}: killed"))
        } else {
            match ran.exit {
                None => Err(format!(
                    "killed by a signal (a host abort?); stderr begins {:?}",
                    String::from_utf8_lossy(&ran.stderr[..ran.stderr.len().min(400)])
                )),
                Some(101) => Err(format!(
                    "host panic: {:?}",
                    String::from_utf8_lossy(&ran.stderr[..ran.stderr.len().min(600)])
                )),
                Some(code) => cases::verify(&c, code, ran.stdout_len, &ran.stdout, &ran.stderr),
            }
        };
        let tag = match (&result, known.contains_key(c.name)) {
            (Ok(()), _) => "ok",
            (Err(_), true) => "known failure",
            (Err(_), false) => "FAIL",
        };
        eprintln!("{:<40} {:>7.2}s  {tag}", c.name, ran.elapsed.as_secs_f64());
        if let Err(why) = &result {
            eprintln!("    {why}");
        }
        passed.insert(c.name.to_string(), result.is_ok());
    }
    let _ = std::fs::remove_dir_all(&dir);
    let verdict = Verdict::new(&passed, &known);
    assert!(
        verdict.ok(),
        "\n{}(the list is crates/cli/tests/hostile/KNOWN)",
        verdict.summary(passed.len())
    );
}

/// The deeply nested cases again, compiled and run in this process on a
/// thread with a 1 MiB stack, the size of the wasm build's (a child `lab`
/// has the main thread's 8 MiB; Ms in parallel mode have 2 MiB). A
/// recursion left in the compiler or the runtime aborts the test binary.
#[test]
fn deeply_nested_input_runs_on_a_small_stack() {
    let (mut failures, mut ran) = (Vec::new(), 0);
    for c in cases::all() {
        if !cases::DEEP_NESTING.contains(&c.name) {
            continue;
        }
        let name = c.name;
        let src = String::from_utf8(c.source.clone()).unwrap();
        let config = RunConfig {
            seed: Some(1),
            limits: Limits {
                max_instructions: c.limits.max_instructions,
                max_goroutines: c.limits.max_goroutines,
                max_memory_bytes: c.limits.max_memory,
                max_wall_ms: None,
            },
            ..RunConfig::default()
        };
        let out = std::thread::Builder::new()
            .name(name.into())
            .stack_size(1 << 20)
            .spawn(move || run_captured(&format!("{name}.go"), &src, &config))
            .unwrap()
            .join()
            .unwrap();
        ran += 1;
        let r = cases::verify(
            &c,
            out.exit,
            out.stdout.len() as u64,
            &out.stdout,
            &out.stderr,
        );
        eprintln!("{name:<40} {}", if r.is_ok() { "ok" } else { "FAIL" });
        if let Err(why) = r {
            failures.push(format!("{name}: {why}"));
        }
    }
    assert_eq!(
        ran,
        cases::DEEP_NESTING.len(),
        "a DEEP_NESTING name is not a case"
    );
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
