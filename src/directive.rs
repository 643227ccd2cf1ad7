//! Fenced-block directives: the typed placeholders that widgets fill in.
//!
//! A chapter is Markdown; a fenced block whose info string starts with a
//! directive word becomes a [`Directive`] instead of highlighted code. The
//! syntax is documented for authors in `chapters/README.md`:
//!
//! - `go run [key=value ...]`: a runnable, editable example;
//! - `widget NAME [key=value ...]`: a widget with no editor;
//! - `quiz [id=NAME]`: questions with explained choices;
//! - `exercise id=NAME`: a goal, hints, a starter and a solution program,
//!   and what the reader's program must print (checked by `engine::exercise`).
//!
//! Parsing is pure (no Yew, no DOM) so it is tested natively. Errors carry a
//! line number relative to the start of the fence (the fence line is line 0),
//! which the Markdown layer turns into a `file:line` for the error box.

use crate::engine::gomaxprocs;
use std::fmt;

/// One parsed directive block.
#[derive(Clone, Debug, PartialEq)]
pub enum Directive {
    Run(RunBlock),
    Widget(WidgetBlock),
    Quiz(Quiz),
    Exercise(Exercise),
}

/// A ` ```go run ` block.
#[derive(Clone, Debug, PartialEq)]
pub struct RunBlock {
    pub code: String,
    pub views: Vec<View>,
    pub gomaxprocs: Option<u32>,
    pub mode: Mode,
    pub seed: Option<u64>,
    pub editable: bool,
    pub race: bool,
    /// Expected exit status (0 unless the block says `exit=N`).
    pub exit: i32,
    pub id: Option<String>,
    /// What the trailing `// Output:` comment promises, if any.
    pub expected: Option<ExpectedOutput>,
}

/// The views a run can attach.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    Gmp,
    Race,
    Channels,
    Timeline,
}

impl View {
    pub(crate) fn parse(s: &str) -> Option<View> {
        Some(match s {
            "gmp" => View::Gmp,
            "race" => View::Race,
            "channels" => View::Channels,
            "timeline" => View::Timeline,
            _ => return None,
        })
    }
    pub fn name(self) -> &'static str {
        match self {
            View::Gmp => "gmp",
            View::Race => "race",
            View::Channels => "channels",
            View::Timeline => "timeline",
        }
    }
}

/// How a run is executed (`mode=step|parallel`): the engine's modes.
pub use crate::engine::Mode;

/// Expected stdout, stated Go-example style at the end of the program.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExpectedOutput {
    pub lines: Vec<String>,
    /// `// Unordered output:`: only the multiset of lines is fixed.
    pub unordered: bool,
}

impl ExpectedOutput {
    /// Does `stdout` satisfy the expectation? Trailing spaces per line and a
    /// final newline are ignored, as `go test` does for examples.
    pub fn matches(&self, stdout: &str) -> bool {
        let mut got: Vec<&str> = stdout.trim_end().lines().map(str::trim_end).collect();
        if got.len() == 1 && got[0].is_empty() {
            got.clear();
        }
        let mut want: Vec<&str> = self.lines.iter().map(|l| l.trim_end()).collect();
        if self.unordered {
            got.sort_unstable();
            want.sort_unstable();
        }
        got == want
    }
}

/// The widgets a ` ```widget NAME ` block can name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WidgetKind {
    ProcessVsThread,
    Gmp,
    Timeline,
    Race,
    AtomicCounter,
    Channels,
}

impl WidgetKind {
    pub const ALL: [WidgetKind; 6] = [
        WidgetKind::ProcessVsThread,
        WidgetKind::Gmp,
        WidgetKind::Timeline,
        WidgetKind::Race,
        WidgetKind::AtomicCounter,
        WidgetKind::Channels,
    ];
    pub fn name(self) -> &'static str {
        match self {
            WidgetKind::ProcessVsThread => "process-vs-thread",
            WidgetKind::Gmp => "gmp",
            WidgetKind::Timeline => "timeline",
            WidgetKind::Race => "race",
            WidgetKind::AtomicCounter => "atomic-counter",
            WidgetKind::Channels => "channels",
        }
    }
    fn parse(s: &str) -> Option<WidgetKind> {
        Self::ALL.into_iter().find(|k| k.name() == s)
    }
}

