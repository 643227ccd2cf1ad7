//! New work spreads over every P: with GOMAXPROCS(4) and six CPU-bound
//! goroutines, Go's `wakep` / `resetspinning` chain (a spinning M that finds
//! work wakes another spinner while Ps are idle) starts all four Ps. Written
//! in Go and compiled, since the behaviour is about whole-program scheduling.

use golab_runtime::{Config, EvKind, Output, Vm};
use std::collections::BTreeSet;
use std::sync::Arc;

const BUSY: &str = r#"package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	res := make([]int, 6)
	for g := 0; g < 6; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			x := g
			for i := 0; i < 300000; i++ {
				x = (x*31 + i) % 1000003
			}
			res[g] = x
		}(g)
	}
	wg.Wait()
	fmt.Println(res[0] >= 0)
}
"#;

struct Discard;

impl Output for Discard {
    fn stdout(&mut self, _: &[u8]) {}
    fn stderr(&mut self, _: &[u8]) {}
}

#[test]
fn six_busy_goroutines_run_on_all_four_ps() {
    let program = Arc::new(golab_compiler::compile("busy.go", BUSY).expect("compiles"));
    for seed in [1, 2, 3, 42] {
        let config = Config {
            gomaxprocs: 4,
            seed,
            ..Config::default()
        };
        let mut vm = Vm::new(program.clone(), config);
        vm.enable_trace(false);
        assert_eq!(vm.run_to_end(&mut Discard), 0);
        let ps: BTreeSet<u32> = vm
            .trace()
            .iter()
            .filter(|e| e.kind == EvKind::GoStart)
            .map(|e| e.p)
            .collect();
        assert_eq!(
            ps,
            BTreeSet::from([0, 1, 2, 3]),
            "seed {seed}: goroutines ran only on Ps {ps:?}"
        );
    }
}
