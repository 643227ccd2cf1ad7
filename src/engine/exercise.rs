//! An exercise's check: the reader's program in step mode under many
//! schedules, stopping at the first run that fails.
//!
//! One passing run proves little about concurrent code; a hundred schedules
//! chosen by seed find most lost updates, orders and deadlocks a small
//! program has, and every failure is replayable because its seed is known.
//! The trials are [`SEEDS`] seeds at GOMAXPROCS 1, the same seeds at
//! GOMAXPROCS 2, then one run with the race detector. A run fails when it
//! prints other than the exercise asks, exits non-zero (a panic, a fatal
//! error such as a deadlock, `os.Exit`), has a data race, leaves goroutines
//! blocked when `main` returns (a leak: Go would silently drop them), or
//! runs past [`MAX_INSTRUCTIONS`].
//!
//! [`judge`] is pure (tested natively); [`check_to_end`] runs the trials
//! natively (the chapter tests check every solution passes and every
//! starter fails); [`check`] runs them in the page within each frame's
//! budget, reporting progress.

use super::session::Session;
use super::{compile, Diag, Program, Settings};
use crate::directive::ExpectedOutput;
use golab_runtime::snapshot::GStatusView;

/// Seeds per GOMAXPROCS.
pub const SEEDS: u64 = 50;
/// Instructions a run may take: far more than any exercise needs (they
/// run in well under a million), far less than a frozen tab.
pub const MAX_INSTRUCTIONS: u64 = 50_000_000;

/// One run of the check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Trial {
    pub gomaxprocs: u32,
    pub seed: u64,
    pub race: bool,
}

/// How many runs a check makes: [`SEEDS`] at each of two GOMAXPROCS, and
/// the race run.
pub const TRIALS: u32 = 2 * SEEDS as u32 + 1;

/// The check's runs, in order.
pub fn trials() -> Vec<Trial> {
    let mut out = Vec::new();
    for gomaxprocs in [1, 2] {
        for seed in 1..=SEEDS {
            out.push(Trial {
                gomaxprocs,
                seed,
                race: false,
            });
        }
    }
    out.push(Trial {
        gomaxprocs: 2,
        seed: 1,
        race: true,
    });
    out
}

/// A goroutine still blocked when `main` returned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Blocked {
    pub goid: u64,
    /// Go's wait reason (`chan send`, `sync.Mutex.Lock`, ...).
    pub reason: &'static str,
    pub func: String,
    pub line: u32,
}

/// Why a run failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    /// The program does not compile.
    Compile(Vec<Diag>),
    /// It printed something else (the whole stdout).
    Output { got: String },
    /// It exited with this status; stderr's first lines say why.
    Exit { code: i32, stderr: String },
    /// The race detector reported (the first report).
    Race { report: String },
    /// Goroutines blocked when `main` returned.
    Leak(Vec<Blocked>),
    /// It ran past [`MAX_INSTRUCTIONS`].
    Limit,
}

/// How a check ended: the runs that passed, and the first failure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    pub passed: u32,
    pub total: u32,
    pub failure: Option<(Trial, Failure)>,
}

impl Verdict {
    pub fn ok(&self) -> bool {
        self.failure.is_none()
    }

    /// The verdict on a program that does not compile: its first run fails.
    pub fn compile_failed(diags: Vec<Diag>) -> Verdict {
        Verdict {
            passed: 0,
            total: TRIALS,
            failure: Some((trials()[0], Failure::Compile(diags))),
        }
    }
}

/// What a finished run left, as [`judge`] needs it.
pub struct Ended<'a> {
    pub exit: i32,
    pub stdout: &'a str,
    pub stderr: &'a str,
    pub instructions: u64,
    pub blocked: Vec<Blocked>,
}

