//! The race detector's reports as the page uses them.
//!
//! The runtime prints each race in Go's shape on stderr and keeps it as
//! plain data ([`golab_runtime::race::RaceReport`]). The console shows the
//! printed text (what `go run -race` would print, byte for byte) and turns
//! the line of each of the two accesses into a link; a link highlights both
//! lines in the editor and, in the race view, the two accesses. So the page
//! needs, per report: its text (to find it in the console), the two access
//! lines, and who accessed how (to find the accesses in the trace). This
//! module derives that and nothing else; it is pure, so it is tested
//! natively on real runs.

use super::FILE;
use golab_runtime::race::{AccessKind, RaceAccess, RaceReport};

/// One of the two accesses of a race, reduced to what the page shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RaceSide {
    pub goid: u64,
    pub kind: AccessKind,
    /// The access's line in the reader's code: the innermost frame in
    /// [`FILE`] (0 when the whole stack is in the runtime).
    pub line: u32,
}

impl RaceSide {
    fn of(a: &RaceAccess) -> RaceSide {
        RaceSide {
            goid: a.goid,
            kind: a.kind,
            line: a
                .stack
                .iter()
                .find(|f| f.line > 0 && f.file.trim_start_matches('/') == FILE)
                .map_or(0, |f| f.line),
        }
    }

    /// Whether it wrote (an atomic store counts).
    pub fn is_write(&self) -> bool {
        matches!(self.kind, AccessKind::Write | AccessKind::AtomicWrite)
    }
}

/// One reported race.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Race {
    /// The address as the report prints it.
    pub addr: u64,
    /// The access that found the race.
    pub current: RaceSide,
    /// The earlier access it races with.
    pub previous: RaceSide,
    /// The report as printed on stderr.
    pub text: String,
}

impl Race {
    pub fn of(r: &RaceReport) -> Race {
        Race {
            addr: r.addr,
            current: RaceSide::of(&r.current),
            previous: RaceSide::of(&r.previous),
            text: r.text.clone(),
        }
    }

    /// The lines to highlight: both accesses' lines, in order, once each
    /// (two accesses on one line, as in `n++`, highlight one line).
    pub fn lines(&self) -> Vec<u32> {
        let mut v: Vec<u32> = [self.previous.line, self.current.line]
            .into_iter()
            .filter(|l| *l > 0)
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }
}

/// The address a race report prints for the word a trace event names
/// (`MemRead`/`MemWrite`/`MemAtomic` carry the runtime's pointer word: the
/// object's handle in the low 32 bits, the word offset in the high ones).
/// The report prints `0xc000000000 + handle<<8 + offset*8`, a Go-looking
/// heap address; the race view matches a report to its variable by it.
/// `a_report_names_the_word_the_trace_names` pins this to the runtime.
pub fn shown_addr(word: u64) -> u64 {
    0xc0_0000_0000 + ((word & 0xffff_ffff) << 8) + (word >> 32) * 8
}

/// A piece of console text: plain, or the text of report `i`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment<'a> {
    Text(&'a str),
    Report(usize, &'a str),
}

/// Splits a chunk of stderr into plain text and the reports it contains.
/// Reports are printed in the order they are kept, so `next` (the first
/// report not found yet, carried from chunk to chunk) only moves forward.
/// A report cut by the console's cap stays plain text.
pub fn split<'a>(text: &'a str, races: &[Race], next: &mut usize) -> Vec<Segment<'a>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(race) = races.get(*next) {
        let Some(at) = rest.find(race.text.as_str()) else {
            break;
        };
        if at > 0 {
            out.push(Segment::Text(&rest[..at]));
        }
        let end = at + race.text.len();
        out.push(Segment::Report(*next, &rest[at..end]));
        rest = &rest[end..];
        *next += 1;
    }
    if !rest.is_empty() {
        out.push(Segment::Text(rest));
    }
    out
}

/// Which access a line of a report's text is the source line of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Which {
    Current,
    Previous,
}

/// A report's text line by line (each with its `\n`), each access's line
/// marked: the first `prog.go:N` frame under `Read at`/`Write at` (the
/// current access) and under `Previous ...`; creation sites stay text. The
/// same frame [`RaceSide::line`] picks, so a link names the line it lights.
pub fn report_lines(text: &str) -> Vec<(&str, Option<Which>)> {
    let mut section = None;
    let mut out = Vec::new();
    for line in text.split_inclusive('\n') {
        let mut mark = None;
        if line.starts_with("Read at ") || line.starts_with("Write at ") {
            section = Some(Which::Current);
        } else if line.starts_with("Previous ") {
            section = Some(Which::Previous);
        } else if line.starts_with("Goroutine ") || line.starts_with("==") {
            section = None;
        } else if let Some(w) = section {
            if line.trim_start().trim_start_matches('/').starts_with(FILE) {
                mark = Some(w);
                section = None;
            }
        }
        out.push((line, mark));
    }
    out
}

