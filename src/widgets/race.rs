//! The race view (`view=race`): for each variable two or more goroutines
//! touch, the loads and stores of each goroutine in time order, one column
//! per goroutine, with the lost update highlighted: two loads of the same
//! value before either goroutine stored, so one store overwrites the other.
//! Beside it, the final value against the value it would have had if no
//! update were lost.
//!
//! Built from the runtime's memory-access trace events (`MemRead`,
//! `MemWrite`, `MemAtomic`), which carry the word's address, the value and
//! the source line; the derivation ([`derive`]) is pure and tested on a
//! real run of the chapter's program.
//!
//! With the race detector on, the reader can pick a report in the console;
//! the view then marks that report's two accesses ([`reported_pair`]): the
//! report names the word, the goroutines, the kinds and the lines, and the
//! trace has every access, so the pair is found without the detector's
//! vector clocks.

use crate::engine::data::AccessKind;
use crate::engine::data::{EvKind, Event};
use crate::engine::races::{shown_addr, Race, RaceSide};
use crate::lang::t;
use crate::lang::Lang;
use std::collections::BTreeMap;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Load,
    Store,
    Atomic,
}

/// One access to a shared word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Access {
    pub g: u64,
    pub kind: Kind,
    pub value: u64,
    pub line: u32,
    pub ts: i64,
    /// A load whose value another goroutine also loaded before either
    /// stored: the start of a lost update.
    pub racing: bool,
    /// A store that overwrote another goroutine's store computed from the
    /// same load value (the update that store carried is lost).
    pub overwrites: bool,
}

/// One shared variable (a word touched by two or more goroutines, written
/// at least once).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Var {
    pub addr: u64,
    /// The line of its first access (the reader recognises the variable by it).
    pub line: u32,
    pub goroutines: Vec<u64>,
    pub accesses: Vec<Access>,
    pub final_value: Option<u64>,
    /// Initial value plus one per store, when every store wrote its
    /// goroutine's last load plus one (an increment); otherwise unknown.
    pub expected: Option<u64>,
    pub lost: usize,
}

/// Shared variables and their accesses, at most `max_vars` of them.
pub fn derive(events: &[Event], max_vars: usize) -> Vec<Var> {
    let mut by_addr: BTreeMap<u64, Vec<Access>> = BTreeMap::new();
    for e in events {
        let kind = match e.kind {
            EvKind::MemRead => Kind::Load,
            EvKind::MemWrite => Kind::Store,
            EvKind::MemAtomic => Kind::Atomic,
            _ => continue,
        };
        by_addr.entry(e.arg).or_default().push(Access {
            g: e.g,
            kind,
            value: e.arg2,
            line: e.line,
            ts: e.ts,
            racing: false,
            overwrites: false,
        });
    }
    let mut vars = Vec::new();
    for (addr, mut acc) in by_addr {
        let mut gs: Vec<u64> = acc.iter().map(|a| a.g).collect();
        gs.sort_unstable();
        gs.dedup();
        if gs.len() < 2 || !acc.iter().any(|a| a.kind != Kind::Load) {
            continue;
        }
        // Loads since the last store, by goroutine: (index, value).
        let mut open: BTreeMap<u64, (usize, u64)> = BTreeMap::new();
        // Stores made since a goroutine's open load: (store index, its g).
        let mut lost = 0;
        let mut increments = true;
        let mut last_load: BTreeMap<u64, u64> = BTreeMap::new();
        let mut stores = 0u64;
        for i in 0..acc.len() {
            let a = acc[i].clone();
            match a.kind {
                Kind::Load => {
                    open.insert(a.g, (i, a.value));
                    last_load.insert(a.g, a.value);
                }
                Kind::Store => {
                    stores += 1;
                    if last_load.get(&a.g).map(|v| v.wrapping_add(1)) != Some(a.value) {
                        increments = false;
                    }
                    if let Some((li, v)) = open.remove(&a.g) {
                        // Another goroutine loaded the same value and has
                        // not stored yet, or stored already in between:
                        // either way one of the two stores is lost.
                        let others: Vec<(u64, usize)> = open
                            .iter()
                            .filter(|(g, (_, ov))| **g != a.g && *ov == v)
                            .map(|(g, (oi, _))| (*g, *oi))
                            .collect();
                        let overwrote = acc[li + 1..i]
                            .iter()
                            .any(|b| b.g != a.g && b.kind == Kind::Store);
                        if !others.is_empty() || overwrote {
                            acc[li].racing = true;
                            for (_, oi) in &others {
                                acc[*oi].racing = true;
                            }
                        }
                        if overwrote {
                            acc[i].overwrites = true;
                            lost += 1;
                        }
                    }
                    // A store invalidates what everyone else loaded, but
                    // they may still store their stale value: keep their
                    // open loads.
                }
                Kind::Atomic => {
                    stores += 1;
                    increments = false;
                    open.remove(&a.g);
                }
            }
        }
        let final_value = acc
            .iter()
            .rev()
            .find(|a| a.kind != Kind::Load)
            .map(|a| a.value);
        let first = acc
            .first()
            .filter(|a| a.kind == Kind::Load)
            .map(|a| a.value);
        let expected = match (increments, first) {
            (true, Some(v)) => Some(v + stores),
            _ => None,
        };
        vars.push(Var {
            addr,
            line: acc.first().map_or(0, |a| a.line),
            goroutines: gs,
            accesses: acc,
            final_value,
            expected,
            lost,
        });
        if vars.len() == max_vars {
            break;
        }
    }
    vars
}