/// Judges one finished run of `trial`.
pub fn judge(expected: Option<&ExpectedOutput>, trial: Trial, run: Ended) -> Option<Failure> {
    if run.instructions >= MAX_INSTRUCTIONS {
        return Some(Failure::Limit);
    }
    // The race detector's exit status (Go's 66) with its report on stderr.
    if trial.race && run.exit == 66 && run.stderr.contains("DATA RACE") {
        return Some(Failure::Race {
            report: first_lines(run.stderr, 12),
        });
    }
    if run.exit != 0 {
        return Some(Failure::Exit {
            code: run.exit,
            stderr: first_lines(run.stderr, 6),
        });
    }
    if let Some(want) = expected {
        if !want.matches(run.stdout) {
            return Some(Failure::Output {
                got: run.stdout.to_string(),
            });
        }
    }
    if !run.blocked.is_empty() {
        return Some(Failure::Leak(run.blocked));
    }
    None
}

fn first_lines(s: &str, n: usize) -> String {
    s.lines().take(n).collect::<Vec<_>>().join("\n")
}

/// Goroutines waiting for another goroutine: once `main` has returned, none
/// will wake them. (A sleeping goroutine would wake by itself: not a leak.)
fn blocked_at_exit(s: &Session) -> Vec<Blocked> {
    s.snapshot()
        .gs
        .into_iter()
        .filter(|g| g.status == GStatusView::Waiting && !matches!(g.wait_reason, "" | "sleep"))
        .map(|g| Blocked {
            goid: g.goid,
            reason: g.wait_reason,
            func: g.func,
            line: g.line,
        })
        .collect()
}

fn session(program: &Program, trial: Trial) -> Session {
    let settings = Settings {
        gomaxprocs: trial.gomaxprocs,
        seed: trial.seed,
        max_instructions: MAX_INSTRUCTIONS,
        race: trial.race,
        ..Settings::default()
    };
    Session::new(program, &settings)
}

fn judge_session(
    expected: Option<&ExpectedOutput>,
    trial: Trial,
    s: &Session,
    exit: i32,
) -> Option<Failure> {
    let (stdout, stderr) = (s.console().stdout(), s.console().stderr());
    judge(
        expected,
        trial,
        Ended {
            exit,
            stdout: &stdout,
            stderr: &stderr,
            instructions: s.steps(),
            blocked: blocked_at_exit(s),
        },
    )
}

/// Runs the whole check at once (natively: tests and tools).
pub fn check_to_end(src: &str, expected: Option<&ExpectedOutput>) -> Verdict {
    let program = match compile(src) {
        Ok(p) => p,
        Err(d) => return Verdict::compile_failed(d),
    };
    let total = TRIALS;
    for (i, trial) in trials().into_iter().enumerate() {
        let mut s = session(&program, trial);
        let exit = loop {
            if let Some(code) = s.run(1 << 22) {
                break code;
            }
        };
        if let Some(f) = judge_session(expected, trial, &s, exit) {
            return Verdict {
                passed: i as u32,
                total,
                failure: Some((trial, f)),
            };
        }
    }
    Verdict {
        passed: total,
        total,
        failure: None,
    }
}

