//! The Go program corpus: every `tests/programs/**/*.go` is run through the
//! built `lab` binary and compared with what Go 1.19 did (see
//! `tests/programs/README.md`).
//!
//! Each program runs as its own process, with a timeout, so a hang or a
//! crash in our implementation fails that program and not the whole test.
//! All programs run; the test then fails listing every program that fails
//! and is not in `tests/programs/KNOWN_FAILURES`, and every listed program
//! that now passes (the list only shrinks).
//!
//! `GOLAB_UPDATE_KNOWN_FAILURES=1 cargo test -p golab-cli --test corpus`
//! rewrites the list to exactly the failing programs (keeping existing
//! reasons); review the diff before committing it.
//! `GOLAB_CORPUS_FILTER=panic_` runs only programs whose name contains it
//! (the list check is then skipped).

mod common;

use golab_cli::corpus::{compare, parse_known_failures, Case, Outcome, Verdict};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/programs")
}

/// One program on disk.
struct Program {
    name: String,
    dir: PathBuf,
    file_name: String,
    source: String,
    golden: Option<Vec<u8>>,
}

/// Programs in a `go122/` directory state their output inside the file.
const EXAMPLE_DIR: &str = "go122/";

fn programs() -> Vec<Program> {
    let mut out = Vec::new();
    collect(&corpus_dir(), "", &mut out);
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

/// Every `*.go` under `dir`; `dir/sub/x.go` is named `sub/x`.
fn collect(dir: &Path, prefix: &str, out: &mut Vec<Program>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("read {}: {e}", dir.display()));
    for path in entries.map(|e| e.expect("directory entry").path()) {
        if path.is_dir() {
            let sub = path.file_name().unwrap().to_string_lossy().into_owned();
            collect(&path, &format!("{prefix}{sub}/"), out);
            continue;
        }
        if path.extension().is_none_or(|e| e != "go") {
            continue;
        }
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let golden = if prefix == EXAMPLE_DIR {
            None
        } else {
            std::fs::read(path.with_extension("golden")).ok()
        };
        out.push(Program {
            name: format!("{prefix}{stem}"),
            dir: dir.to_path_buf(),
            file_name: format!("{stem}.go"),
            source: std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("read {}: {e}", path.display())),
            golden,
        });
    }
}

/// Runs `lab run FILE` in the program's directory (so diagnostics and
/// tracebacks name the bare file, as in the golden files).
fn run_lab(p: &Program, scratch: &Path, flags: &[String]) -> Outcome {
    let key = format!("{}{}", p.name.replace('/', "__"), flags.join(""));
    let mut args = vec!["run".to_string()];
    args.extend_from_slice(flags);
    args.push(p.file_name.clone());
    let run = common::run_lab(&args, &p.dir, scratch, &key);
    match run.exit {
        Some(exit) => Outcome {
            exit,
            stdout: run.stdout,
            stderr: run.stderr,
        },
        None => Outcome {
            exit: -1,
            stdout: run.stdout,
            stderr: format!("lab: TIMEOUT after {:?} (killed)\n", common::timeout()).into_bytes(),
        },
    }
}

#[test]
fn corpus_matches_go() {
    run_corpus(&[]);
}

/// Parallel mode: the same programs with every M a real thread, at
/// GOMAXPROCS 1, 2 and 4. Corpus programs print only what Go's semantics
/// fix (see tests/programs/README.md), so real interleavings must give the
/// same output. (`GOLAB_CORPUS_PROCS=2` runs one setting.)
#[test]
fn corpus_matches_go_with_real_threads() {
    let procs = std::env::var("GOLAB_CORPUS_PROCS").unwrap_or_else(|_| "1,2,4".into());
    for n in procs.split(',') {
        eprintln!("=== parallel mode, GOMAXPROCS {n}");
        run_corpus(&["--parallel".into(), "--gomaxprocs".into(), n.trim().into()]);
    }
}

fn run_corpus(flags: &[String]) {
    let all = programs();
    assert!(
        all.len() >= 60,
        "the corpus has only {} programs",
        all.len()
    );
    let filter = std::env::var("GOLAB_CORPUS_FILTER").ok();
    let selected: Vec<&Program> = all
        .iter()
        .filter(|p| filter.as_deref().is_none_or(|f| p.name.contains(f)))
        .collect();
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("corpus");
    std::fs::create_dir_all(&scratch).expect("scratch dir");

    // Two workers: the machine has two cores, shared with everyone.
    let next = AtomicUsize::new(0);
    let results: Mutex<BTreeMap<String, Result<(), String>>> = Mutex::new(BTreeMap::new());
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(p) = selected.get(i) else { break };
                let case = Case {
                    name: &p.name,
                    file_name: &p.file_name,
                    source: &p.source,
                    golden: p.golden.as_deref(),
                };
                let result = if p.golden.is_none() && !p.name.starts_with(EXAMPLE_DIR) {
                    Err("no golden file: run scripts/record-golden.py".to_string())
                } else {
                    match case.expected() {
                        Err(e) => Err(format!("bad expectation: {e}")),
                        Ok(expected) => compare(&expected, &run_lab(p, &scratch, flags)),
                    }
                };
                results.lock().unwrap().insert(p.name.clone(), result);
            });
        }
    });
    let results = results.into_inner().unwrap();

    let known_path = corpus_dir().join("KNOWN_FAILURES");
    let known_text = std::fs::read_to_string(&known_path).unwrap_or_default();
    let known = parse_known_failures(&known_text).unwrap_or_else(|e| panic!("{e}"));

    // Every failure's report, known or not, so the log shows the whole state.
    let mut failed = 0;
    for (name, r) in &results {
        if let Err(report) = r {
            failed += 1;
            let tag = if known.contains_key(name) {
                "known failure"
            } else {
                "FAIL"
            };
            eprintln!("--- {tag}: {name}\n{report}");
        }
    }
    eprintln!(
        "{} of {} programs pass",
        results.len() - failed,
        results.len()
    );

    if flags.is_empty() && std::env::var_os("GOLAB_UPDATE_KNOWN_FAILURES").is_some() {
        write_known_failures(&known_path, &known, &results);
        return;
    }
    if filter.is_some() {
        let new: Vec<_> = results
            .iter()
            .filter(|(n, r)| r.is_err() && !known.contains_key(*n))
            .map(|(n, _)| n)
            .collect();
        assert!(
            new.is_empty(),
            "programs fail that are not in KNOWN_FAILURES: {new:?}"
        );
        return;
    }
    let passed: BTreeMap<String, bool> = results
        .iter()
        .map(|(n, r)| (n.clone(), r.is_ok()))
        .collect();
    let verdict = Verdict::new(&passed, &known);
    assert!(verdict.ok(), "\n{}", verdict.summary(results.len()));
}