fn same_access(a: &Access, side: &RaceSide) -> bool {
    let kind = match side.kind {
        AccessKind::Read => Kind::Load,
        AccessKind::Write => Kind::Store,
        AccessKind::AtomicRead | AccessKind::AtomicWrite => Kind::Atomic,
    };
    a.g == side.goid && a.line == side.line && a.kind == kind
}

/// The indices in `var.accesses` of a report's previous and current access,
/// if `var` is the reported word: the first access that matches the
/// current one (goroutine, kind, line) after one matching the previous
/// access, with the last such previous one. The detector reports a word
/// once, at the first unordered pair it meets, so in the programs a reader
/// runs this is that pair; an earlier pair ordered by synchronisation would
/// be taken instead (the view has no clocks), a known approximation.
pub fn reported_pair(var: &Var, race: &Race) -> Option<(usize, usize)> {
    if shown_addr(var.addr) != race.addr {
        return None;
    }
    let mut prev = None;
    for (i, a) in var.accesses.iter().enumerate() {
        if let (Some(p), true) = (prev, same_access(a, &race.current)) {
            return Some((p, i));
        }
        if same_access(a, &race.previous) {
            prev = Some(i);
        }
    }
    None
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub events: Rc<Vec<Event>>,
    /// The program, to show the line each access comes from.
    pub code: AttrValue,
    pub lang: Lang,
    /// Whether the run has ended (the final value is final).
    #[prop_or_default]
    pub done: bool,
    /// The race report the reader picked in the console: its two accesses
    /// are marked.
    #[prop_or_default]
    pub marked: Option<Race>,
}

/// Rows drawn per variable; a longer history is cut with a note.
const ROWS: usize = 40;

