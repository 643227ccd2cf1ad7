//! Command-line parsing for `lab`, by hand: the grammar is tiny and a
//! dependency would cost more build time (on a 2-core machine) than it saves.
//!
//! Flags are accepted with one or two dashes (`-gomaxprocs 2`,
//! `--gomaxprocs=2`), as Go's `flag` package does, and must come before the
//! program file, like `go run`'s.

use std::fmt;

/// A parsed command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// `lab run [flags] prog.go`
    Run(RunArgs),
    /// `lab check prog.go`
    Check { file: String },
    /// `lab step [--gomaxprocs N] [--seed S] prog.go`: run in step mode,
    /// printing one scheduling event per line.
    Step(RunArgs),
    /// `lab help`, `-h`, `--help`
    Help,
}

/// The flags of `lab run`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RunArgs {
    pub file: String,
    /// `--gomaxprocs N`: number of Ps; `None` leaves the runtime's default.
    pub gomaxprocs: Option<u32>,
    /// `--seed S`: seed for every random choice of the scheduler.
    pub seed: Option<u64>,
    /// `--verbose`: after the run, a summary line on stderr.
    pub verbose: bool,
    /// `--trace out.json`: write the run's trace as Chrome trace-event JSON.
    pub trace: Option<String>,
    /// `--race`: run with the race detector (reports on stderr, exit 66).
    pub race: bool,
    /// `--parallel`: every M a real thread (`lab run` only; see
    /// `golab_runtime::parallel`).
    pub parallel: bool,
    /// `--max-instructions N`: end the run after N instructions.
    pub max_instructions: Option<u64>,
    /// `--max-goroutines N`: live goroutines allowed.
    pub max_goroutines: Option<usize>,
    /// `--max-memory BYTES`: heap bytes allowed.
    pub max_memory: Option<usize>,
    /// `--max-wall MS`: wall-clock milliseconds allowed.
    pub max_wall_ms: Option<u64>,
}

/// Why the command line was rejected. Printed as `lab: MESSAGE` followed by
/// the usage text; the exit status is 2, like Go's `flag` package.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UsageError(pub String);

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

pub const USAGE: &str = "\
usage: lab run [--parallel] [--gomaxprocs N] [--seed S] [--race] [--trace out.json] [--verbose] prog.go
       lab step [--gomaxprocs N] [--seed S] [--race] prog.go
       lab check prog.go

run    compile and run a Go program like a built Go binary: its output on
       stdout, panics on stderr, exit status 0, 2 for a panic or fatal error,
       n for os.Exit(n), 1 if it does not compile; --trace writes the run's
       scheduler trace as Chrome trace-event JSON (open it in Perfetto);
       --race turns on the race detector: each data race is reported on
       stderr as Go's -race does, and a racy program exits with status 66;
       --parallel runs every M on its own thread, so GOMAXPROCS Ps really run
       at once (default GOMAXPROCS: the CPU count; real time, no seed)
step   run the same way, printing every scheduling event (virtual time, P,
       M, G, event) on stdout as it happens
check  print the program's compile errors (exit status 1 if there are any)

Limits (a runaway program ends with a fatal error, exit status 2):
--max-instructions N (default 10000000000), --max-goroutines N (default
1000000), --max-memory BYTES (heap; default 1073741824), --max-wall MS
(wall-clock milliseconds; default 120000).

Without --seed the seed is random (--verbose prints it); the same program,
GOMAXPROCS and seed always run the same way.
";

/// Flags and commands planned for later issues: recognised, so the user
/// gets a clear answer instead of "unknown flag".
const NOT_YET_FLAGS: &[&str] = &[];
const NOT_YET_COMMANDS: &[&str] = &[];

/// Parses the arguments after the program name.
pub fn parse(args: &[String]) -> Result<Command, UsageError> {
    let Some((cmd, rest)) = args.split_first() else {
        return Err(UsageError("no command".into()));
    };
    match cmd.as_str() {
        "run" => parse_run(rest).map(Command::Run),
        "step" => {
            let a = parse_run(rest)?;
            if a.trace.is_some() {
                return Err(unknown_flag("trace"));
            }
            if a.parallel {
                return Err(UsageError(
                    "step mode is deterministic; --parallel is for `lab run`".into(),
                ));
            }
            Ok(Command::Step(a))
        }
        "check" => {
            let (flags, file) = split_flags(rest)?;
            if let Some(flag) = flags.first() {
                return Err(unknown_flag(&flag.name));
            }
            Ok(Command::Check { file })
        }
        "help" | "-h" | "-help" | "--help" => Ok(Command::Help),
        c if NOT_YET_COMMANDS.contains(&c) => {
            Err(UsageError(format!("`lab {c}` is not supported yet")))
        }
        c => Err(UsageError(format!("unknown command {c:?}"))),
    }
}

