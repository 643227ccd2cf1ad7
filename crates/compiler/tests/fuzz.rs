//! The compiler never panics and never hangs: random and mutated programs
//! (seeded from the corpus) must give a program or diagnostics.
//!
//! Bounded to a few seconds here; `GOLAB_FUZZ_SECS=600 cargo test -p
//! golab-compiler --test fuzz -- --nocapture` runs longer.

use std::path::Path;
use std::time::{Duration, Instant};

/// xorshift64*: small, deterministic, good enough for mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

const TOKENS: &[&str] = &[
    "func",
    "(",
    ")",
    "{",
    "}",
    "[",
    "]",
    "x",
    "y",
    ":=",
    "=",
    "+",
    "-",
    "*",
    "&",
    "<-",
    "chan",
    "map",
    "struct",
    "interface",
    "go",
    "defer",
    "return",
    "for",
    "range",
    "if",
    "else",
    "switch",
    "case",
    "default",
    "select",
    "break",
    "continue",
    "var",
    "const",
    "type",
    "iota",
    "nil",
    "1",
    "0x",
    "1e",
    "'a'",
    "\"s\"",
    "`r`",
    ",",
    ";",
    "\n",
    ".",
    "...",
    "int",
    "string",
    "[]int",
    "fmt.Println",
    "len",
    "append",
    "make",
    "new",
    "panic",
    "recover",
    "T",
    "(*T)",
    ".(type)",
    ".(int)",
    "++",
    "--",
    "<<",
    ">>",
    "&^",
    "==",
    "!=",
    "!",
    "^",
    "%",
    "/",
    "fallthrough",
    "goto",
    "L:",
    "\u{e9}",
    "\u{0}",
    "\u{ff}",
    "/*",
    "*/",
    "//",
];

fn corpus() -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/programs");
    let mut v = Vec::new();
    if let Ok(rd) = std::fs::read_dir(&dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "go") {
                v.push(std::fs::read(&p).unwrap());
            }
        }
    }
    v.sort();
    if v.is_empty() {
        v.push(b"package main\n\nfunc main() {\n\tx := 1\n\tprintln(x)\n}\n".to_vec());
    }
    v
}

fn mutate(rng: &mut Rng, src: &[u8]) -> Vec<u8> {
    let mut s = src.to_vec();
    for _ in 0..1 + rng.below(4) {
        let len = s.len().max(1);
        let at = rng.below(len);
        match rng.below(6) {
            0 => {
                let n = rng.below(20).min(s.len() - at.min(s.len()));
                s.drain(at.min(s.len())..at.min(s.len()) + n);
            }
            1 => {
                let t = TOKENS[rng.below(TOKENS.len())].as_bytes();
                let at = at.min(s.len());
                s.splice(at..at, t.iter().copied());
            }
            2 => {
                let a = rng.below(len).min(s.len());
                let b = (a + rng.below(40)).min(s.len());
                let chunk = s[a..b].to_vec();
                let at = at.min(s.len());
                s.splice(at..at, chunk);
            }
            3 => {
                if !s.is_empty() {
                    let i = at.min(s.len() - 1);
                    s[i] = rng.next() as u8;
                }
            }
            4 => {
                // Deep nesting.
                let n = rng.below(3000);
                let at = at.min(s.len());
                let open = if rng.below(2) == 0 { "(" } else { "{" };
                s.splice(at..at, open.repeat(n).into_bytes());
            }
            _ => {
                let at = at.min(s.len());
                let n = rng.below(s.len() - at + 1);
                s.truncate(at + n);
            }
        }
    }
    s
}

fn soup(rng: &mut Rng) -> Vec<u8> {
    let mut s = b"package main\n".to_vec();
    for _ in 0..rng.below(200) {
        s.extend_from_slice(TOKENS[rng.below(TOKENS.len())].as_bytes());
        s.push(b' ');
    }
    s
}

#[test]
fn compile_never_panics_on_random_and_mutated_programs() {
    let secs: u64 = std::env::var("GOLAB_FUZZ_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3);
    let seeds = corpus();
    let seed: u64 = std::env::var("GOLAB_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x9E37_79B9_7F4A_7C15);
    let mut rng = Rng(seed.max(1));
    let start = Instant::now();
    let mut n = 0u64;
    while start.elapsed() < Duration::from_secs(secs) {
        let input = if rng.below(4) == 0 {
            soup(&mut rng)
        } else {
            let seed = rng.below(seeds.len());
            mutate(&mut rng, &seeds[seed])
        };
        let t0 = Instant::now();
        if std::env::var("GOLAB_FUZZ_TRACE").is_ok() {
            let _ = std::fs::write(std::env::temp_dir().join("golab-fuzz-current.go"), &input);
        }
        let r = std::panic::catch_unwind(|| {
            let _ = golab_compiler::compile_bytes("prog.go", &input);
        });
        if r.is_err() {
            let path = std::env::temp_dir().join("golab-fuzz-crash.go");
            let _ = std::fs::write(&path, &input);
            panic!("compile panicked; input saved to {}", path.display());
        }
        assert!(
            t0.elapsed() < Duration::from_secs(5),
            "compile took {:?}",
            t0.elapsed()
        );
        n += 1;
    }
    assert!(n > 10, "only {n} inputs in {secs}s");
}

/// Deleting or duplicating any single line of a corpus program gives a
/// program that often still type-checks, so this reaches the code
/// generator with unusual but valid shapes; every result must validate.
#[test]
fn line_mutants_of_the_corpus_compile_or_diagnose() {
    let mut compiled = 0;
    for src in corpus() {
        let lines: Vec<&[u8]> = src.split(|&b| b == b'\n').collect();
        for i in 0..lines.len() {
            for dup in [false, true] {
                let mut m: Vec<u8> = Vec::new();
                for (j, l) in lines.iter().enumerate() {
                    if j == i && !dup {
                        continue;
                    }
                    m.extend_from_slice(l);
                    m.push(b'\n');
                    if j == i && dup {
                        m.extend_from_slice(l);
                        m.push(b'\n');
                    }
                }
                if let Ok(p) = golab_compiler::compile_bytes("prog.go", &m) {
                    if let Err(e) = p.validate() {
                        let path = std::env::temp_dir().join("golab-mutant.go");
                        let _ = std::fs::write(&path, &m);
                        panic!("invalid program ({e}); source in {}", path.display());
                    }
                    compiled += 1;
                }
            }
        }
    }
    assert!(compiled > 100, "only {compiled} mutants compiled");
}
