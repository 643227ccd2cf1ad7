//! Every ` ```go run ` block of every chapter, in both languages, compiled
//! by our compiler and run in step mode by our runtime with the block's own
//! settings: the exit status must be the block's `exit=` (0 by default) and,
//! where the block states a Go-example `// Output:`, stdout must match it.
//!
//! `chapters/KNOWN_FAILURES` lists blocks we do not run correctly yet
//! (`zh/03-scheduler.md:120 reason`); the test fails if an unlisted block
//! fails and if a listed one passes, so the list can only shrink.
#![cfg(not(target_arch = "wasm32"))]

use golab_book::content::chapters;
use golab_book::directive::{Directive, Exercise, RunBlock};
use golab_book::engine::exercise::check_to_end;
use golab_book::lang::Lang;
use golab_book::markdown::{self, LinkContext, Node};
use golab_runtime::{run_captured, Config};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Every directive of a document, with the line of its fence.
fn directives<'a>(nodes: &'a [Node], out: &mut Vec<(usize, &'a Directive)>) {
    for n in nodes {
        match n {
            Node::Directive {
                directive, line, ..
            } => out.push((*line, directive)),
            Node::Element(e) => directives(&e.children, out),
            _ => {}
        }
    }
}

fn run_blocks(nodes: &[Node], out: &mut Vec<(usize, RunBlock)>) {
    let mut all = Vec::new();
    directives(nodes, &mut all);
    out.extend(all.into_iter().filter_map(|(line, d)| match d {
        Directive::Run(r) => Some((line, r.clone())),
        _ => None,
    }));
}

/// Runs one block; `Err` says what differs.
fn check(path: &str, block: &RunBlock) -> Result<(), String> {
    let program = golab_compiler::compile(path, &block.code)
        .map_err(|d| format!("does not compile:\n{d}"))?;
    let mut config = Config::default();
    if let Some(n) = block.gomaxprocs {
        config.gomaxprocs = n;
    }
    if let Some(seed) = block.seed {
        config.seed = seed;
    }
    config.race = block.race;
    // A book example is small: a tenth of a second of a fast machine's work.
    config.max_instructions = config.max_instructions.min(2_000_000_000);
    let got = run_captured(Arc::new(program), config);
    let stdout = String::from_utf8_lossy(&got.stdout);
    let stderr = String::from_utf8_lossy(&got.stderr);
    let mut problems = Vec::new();
    if got.exit_code != block.exit {
        problems.push(format!(
            "exit status {}, want {}",
            got.exit_code, block.exit
        ));
    }
    if let Some(expected) = &block.expected {
        if !expected.matches(&stdout) {
            problems.push(format!(
                "stdout:\n{stdout}\nwant ({}):\n{}",
                if expected.unordered {
                    "any order"
                } else {
                    "in order"
                },
                expected.lines.join("\n")
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        let first = stderr.lines().next().unwrap_or("");
        Err(format!("{}\nstderr: {first}", problems.join("\n")))
    }
}

fn known_failures() -> BTreeMap<String, String> {
    let text = include_str!("../chapters/KNOWN_FAILURES");
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| match l.split_once(' ') {
            Some((k, v)) => (k.to_string(), v.trim().to_string()),
            None => (l.to_string(), String::new()),
        })
        .collect()
}

#[test]
fn every_chapter_example_runs_as_it_says() {
    let known = known_failures();
    let mut results = BTreeMap::new();
    for c in chapters() {
        for lang in Lang::ALL {
            let text = c.text(lang).unwrap_or_default();
            let doc = markdown::parse(text, &LinkContext { lang: lang.code() });
            let mut blocks = Vec::new();
            run_blocks(&doc.nodes, &mut blocks);
            for (line, block) in blocks {
                let key = format!("{}/{}:{line}", lang.code(), c.file);
                let result = check("prog.go", &block);
                if let Err(e) = &result {
                    let tag = if known.contains_key(&key) {
                        "known failure"
                    } else {
                        "FAIL"
                    };
                    eprintln!("--- {tag}: chapters/{key}\n{e}\n");
                }
                results.insert(key, result.is_ok());
            }
        }
    }
    assert!(
        results.len() >= 7 * 3 * 2,
        "only {} runnable examples found",
        results.len()
    );
    let unexpected: Vec<_> = results
        .iter()
        .filter(|(k, ok)| !**ok && !known.contains_key(*k))
        .map(|(k, _)| k)
        .collect();
    let now_passing: Vec<_> = known
        .keys()
        .filter(|k| results.get(*k) == Some(&true))
        .collect();
    let stale: Vec<_> = known.keys().filter(|k| !results.contains_key(*k)).collect();
    let passed = results.values().filter(|ok| **ok).count();
    eprintln!(
        "{passed} of {} chapter examples run as stated",
        results.len()
    );
    assert!(
        unexpected.is_empty() && now_passing.is_empty() && stale.is_empty(),
        "failing, not in chapters/KNOWN_FAILURES: {unexpected:?}\n\
         passing now, remove from chapters/KNOWN_FAILURES: {now_passing:?}\n\
         listed but no such block (line moved?): {stale:?}"
    );
}

fn exercises(nodes: &[Node], out: &mut Vec<(usize, Exercise)>) {
    let mut all = Vec::new();
    directives(nodes, &mut all);
    out.extend(all.into_iter().filter_map(|(line, d)| match d {
        Directive::Exercise(e) => Some((line, e.clone())),
        _ => None,
    }));
}

/// Every ` ```exercise ` in both languages: its solution passes the page's
/// check (all of its runs), and its starter fails it, so that the exercise
/// asks for something and the reader can reach it.
#[test]
fn every_exercise_solution_passes_and_every_starter_fails() {
    let mut problems = Vec::new();
    let mut count = 0;
    for c in chapters() {
        for lang in Lang::ALL {
            let text = c.text(lang).unwrap_or_default();
            let doc = markdown::parse(text, &LinkContext { lang: lang.code() });
            let mut found = Vec::new();
            exercises(&doc.nodes, &mut found);
            for (line, e) in found {
                count += 1;
                let at = format!("chapters/{}/{}:{line} ({})", lang.code(), c.file, e.id);
                let solution = check_to_end(&e.solution, e.expected.as_ref());
                if let Some((trial, failure)) = solution.failure {
                    problems.push(format!(
                        "{at}: the solution fails at {trial:?}: {failure:?}"
                    ));
                }
                if check_to_end(&e.starter, e.expected.as_ref()).ok() {
                    problems.push(format!("{at}: the starter already passes"));
                }
            }
        }
    }
    assert!(count >= 16, "only {count} exercises in both languages");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