fn parse_run(args: &[String]) -> Result<RunArgs, UsageError> {
    let (flags, file) = split_flags(args)?;
    let mut run = RunArgs {
        file,
        ..RunArgs::default()
    };
    for flag in flags {
        match flag.name.as_str() {
            "gomaxprocs" => {
                let n: u32 = flag.number()?;
                if n == 0 {
                    return Err(UsageError("--gomaxprocs must be at least 1".into()));
                }
                run.gomaxprocs = Some(n);
            }
            "seed" => run.seed = Some(flag.number()?),
            "verbose" | "v" => flag.boolean().map(|b| run.verbose = b)?,
            "race" => flag.boolean().map(|b| run.race = b)?,
            "parallel" => flag.boolean().map(|b| run.parallel = b)?,
            "max-instructions" => run.max_instructions = Some(flag.number()?),
            "max-goroutines" => run.max_goroutines = Some(flag.number()?),
            "max-memory" => run.max_memory = Some(flag.number()?),
            "max-wall" => run.max_wall_ms = Some(flag.number()?),
            "trace" => {
                let path = flag.value.clone().unwrap_or_default();
                if path.is_empty() {
                    return Err(UsageError("flag needs an argument: -trace".into()));
                }
                run.trace = Some(path);
            }
            name => return Err(unknown_flag(name)),
        }
    }
    Ok(run)
}

fn unknown_flag(name: &str) -> UsageError {
    if NOT_YET_FLAGS.contains(&name) {
        UsageError(format!("flag -{name} is not supported yet"))
    } else {
        UsageError(format!("flag provided but not defined: -{name}"))
    }
}

/// One flag as written: `--name`, `--name=value` or `--name value`.
struct Flag {
    name: String,
    value: Option<String>,
}

impl Flag {
    fn number<T: std::str::FromStr>(&self) -> Result<T, UsageError> {
        let v = self
            .value
            .as_deref()
            .ok_or_else(|| UsageError(format!("flag needs an argument: -{}", self.name)))?;
        v.parse().map_err(|_| {
            UsageError(format!(
                "invalid value {v:?} for flag -{}: not a non-negative integer",
                self.name
            ))
        })
    }

    fn boolean(&self) -> Result<bool, UsageError> {
        match self.value.as_deref() {
            None | Some("true") | Some("1") => Ok(true),
            Some("false") | Some("0") => Ok(false),
            Some(v) => Err(UsageError(format!(
                "invalid boolean value {v:?} for -{}",
                self.name
            ))),
        }
    }
}

/// Flags that take a separate value argument (`--seed 3`); all others are
/// booleans unless written `--name=value`.
const VALUE_FLAGS: &[&str] = &[
    "gomaxprocs",
    "seed",
    "trace",
    "max-instructions",
    "max-goroutines",
    "max-memory",
    "max-wall",
];