/// Runs the check in the page: as many runs per animation frame as its
/// budget allows, calling `progress(runs passed)` after each run.
/// `wanted()` turning false (a new check, an edit, leaving the page) ends
/// it with `None`.
pub async fn check(
    program: Program,
    expected: Option<ExpectedOutput>,
    wanted: impl Fn() -> bool,
    progress: impl Fn(u32),
) -> Option<Verdict> {
    let total = TRIALS;
    for (i, trial) in trials().into_iter().enumerate() {
        let mut s = session(&program, trial);
        super::to_end::drive_step(&mut s, &wanted).await?;
        // The check records no trace, so a session it drove has ended.
        let exit = s.exit()?;
        if let Some(f) = judge_session(expected.as_ref(), trial, &s, exit) {
            return Some(Verdict {
                passed: i as u32,
                total,
                failure: Some((trial, f)),
            });
        }
        progress(i as u32 + 1);
    }
    Some(Verdict {
        passed: total,
        total,
        failure: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn want(lines: &[&str]) -> ExpectedOutput {
        ExpectedOutput {
            lines: lines.iter().map(|s| s.to_string()).collect(),
            unordered: false,
        }
    }

    const COUNTER: &str = r#"package main

import (
	"fmt"
	"runtime"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	counter := 0
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 100; j++ {
				v := counter
				if j%7 == 0 {
					runtime.Gosched()
				}
				counter = v + 1
			}
		}()
	}
	wg.Wait()
	fmt.Println(counter)
}
"#;

    #[test]
    fn there_are_a_hundred_and_one_trials() {
        let t = trials();
        assert_eq!(t.len(), 101);
        assert_eq!(TRIALS, 101);
        assert_eq!(
            t.iter().filter(|t| t.gomaxprocs == 2 && !t.race).count(),
            50
        );
        assert!(t.last().unwrap().race);
    }

    #[test]
    fn a_lost_update_fails_with_its_seed_and_a_lock_passes() {
        let v = check_to_end(COUNTER, Some(&want(&["200"])));
        let (trial, failure) = v.failure.expect("the racy counter must fail");
        assert!(matches!(failure, Failure::Output { .. }), "{failure:?}");
        // The failing seed replays: the same trial fails the same way.
        let again = check_to_end(COUNTER, Some(&want(&["200"])));
        assert_eq!(again.failure.unwrap().0, trial);

        let fixed = COUNTER
            .replace("v := counter", "mu.Lock()\n\t\t\t\tv := counter")
            .replace("counter = v + 1", "counter = v + 1\n\t\t\t\tmu.Unlock()")
            .replace("counter := 0", "counter := 0\n\tvar mu sync.Mutex");
        let v = check_to_end(&fixed, Some(&want(&["200"])));
        assert_eq!(v.failure, None);
        assert_eq!(v.passed, 101);
    }

    #[test]
    fn a_race_without_a_wrong_total_is_caught_by_the_race_run() {
        // Writes the same value twice: the total is right, the race is not.
        let src = "package main\n\nimport (\n\t\"fmt\"\n\t\"sync\"\n)\n\nfunc main() {\n\tx := 0\n\tvar wg sync.WaitGroup\n\twg.Add(2)\n\tfor i := 0; i < 2; i++ {\n\t\tgo func() { x = 1; wg.Done() }()\n\t}\n\twg.Wait()\n\tfmt.Println(x)\n}\n";
        let v = check_to_end(src, Some(&want(&["1"])));
        let (trial, failure) = v.failure.unwrap();
        assert!(trial.race);
        assert!(matches!(failure, Failure::Race { ref report } if report.contains("DATA RACE")));
        assert_eq!(v.passed, 100);
    }

    #[test]
    fn a_goroutine_blocked_at_exit_is_a_leak() {
        // main sleeps so that the sender runs and blocks; a goroutine that
        // never ran is not blocked, only unfinished.
        let src = "package main\n\nimport \"time\"\n\nfunc main() {\n\tch := make(chan int)\n\tgo func() { ch <- 1 }()\n\ttime.Sleep(time.Millisecond)\n}\n";
        let (_, failure) = check_to_end(src, None).failure.unwrap();
        match failure {
            Failure::Leak(gs) => {
                assert_eq!(gs.len(), 1);
                assert_eq!((gs[0].reason, gs[0].line), ("chan send", 7));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn deadlocks_panics_loops_and_compile_errors_fail() {
        let deadlock = "package main\n\nfunc main() {\n\tch := make(chan int)\n\tch <- 1\n}\n";
        let (_, f) = check_to_end(deadlock, None).failure.unwrap();
        assert!(
            matches!(f, Failure::Exit { code: 2, ref stderr } if stderr.contains("deadlock")),
            "{f:?}"
        );
        let forever = "package main\n\nfunc main() {\n\tfor {\n\t}\n}\n";
        assert_eq!(
            check_to_end(forever, None).failure.unwrap().1,
            Failure::Limit
        );
        let bad = "package main\n\nfunc main() { x }\n";
        assert!(matches!(
            check_to_end(bad, None).failure.unwrap().1,
            Failure::Compile(_)
        ));
    }
}