/// A ` ```widget NAME ` block.
#[derive(Clone, Debug, PartialEq)]
pub struct WidgetBlock {
    pub kind: WidgetKind,
    /// Options other than the name, kept as written for the widget to read.
    pub options: Vec<(String, String)>,
    /// An optional Go program the widget runs.
    pub code: Option<String>,
}

/// A ` ```quiz ` block.
#[derive(Clone, Debug, PartialEq)]
pub struct Quiz {
    pub id: Option<String>,
    pub questions: Vec<Question>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Question {
    /// Markdown source of the question (may hold a `~~~go` snippet).
    pub prompt: String,
    /// The prompt parsed (by `markdown::parse`, which fills these for a
    /// quiz in a chapter; the page never parses Markdown itself).
    pub prompt_nodes: Vec<crate::markdown::Node>,
    pub choices: Vec<Choice>,
}

impl Question {
    /// More than one right choice makes a multi-select question.
    pub fn is_multi(&self) -> bool {
        self.choices.iter().filter(|c| c.correct).count() > 1
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    /// Markdown source of the choice.
    pub text: String,
    pub correct: bool,
    /// Markdown source of the explanation shown after answering.
    pub why: String,
    /// `text` and `why` parsed, as `Question::prompt_nodes`.
    pub text_nodes: Vec<crate::markdown::Node>,
    pub why_nodes: Vec<crate::markdown::Node>,
}

/// A ` ```exercise ` block: the reader edits `starter` until the page's
/// check passes (see `engine::exercise` for what a run must do).
#[derive(Clone, Debug, PartialEq)]
pub struct Exercise {
    /// Required: the reader's code and progress are stored under it.
    pub id: String,
    /// Markdown source of the goal, and the goal parsed (as quiz texts are).
    pub goal: String,
    pub goal_nodes: Vec<crate::markdown::Node>,
    /// Markdown hints, revealed one at a time, and the hints parsed.
    pub hints: Vec<String>,
    pub hint_nodes: Vec<Vec<crate::markdown::Node>>,
    pub starter: String,
    pub solution: String,
    /// What every run must print; `None`: any output.
    pub expected: Option<ExpectedOutput>,
}

/// A malformed directive; `line` counts from the fence line (0).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DirectiveError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for DirectiveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

fn err<T>(line: usize, message: impl Into<String>) -> Result<T, DirectiveError> {
    Err(DirectiveError {
        line,
        message: message.into(),
    })
}

/// Parses a fenced block. `None`: not a directive, render as code.
///
/// A block is taken to be a directive attempt when its first word is `go`
/// followed by more words, `widget`, `quiz`, or a near miss of those
/// (`widgets`, `run`, `gorun`), or when its info string holds a `key=value`
/// option; attempts that don't parse come back as errors so that a typo is
/// seen by the author instead of silently turning into a plain code block.
pub fn parse_fence(info: &str, body: &str) -> Option<Result<Directive, DirectiveError>> {
    let mut words = info.split_whitespace();
    let first = words.next()?;
    let rest: Vec<&str> = words.collect();
    match first {
        "go" | "golang" if rest.is_empty() => None,
        "go" => Some(if rest[0] == "run" {
            parse_run(&rest[1..], body).map(Directive::Run)
        } else {
            err(
                0,
                format!("unknown go block kind `{}`: write ```go run", rest[0]),
            )
        }),
        "widget" => Some(parse_widget(&rest, body).map(Directive::Widget)),
        "quiz" => Some(parse_quiz(&rest, body).map(Directive::Quiz)),
        "exercise" => Some(parse_exercise(&rest, body).map(Directive::Exercise)),
        "widgets" | "run" | "gorun" | "go-run" | "quizz" | "quizzes" | "exercises"
        | "excercise" => Some(err(
            0,
            format!(
                "unknown directive `{first}`: use `go run`, `widget NAME`, `quiz` or `exercise`"
            ),
        )),
        _ if rest.iter().any(|w| w.contains('=')) => Some(err(
            0,
            format!(
                "unknown directive `{first}` with options: use `go run`, `widget NAME`, `quiz` or `exercise`"
            ),
        )),
        _ => None,
    }
}

fn split_option(word: &str) -> Result<(&str, &str), DirectiveError> {
    match word.split_once('=') {
        Some((k, v)) if !k.is_empty() && !v.is_empty() => Ok((k, v)),
        _ => err(0, format!("malformed option `{word}`: expected key=value")),
    }
}

impl RunBlock {
    /// A block with the defaults of a bare ` ```go run `: step mode, editable,
    /// expected to exit 0, and any `// Output:` comment of `code` as its expectation.
    pub fn new(code: &str) -> RunBlock {
        RunBlock {
            code: code.to_string(),
            views: Vec::new(),
            gomaxprocs: None,
            mode: Mode::Step,
            seed: None,
            editable: true,
            race: false,
            exit: 0,
            id: None,
            expected: expected_output(code),
        }
    }
}

fn parse_run(options: &[&str], body: &str) -> Result<RunBlock, DirectiveError> {
    let mut block = RunBlock::new(body);
    for word in options {
        let (key, value) = split_option(word)?;
        let bad = |what: &str| err(0, format!("`{key}={value}`: {what}"));
        match key {
            "view" => {
                for v in value.split(',') {
                    match View::parse(v) {
                        Some(view) if !block.views.contains(&view) => block.views.push(view),
                        Some(_) => return bad("a view is named twice"),
                        None => return bad("unknown view (gmp, race, channels or timeline)"),
                    }
                }
            }
            "gomaxprocs" => match value.parse::<u32>() {
                Ok(n @ 1..=gomaxprocs::MAX_STEP) => block.gomaxprocs = Some(n),
                _ => return bad(&format!("expected a number from 1 to {}", gomaxprocs::MAX_STEP)),
            },
            "mode" => {
                block.mode = match value {
                    "step" => Mode::Step,
                    "parallel" => Mode::Parallel,
                    _ => return bad("expected step or parallel"),
                }
            }
            "seed" => match value.parse::<u64>() {
                Ok(n) => block.seed = Some(n),
                Err(_) => return bad("expected a whole number"),
            },
            "editable" | "race" => {
                let Some(on) = parse_bool(value) else { return bad("expected true or false") };
                if key == "race" {
                    block.race = on;
                } else {
                    block.editable = on;
                }
            }
            "exit" => match value.parse::<i32>() {
                Ok(n @ 0..=255) => block.exit = n,
                _ => return bad("expected an exit status from 0 to 255"),
            },
            "id" => block.id = Some(value.to_string()),
            _ => return err(0, format!("unknown option `{key}` for go run (view, gomaxprocs, mode, seed, editable, race, exit, id)")),
        }
    }
    if block.code.trim().is_empty() {
        return err(1, "empty go run block: it needs a Go program");
    }
    Ok(block)
}

fn parse_bool(s: &str) -> Option<bool> {
    match s {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

/// Reads a trailing Go-example `// Output:` block.
fn expected_output(code: &str) -> Option<ExpectedOutput> {
    let lines: Vec<&str> = code.trim_end().lines().collect();
    let start = lines.iter().rposition(|l| {
        let t = l.trim();
        t == "// Output:" || t == "// Unordered output:"
    })?;
    // Only comment lines may follow the marker.
    let tail = &lines[start + 1..];
    if !tail.iter().all(|l| l.trim_start().starts_with("//")) {
        return None;
    }
    let unordered = lines[start].trim() == "// Unordered output:";
    let lines = tail
        .iter()
        .map(|l| {
            let t = l.trim_start().trim_start_matches("//");
            t.strip_prefix(' ').unwrap_or(t).to_string()
        })
        .collect();
    Some(ExpectedOutput { lines, unordered })
}

fn parse_widget(words: &[&str], body: &str) -> Result<WidgetBlock, DirectiveError> {
    let Some(name) = words.first() else {
        let names: Vec<_> = WidgetKind::ALL.iter().map(|k| k.name()).collect();
        return err(
            0,
            format!("widget block without a name: one of {}", names.join(", ")),
        );
    };
    let Some(kind) = WidgetKind::parse(name) else {
        let names: Vec<_> = WidgetKind::ALL.iter().map(|k| k.name()).collect();
        return err(
            0,
            format!("unknown widget `{name}`: one of {}", names.join(", ")),
        );
    };
    let options = words[1..]
        .iter()
        .map(|w| split_option(w).map(|(k, v)| (k.to_string(), v.to_string())))
        .collect::<Result<Vec<_>, _>>()?;
    let code = (!body.trim().is_empty()).then(|| body.to_string());
    Ok(WidgetBlock {
        kind,
        options,
        code,
    })
}

fn parse_quiz(words: &[&str], body: &str) -> Result<Quiz, DirectiveError> {
    let mut id = None;
    for word in words {
        match split_option(word)? {
            ("id", v) => id = Some(v.to_string()),
            (k, _) => return err(0, format!("unknown option `{k}` for quiz (id)")),
        }
    }
    let mut questions: Vec<Question> = Vec::new();
    // Where the current question or choice started, for error messages.
    let mut question_line = 0;
    let mut choice_line = 0;
    let mut in_snippet = false;
    for (i, raw) in body.lines().enumerate() {
        let line_no = i + 1;
        let trimmed = raw.trim();
        if in_snippet || trimmed.starts_with("~~~") {
            if trimmed.starts_with("~~~") {
                in_snippet = !in_snippet;
            }
            let Some(q) = questions.last_mut() else {
                return err(line_no, "a snippet before the first `? question` line");
            };
            if !q.choices.is_empty() {
                return err(
                    line_no,
                    "a snippet belongs in the question text, before its choices",
                );
            }
            q.prompt.push('\n');
            q.prompt.push_str(raw);
            continue;
        }
        if let Some(text) = raw.strip_prefix("? ") {
            if let Some(prev) = questions.last() {
                check_question(prev, question_line, choice_line)?;
            }
            questions.push(Question {
                prompt: text.trim().to_string(),
                prompt_nodes: Vec::new(),
                choices: Vec::new(),
            });
            question_line = line_no;
        } else if let Some((correct, text)) = choice_prefix(trimmed) {
            let Some(q) = questions.last_mut() else {
                return err(line_no, "a choice before the first `? question` line");
            };
            if let Some(prev) = q.choices.last() {
                if prev.why.is_empty() {
                    return err(choice_line, "this choice has no `> explanation` line");
                }
            }
            q.choices.push(Choice {
                text: text.to_string(),
                correct,
                why: String::new(),
                text_nodes: Vec::new(),
                why_nodes: Vec::new(),
            });
            choice_line = line_no;
        } else if let Some(why) = trimmed.strip_prefix('>') {
            let Some(choice) = questions.last_mut().and_then(|q| q.choices.last_mut()) else {
                return err(line_no, "an explanation `>` line must follow a choice");
            };
            if !choice.why.is_empty() {
                choice.why.push(' ');
            }
            choice.why.push_str(why.trim());
        } else if trimmed.is_empty() {
            continue;
        } else if let Some(q) = questions.last_mut() {
            if !q.choices.is_empty() {
                return err(
                    line_no,
                    "unexpected text after the choices: start a new question with `? `",
                );
            }
            q.prompt.push('\n');
            q.prompt.push_str(raw);
        } else {
            return err(line_no, "quiz text must start with a `? question` line");
        }
    }
    if in_snippet {
        return err(
            question_line,
            "a `~~~` snippet in this question is not closed",
        );
    }
    match questions.last() {
        Some(q) => check_question(q, question_line, choice_line)?,
        None => return err(0, "empty quiz: it needs at least one `? question`"),
    }
    Ok(Quiz { id, questions })
}

/// Sections of an exercise, each opened by a `# NAME` line.
const EXERCISE_SECTIONS: &str = "goal, hint, starter, solution, output, unordered output";

fn parse_exercise(words: &[&str], body: &str) -> Result<Exercise, DirectiveError> {
    let mut id = None;
    for word in words {
        match split_option(word)? {
            ("id", v) => id = Some(v.to_string()),
            (k, _) => return err(0, format!("unknown option `{k}` for exercise (id)")),
        }
    }
    let Some(id) = id else {
        return err(
            0,
            "an exercise needs an `id=`: the reader's code and progress are saved under it",
        );
    };
    // (section name, line of its `#`, its lines)
    let mut sections: Vec<(&str, usize, Vec<&str>)> = Vec::new();
    for (i, raw) in body.lines().enumerate() {
        if let Some(name) = raw.strip_prefix("# ") {
            let name = name.trim_end();
            let known = [
                "goal",
                "hint",
                "starter",
                "solution",
                "output",
                "unordered output",
            ];
            let Some(&name) = known.iter().find(|k| **k == name) else {
                return err(
                    i + 1,
                    format!("unknown exercise section `# {name}` ({EXERCISE_SECTIONS})"),
                );
            };
            if name != "hint" && sections.iter().any(|(n, _, _)| *n == name) {
                return err(i + 1, format!("a second `# {name}` section"));
            }
            sections.push((name, i + 1, Vec::new()));
        } else if let Some((_, _, lines)) = sections.last_mut() {
            lines.push(raw);
        } else if !raw.trim().is_empty() {
            return err(
                i + 1,
                format!(
                    "exercise text must start with a section line: `# goal` ({EXERCISE_SECTIONS})"
                ),
            );
        }
    }
    let text = |lines: &[&str]| lines.join("\n").trim().to_string();
    let code = |lines: &[&str]| {
        let mut c = lines.join("\n").trim_matches('\n').to_string();
        c.push('\n');
        c
    };
    let section = |name: &str| sections.iter().find(|(n, _, _)| *n == name);
    let required = |name: &str| match section(name) {
        Some((_, line, lines)) if lines.iter().all(|l| l.trim().is_empty()) => {
            err(*line, format!("the `# {name}` section is empty"))
        }
        Some((_, _, lines)) => Ok(lines.clone()),
        None => err(0, format!("an exercise needs a `# {name}` section")),
    };
    let goal = text(&required("goal")?);
    let starter = code(&required("starter")?);
    let solution = code(&required("solution")?);
    let mut hints = Vec::new();
    for (name, line, lines) in &sections {
        if *name == "hint" {
            let h = text(lines);
            if h.is_empty() {
                return err(*line, "the `# hint` section is empty");
            }
            hints.push(h);
        }
    }
    let expected = match (section("output"), section("unordered output")) {
        (Some(_), Some((_, line, _))) => {
            return err(*line, "give `# output` or `# unordered output`, not both")
        }
        (Some((_, _, lines)), None) | (None, Some((_, _, lines))) => Some(ExpectedOutput {
            lines: text(lines).lines().map(str::to_string).collect(),
            unordered: section("unordered output").is_some(),
        }),
        (None, None) => None,
    };
    Ok(Exercise {
        id,
        goal,
        goal_nodes: Vec::new(),
        hint_nodes: Vec::new(),
        hints,
        starter,
        solution,
        expected,
    })
}

/// `- [x] text` → `(true, "text")`.
fn choice_prefix(line: &str) -> Option<(bool, &str)> {
    let rest = line.strip_prefix("- [")?;
    let (mark, text) = rest.split_once(']')?;
    let correct = match mark {
        "x" | "X" => true,
        " " => false,
        _ => return None,
    };
    Some((correct, text.trim()))
}

fn check_question(
    q: &Question,
    question_line: usize,
    choice_line: usize,
) -> Result<(), DirectiveError> {
    if q.choices.len() < 2 {
        return err(
            question_line,
            "a question needs at least two `- [ ]` choices",
        );
    }
    if !q.choices.iter().any(|c| c.correct) {
        return err(question_line, "no choice is marked right with `- [x]`");
    }
    if q.choices.last().is_some_and(|c| c.why.is_empty()) {
        return err(choice_line, "this choice has no `> explanation` line");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(info: &str, body: &str) -> RunBlock {
        match parse_fence(info, body) {
            Some(Ok(Directive::Run(r))) => r,
            other => panic!("expected a run block, got {other:?}"),
        }
    }

    fn error(info: &str, body: &str) -> DirectiveError {
        match parse_fence(info, body) {
            Some(Err(e)) => e,
            other => panic!("expected an error, got {other:?}"),
        }
    }

    const HELLO: &str =
        "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"hi\")\n}\n";

    #[test]
    fn plain_code_is_not_a_directive() {
        assert_eq!(parse_fence("go", HELLO), None);
        assert_eq!(parse_fence("text", "x"), None);
        assert_eq!(parse_fence("", "x"), None);
    }

    #[test]
    fn run_block_with_every_option() {
        let r = run("go run view=gmp,timeline gomaxprocs=2 mode=parallel seed=7 editable=false race=true exit=2 id=alpha", HELLO);
        assert_eq!(r.views, vec![View::Gmp, View::Timeline]);
        assert_eq!(r.gomaxprocs, Some(2));
        assert_eq!(r.mode, Mode::Parallel);
        assert_eq!(r.seed, Some(7));
        assert!(!r.editable && r.race);
        assert_eq!(r.exit, 2);
        assert_eq!(r.id.as_deref(), Some("alpha"));
        assert_eq!(r.code, HELLO);
    }

    #[test]
    fn run_block_defaults() {
        let r = run("go run", HELLO);
        assert_eq!(
            (r.mode, r.editable, r.race, r.exit, r.gomaxprocs),
            (Mode::Step, true, false, 0, None)
        );
        assert!(r.views.is_empty() && r.expected.is_none());
    }

    #[test]
    fn expected_output_ordered_and_unordered() {
        let code = "package main\nfunc main() {}\n// Output:\n// a b\n//   indented\n";
        let e = run("go run", code).expected.unwrap();
        assert_eq!(e.lines, vec!["a b", "  indented"]);
        assert!(!e.unordered);
        assert!(e.matches("a b\n  indented\n"));
        assert!(!e.matches("  indented\na b\n"));

        let code = "package main\nfunc main() {}\n// Unordered output:\n// x\n// y\n";
        let e = run("go run", code).expected.unwrap();
        assert!(e.unordered && e.matches("y\nx\n") && !e.matches("y\n"));
    }

    #[test]
    fn an_output_comment_in_the_middle_is_not_an_expectation() {
        let code = "package main\n// Output:\n// a\nfunc main() {}\n";
        assert_eq!(run("go run", code).expected, None);
    }

    #[test]
    fn bad_run_options_are_errors() {
        assert!(error("go run view=gmq", HELLO)
            .message
            .contains("unknown view"));
        assert!(error("go run gomaxprocs=0", HELLO)
            .message
            .contains("1 to 64"));
        assert!(error("go run gomaxprocs=x", HELLO)
            .message
            .contains("1 to 64"));
        assert!(error("go run mode=fast", HELLO)
            .message
            .contains("step or parallel"));
        assert!(error("go run colour=red", HELLO)
            .message
            .contains("unknown option `colour`"));
        assert!(error("go run seed", HELLO)
            .message
            .contains("malformed option"));
        assert!(error("go play", HELLO)
            .message
            .contains("unknown go block kind"));
        assert_eq!(error("go run", "  \n").line, 1);
    }

    #[test]
    fn near_misses_are_errors_not_code() {
        assert!(error("widgets gmp", "")
            .message
            .contains("unknown directive `widgets`"));
        assert!(error("run", HELLO)
            .message
            .contains("unknown directive `run`"));
        assert!(error("python view=gmp", "")
            .message
            .contains("unknown directive `python`"));
    }

    #[test]
    fn widgets() {
        match parse_fence("widget gmp gomaxprocs=2", "") {
            Some(Ok(Directive::Widget(w))) => {
                assert_eq!(w.kind, WidgetKind::Gmp);
                assert_eq!(w.options, vec![("gomaxprocs".to_string(), "2".to_string())]);
                assert_eq!(w.code, None);
            }
            other => panic!("{other:?}"),
        }
        for kind in WidgetKind::ALL {
            assert!(matches!(
                parse_fence(&format!("widget {}", kind.name()), ""),
                Some(Ok(_))
            ));
        }
        assert!(error("widget gmpx", "")
            .message
            .contains("unknown widget `gmpx`"));
        assert!(error("widget", "").message.contains("without a name"));
    }

    const QUIZ: &str = "? What does this print?\n~~~go\nfmt.Println(1)\n~~~\n- [x] 1\n  > It prints its argument.\n- [ ] 2\n  > No arithmetic happens.\n\n? Pick the true ones\n- [x] a\n  > yes\n- [x] b\n  > also\n- [ ] c\n  > no\n";

    #[test]
    fn quiz_parses_questions_snippets_and_explanations() {
        let q = match parse_fence("quiz id=q1", QUIZ) {
            Some(Ok(Directive::Quiz(q))) => q,
            other => panic!("{other:?}"),
        };
        assert_eq!(q.id.as_deref(), Some("q1"));
        assert_eq!(q.questions.len(), 2);
        assert_eq!(
            q.questions[0].prompt,
            "What does this print?\n~~~go\nfmt.Println(1)\n~~~"
        );
        assert_eq!(q.questions[0].choices[1].why, "No arithmetic happens.");
        assert!(!q.questions[0].is_multi());
        assert!(q.questions[1].is_multi());
    }

    const EXERCISE: &str = "# goal\nPrint `2`.\n# hint\nAdd.\n# hint\nUse `+`.\n# starter\npackage main\n\nfunc main() {}\n# solution\npackage main\n\nfunc main() { println(2) }\n# output\n2\n";

    #[test]
    fn exercise_sections() {
        let e = match parse_fence("exercise id=add", EXERCISE) {
            Some(Ok(Directive::Exercise(e))) => e,
            other => panic!("{other:?}"),
        };
        assert_eq!(e.id, "add");
        assert_eq!(e.goal, "Print `2`.");
        assert_eq!(e.hints, vec!["Add.", "Use `+`."]);
        assert_eq!(e.starter, "package main\n\nfunc main() {}\n");
        assert_eq!(e.solution, "package main\n\nfunc main() { println(2) }\n");
        let want = e.expected.unwrap();
        assert_eq!((want.lines, want.unordered), (vec!["2".to_string()], false));
    }

    #[test]
    fn malformed_exercises_name_the_line() {
        assert!(error("exercise", EXERCISE)
            .message
            .contains("needs an `id=`"));
        let e = error("exercise id=x", "# goal\nx\n# solve\n");
        assert_eq!(e.line, 3);
        assert!(e.message.contains("unknown exercise section `# solve`"));
        let e = error(
            "exercise id=x",
            "# goal\nx\n# starter\n\n# solution\nmain\n",
        );
        assert_eq!(
            (e.line, e.message.as_str()),
            (3, "the `# starter` section is empty")
        );
        assert!(error("exercise id=x", "# goal\nx\n# starter\na\n")
            .message
            .contains("needs a `# solution`"));
        let e = error("exercise id=x", "prose\n# goal\nx\n");
        assert_eq!(e.line, 1);
        let both = format!("{EXERCISE}# unordered output\n2\n");
        assert!(error("exercise id=x", &both).message.contains("not both"));
        assert!(error("exercise id=x", &format!("{EXERCISE}# goal\ny\n"))
            .message
            .contains("a second `# goal`"));
    }

    #[test]
    fn malformed_quizzes_name_the_line() {
        let e = error("quiz", "? Q\n- [x] a\n- [ ] b\n  > why\n");
        assert_eq!(
            (e.line, e.message.as_str()),
            (2, "this choice has no `> explanation` line")
        );
        let e = error("quiz", "? Q\n- [ ] a\n  > w\n- [ ] b\n  > w\n");
        assert_eq!(e.line, 1);
        assert!(e.message.contains("no choice is marked right"));
        let e = error("quiz", "- [x] a\n  > w\n");
        assert_eq!(e.line, 1);
        assert!(error("quiz", "").message.contains("empty quiz"));
        assert!(error("quiz", "? Q\n- [x] a\n  > w\n")
            .message
            .contains("at least two"));
        assert!(error("quiz colour=red", QUIZ)
            .message
            .contains("unknown option"));
        assert_eq!(
            error("quiz", "? Q\n- [x] a\n  > w\n- [ ] b\n  > w\nstray\n").line,
            6
        );
    }
}
