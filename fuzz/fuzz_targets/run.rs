//! Programs that compile are run on the VM with small limits: every run must
//! end (exit status, panic or fatal error), never a host panic or hang.
#![no_main]

use golab_runtime::{Captured, Config, Vm};
use libfuzzer_sys::fuzz_target;
use std::sync::Arc;

fuzz_target!(|data: &[u8]| {
    let Ok(program) = golab_compiler::compile_bytes("prog.go", data) else {
        return;
    };
    let config = Config {
        max_instructions: 200_000,
        max_goroutines: 1_000,
        max_memory_bytes: 64 << 20,
        ..Config::default()
    };
    let mut vm = Vm::new(Arc::new(program), config);
    let mut out = Captured::default();
    // Returning at all is the property; the exit status can be anything.
    vm.run_to_end(&mut out);
});
