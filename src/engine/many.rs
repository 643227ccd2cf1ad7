//! "Run 100 times": the same program under many seeds, and a histogram of
//! the distinct outcomes. A racy counter shows up as several bars
//! (`Final Counter: 2`, `3`, `4`); a correct one as a single bar.
//!
//! Pure data, so the grouping is tested natively; the widget drives the runs
//! frame by frame.

/// What distinguishes two runs: what they printed and how they ended.
/// Stderr is left out on purpose: a crash's traceback names goroutine ids
/// and addresses that differ between otherwise equal runs, and the exit
/// status already tells a crash apart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutcomeKey {
    pub stdout: String,
    pub exit: i32,
}

/// The exit status recorded for a parallel run that the batch stopped at
/// its time limit: outside 0–255, the statuses a process can have on Unix,
/// so it is not mistaken for a run that ended by itself.
pub const STOPPED_AT_LIMIT: i32 = -1;

/// One bar: an outcome, how often it happened, and a seed that gives it
/// (the reader clicks the bar to replay that run). In a batch of parallel
/// runs, which no seed replays, `first_seed` is the index of the first run
/// that gave it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bin {
    pub key: OutcomeKey,
    pub count: u32,
    pub first_seed: u64,
}

/// Distinct outcomes in order of first appearance.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Histogram {
    pub bins: Vec<Bin>,
    pub runs: u32,
}

impl Histogram {
    pub fn add(&mut self, seed: u64, key: OutcomeKey) {
        self.runs += 1;
        match self.bins.iter_mut().find(|b| b.key == key) {
            Some(b) => b.count += 1,
            None => self.bins.push(Bin {
                key,
                count: 1,
                first_seed: seed,
            }),
        }
    }

    /// The largest count, for scaling the bars.
    pub fn max_count(&self) -> u32 {
        self.bins.iter().map(|b| b.count).max().unwrap_or(0)
    }
}

/// The label of a bar: the output's last non-empty line is usually the
/// interesting one (`Final Counter: 3`); the full output is in the tooltip.
pub fn short_label(stdout: &str) -> &str {
    stdout
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str, exit: i32) -> OutcomeKey {
        OutcomeKey {
            stdout: s.into(),
            exit,
        }
    }

    #[test]
    fn groups_equal_outcomes_and_remembers_the_first_seed() {
        let mut h = Histogram::default();
        h.add(1, key("Final Counter: 2\n", 0));
        h.add(2, key("Final Counter: 4\n", 0));
        h.add(3, key("Final Counter: 2\n", 0));
        h.add(4, key("Final Counter: 2\n", 2));
        assert_eq!(h.runs, 4);
        assert_eq!(h.bins.len(), 3);
        assert_eq!((h.bins[0].count, h.bins[0].first_seed), (2, 1));
        assert_eq!((h.bins[1].count, h.bins[1].first_seed), (1, 2));
        assert_eq!(h.bins[2].key.exit, 2);
        assert_eq!(h.max_count(), 2);
    }

    #[test]
    fn the_label_is_the_last_printed_line() {
        assert_eq!(short_label("a\nFinal Counter: 3\n\n"), "Final Counter: 3");
        assert_eq!(short_label(""), "");
    }
}
