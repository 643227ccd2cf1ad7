//! The `lab` command as a user meets it: exit statuses, where text goes,
//! usage errors. What programs print is the corpus test's business.

use std::path::Path;
use std::process::{Command, Output};

fn lab(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lab"))
        .args(args)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/programs"))
        .output()
        .expect("run lab")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn usage_errors_exit_2_with_usage_on_stderr() {
    for args in [
        &[][..],
        &["frob"],
        &["run"],
        &["run", "--nope", "x.go"],
        &["run", "a.go", "b.go"],
    ] {
        let out = lab(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = text(&out.stderr);
        assert!(err.starts_with("lab: "), "{args:?}: {err}");
        assert!(err.contains("usage: lab run"), "{args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn parallel_runs_a_program_on_threads_and_step_refuses_it() {
    let out = lab(&[
        "run",
        "--parallel",
        "--gomaxprocs",
        "2",
        "concurrent/pipeline.go",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let serial = lab(&["run", "concurrent/pipeline.go"]);
    assert_eq!(text(&out.stdout), text(&serial.stdout));
    let out = lab(&["step", "--parallel", "decl_imports.go"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).starts_with("lab: step mode is deterministic"));
}

#[test]
fn step_prints_scheduling_events_and_trace_writes_chrome_json() {
    let out = lab(&["step", "--seed", "1", "concurrent/pipeline.go"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let s = text(&out.stdout);
    assert!(s.contains(" G1    GoCreate new=G6"), "{s}");
    assert!(s.contains("GoBlock [chan receive]"), "{s}");
    assert!(s.contains("GoEnd"), "{s}");
    let dir = std::env::temp_dir().join(format!("lab-trace-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("t.json");
    let out = lab(&[
        "run",
        "--seed",
        "1",
        "--trace",
        path.to_str().unwrap(),
        "concurrent/pipeline.go",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let json = std::fs::read_to_string(&path).unwrap();
    assert!(json.starts_with("{\"traceEvents\":["), "{json}");
    assert!(json.contains("\"name\":\"GoCreate\""));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn help_goes_to_stdout_and_succeeds() {
    let out = lab(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).starts_with("usage: lab run"));
}

#[test]
fn missing_file_is_exit_1_naming_the_file() {
    for cmd in ["run", "check"] {
        let out = lab(&[cmd, "no_such_program.go"]);
        assert_eq!(out.status.code(), Some(1), "{cmd}");
        let err = text(&out.stderr);
        assert!(
            err.starts_with("lab: cannot read no_such_program.go: "),
            "{cmd}: {err}"
        );
    }
}

#[test]
fn check_prints_diagnostics_with_the_given_path() {
    let out = lab(&["check", "diag_syntax.go"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        "diag_syntax.go:7:20: syntax error: unexpected newline in argument list; possibly missing comma or )\n"
    );
    assert!(out.stdout.is_empty());
    let out = lab(&["check", "../programs/diag_syntax_stmt.go"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr)
        .starts_with("../programs/diag_syntax_stmt.go:11:2: syntax error: unexpected else"));
}

#[test]
fn check_of_a_good_program_is_silent_and_succeeds() {
    let out = lab(&["check", "decl_imports.go"]);
    assert_eq!(
        (out.status.code(), text(&out.stderr), text(&out.stdout)),
        (Some(0), String::new(), String::new())
    );
}

#[test]
fn run_of_a_program_that_does_not_compile_exits_1_with_diagnostics() {
    let out = lab(&["run", "--verbose", "diag_syntax.go"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.starts_with("diag_syntax.go:7:20: syntax error:"),
        "{err}"
    );
    assert!(
        err.contains("lab: diag_syntax.go: exit status 1 (did not compile) in "),
        "{err}"
    );
}

#[test]
fn an_endless_loop_ends_at_the_wall_time_limit() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("wall");
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let prog = dir.join("loop.go");
    std::fs::write(&prog, "package main\n\nfunc main() {\n\tfor {\n\t}\n}\n").expect("write");
    let out = lab(&[
        "run",
        "--max-wall",
        "300",
        prog.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "fatal error: wall-time limit exceeded (0.3s)\n"
    );
}

/// Output printed before a long computation shows while it runs, as Go's
/// unbuffered os.Stdout shows it, in both modes.
#[test]
fn output_shows_before_a_long_computation_ends() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("progressive");
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let prog = dir.join("loop.go");
    let src = "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"started\")\n\tfor {\n\t}\n}\n";
    std::fs::write(&prog, src).expect("write");
    for mode in [&["run"][..], &["run", "--parallel"][..]] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_lab"))
            .args(mode)
            .args(["--max-wall", "20000", prog.to_str().expect("utf-8 path")])
            .stdout(Stdio::piped())
            .spawn()
            .expect("run lab");
        let (tx, rx) = std::sync::mpsc::channel();
        let stdout = child.stdout.take().expect("stdout");
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = tx.send(line);
        });
        let line = rx.recv_timeout(std::time::Duration::from_secs(10));
        let _ = child.kill();
        let _ = child.wait();
        assert_eq!(line.as_deref(), Ok("started\n"), "lab {mode:?}");
    }
}
