//! The race detector against Go 1.19's (`tests/programs/race/`, see
//! `tests/programs/README.md`), and no false positive on the whole corpus.
//!
//! Every race program runs with `lab run -race` under several seeds and
//! GOMAXPROCS values in step mode (so each run is reproducible), and in
//! parallel mode (`--parallel`, real threads) at GOMAXPROCS 1, 2 and 4. The
//! rule:
//! - a race-free program (`NAME.race` says `races: 0`) never reports a
//!   race, exits as Go did and prints Go's stdout;
//! - a racy program exits 66, ends its stderr with `Found N data race(s)`
//!   where N is the number of `WARNING: DATA RACE` reports, prints Go's
//!   stdout (its golden file's, which is deterministic), and reports as many
//!   races as Go did: exactly Go's count when Go's five recorded runs
//!   agreed (they do for every program today), else within Go's range.
//!   Happens-before detection does not depend on the interleaving, and
//!   duplicates are suppressed per word and per pair of stacks as Go does,
//!   so the count is expected to match, not merely to be positive. The
//!   source lines of the two accesses of each report must be those of Go's
//!   reports (`pair:` lines), except where Go's compiler attributes an
//!   access to another line (`PAIR_EXCEPTIONS`).
//!
//! Then every other corpus program runs with `-race` under three settings
//! (two seeds in step mode, and parallel mode on two threads):
//! none may report a race (they are race-free by construction: their
//! output is deterministic under Go's semantics), the exit status must not
//! be 66, and (GOMAXPROCS 1, seed 1) stdout and exit status must still be
//! Go's, except for the programs listed in `KNOWN_FAILURES`.
//!
//! Each run is a `lab` process with a timeout, two at a time (two cores).

mod common;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/programs")
}

/// (GOMAXPROCS, seed) pairs every race program runs under in step mode.
const SETTINGS: &[(u32, u64)] = &[
    (1, 1),
    (1, 7),
    (1, 23),
    (2, 1),
    (2, 42),
    (2, 1234),
    (3, 5),
    (4, 3),
    (4, 99),
    (4, 2024),
    (8, 11),
    (8, 77),
];

/// GOMAXPROCS values every race program also runs under in parallel mode
/// (seed 0 marks these runs: parallel mode has no seed).
const PARALLEL_PROCS: &[u32] = &[1, 2, 4];

struct Run {
    exit: i32,
    stdout: Vec<u8>,
    stderr: String,
}

/// `lab run -race` in step mode with `seed`, or in parallel mode when
/// `seed` is 0.
fn lab(dir: &Path, file: &str, procs: u32, seed: u64, scratch: &Path) -> Run {
    let key = format!("{}-{file}-{procs}-{seed}", dir.display()).replace(['/', '.'], "_");
    let procs = procs.to_string();
    let seed_s = seed.to_string();
    let mode: &[&str] = if seed == 0 {
        &["--parallel"]
    } else {
        &["--seed", &seed_s]
    };
    let args: Vec<String> = ["run", "-race", "--gomaxprocs", &procs]
        .iter()
        .chain(mode)
        .chain([&file])
        .map(|s| s.to_string())
        .collect();
    let run = common::run_lab(&args, dir, scratch, &key);
    Run {
        exit: run.exit.unwrap_or(-1),
        stdout: run.stdout,
        stderr: String::from_utf8_lossy(&run.stderr).into(),
    }
}

/// What `scripts/record-race-golden.py` recorded.
struct RaceGolden {
    exit: i32,
    races: (usize, usize),
    /// Source lines of the two accesses of each report (smaller first).
    pairs: Vec<(u32, u32)>,
}

/// Programs whose line pairs legitimately differ from Go's: Go's compiler
/// attributes the field stores after `c := &Config{}` to the allocation's
/// line (17), we to the stores' own lines (18, 19).
const PAIR_EXCEPTIONS: &[&str] = &["racy_publish_pointer"];

