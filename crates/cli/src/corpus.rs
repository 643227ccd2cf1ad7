//! Comparing what our implementation did with what Go 1.19 did, for the
//! program corpus in `tests/programs`.
//!
//! This module is pure: it takes program text, golden text and an
//! [`Outcome`], never a path, so the native test (which reads the files and
//! runs the `lab` binary) and a wasm test (which embeds the files, see
//! [`crate::embedded`]) share one comparison and one report format.

use crate::golden::{parse_example_output, parse_golden, Expected};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// One corpus program and its expectation.
#[derive(Clone, Copy, Debug)]
pub struct Case<'a> {
    /// The name used in reports and in `KNOWN_FAILURES`: `panic_index`, or
    /// `go122/minmax` for the programs that need a newer Go.
    pub name: &'a str,
    /// The file name the program is compiled under (so diagnostics read
    /// `panic_index.go:LINE:COL`).
    pub file_name: &'a str,
    /// The Go source.
    pub source: &'a str,
    /// The `.golden` file's bytes; `None` for `go122/` programs, whose
    /// expectation is the `// Output:` block in the source.
    pub golden: Option<&'a [u8]>,
}

impl Case<'_> {
    /// The recorded expectation for this program.
    pub fn expected(&self) -> Result<Expected, String> {
        match self.golden {
            Some(g) => parse_golden(g),
            None => parse_example_output(self.source),
        }
    }
}

/// What a run of one program produced, the way a process would: a compile
/// failure is exit status 1 with the diagnostics on stderr, as `lab run`
/// (and `go run`) report it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    pub exit: i32,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
}

/// Compares an outcome with the expectation. `Ok(())` when they agree;
/// otherwise a readable, multi-line explanation with a diff of stdout.
pub fn compare(expected: &Expected, got: &Outcome) -> Result<(), String> {
    let mut report = String::new();
    match expected {
        Expected::Run {
            exit,
            stderr_first,
            stdout,
        } => {
            if *exit != got.exit {
                let _ = writeln!(report, "exit status: want {exit}, got {}", got.exit);
            }
            let got_first = first_line(&got.stderr);
            if *stderr_first != got_first {
                let _ = writeln!(
                    report,
                    "stderr, first line:\n  want: {stderr_first}\n  got:  {got_first}"
                );
            }
            if *stdout != got.stdout {
                let _ = writeln!(report, "stdout (- want, + got):");
                report.push_str(&diff(
                    &String::from_utf8_lossy(stdout),
                    &String::from_utf8_lossy(&got.stdout),
                ));
            }
            // Whatever else went wrong, a crash of our own is the first thing
            // a reader needs to see, and it is on the stderr lines we do not
            // otherwise compare.
            if !report.is_empty() && got_first != String::from_utf8_lossy(&got.stderr).trim_end() {
                let _ = writeln!(report, "full stderr:");
                for line in String::from_utf8_lossy(&got.stderr).lines().take(12) {
                    let _ = writeln!(report, "  | {line}");
                }
            }
        }
        Expected::Build { diagnostics } => {
            if got.exit != 1 {
                let _ = writeln!(
                    report,
                    "exit status: want 1 (does not compile), got {}",
                    got.exit
                );
            }
            let got_diags = String::from_utf8_lossy(&got.stderr);
            if *diagnostics != got_diags {
                let _ = writeln!(report, "diagnostics (- want, + got):");
                report.push_str(&diff(diagnostics, &got_diags));
            }
        }
    }
    if report.is_empty() {
        Ok(())
    } else {
        Err(report)
    }
}

fn first_line(bytes: &[u8]) -> String {
    let s = String::from_utf8_lossy(bytes);
    s.split('\n').next().unwrap_or("").to_string()
}

/// Outputs longer than this are not diffed line by line (the LCS table is
/// quadratic); the first differing line is shown instead.
const MAX_DIFF_LINES: usize = 1000;
/// Unchanged lines shown around each change.
const CONTEXT: usize = 2;

