//! `math/rand` as Go 1.19 has it, so seeded programs print Go's numbers.
//!
//! Go's source is an additive lagged Fibonacci generator (lags 607 and 273)
//! over 64-bit words, seeded by running a Park–Miller generator and XORing
//! its output with a fixed table (`gorand_table.rs`, read from the reference
//! toolchain by `scripts/gen-rand-table`). The derived methods (`Intn`,
//! `Int63n`, `Float64`, `Perm`) follow Go 1.19's rejection sampling exactly,
//! since a different but "equally good" method would print other numbers.
//! In Go 1.19 the package-level functions use a source seeded with 1 unless
//! the program calls `rand.Seed`; Go 1.20 made that seed random.
//!
//! This is the Go program's randomness only; the scheduler's own choices
//! (select order, steal victims) use the run's seed, like Go's `fastrand`.

use crate::gorand_table::RNG_COOKED;

const RNG_LEN: usize = 607;
const RNG_TAP: usize = 273;
const INT32_MAX: i64 = (1 << 31) - 1;
const RNG_MASK: u64 = (1 << 63) - 1;

/// The generator state (Go's `rngSource`).
#[derive(Clone)]
pub struct GoRand {
    tap: usize,
    feed: usize,
    vec: Box<[i64; RNG_LEN]>,
}

/// One Park–Miller step: x' = 48271 · x mod (2^31 − 1), by Schrage's method.
fn seedrand(x: i32) -> i32 {
    const A: i32 = 48271;
    const Q: i32 = 44488;
    const R: i32 = 3399;
    let hi = x / Q;
    let lo = x % Q;
    let mut x = A.wrapping_mul(lo).wrapping_sub(R.wrapping_mul(hi));
    if x < 0 {
        x = x.wrapping_add(INT32_MAX as i32);
    }
    x
}

impl Default for GoRand {
    /// Go 1.19's package-level source: seeded with 1.
    fn default() -> Self {
        GoRand::new(1)
    }
}

impl GoRand {
    /// A source seeded like `rand.NewSource(seed)`.
    pub fn new(seed: i64) -> GoRand {
        let mut r = GoRand {
            tap: 0,
            feed: 0,
            vec: Box::new([0; RNG_LEN]),
        };
        r.seed(seed);
        r
    }

    /// `rand.Seed(seed)`.
    pub fn seed(&mut self, seed: i64) {
        self.tap = 0;
        self.feed = RNG_LEN - RNG_TAP;
        let mut seed = seed % INT32_MAX;
        if seed < 0 {
            seed += INT32_MAX;
        }
        if seed == 0 {
            seed = 89_482_311;
        }
        let mut x = seed as i32;
        for i in -20..RNG_LEN as i32 {
            x = seedrand(x);
            if i >= 0 {
                let mut u = (x as i64) << 40;
                x = seedrand(x);
                u ^= (x as i64) << 20;
                x = seedrand(x);
                u ^= x as i64;
                u ^= RNG_COOKED[i as usize];
                self.vec[i as usize] = u;
            }
        }
    }

    /// The next 64 bits (`Uint64`): one lagged-Fibonacci step.
    pub fn uint64(&mut self) -> u64 {
        self.tap = if self.tap == 0 {
            RNG_LEN - 1
        } else {
            self.tap - 1
        };
        self.feed = if self.feed == 0 {
            RNG_LEN - 1
        } else {
            self.feed - 1
        };
        let x = self.vec[self.feed].wrapping_add(self.vec[self.tap]);
        self.vec[self.feed] = x;
        x as u64
    }

    /// `Int63()`: a non-negative 63-bit integer.
    pub fn int63(&mut self) -> i64 {
        (self.uint64() & RNG_MASK) as i64
    }

    /// `Int31()`: the top 31 bits of `Int63()`.
    pub fn int31(&mut self) -> i32 {
        (self.int63() >> 32) as i32
    }