/// The line pairs of our reports: for each `WARNING: DATA RACE`, the line
/// of the innermost frame of each access (runtime frames have no line).
fn our_pairs(stderr: &str) -> Vec<(u32, u32)> {
    let mut pairs = Vec::new();
    for report in stderr.split("WARNING: DATA RACE\n").skip(1) {
        let mut lines: Vec<u32> = Vec::new();
        let mut in_access = false;
        for l in report.lines() {
            if l.starts_with("==================") {
                break;
            }
            if !l.starts_with(' ') {
                let head = l.trim_start_matches("Previous ");
                in_access = ["Read at", "Write at", "read at", "write at"]
                    .iter()
                    .any(|p| head.starts_with(p));
                continue;
            }
            if in_access {
                let line = l.rsplit_once(':').and_then(|(_, rest)| {
                    rest.split_whitespace().next().and_then(|n| n.parse().ok())
                });
                if let Some(n) = line {
                    lines.push(n);
                    in_access = false;
                }
            }
        }
        if let [a, b] = lines[..] {
            pairs.push((a.min(b), a.max(b)));
        }
    }
    pairs.sort();
    pairs.dedup();
    pairs
}

fn parse_race_golden(text: &str) -> Result<RaceGolden, String> {
    let field = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(name))
            .map(str::trim)
            .ok_or(format!("no `{name}` line"))
    };
    let exit = field("exit:")?.parse().map_err(|e| format!("exit: {e}"))?;
    let races = field("races:")?;
    let num = |s: &str| s.parse::<usize>().map_err(|e| format!("races: {e}"));
    let races = match races.split_once('-') {
        Some((a, b)) => (num(a)?, num(b)?),
        None => (num(races)?, num(races)?),
    };
    let mut pairs = Vec::new();
    for l in text.lines().filter_map(|l| l.strip_prefix("pair:")) {
        let nums: Vec<u32> = l
            .split_whitespace()
            .filter_map(|n| n.parse().ok())
            .collect();
        if let [a, b] = nums[..] {
            pairs.push((a, b));
        }
    }
    Ok(RaceGolden { exit, races, pairs })
}

/// The stdout part of a plain golden file.
fn golden_stdout(golden: &[u8]) -> Option<&[u8]> {
    let marker = b"-- stdout --\n";
    let at = golden.windows(marker.len()).position(|w| w == marker)?;
    Some(&golden[at + marker.len()..])
}

fn check_race_program(dir: &Path, stem: &str, scratch: &Path) -> Result<(), String> {
    let base = dir.join(stem);
    let golden = std::fs::read_to_string(base.with_extension("race"))
        .map_err(|e| format!("no {stem}.race ({e}): run scripts/record-race-golden.py"))?;
    let golden = parse_race_golden(&golden)?;
    let plain = std::fs::read(base.with_extension("golden"))
        .map_err(|e| format!("no {stem}.golden: {e}"))?;
    let want_stdout = golden_stdout(&plain).ok_or("golden without stdout")?;
    let file = format!("{stem}.go");
    let mut problems = Vec::new();
    let parallel = PARALLEL_PROCS.iter().map(|&p| (p, 0));
    for (procs, seed) in SETTINGS.iter().copied().chain(parallel) {
        let run = lab(dir, &file, procs, seed, scratch);
        let n = run.stderr.matches("WARNING: DATA RACE").count();
        let at = match seed {
            0 => format!("parallel mode, GOMAXPROCS={procs}"),
            _ => format!("GOMAXPROCS={procs} seed={seed}"),
        };
        if run.stdout != want_stdout {
            problems.push(format!(
                "{at}: stdout {:?}, Go printed {:?}",
                String::from_utf8_lossy(&run.stdout),
                String::from_utf8_lossy(want_stdout)
            ));
        }
        if run.exit != golden.exit {
            problems.push(format!("{at}: exit {}, Go exits {}", run.exit, golden.exit));
        }
        let (lo, hi) = golden.races;
        if n < lo || n > hi {
            problems.push(format!("{at}: {n} races reported, Go reports {lo}..={hi}"));
        }
        let found = format!("Found {n} data race(s)\n");
        if n > 0 && !run.stderr.ends_with(&found) {
            problems.push(format!("{at}: stderr does not end with {found:?}"));
        }
        let pairs = our_pairs(&run.stderr);
        if !golden.pairs.is_empty() && !PAIR_EXCEPTIONS.contains(&stem) && pairs != golden.pairs {
            problems.push(format!(
                "{at}: racing lines {pairs:?}, Go's reports name {:?}",
                golden.pairs
            ));
        }
        if n == 0 && run.stderr.contains("data race") {
            problems.push(format!("{at}: unexpected stderr {:?}", run.stderr));
        }
        if !problems.is_empty() {
            problems.push(format!("{at}: stderr was:\n{}", run.stderr));
            break;
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}

/// Runs `jobs` on two threads; returns the failures as (name, report).
fn parallel<T: Sync>(
    jobs: &[T],
    f: impl Fn(&T) -> Option<(String, String)> + Sync,
) -> Vec<(String, String)> {
    let next = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(job) = jobs.get(i) else { break };
                if let Some(fail) = f(job) {
                    failures.lock().unwrap().push(fail);
                }
            });
        }
    });
    let mut v = failures.into_inner().unwrap();
    v.sort();
    v
}

