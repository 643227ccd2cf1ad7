//! The stop protocol: a sink that asks to stop ends a run cleanly, in step
//! mode and in parallel mode, both through the runtime's `Output` and
//! through `lab`'s `Sink`. Natively only: parallel mode here runs on std
//! threads (the page's workers are tested end to end).
#![cfg(not(target_arch = "wasm32"))]

use golab_cli::engine::{self, RunConfig, Sink};
use golab_runtime::parallel::{native, End, Parallel};
use golab_runtime::{Config, Output, Status, Vm, STOPPED_EXIT};
use std::sync::{Arc, Mutex};

/// Prints forever, from two goroutines.
const ENDLESS: &str = r#"package main

import "fmt"

func main() {
	go func() {
		for {
			fmt.Println("tock")
		}
	}()
	for {
		fmt.Println("tick")
	}
}
"#;

/// Keeps its output; asks to stop once it holds a whole line.
#[derive(Clone, Default)]
struct FirstLine(Arc<Mutex<Vec<u8>>>);

impl FirstLine {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

impl Output for FirstLine {
    fn stdout(&mut self, bytes: &[u8]) {
        self.0.lock().unwrap().extend_from_slice(bytes);
    }
    fn stderr(&mut self, bytes: &[u8]) {
        self.0.lock().unwrap().extend_from_slice(bytes);
    }
    fn stop_requested(&self) -> bool {
        self.0.lock().unwrap().contains(&b'\n')
    }
}

impl Sink for FirstLine {
    fn stdout(&mut self, bytes: &[u8]) {
        Output::stdout(self, bytes);
    }
    fn stderr(&mut self, bytes: &[u8]) {
        Output::stderr(self, bytes);
    }
    fn stop_requested(&self) -> bool {
        Output::stop_requested(self)
    }
}

fn program() -> Arc<golab_bytecode::Program> {
    Arc::new(golab_compiler::compile("prog.go", ENDLESS).expect("compiles"))
}

#[test]
fn step_mode_stops_after_the_line_the_sink_asked_for() {
    for procs in [1, 2] {
        let config = Config {
            gomaxprocs: procs,
            ..Config::default()
        };
        let mut vm = Vm::new(program(), config);
        let mut sink = FirstLine::default();
        assert_eq!(vm.run_slice(1 << 24, &mut sink), Status::Stopped);
        assert_eq!(sink.text(), "tick\n", "GOMAXPROCS {procs}");
        // Stopped for good, and the state is still readable.
        assert_eq!(vm.run_slice(1 << 24, &mut sink), Status::Stopped);
        assert_eq!(sink.text(), "tick\n");
        assert!(!vm.snapshot().gs.is_empty());
        vm.check_invariants().unwrap();
        assert_eq!(vm.run_to_end(&mut sink), STOPPED_EXIT);
    }
}

#[test]
fn parallel_mode_stops_when_the_sink_asks() {
    let sink = FirstLine::default();
    let config = Config {
        gomaxprocs: 2,
        ..Config::default()
    };
    let run = Parallel::start(
        program(),
        config,
        native::clock_ms,
        None,
        Arc::new(native::Threads),
        Box::new(sink.clone()),
    );
    assert_eq!(run.wait(), End::Stopped);
    let text = sink.text();
    assert!(
        text == "tick\n" || text == "tock\n",
        "one line, then nothing: {text:?}"
    );
}

#[test]
fn lab_stops_in_both_modes_with_the_stop_exit_status() {
    for parallel in [false, true] {
        let config = RunConfig {
            parallel,
            gomaxprocs: Some(2),
            ..RunConfig::default()
        };
        let mut sink = FirstLine::default();
        let finished = engine::run("prog.go", ENDLESS, &config, &mut sink);
        assert_eq!(finished.exit, STOPPED_EXIT, "parallel {parallel}");
        let text = sink.text();
        assert!(
            text == "tick\n" || text == "tock\n",
            "parallel {parallel}: {text:?}"
        );
    }
}
