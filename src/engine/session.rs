//! A step-mode run on the page's thread: the runtime's `Vm` driven in
//! bounded slices, its output captured in a [`Console`]. [`super::run::Run`]
//! drives it frame by frame; natively (tests, the chapter check) it runs to
//! the end at once.
//!
//! Why slices: the page's thread must never block, and a reader's program
//! may loop forever. A slice runs until a deadline within the frame
//! ([`super::frame::deadline`]); Stop simply stops calling it, so Stop
//! always works, however the program behaves.

use super::{compile, races, Console, Diag, Program, Settings};
use golab_runtime::snapshot::GStatusView;
use golab_runtime::{Event, Snapshot, Status, Vm};

/// Instructions run between two looks at the clock in [`Session::run_for`]:
/// small enough to stay within a frame's budget, large enough that reading
/// the clock costs nothing.
pub const CHUNK: u64 = 20_000;

/// Trace events a run records for the views at most: an endless program
/// with a view attached would otherwise grow the trace until the tab runs
/// out of memory (about 56 MB at this limit). Past it the runtime counts
/// what it does not record and the program runs on: a view's memory limit
/// must never end the reader's program (issue 18).
pub const TRACE_LIMIT: usize = 1_000_000;

/// One run of a program.
pub struct Session {
    vm: Vm,
    console: Console,
    exit: Option<i32>,
}

impl Session {
    pub fn new(program: &Program, settings: &Settings) -> Session {
        let mut vm = Vm::new(program.0.clone(), settings.config());
        if let Some(mem) = settings.trace {
            vm.enable_trace(mem);
        }
        Session {
            vm,
            console: Console::default(),
            exit: None,
        }
    }

    fn record(&mut self, status: Status) -> Option<i32> {
        if let Status::Exited(code) = status {
            self.exit = Some(code);
        }
        self.exit
    }

    /// Step mode: one instruction (on every running P).
    pub fn step_instruction(&mut self) -> Option<i32> {
        if self.exit.is_none() {
            let st = self.vm.step_instruction(&mut self.console);
            self.record(st);
        }
        self.exit
    }

    /// Step mode: up to the next scheduling event (at most `max`
    /// instructions, so a loop without events still returns).
    pub fn step_event(&mut self, max: u64) -> Option<i32> {
        if self.exit.is_none() {
            let st = self.vm.step_event(max, &mut self.console);
            self.record(st);
        }
        self.exit
    }

    /// Step mode: runs until some goroutine is about to execute source line
    /// `line`, for at most `max` instructions; whether it got there.
    pub fn run_until_line(&mut self, line: u32, max: u64) -> bool {
        if self.exit.is_some() {
            return false;
        }
        let reached = self.vm.run_until_line(line, max, &mut self.console);
        if !reached {
            // The line may be unreachable because the program ended.
            let st = self.vm.run_slice(0, &mut self.console);
            self.record(st);
        }
        reached
    }

    /// "Be the scheduler": P `p` runs goroutine `goid` next.
    pub fn choose_next(&mut self, p: u32, goid: u64) -> bool {
        self.exit.is_none() && self.vm.choose_next(p, goid)
    }

    /// The whole scheduler state as plain data.
    pub fn snapshot(&self) -> Snapshot {
        self.vm.snapshot()
    }

    /// Trace events recorded so far (empty unless [`Settings::trace`]).
    pub fn trace(&self) -> &[Event] {
        self.vm.trace()
    }

    /// Whether the trace reached [`TRACE_LIMIT`] (later events are not
    /// recorded; the views say so).
    pub fn trace_full(&self) -> bool {
        self.vm.trace().len() >= TRACE_LIMIT
    }

    /// The trace as Chrome trace-event JSON (Perfetto opens it).
    pub fn chrome_trace_json(&self) -> String {
        self.vm.chrome_trace_json()
    }

    /// The races the detector reported so far (none unless
    /// [`Settings::race`]), for the console's links and the race view.
    pub fn races(&self) -> Vec<races::Race> {
        self.vm.race_reports().iter().map(races::Race::of).collect()
    }

    /// How many races were reported so far (cheap: the page polls it every
    /// frame and converts the reports only when it grows).
    pub fn race_count(&self) -> usize {
        self.vm.race_reports().len()
    }

    /// Virtual nanoseconds since the start.
    pub fn virtual_ns(&self) -> i64 {
        self.vm.virtual_time_ns()
    }

    /// The source lines the running goroutines are at.
    pub fn current_lines(&self) -> Vec<u32> {
        self.snapshot()
            .gs
            .iter()
            .filter(|g| g.status == GStatusView::Running)
            .map(|g| g.line)
            .collect()
    }

    /// Runs at most `instructions` instructions; returns the exit status
    /// once the program has ended.
    pub fn run(&mut self, instructions: u64) -> Option<i32> {
        if self.exit.is_none() {
            let st = self.vm.run_slice(instructions.max(1), &mut self.console);
            self.record(st);
        }
        self.exit
    }

