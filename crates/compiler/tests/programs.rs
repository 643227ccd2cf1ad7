//! Larger programs (closures, value semantics of structs and arrays,
//! interfaces, defer/recover, goroutines, channels, select, sync, atomics)
//! with golden output recorded from Go 1.19 (`go build` + run). Here they
//! must compile to a program that passes `Program::validate`; running them
//! needs the runtime, which the compiler does not depend on: the `lab`
//! corpus test runs them end to end.

use std::path::Path;

#[test]
fn larger_programs_compile_and_validate() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/programs");
    let mut n = 0;
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_none_or(|x| x != "go") {
            continue;
        }
        let src = std::fs::read_to_string(&p).unwrap();
        let name = p.file_name().unwrap().to_str().unwrap();
        match golab_compiler::compile(name, &src) {
            Ok(prog) => prog.validate().unwrap_or_else(|e| panic!("{name}: {e}")),
            Err(d) => panic!("{name} does not compile:\n{d}"),
        }
        n += 1;
    }
    assert!(n >= 6);
}