/// A line diff of `want` against `got` in unified style: `-` lines only in
/// `want`, `+` lines only in `got`, a few unchanged lines around each change.
/// A missing final newline is shown, since the comparison is byte for byte.
pub fn diff(want: &str, got: &str) -> String {
    let a: Vec<&str> = want.split_inclusive('\n').collect();
    let b: Vec<&str> = got.split_inclusive('\n').collect();
    let show = |line: &str| -> String {
        match line.strip_suffix('\n') {
            Some(l) => l.to_string(),
            None => format!("{line}⏎(no newline at end)"),
        }
    };
    let mut out = String::new();
    if a.len() > MAX_DIFF_LINES || b.len() > MAX_DIFF_LINES {
        let i = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
        let _ = writeln!(
            out,
            "  (long output: {} vs {} lines; first difference at line {})",
            a.len(),
            b.len(),
            i + 1
        );
        if let Some(l) = a.get(i) {
            let _ = writeln!(out, "  - {}", show(l));
        }
        if let Some(l) = b.get(i) {
            let _ = writeln!(out, "  + {}", show(l));
        }
        return out;
    }
    // Longest common subsequence table, filled from the end.
    let mut lcs = vec![vec![0u32; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    // Walk the table into (tag, line) edits.
    let mut edits: Vec<(char, &str)> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            edits.push((' ', a[i]));
            i += 1;
            j += 1;
        } else if i < a.len() && (j == b.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
            // Removals before additions, as unified diffs show them.
            edits.push(('-', a[i]));
            i += 1;
        } else {
            edits.push(('+', b[j]));
            j += 1;
        }
    }
    let changed: Vec<usize> = edits
        .iter()
        .enumerate()
        .filter(|(_, e)| e.0 != ' ')
        .map(|(k, _)| k)
        .collect();
    let near_change = |k: usize| changed.iter().any(|&c| c.abs_diff(k) <= CONTEXT);
    let mut skipped = false;
    for (k, (tag, line)) in edits.iter().enumerate() {
        if near_change(k) {
            let _ = writeln!(out, "  {tag} {}", show(line));
            skipped = false;
        } else if !skipped {
            let _ = writeln!(out, "  ...");
            skipped = true;
        }
    }
    if a.is_empty() && b.is_empty() {
        out.push_str("  (both empty)\n");
    }
    out
}

/// Parses `KNOWN_FAILURES`: one program name per line, optionally followed
/// by whitespace and a reason; `#` starts a comment line; blank lines are
/// ignored. Returns name → reason; a name listed twice is an error.
pub fn parse_known_failures(text: &str) -> Result<BTreeMap<String, String>, String> {
    let mut known = BTreeMap::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (name, reason) = match line.split_once(char::is_whitespace) {
            Some((name, reason)) => (name, reason.trim()),
            None => (line, ""),
        };
        if known.insert(name.to_string(), reason.to_string()).is_some() {
            return Err(format!(
                "KNOWN_FAILURES line {}: {name} is listed twice",
                n + 1
            ));
        }
    }
    Ok(known)
}

/// The verdict over the whole corpus.
#[derive(Debug, Default)]
pub struct Verdict {
    /// Programs that fail and are not listed as known failures.
    pub new_failures: Vec<String>,
    /// Listed programs that now pass: remove them from the list.
    pub fixed: Vec<String>,
    /// Listed programs that do not exist (renamed or deleted).
    pub stale: Vec<String>,
    /// Listed programs that still fail (not an error).
    pub still_failing: Vec<String>,
}

impl Verdict {
    /// Checks per-program results (`name → passed`) against the list.
    pub fn new(results: &BTreeMap<String, bool>, known: &BTreeMap<String, String>) -> Verdict {
        let mut v = Verdict::default();
        for (name, &passed) in results {
            match (passed, known.contains_key(name)) {
                (false, false) => v.new_failures.push(name.clone()),
                (true, true) => v.fixed.push(name.clone()),
                (false, true) => v.still_failing.push(name.clone()),
                (true, false) => {}
            }
        }
        v.stale = known
            .keys()
            .filter(|k| !results.contains_key(*k))
            .cloned()
            .collect();
        v
    }

    /// True when main may stay green: no new failure, nothing to remove.
    pub fn ok(&self) -> bool {
        self.new_failures.is_empty() && self.fixed.is_empty() && self.stale.is_empty()
    }

