//! The Go program's randomness: Go's `runtime.rand`, which the top-level
//! functions of `math/rand` and `math/rand/v2` draw from, and the table
//! Go 1's seeded generator (`rand.NewSource`) needs.
//!
//! Both packages are written in Go (`golib/math/rand.go`, `rand/v2.go`),
//! generators included; the runtime only supplies what Go's runtime does.
//! Go seeds `runtime.rand` from the operating system at start-up (since
//! Go 1.20 for `math/rand`), so every `go run` differs. Here it is seeded
//! from the run's seed, kept apart from the scheduler's own choices
//! (select order, steal victims): one seed replays one run, and a program
//! that draws random numbers does not change which goroutine runs next.

use crate::gorand_table::RNG_COOKED;

/// `runtime.rand`: SplitMix64, a small generator that passes BigCrush;
/// Go's is ChaCha8, but no program can tell from its numbers, which in Go
/// differ on every run anyway.
#[derive(Clone)]
pub struct RuntimeRand {
    state: u64,
}

impl RuntimeRand {
    pub fn new(seed: u64) -> RuntimeRand {
        // Mixed with a constant so that seed 0 and the scheduler's use of
        // the same seed start from unrelated states.
        RuntimeRand {
            state: seed ^ 0x6a09_e667_f3bc_c908,
        }
    }

    /// The next 64 random bits.
    pub fn uint64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// Entry `i` of Go's `rngCooked` (`rand.rngCooked` in `golib/math/rand.go`),
/// or `None` outside the table.
pub fn rng_cooked(i: i64) -> Option<i64> {
    usize::try_from(i)
        .ok()
        .and_then(|i| RNG_COOKED.get(i))
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_numbers_and_another_seed_others() {
        let draw = |seed| {
            let mut r = RuntimeRand::new(seed);
            (0..4).map(|_| r.uint64()).collect::<Vec<_>>()
        };
        assert_eq!(draw(1), draw(1));
        assert_ne!(draw(1), draw(2));
    }

    #[test]
    fn the_table_is_gos() {
        // First and last entries of Go's math/rand rngCooked.
        assert_eq!(rng_cooked(0), Some(-4181792142133755926));
        assert_eq!(rng_cooked(607), None);
        assert_eq!(rng_cooked(-1), None);
    }
}