    /// Runs in chunks until `now()` passes `deadline` (the page passes
    /// `performance.now()` and the end of this frame's budget) or the
    /// program ends.
    pub fn run_for(&mut self, mut now: impl FnMut() -> f64, deadline: f64) -> Option<i32> {
        loop {
            if let Some(code) = self.run(CHUNK) {
                return Some(code);
            }
            if now() >= deadline {
                return None;
            }
        }
    }

    pub fn console(&self) -> &Console {
        &self.console
    }

    /// The exit status, once the program has ended.
    pub fn exit(&self) -> Option<i32> {
        self.exit
    }

    /// Instructions executed so far (the runtime's virtual clock counts one
    /// nanosecond per instruction).
    pub fn steps(&self) -> u64 {
        self.vm.steps()
    }
}

/// A finished run, as plain data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub stdout: String,
    pub stderr: String,
    pub exit: i32,
}

/// Compiles and runs `src` to the end (natively: tests and the chapter
/// check). The page never calls this: it would block the frame.
pub fn run_to_end(src: &str, settings: &Settings) -> Result<Outcome, Vec<Diag>> {
    let program = compile(src)?;
    let mut s = Session::new(&program, settings);
    let exit = loop {
        if let Some(code) = s.run(1 << 22) {
            break code;
        }
    };
    Ok(Outcome {
        stdout: s.console().stdout(),
        stderr: s.console().stderr(),
        exit,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{check, console};

    #[test]
    fn after_exit_no_p_is_running() {
        let src = "package main\n\nfunc main() {\n\tgo func() { select {} }()\n}\n";
        let program = crate::engine::compile(src).unwrap();
        let mut s = Session::new(
            &program,
            &Settings {
                gomaxprocs: 2,
                ..Settings::default()
            },
        );
        assert_eq!(s.run(1 << 20), Some(0));
        let snap = s.snapshot();
        assert_eq!(snap.ps.len(), 2);
        assert!(snap
            .ps
            .iter()
            .all(|p| p.status.go_name() == "_Pdead" && p.m.is_none()));
        assert!(snap.ms.iter().all(|m| m.p.is_none() && m.curg.is_none()));
    }

    #[test]
    fn a_run_that_ends_in_its_first_slice_still_took_virtual_time() {
        // 4 instructions a nanosecond: the console's "virtual" must not
        // read 0 ns for a program that ran (issue 18).
        let src = "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"hi\")\n}\n";
        let program = crate::engine::compile(src).unwrap();
        let mut s = Session::new(&program, &Settings::default());
        assert_eq!(s.run(1 << 20), Some(0));
        assert!(s.steps() > 0);
        assert_eq!(
            s.virtual_ns(),
            (s.steps() / 4) as i64,
            "{} steps",
            s.steps()
        );
    }

    const HELLO: &str =
        "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"hello\")\n}\n";

    #[test]
    fn runs_a_program_to_its_output_and_exit_status() {
        let out = run_to_end(HELLO, &Settings::default()).unwrap();
        assert_eq!(out.stdout, "hello\n");
        assert_eq!(out.exit, 0);
    }

    #[test]
    fn compile_errors_come_back_positioned() {
        let src = "package main\n\nfunc main() {\n\tx := 1\n}\n";
        let d = check(src);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!((d[0].line, d[0].col), (4, 2));
        assert!(d[0].message.contains("declared but not used"), "{d:?}");
        assert_eq!(compile(src).err(), Some(d));
    }

    #[test]
    fn an_endless_loop_runs_in_bounded_slices() {
        let src = "package main\n\nfunc main() {\n\tfor {\n\t}\n}\n";
        let mut s = Session::new(&compile(src).unwrap(), &Settings::default());
        for _ in 0..10 {
            assert_eq!(s.run(10_000), None);
        }
        assert!(s.steps() >= 100_000);
        let mut ticks = 0.0;
        let clock = || {
            ticks += 1.0;
            ticks
        };
        assert_eq!(
            s.run_for(clock, 5.0),
            None,
            "run_for returns at its deadline"
        );
    }

    #[test]
    fn stepping_walks_the_scheduler_and_snapshots_show_it() {
        let src = "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tgo func() { fmt.Println(\"a\") }()\n\tgo func() { fmt.Println(\"b\") }()\n\tfor i := 0; i < 1000; i++ {\n\t}\n}\n";
        let settings = Settings {
            trace: Some(false),
            ..Settings::default()
        };
        let mut s = Session::new(&compile(src).unwrap(), &settings);
        // Step events until both goroutines exist: the newest is in runnext.
        let mut seen = false;
        for _ in 0..50 {
            s.step_event(1_000_000);
            let snap = s.snapshot();
            if snap.gs.len() == 3 {
                let p = &snap.ps[0];
                assert!(p.runnext.is_some(), "{snap:?}");
                assert_eq!(p.runq.len(), 1, "{snap:?}");
                assert_eq!(
                    p.runnext,
                    Some(snap.gs.iter().map(|g| g.goid).max().unwrap())
                );
                seen = true;
                break;
            }
        }
        assert!(seen, "two goroutines appeared");
        assert!(s
            .trace()
            .iter()
            .any(|e| e.kind == golab_runtime::EvKind::GoCreate));
        assert_eq!(s.current_lines().len(), 1);
    }

    #[test]
    fn the_race_detector_reports_a_race_with_status_66() {
        let src = "package main\n\nimport (\n\t\"fmt\"\n\t\"sync\"\n)\n\nvar n int\n\nfunc main() {\n\tvar wg sync.WaitGroup\n\twg.Add(2)\n\tfor i := 0; i < 2; i++ {\n\t\tgo func() {\n\t\t\tn++\n\t\t\twg.Done()\n\t\t}()\n\t}\n\twg.Wait()\n\tfmt.Println(n)\n}\n";
        let settings = Settings {
            race: true,
            ..Settings::default()
        };
        let out = run_to_end(src, &settings).unwrap();
        assert_eq!(out.exit, 66, "{}", out.stderr);
        assert!(out.stderr.contains("WARNING: DATA RACE"), "{}", out.stderr);
        let quiet = run_to_end(src, &Settings::default()).unwrap();
        assert_eq!(quiet.exit, 0);
    }

    /// The control for the wasm test where the reader chooses the oldest G:
    /// left to the scheduler, the newest (in `runnext`) prints first.
    #[test]
    fn without_a_choice_the_goroutine_in_runnext_runs_first() {
        let src = "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tdone := make(chan bool)\n\tfor i := 1; i <= 3; i++ {\n\t\tgo func(id int) {\n\t\t\tfmt.Println(\"goroutine\", id)\n\t\t\tdone <- true\n\t\t}(i)\n\t}\n\tfor i := 0; i < 3; i++ {\n\t\t<-done\n\t}\n}\n";
        let out = run_to_end(src, &Settings::default()).unwrap();
        assert!(out.stdout.starts_with("goroutine 3\n"), "{}", out.stdout);
    }

    #[test]
    fn run_until_line_stops_on_the_line() {
        let src = "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tx := 0\n\tfor i := 0; i < 100; i++ {\n\t\tx += i\n\t}\n\tfmt.Println(x)\n}\n";
        let mut s = Session::new(&compile(src).unwrap(), &Settings::default());
        assert!(s.run_until_line(10, 100_000));
        assert_eq!(s.current_lines(), vec![10]);
        assert_eq!(s.console().stdout(), "");
        assert!(!s.run_until_line(3, 100_000), "line 3 has no code");
    }

    #[test]
    fn a_full_trace_stops_recording_not_the_program() {
        // 2 goroutines x 300,000 yields: about 1.2 million scheduling
        // events, more than the trace keeps.
        let src = "package main\n\nimport (\n\t\"fmt\"\n\t\"runtime\"\n\t\"sync\"\n)\n\nfunc main() {\n\tvar wg sync.WaitGroup\n\tfor g := 0; g < 2; g++ {\n\t\twg.Add(1)\n\t\tgo func() {\n\t\t\tdefer wg.Done()\n\t\t\tfor i := 0; i < 300000; i++ {\n\t\t\t\truntime.Gosched()\n\t\t\t}\n\t\t}()\n\t}\n\twg.Wait()\n\tfmt.Println(\"done\")\n}\n";
        let settings = Settings {
            trace: Some(false),
            ..Settings::default()
        };
        let mut s = Session::new(&compile(src).unwrap(), &settings);
        let exit = loop {
            if let Some(code) = s.run_for(|| 0.0, 1.0) {
                break code;
            }
        };
        assert_eq!(exit, 0);
        assert_eq!(s.console().stdout(), "done\n");
        assert!(s.trace_full());
        assert_eq!(
            s.trace().len(),
            TRACE_LIMIT,
            "the record stops at the limit"
        );
    }

    #[test]
    fn a_program_that_allocates_without_end_hits_the_memory_limit() {
        let src = "package main\n\nfunc main() {\n\tvar keep [][]int\n\tfor {\n\t\tkeep = append(keep, make([]int, 1024))\n\t}\n}\n";
        let settings = Settings {
            max_memory_bytes: 4 << 20,
            ..Settings::default()
        };
        let out = run_to_end(src, &settings).unwrap();
        assert_eq!(out.exit, 2);
        assert!(out.stderr.contains("out of memory"), "{}", out.stderr);
    }

    #[test]
    fn a_panic_is_reported_on_stderr_with_status_2() {
        let src = "package main\n\nfunc main() {\n\tpanic(\"boom\")\n}\n";
        let out = run_to_end(src, &Settings::default()).unwrap();
        assert_eq!(out.exit, 2);
        assert!(out.stderr.starts_with("panic: boom"), "{}", out.stderr);
        assert!(console::is_crash(&out.stderr));
    }
}