#[function_component(RaceView)]
pub fn race_view(props: &Props) -> Html {
    let lang = props.lang;
    let vars = use_memo(props.events.clone(), |ev| derive(ev, 4));
    let line_text = |n: u32| -> String {
        props
            .code
            .lines()
            .nth(n.saturating_sub(1) as usize)
            .map(|l| l.split("//").next().unwrap_or("").trim().to_string())
            .unwrap_or_default()
    };
    if vars.is_empty() {
        return html! {
            <div class="race" data-vars="0">
                <p class="view-hint">{ t(lang,
                    "还没有被两个以上 goroutine 访问的共享变量。按“单步”或“运行”。",
                    "No variable shared by two or more goroutines yet. Press Step or Run.") }</p>
            </div>
        };
    }
    let pairs: Vec<Option<(usize, usize)>> = vars
        .iter()
        .map(|v| props.marked.as_ref().and_then(|r| reported_pair(v, r)))
        .collect();
    let marked_hidden = props.marked.is_some() && pairs.iter().all(Option::is_none);
    let var_html = vars.iter().zip(&pairs).map(|(v, pair)| {
        let cols = v.goroutines.len();
        // Rows from the start, moved on if needed so the marked pair shows.
        let skip = match pair {
            Some((_, cur)) if *cur >= ROWS => cur + 1 - ROWS,
            _ => 0,
        };
        let rows = v.accesses.iter().enumerate().skip(skip).take(ROWS).map(|(i, a)| {
            let reported = match pair {
                Some((p, _)) if *p == i => Some(t(lang, " ← -race 报告的先前访问", " ← -race: previous access")),
                Some((_, c)) if *c == i => Some(t(lang, " ← -race 报告的访问", " ← -race: racing access")),
                _ => None,
            };
            let col = v.goroutines.iter().position(|g| *g == a.g).unwrap_or(0);
            let (word, class) = match a.kind {
                Kind::Load => (t(lang, "读", "load"), "load"),
                Kind::Store => (t(lang, "写", "store"), "store"),
                Kind::Atomic => (t(lang, "原子", "atomic"), "atomic"),
            };
            let cells = (0..cols).map(|c| {
                if c == col {
                    html! {
                        <td class={classes!("race-acc", class, a.racing.then_some("racing"), a.overwrites.then_some("overwrites"), reported.is_some().then_some("reported"))}
                            title={format!("{}: {}", t(lang, "第几行", "line"), a.line)}>
                            <span class="race-op">{ word }</span>{ " " }<b>{ a.value }</b>
                            if a.racing { <span class="race-flag">{ t(lang, " 同值读取", " same value") }</span> }
                            if a.overwrites { <span class="race-flag">{ t(lang, " 覆盖了另一次写入", " overwrites a store") }</span> }
                            if let Some(note) = reported { <strong class="race-reported-flag">{ note }</strong> }
                        </td>
                    }
                } else {
                    html! { <td></td> }
                }
            });
            html! {
                <tr>
                    { for cells }
                    <td class="race-line"><code>{ format!("{}: {}", a.line, line_text(a.line)) }</code></td>
                </tr>
            }
        });
        let verdict = match (v.final_value, v.expected) {
            (Some(f), Some(e)) if f != e => Some(("bad", match lang {
                Lang::Zh => format!("最终值 {f}，应为 {e}：丢失了 {} 次更新", e - f),
                Lang::En => format!("final value {f}, expected {e}: {} update{} lost", e - f, if e - f == 1 { "" } else { "s" }),
            })),
            (Some(f), Some(e)) => Some(("ok", match lang {
                Lang::Zh => format!("最终值 {f}，与预期 {e} 一致"),
                Lang::En => format!("final value {f}, as expected ({e})"),
            })),
            (Some(f), None) => Some(("", match lang {
                Lang::Zh => format!("最终值 {f}"),
                Lang::En => format!("final value {f}"),
            })),
            _ => None,
        };
        html! {
            <section class="race-var" data-lost={v.lost.to_string()}>
                <h5><code>{ line_text(v.line) }</code>{ match lang {
                    Lang::Zh => format!(" · {} 次访问，{} 个 goroutine", v.accesses.len(), cols),
                    Lang::En => format!(" · {} accesses by {} goroutines", v.accesses.len(), cols),
                } }</h5>
                <div class="race-table-wrap">
                    <table class="race-table">
                        <thead><tr>
                            { for v.goroutines.iter().map(|g| html! { <th scope="col">{ format!("G{g}") }</th> }) }
                            <th scope="col">{ t(lang, "源代码行", "source line") }</th>
                        </tr></thead>
                        <tbody>{ for rows }</tbody>
                    </table>
                </div>
                if v.accesses.len() > ROWS {
                    <p class="view-hint">{ match lang {
                        Lang::Zh => format!("另有 {} 次访问未显示。", v.accesses.len() - ROWS),
                        Lang::En => format!("{} other accesses not shown.", v.accesses.len() - ROWS),
                    } }</p>
                }
                if let Some((class, text)) = verdict {
                    <p class={classes!("race-verdict", class)} aria-live="polite">
                        { text }{ if props.done { "" } else { t(lang, "（运行中）", " (so far)") } }
                    </p>
                }
            </section>
        }
    });
    html! {
        <div class="race" data-vars={vars.len().to_string()}
            data-racing={vars.iter().map(|v| v.accesses.iter().filter(|a| a.racing).count()).sum::<usize>().to_string()}>
            if marked_hidden {
                <p class="view-hint">{ t(lang,
                    "所选的竞争报告涉及的变量不在此视图中（视图只显示前几个共享变量）。",
                    "The variable of the chosen race report is not among the shared variables shown here.") }</p>
            }
            { for var_html }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{compile, Session, Settings};

    const RACE: &str = "package main\n\nimport (\n\t\"fmt\"\n\t\"runtime\"\n\t\"sync\"\n)\n\nvar counter int\n\nfunc increment(wg *sync.WaitGroup) {\n\tdefer wg.Done()\n\tfor i := 0; i < 2; i++ {\n\t\tvalue := counter\n\t\truntime.Gosched()\n\t\tcounter = value + 1\n\t}\n}\n\nfunc main() {\n\truntime.GOMAXPROCS(1)\n\tvar wg sync.WaitGroup\n\twg.Add(2)\n\tgo increment(&wg)\n\tgo increment(&wg)\n\twg.Wait()\n\tfmt.Println(\"Final Counter:\", counter)\n}\n";

    #[test]
    fn the_classic_race_shows_two_loads_of_zero_and_lost_updates() {
        let settings = Settings {
            trace: Some(true),
            ..Settings::default()
        };
        let mut s = Session::new(&compile(RACE).unwrap(), &settings);
        while s.run(100_000).is_none() {}
        assert_eq!(s.console().stdout(), "Final Counter: 2\n");
        let vars = derive(s.trace(), 4);
        let counter = vars
            .iter()
            .find(|v| v.line == 14)
            .unwrap_or_else(|| panic!("counter not found: {vars:?}"));
        // The two incrementers, and main reading the result.
        assert_eq!(counter.goroutines.len(), 3);
        let first_loads: Vec<_> = counter
            .accesses
            .iter()
            .filter(|a| a.kind == Kind::Load)
            .take(2)
            .collect();
        assert!(
            first_loads.iter().all(|a| a.value == 0 && a.racing),
            "{counter:?}"
        );
        assert_ne!(first_loads[0].g, first_loads[1].g);
        assert_eq!(counter.final_value, Some(2));
        assert_eq!(counter.expected, Some(4));
        assert!(counter.lost >= 1);
    }

    #[test]
    fn a_race_report_marks_a_load_and_the_store_that_races_with_it() {
        let settings = Settings {
            trace: Some(true),
            race: true,
            ..Settings::default()
        };
        let mut s = Session::new(&compile(RACE).unwrap(), &settings);
        while s.run(100_000).is_none() {}
        let races = s.races();
        assert_eq!(races.len(), 1, "{races:?}");
        let vars = derive(s.trace(), 4);
        let marked: Vec<_> = vars
            .iter()
            .filter_map(|v| reported_pair(v, &races[0]).map(|p| (v, p)))
            .collect();
        assert_eq!(marked.len(), 1, "one variable holds the pair");
        let (v, (p, c)) = marked[0];
        assert!(p < c);
        let (prev, cur) = (&v.accesses[p], &v.accesses[c]);
        assert_eq!((prev.kind, prev.line), (Kind::Load, 14));
        assert_eq!((cur.kind, cur.line), (Kind::Store, 16));
        assert_ne!(prev.g, cur.g);
        // The store overwrote nothing yet: the other goroutine's load is
        // still open, which is exactly the race.
        assert!(prev.racing, "{v:?}");
    }

    #[test]
    fn an_atomic_counter_loses_nothing() {
        let src = RACE
            .replace("\"sync\"\n", "\"sync\"\n\t\"sync/atomic\"\n")
            .replace("var counter int", "var counter int64")
            .replace(
                "\t\tvalue := counter\n\t\truntime.Gosched()\n\t\tcounter = value + 1\n",
                "\t\tatomic.AddInt64(&counter, 1)\n\t\truntime.Gosched()\n",
            )
            .replace("counter)\n}", "atomic.LoadInt64(&counter))\n}");
        let settings = Settings {
            trace: Some(true),
            ..Settings::default()
        };
        let mut s = Session::new(&compile(&src).expect("compiles"), &settings);
        while s.run(100_000).is_none() {}
        assert_eq!(s.console().stdout(), "Final Counter: 4\n");
        let vars = derive(s.trace(), 4);
        assert!(vars.iter().all(|v| v.lost == 0), "{vars:?}");
    }
}