fn stems(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .expect("read race dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "go"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn race_programs_match_go_race_detector() {
    let dir = corpus_dir().join("race");
    let all = stems(&dir);
    let racy = all.iter().filter(|s| s.starts_with("racy_")).count();
    let safe = all.iter().filter(|s| s.starts_with("safe_")).count();
    assert!(
        racy >= 20 && safe >= 20,
        "{racy} racy and {safe} safe programs"
    );
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("race");
    std::fs::create_dir_all(&scratch).expect("scratch dir");
    let failures = parallel(&all, |stem| {
        check_race_program(&dir, stem, &scratch)
            .err()
            .map(|e| (stem.clone(), e))
    });
    for (name, report) in &failures {
        eprintln!("--- FAIL: race/{name}\n{report}");
    }
    eprintln!(
        "{} of {} race programs agree with Go",
        all.len() - failures.len(),
        all.len()
    );
    assert!(
        failures.is_empty(),
        "{} race programs disagree with Go",
        failures.len()
    );
}

/// Every `*.go` of the corpus outside `race/` that builds (its golden file
/// does not start with `exit: 1`), as (directory, file stem).
fn corpus_programs() -> Vec<(PathBuf, String)> {
    fn walk(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
        for path in std::fs::read_dir(dir)
            .expect("read corpus")
            .map(|e| e.expect("entry").path())
        {
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n != "race") {
                    walk(&path, out);
                }
                continue;
            }
            if path.extension().is_none_or(|e| e != "go") {
                continue;
            }
            let golden = std::fs::read_to_string(path.with_extension("golden")).unwrap_or_default();
            if golden.starts_with("exit: 1\n-- diagnostics --") {
                continue;
            }
            let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
            out.push((dir.to_path_buf(), stem));
        }
    }
    let mut v = Vec::new();
    walk(&corpus_dir(), &mut v);
    v.sort();
    v
}

#[test]
fn no_false_positive_on_the_corpus() {
    let programs = corpus_programs();
    assert!(
        programs.len() >= 100,
        "only {} corpus programs",
        programs.len()
    );
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("race-corpus");
    std::fs::create_dir_all(&scratch).expect("scratch dir");
    let known = std::fs::read_to_string(corpus_dir().join("KNOWN_FAILURES")).unwrap_or_default();
    let known: Vec<&str> = known
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    let compared = AtomicUsize::new(0);
    let failures = parallel(&programs, |(dir, stem)| {
        let name = match dir.file_name().and_then(|d| d.to_str()) {
            Some("programs") | None => stem.clone(),
            Some(sub) => format!("{sub}/{stem}"),
        };
        // (2, 0): parallel mode on two threads.
        for (procs, seed) in [(1, 1), (2, 5), (2, 0)] {
            let run = lab(dir, &format!("{stem}.go"), procs, seed, &scratch);
            let at = format!("GOMAXPROCS={procs} seed={seed}");
            if run.stderr.contains("WARNING: DATA RACE") || run.exit == 66 {
                let report = format!("{at}: exit {}\n{}", run.exit, run.stderr);
                return Some((name, report));
            }
            // The detector changes nothing else: Go's stdout and exit status.
            let golden = std::fs::read(dir.join(format!("{stem}.golden")));
            if let (Ok(golden), (1, 1), false) =
                (golden, (procs, seed), known.contains(&name.as_str()))
            {
                let text = String::from_utf8_lossy(&golden);
                let exit: Option<i32> = text
                    .lines()
                    .next()
                    .and_then(|l| l.strip_prefix("exit: "))
                    .and_then(|n| n.parse().ok());
                compared.fetch_add(1, Ordering::Relaxed);
                if golden_stdout(&golden) != Some(&run.stdout[..]) || exit != Some(run.exit) {
                    let report = format!(
                        "{at}: with -race, exit {} and stdout {:?} differ from Go's",
                        run.exit,
                        String::from_utf8_lossy(&run.stdout)
                    );
                    return Some((name, report));
                }
            }
        }
        None
    });
    for (name, report) in &failures {
        eprintln!("--- FALSE POSITIVE: {name}\n{report}");
    }
    eprintln!(
        "{} corpus programs run with -race, {} compared with Go's output",
        programs.len(),
        compared.load(Ordering::Relaxed)
    );
    assert!(
        failures.is_empty(),
        "{} programs reported races",
        failures.len()
    );
}