    /// A summary naming every program that needs attention.
    pub fn summary(&self, total: usize) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "corpus: {total} programs, {} known failures still failing",
            self.still_failing.len()
        );
        if !self.new_failures.is_empty() {
            let _ = writeln!(
                s,
                "{} programs FAIL that are not in KNOWN_FAILURES:",
                self.new_failures.len()
            );
            for n in &self.new_failures {
                let _ = writeln!(s, "  {n}");
            }
        }
        if !self.fixed.is_empty() {
            let _ = writeln!(
                s,
                "{} programs in KNOWN_FAILURES now PASS; remove their lines:",
                self.fixed.len()
            );
            for n in &self.fixed {
                let _ = writeln!(s, "  {n}");
            }
        }
        if !self.stale.is_empty() {
            let _ = writeln!(
                s,
                "{} names in KNOWN_FAILURES are not corpus programs:",
                self.stale.len()
            );
            for n in &self.stale {
                let _ = writeln!(s, "  {n}");
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(exit: i32, stdout: &str, stderr: &str) -> Outcome {
        Outcome {
            exit,
            stdout: stdout.into(),
            stderr: stderr.into(),
        }
    }

    #[test]
    fn matching_run_passes_and_only_first_stderr_line_counts() {
        let want = parse_golden(b"exit: 2\nstderr: panic: x\n-- stdout --\nhi\n").unwrap();
        assert_eq!(
            compare(
                &want,
                &run(2, "hi\n", "panic: x\n\ngoroutine 1 [running]:\n")
            ),
            Ok(())
        );
    }

    #[test]
    fn every_kind_of_mismatch_is_reported() {
        let want = parse_golden(b"exit: 2\nstderr: panic: x\n-- stdout --\na\nb\nc\n").unwrap();
        let err = compare(&want, &run(0, "a\nB\nc", "")).unwrap_err();
        assert!(err.contains("exit status: want 2, got 0"), "{err}");
        assert!(err.contains("want: panic: x"), "{err}");
        assert!(err.contains("  - b\n  - c\n  + B\n"), "{err}");
        assert!(err.contains("c⏎(no newline at end)"), "{err}");
    }

    #[test]
    fn our_own_crash_is_shown_in_full() {
        let want = parse_golden(b"exit: 0\nstderr:\n-- stdout --\n").unwrap();
        let err = compare(&want, &run(101, "", "\nthread 'main' panicked at x.rs\n")).unwrap_err();
        assert!(err.contains("| thread 'main' panicked"), "{err}");
    }

    #[test]
    fn build_failures_compare_all_diagnostics() {
        let want = parse_golden(b"exit: 1\n-- diagnostics --\np.go:1:1: a\np.go:2:1: b\n").unwrap();
        assert_eq!(
            compare(&want, &run(1, "", "p.go:1:1: a\np.go:2:1: b\n")),
            Ok(())
        );
        let err = compare(&want, &run(1, "", "p.go:1:1: a\n")).unwrap_err();
        assert!(err.contains("  - p.go:2:1: b"), "{err}");
    }

    #[test]
    fn diff_shows_context_and_elides_the_rest() {
        let want: String = (0..20).map(|i| format!("{i}\n")).collect();
        let got = want.replace("10\n", "ten\n");
        let d = diff(&want, &got);
        assert_eq!(
            d,
            "  ...\n    8\n    9\n  - 10\n  + ten\n    11\n    12\n  ...\n"
        );
    }

    #[test]
    fn known_failures_list_only_shrinks() {
        let known = parse_known_failures("# comment\n\na  not yet\nb\ngone reason\n").unwrap();
        assert_eq!(known["a"], "not yet");
        let results: BTreeMap<String, bool> =
            [("a", false), ("b", true), ("c", false), ("d", true)]
                .iter()
                .map(|(n, p)| (n.to_string(), *p))
                .collect();
        let v = Verdict::new(&results, &known);
        assert_eq!(v.new_failures, vec!["c"]);
        assert_eq!(v.fixed, vec!["b"]);
        assert_eq!(v.stale, vec!["gone"]);
        assert_eq!(v.still_failing, vec!["a"]);
        assert!(!v.ok());
        assert!(parse_known_failures("a\na\n").is_err());
    }
}