/// Writes the list of failing programs, keeping the reasons already given
/// and using the first line of the report as the reason for new ones.
fn write_known_failures(
    path: &Path,
    known: &BTreeMap<String, String>,
    results: &BTreeMap<String, Result<(), String>>,
) {
    let mut text = String::from(
        "# Corpus programs that our compiler/runtime do not match yet: NAME reason.\n\
         # The corpus test fails if a program not listed here fails, or a listed one passes.\n\
         # Regenerate: GOLAB_UPDATE_KNOWN_FAILURES=1 cargo test -p golab-cli --test corpus\n",
    );
    for (name, r) in results {
        if let Err(report) = r {
            let reason = match known.get(name) {
                Some(reason) if !reason.is_empty() => reason.clone(),
                _ => reason_from(report),
            };
            text.push_str(&format!("{name} {reason}\n"));
        }
    }
    std::fs::write(path, text).expect("write KNOWN_FAILURES");
    eprintln!("wrote {}", path.display());
}

/// A one-line reason for a new known failure: the first line of the
/// report, plus what we printed on stderr when that is what went wrong
/// (usually the most telling: our diagnostic or our panic).
fn reason_from(report: &str) -> String {
    let mut reason = report.lines().next().unwrap_or("").trim().to_string();
    let mut lines = report.lines();
    while let Some(l) = lines.next() {
        if l.starts_with("stderr, first line:") || l.starts_with("diagnostics (") {
            let got = lines.find_map(|l| {
                l.strip_prefix("  got:  ")
                    .or_else(|| l.strip_prefix("  + "))
            });
            if let Some(got) = got.filter(|g| !g.is_empty()) {
                reason = format!("{reason}; got: {got}");
            }
            break;
        }
    }
    reason.chars().take(160).collect()
}

/// The embedded copy used by the wasm test holds the same programs as the
/// directory, with the same expectations.
#[test]
fn embedded_corpus_matches_the_directory() {
    let on_disk: BTreeMap<String, Program> = programs()
        .into_iter()
        .map(|p| (p.name.clone(), p))
        .collect();
    for case in golab_cli::embedded::CASES {
        let p = on_disk
            .get(case.name)
            .unwrap_or_else(|| panic!("embedded {} is not on disk", case.name));
        assert_eq!(
            case.source, p.source,
            "{}: stale embedded source",
            case.name
        );
        assert_eq!(
            case.golden,
            p.golden.as_deref(),
            "{}: stale embedded golden",
            case.name
        );
        assert_eq!(case.file_name, p.file_name);
        case.expected()
            .unwrap_or_else(|e| panic!("{}: {e}", case.name));
    }
    let embedded: Vec<&str> = golab_cli::embedded::CASES.iter().map(|c| c.name).collect();
    let recorded: Vec<&str> = on_disk
        .values()
        .filter(|p| p.golden.is_some() || p.name.starts_with(EXAMPLE_DIR))
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(embedded, recorded);
}

/// `lab check` accepts every program that Go builds (no false diagnostics),
/// and reports exactly Go's diagnostics for those it does not. This runs the
/// checker in-process and needs no code generator, so it holds even for
/// programs that are still known failures at run time.
#[test]
fn check_agrees_with_go_build() {
    let mut wrong = Vec::new();
    for p in programs() {
        let case = Case {
            name: &p.name,
            file_name: &p.file_name,
            source: &p.source,
            golden: p.golden.as_deref(),
        };
        let Ok(expected) = case.expected() else {
            continue;
        };
        let got = golab_cli::engine::check(&p.file_name, &p.source);
        let want = match expected {
            golab_cli::golden::Expected::Build { diagnostics } => diagnostics,
            golab_cli::golden::Expected::Run { .. } => String::new(),
        };
        if got != want {
            wrong.push(format!(
                "--- {}\n{}",
                p.name,
                golab_cli::corpus::diff(&want, &got)
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} programs where `lab check` disagrees with go build (- go, + ours):\n{}",
        wrong.len(),
        wrong.join("")
    );
}