/// The report as plain data on the Vm (what the page's race view shows):
/// both accesses with goroutine, kind, stack lines, creation sites.
#[test]
fn reports_are_plain_data_on_the_vm() {
    use golab_runtime::race::AccessKind;
    use golab_runtime::{Captured, Config, Vm};
    let path = "racy_counter.go";
    let src = std::fs::read_to_string(corpus_dir().join("race").join(path)).expect("read");
    let program = golab_compiler::compile(path, &src).expect("compiles");
    let config = Config {
        race: true,
        gomaxprocs: 2,
        seed: 3,
        ..Config::default()
    };
    let mut vm = Vm::new(std::sync::Arc::new(program), config);
    let mut out = Captured::default();
    assert_eq!(vm.run_to_end(&mut out), 66);
    let reports = vm.race_reports();
    assert_eq!(reports.len(), 1);
    let r = &reports[0];
    // counter++ on line 14 in both goroutines, created on lines 21 and 22
    // (goroutines 7 and 8, as Go 1.19 numbers them under -race).
    let mut goids = [r.current.goid, r.previous.goid];
    goids.sort();
    assert_eq!(goids, [7, 8]);
    assert_eq!(r.current.stack[0].line, 14);
    assert_eq!(r.previous.stack[0].line, 14);
    assert_eq!(r.current.stack[0].function, "main.incCounter");
    assert!(r.current.kind == AccessKind::Read || r.current.kind == AccessKind::Write);
    assert_eq!(r.previous.kind, AccessKind::Write);
    let mut created = [r.current.created_at[0].line, r.previous.created_at[0].line];
    created.sort();
    assert_eq!(created, [21, 22]);
    assert!(!r.current.finished);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with(&r.text), "{stderr}");
    assert!(stderr.ends_with("Found 1 data race(s)\n"), "{stderr}");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "counter is positive: true\n"
    );
}

/// Off by default: the same racy program reports nothing and exits 0.
#[test]
fn the_detector_is_off_by_default() {
    use golab_runtime::{Captured, Config, Vm};
    let path = "racy_counter.go";
    let src = std::fs::read_to_string(corpus_dir().join("race").join(path)).expect("read");
    let program = golab_compiler::compile(path, &src).expect("compiles");
    let mut vm = Vm::new(std::sync::Arc::new(program), Config::default());
    let mut out = Captured::default();
    assert_eq!(vm.run_to_end(&mut out), 0);
    assert!(vm.race_reports().is_empty());
    assert!(out.stderr.is_empty());
}

#[test]
fn our_pairs_reads_the_lines_of_both_accesses() {
    let stderr = "==================\nWARNING: DATA RACE\n\
        Read at 0x00c000000200 by goroutine 7:\n  runtime.mapaccess()\n      <runtime>\n  main.main.func1()\n      /prog.go:14 +0x0\n\n\
        Previous write at 0x00c000000200 by main goroutine:\n  main.main()\n      /prog.go:10 +0x0\n\n\
        Goroutine 7 (running) created at:\n  main.main()\n      /prog.go:12 +0x0\n\
        ==================\nFound 1 data race(s)\n";
    assert_eq!(our_pairs(stderr), vec![(10, 14)]);
}
