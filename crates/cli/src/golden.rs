//! What a corpus program is expected to do, read from its golden file or, for
//! `go122/` programs, from the `// Output:` block at the end of its source.
//!
//! The golden format is written by `scripts/record-golden.py` and documented
//! in `tests/programs/README.md`. Parsing works on bytes because a Go program
//! may print bytes that are not UTF-8; nothing here touches the filesystem, so
//! the wasm build can use it on `include_bytes!`-embedded files.

/// The behaviour recorded from Go 1.19 for one program.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expected {
    /// The program builds and runs.
    Run {
        /// Exit status: 0, 2 for a panic or fatal error, n for `os.Exit(n)`.
        exit: i32,
        /// The first line of standard error, without its newline.
        stderr_first: String,
        /// Everything written to standard output.
        stdout: Vec<u8>,
    },
    /// The program does not build; these are the diagnostic lines, each
    /// ending in a newline, as `NAME.go:LINE:COL: message`.
    Build { diagnostics: String },
}

const STDOUT_MARK: &[u8] = b"-- stdout --\n";
const DIAG_MARK: &[u8] = b"-- diagnostics --\n";

/// Parses a `.golden` file.
pub fn parse_golden(text: &[u8]) -> Result<Expected, String> {
    let (exit_line, rest) = split_line(text).ok_or("empty golden file")?;
    let exit = exit_line
        .strip_prefix("exit:")
        .map(str::trim)
        .and_then(|s| s.parse::<i32>().ok())
        .ok_or_else(|| format!("first line must be `exit: N`, found {exit_line:?}"))?;
    if let Some(diags) = rest.strip_prefix(DIAG_MARK) {
        let diagnostics = String::from_utf8(diags.to_vec())
            .map_err(|_| "diagnostics are not UTF-8".to_string())?;
        return Ok(Expected::Build { diagnostics });
    }
    let (stderr_line, rest) = split_line(rest).ok_or("missing `stderr:` line")?;
    let stderr_first = match stderr_line.strip_prefix("stderr:") {
        // The recorder writes `stderr: LINE`, or a bare `stderr:` for an
        // empty line; only that one separating space is syntax.
        Some(s) => s.strip_prefix(' ').unwrap_or(s).to_string(),
        None => {
            return Err(format!(
                "second line must be `stderr: ...`, found {stderr_line:?}"
            ))
        }
    };
    let stdout = rest
        .strip_prefix(STDOUT_MARK)
        .ok_or("missing `-- stdout --` line")?
        .to_vec();
    Ok(Expected::Run {
        exit,
        stderr_first,
        stdout,
    })
}

/// Reads the expected output of a `go122/` program from its trailing
/// Go-example-style comment block:
///
/// ```text
/// // Output:
/// // 1 2 3
/// ```
///
/// Such programs are expected to exit with status 0 and an empty stderr.
/// Each comment line contributes one output line ending in `\n`; `// ` and a
/// bare `//` are stripped, so trailing spaces in the output are kept.
pub fn parse_example_output(src: &str) -> Result<Expected, String> {
    let mut lines = src.lines();
    lines
        .by_ref()
        .find(|l| l.trim_end() == "// Output:")
        .ok_or("no `// Output:` block")?;
    let mut stdout = Vec::new();
    for line in lines {
        let body = if line == "//" {
            ""
        } else if let Some(b) = line.strip_prefix("// ") {
            b
        } else if line.trim().is_empty() {
            // Blank lines after the block end the file.
            continue;
        } else {
            return Err(format!("non-comment line after `// Output:`: {line:?}"));
        };
        stdout.extend_from_slice(body.as_bytes());
        stdout.push(b'\n');
    }
    Ok(Expected::Run {
        exit: 0,
        stderr_first: String::new(),
        stdout,
    })
}

fn split_line(text: &[u8]) -> Option<(&str, &[u8])> {
    if text.is_empty() {
        return None;
    }
    let end = text.iter().position(|&b| b == b'\n').unwrap_or(text.len());
    let line = std::str::from_utf8(&text[..end]).ok()?;
    let rest = text.get(end + 1..).unwrap_or(&[]);
    Some((line, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn run_golden_keeps_stdout_bytes_exactly() {
        let g = b"exit: 2\nstderr: panic: boom\n-- stdout --\na\n\nb";
        assert_eq!(
            parse_golden(g).unwrap(),
            Expected::Run {
                exit: 2,
                stderr_first: "panic: boom".into(),
                stdout: b"a\n\nb".to_vec()
            }
        );
    }

    #[test]
    fn bare_stderr_means_empty_and_leading_spaces_are_kept() {
        let g = b"exit: 0\nstderr:\n-- stdout --\n";
        assert_eq!(
            parse_golden(g).unwrap(),
            Expected::Run {
                exit: 0,
                stderr_first: String::new(),
                stdout: vec![]
            }
        );
        let g = b"exit: 0\nstderr:   x\n-- stdout --\n";
        match parse_golden(g).unwrap() {
            Expected::Run { stderr_first, .. } => assert_eq!(stderr_first, "  x"),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn build_golden() {
        let g = b"exit: 1\n-- diagnostics --\np.go:1:2: undefined: y\n";
        assert_eq!(
            parse_golden(g).unwrap(),
            Expected::Build {
                diagnostics: "p.go:1:2: undefined: y\n".into()
            }
        );
    }

    #[test]
    fn malformed_golden_is_an_error_not_a_panic() {
        for g in [
            &b""[..],
            b"exit: x\n",
            b"exit: 0\n",
            b"exit: 0\nstderr:\n",
            b"exit: 0\nnope\n",
        ] {
            assert!(parse_golden(g).is_err(), "{:?}", String::from_utf8_lossy(g));
        }
    }

    #[test]
    fn example_output_block() {
        let src = "package main\n\nfunc main() {}\n\n// Output:\n// 0 1 \n//\n// end\n";
        assert_eq!(
            parse_example_output(src).unwrap(),
            Expected::Run {
                exit: 0,
                stderr_first: String::new(),
                stdout: b"0 1 \n\nend\n".to_vec()
            }
        );
        assert!(parse_example_output("package main\n").is_err());
        assert!(parse_example_output("// Output:\nfunc f() {}\n").is_err());
    }
}