/// Splits `[flags...] file` and insists on exactly one file after the flags.
fn split_flags(args: &[String]) -> Result<(Vec<Flag>, String), UsageError> {
    let mut flags = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let arg = &args[i];
        if arg == "--" {
            i += 1;
            break;
        }
        let Some(body) = arg.strip_prefix("--").or_else(|| arg.strip_prefix('-')) else {
            break;
        };
        if body.is_empty() {
            // A lone "-" would mean stdin; we only run files.
            return Err(UsageError(
                "reading the program from standard input is not supported".into(),
            ));
        }
        let (name, value) = match body.split_once('=') {
            Some((n, v)) => (n.to_string(), Some(v.to_string())),
            None if VALUE_FLAGS.contains(&body) => {
                i += 1;
                let v = args
                    .get(i)
                    .ok_or_else(|| UsageError(format!("flag needs an argument: -{body}")))?;
                (body.to_string(), Some(v.clone()))
            }
            None => (body.to_string(), None),
        };
        flags.push(Flag { name, value });
        i += 1;
    }
    match &args[i..] {
        [] => Err(UsageError("no Go file given".into())),
        [file] => Ok((flags, file.clone())),
        [_, extra, ..] => Err(UsageError(format!(
            "unexpected argument {extra:?}: give one Go file, after the flags"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(s: &str) -> Result<Command, UsageError> {
        parse(&s.split_whitespace().map(String::from).collect::<Vec<_>>())
    }

    #[test]
    fn run_with_every_flag_spelling() {
        let want = Command::Run(RunArgs {
            file: "p.go".into(),
            gomaxprocs: Some(2),
            seed: Some(7),
            verbose: true,
            trace: None,
            race: false,
            parallel: false,
            max_instructions: None,
            max_goroutines: None,
            max_memory: None,
            max_wall_ms: None,
        });
        assert_eq!(
            parse_str("run --gomaxprocs 2 --seed 7 --verbose p.go"),
            Ok(want.clone())
        );
        assert_eq!(parse_str("run -gomaxprocs=2 -seed=7 -v p.go"), Ok(want));
        assert_eq!(
            parse_str("run p.go"),
            Ok(Command::Run(RunArgs {
                file: "p.go".into(),
                ..RunArgs::default()
            }))
        );
        assert_eq!(parse_str("run -- -odd.go").map(|_| ()), Ok(()));
    }

    #[test]
    fn limits() {
        assert_eq!(
            parse_str("run --max-instructions 1000 -max-goroutines=10 --max-memory 4096 p.go"),
            Ok(Command::Run(RunArgs {
                file: "p.go".into(),
                max_instructions: Some(1000),
                max_goroutines: Some(10),
                max_memory: Some(4096),
                ..RunArgs::default()
            }))
        );
        assert!(parse_str("run --max-memory lots p.go").is_err());
    }

    #[test]
    fn check_and_help() {
        assert_eq!(
            parse_str("check x.go"),
            Ok(Command::Check {
                file: "x.go".into()
            })
        );
        assert_eq!(parse_str("--help"), Ok(Command::Help));
    }

    #[test]
    fn errors_are_clear() {
        let msg = |s: &str| parse_str(s).unwrap_err().0;
        assert_eq!(msg(""), "no command");
        assert_eq!(msg("frobnicate x.go"), "unknown command \"frobnicate\"");
        assert_eq!(msg("run"), "no Go file given");
        assert_eq!(
            msg("run --bogus p.go"),
            "flag provided but not defined: -bogus"
        );
        assert_eq!(
            msg("run --gomaxprocs"),
            "flag needs an argument: -gomaxprocs"
        );
        assert_eq!(
            msg("run --gomaxprocs x p.go"),
            "invalid value \"x\" for flag -gomaxprocs: not a non-negative integer"
        );
        assert_eq!(
            msg("run --gomaxprocs 0 p.go"),
            "--gomaxprocs must be at least 1"
        );
        assert_eq!(
            msg("run a.go b.go"),
            "unexpected argument \"b.go\": give one Go file, after the flags"
        );
        assert_eq!(msg("check -v x.go"), "flag provided but not defined: -v");
    }

    #[test]
    fn parallel_is_a_run_flag() {
        let msg = |s: &str| parse_str(s).unwrap_err().0;
        assert_eq!(
            parse_str("run --parallel --gomaxprocs 2 p.go"),
            Ok(Command::Run(RunArgs {
                file: "p.go".into(),
                parallel: true,
                gomaxprocs: Some(2),
                ..RunArgs::default()
            }))
        );
        assert!(parse_str("step --parallel p.go").is_err());
        assert_eq!(
            parse_str("run -race p.go"),
            Ok(Command::Run(RunArgs {
                file: "p.go".into(),
                race: true,
                ..RunArgs::default()
            }))
        );
        assert_eq!(parse_str("run --race=false p.go"), parse_str("run p.go"));
        assert_eq!(
            parse_str("run --trace out.json p.go"),
            Ok(Command::Run(RunArgs {
                file: "p.go".into(),
                trace: Some("out.json".into()),
                ..RunArgs::default()
            }))
        );
        assert_eq!(
            parse_str("step --seed 3 p.go"),
            Ok(Command::Step(RunArgs {
                file: "p.go".into(),
                seed: Some(3),
                ..RunArgs::default()
            }))
        );
        assert_eq!(
            msg("step --trace t.json p.go"),
            "flag provided but not defined: -trace"
        );
    }
}