/// Splits a marked frame line (`      /prog.go:14 +0x0\n`) into the indent,
/// the location (`/prog.go:14`, the link's text) and the rest.
pub fn frame_parts(line: &str) -> (&str, &str, &str) {
    let start = line.len() - line.trim_start().len();
    let end = line[start..]
        .find(' ')
        .or_else(|| line[start..].find('\n'))
        .map_or(line.len(), |i| start + i);
    (&line[..start], &line[start..end], &line[end..])
}

#[cfg(test)]
mod tests {
    use super::super::{compile, Session, Settings};
    use super::*;
    use crate::engine::data::EvKind;

    /// The chapter's counter: two goroutines load, yield, store.
    const COUNTER: &str = "package main\n\nimport (\n\t\"fmt\"\n\t\"runtime\"\n\t\"sync\"\n)\n\nvar counter int\n\nfunc increment(wg *sync.WaitGroup) {\n\tdefer wg.Done()\n\tfor i := 0; i < 2; i++ {\n\t\tvalue := counter\n\t\truntime.Gosched()\n\t\tcounter = value + 1\n\t}\n}\n\nfunc main() {\n\tvar wg sync.WaitGroup\n\twg.Add(2)\n\tgo increment(&wg)\n\tgo increment(&wg)\n\twg.Wait()\n\tfmt.Println(\"Final Counter:\", counter)\n}\n";

    fn racy_run() -> Session {
        let settings = Settings {
            race: true,
            trace: Some(true),
            ..Settings::default()
        };
        let mut s = Session::new(&compile(COUNTER).unwrap(), &settings);
        while s.run(100_000).is_none() {}
        s
    }

    #[test]
    fn the_counter_race_is_a_write_on_16_against_a_read_on_14() {
        let s = racy_run();
        assert_eq!(s.exit(), Some(66));
        let races = s.races();
        assert_eq!(races.len(), 1, "{races:?}");
        let r = &races[0];
        assert_eq!((r.current.line, r.current.kind), (16, AccessKind::Write));
        assert_eq!((r.previous.line, r.previous.kind), (14, AccessKind::Read));
        assert_ne!(r.current.goid, r.previous.goid);
        assert_eq!(r.lines(), vec![14, 16]);
        assert!(s.console().stderr().contains(&r.text));
    }

    #[test]
    fn a_report_names_the_word_the_trace_names() {
        let s = racy_run();
        let addr = s.races()[0].addr;
        let hit = s.trace().iter().any(|e| {
            matches!(e.kind, EvKind::MemRead | EvKind::MemWrite)
                && e.line == 16
                && shown_addr(e.arg) == addr
        });
        assert!(hit, "no store on line 16 to 0x{addr:x}");
    }

    #[test]
    fn the_console_text_splits_into_reports_and_their_links() {
        let s = racy_run();
        let races = s.races();
        let stderr = s.console().stderr();
        let text = format!("before\n{stderr}");
        let mut next = 0;
        let parts = split(&text, &races, &mut next);
        assert_eq!(next, 1);
        assert_eq!(parts[0], Segment::Text("before\n"));
        let Segment::Report(0, report) = parts[1] else {
            panic!("{parts:?}")
        };
        assert!(
            matches!(parts.last(), Some(Segment::Text(t)) if t.starts_with("Found 1 data race"))
        );
        let links: Vec<_> = report_lines(report)
            .into_iter()
            .filter_map(|(l, w)| w.map(|w| (frame_parts(l).1, w)))
            .collect();
        assert_eq!(
            links,
            vec![
                ("/prog.go:16", Which::Current),
                ("/prog.go:14", Which::Previous)
            ]
        );
        // Every byte survives: the console shows the report as printed.
        let lines: String = report_lines(report).into_iter().map(|(l, _)| l).collect();
        assert_eq!(lines, report);
        let (a, b, c) = frame_parts("      /prog.go:14 +0x0\n");
        assert_eq!((a, b, c), ("      ", "/prog.go:14", " +0x0\n"));
    }

    #[test]
    fn a_report_cut_by_the_cap_stays_text() {
        let s = racy_run();
        let races = s.races();
        let cut = &races[0].text[..40];
        let mut next = 0;
        assert_eq!(split(cut, &races, &mut next), vec![Segment::Text(cut)]);
        assert_eq!(next, 0);
    }
}