    /// `Int()` on a 64-bit platform.
    pub fn int(&mut self) -> i64 {
        self.int63()
    }

    /// `Int63n(n)`; `None` when n <= 0 (Go panics "invalid argument to Int63n").
    pub fn int63n(&mut self, n: i64) -> Option<i64> {
        if n <= 0 {
            return None;
        }
        if n & (n - 1) == 0 {
            return Some(self.int63() & (n - 1));
        }
        let max = ((1u64 << 63) - 1 - (1u64 << 63) % n as u64) as i64;
        let mut v = self.int63();
        while v > max {
            v = self.int63();
        }
        Some(v % n)
    }

    /// `Int31n(n)`; `None` when n <= 0.
    pub fn int31n(&mut self, n: i32) -> Option<i32> {
        if n <= 0 {
            return None;
        }
        if n & (n - 1) == 0 {
            return Some(self.int31() & (n - 1));
        }
        let max = ((1u32 << 31) - 1 - (1u32 << 31) % n as u32) as i32;
        let mut v = self.int31();
        while v > max {
            v = self.int31();
        }
        Some(v % n)
    }

    /// `Intn(n)`; `None` when n <= 0 (Go panics "invalid argument to Intn").
    pub fn intn(&mut self, n: i64) -> Option<i64> {
        if n <= 0 {
            return None;
        }
        if n <= INT32_MAX {
            self.int31n(n as i32).map(i64::from)
        } else {
            self.int63n(n)
        }
    }

    /// `Float64()`: in [0, 1).
    pub fn float64(&mut self) -> f64 {
        loop {
            let f = self.int63() as f64 / (1u64 << 63) as f64;
            if f != 1.0 {
                return f;
            }
        }
    }

    /// `Perm(n)`: a permutation of 0..n; `None` when n < 0. Checked
    /// against Go's output, but no native calls it yet: the compiler's
    /// library does not declare `rand.Perm`.
    #[cfg_attr(not(test), allow(dead_code))]
    pub fn perm(&mut self, n: i64) -> Option<Vec<i64>> {
        if n < 0 {
            return None;
        }
        let mut m = vec![0i64; n as usize];
        for i in 0..n as usize {
            let j = self.intn(i as i64 + 1).expect("i + 1 > 0") as usize;
            m[i] = m[j];
            m[j] = i as i64;
        }
        Some(m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Expected values printed by Go 1.19 for the same calls
    /// (tests/programs/rand_seeded.go and `go run` of small programs).
    #[test]
    fn seeded_sequences_match_go_1_19() {
        let mut r = GoRand::new(42);
        let ints: Vec<i64> = (0..5).map(|_| r.intn(100).unwrap()).collect();
        assert_eq!(ints, vec![5, 87, 68, 50, 23]);
        assert_eq!(r.int63n(1_000_000), Some(237_261));
        assert_eq!(format!("{:.6}", r.float64()), "0.812877");
        r.seed(42);
        assert_eq!(r.intn(100), Some(5));
    }

    #[test]
    fn unseeded_sequence_matches_go_1_19() {
        let mut r = GoRand::default();
        assert_eq!((r.intn(100), r.intn(100)), (Some(81), Some(87)));
        assert_eq!(r.int63(), 6_129_484_611_666_145_821);
        assert_eq!(r.float64(), 0.4377141871869802);
        assert_eq!(r.perm(5), Some(vec![3, 4, 0, 1, 2]));
        assert_eq!(r.intn(1 << 40), Some(704_787_639_193));
    }

    #[test]
    fn invalid_arguments_are_reported_not_panicked() {
        let mut r = GoRand::default();
        assert_eq!(r.intn(0), None);
        assert_eq!(r.int63n(-1), None);
        assert_eq!(r.perm(-1), None);
    }

    #[test]
    fn perm_is_a_permutation() {
        let mut p = GoRand::new(7).perm(50).unwrap();
        p.sort_unstable();
        assert_eq!(p, (0..50).collect::<Vec<_>>());
    }
}
