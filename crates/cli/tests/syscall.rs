//! A blocking system call while every other P is idle: nothing is
//! runnable, sysmon does not retake the P (a P is idle and the call is
//! short, as Go's `retake` decides), so virtual time must jump to the next
//! thing that can happen, the call's end. A past wake-up time once stopped
//! the clock, and such a program ran until the wall-clock limit at
//! GOMAXPROCS 2 or more.

use golab_runtime::{run_captured, Config};
use std::sync::Arc;

const READ: &str = r#"package main

import (
	"fmt"
	"os"
)

func main() {
	for i := 0; i < 3; i++ {
		b, err := os.ReadFile("data/slow.txt")
		fmt.Println(len(b) > 0, err)
	}
}
"#;

#[test]
fn a_lone_blocking_read_ends_at_every_gomaxprocs() {
    let program = Arc::new(golab_compiler::compile("prog.go", READ).expect("compiles"));
    for gomaxprocs in [1, 2, 4] {
        for seed in 1..=5 {
            let config = Config {
                gomaxprocs,
                seed,
                // A stopped clock spins the scheduler without instructions;
                // the run must end long before this many steps.
                max_instructions: 1_000_000,
                max_wall_ms: 10_000,
                wall_clock: Some(|| {
                    use std::time::{SystemTime, UNIX_EPOCH};
                    SystemTime::now()
                        .duration_since(UNIX_EPOCH)
                        .unwrap()
                        .as_secs_f64()
                        * 1000.0
                }),
                ..Config::default()
            };
            let got = run_captured(program.clone(), config);
            assert_eq!(
                (got.exit_code, String::from_utf8_lossy(&got.stdout).as_ref()),
                (0, "true <nil>\ntrue <nil>\ntrue <nil>\n"),
                "GOMAXPROCS {gomaxprocs}, seed {seed}: {}",
                String::from_utf8_lossy(&got.stderr)
            );
        }
    }
}
