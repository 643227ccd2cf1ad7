//! The float syntax of Go's `strconv.ParseFloat` that Rust's `str::parse`
//! lacks: underscores between digits (`1_000.5`) and hexadecimal floats
//! (`0x1.8p1`). Decimal text goes to Rust's parser, which rounds exactly
//! as Go's does.

/// Parses `s` as Go's `ParseFloat` does, as a float32 widened to float64
/// if `f32`; `None` for a syntax error. Out of range gives ±Inf.
pub fn parse_float(s: &str, f32: bool) -> Option<f64> {
    let cleaned;
    let s = if s.contains('_') {
        if !underscore_ok(s) {
            return None;
        }
        cleaned = s.replace('_', "");
        cleaned.as_str()
    } else {
        s
    };
    let (neg, body) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    if body.len() > 2 && (body.starts_with("0x") || body.starts_with("0X")) {
        let v = parse_hex(&body[2..], f32)?;
        return Some(if neg { -v } else { v });
    }
    if f32 {
        s.parse::<f32>().ok().map(f64::from)
    } else {
        s.parse::<f64>().ok()
    }
}

/// A hexadecimal float after its `0x`: hex digits with an optional point,
/// then a binary exponent `p±d`, which Go requires.
fn parse_hex(s: &str, f32: bool) -> Option<f64> {
    let (mant, exp) = s.split_once(['p', 'P'])?;
    let exp: i32 = match exp.strip_prefix('+') {
        Some(e) if !e.starts_with(['+', '-']) => e.parse().ok()?,
        _ => exp.parse().ok()?,
    };
    let (int, frac) = mant.split_once('.').unwrap_or((mant, ""));
    if int.is_empty() && frac.is_empty() {
        return None;
    }
    // Up to 15 significant digits exactly (60 bits); further digits only
    // matter as a sticky bit for rounding, kept in the lowest bit.
    let (mut m, mut e, mut sticky, mut digits) = (0u64, 0i64, false, 0);
    for (i, ch) in int.chars().chain(frac.chars()).enumerate() {
        let d = ch.to_digit(16)? as u64;
        let in_frac = i >= int.len();
        if digits < 15 {
            if m != 0 || d != 0 {
                digits += 1;
            }
            m = m << 4 | d;
            if in_frac {
                e -= 4;
            }
        } else {
            sticky |= d != 0;
            if !in_frac {
                e += 4;
            }
        }
    }
    if sticky {
        m = m << 1 | 1;
        e -= 1;
    }
    let e = e + exp as i64;
    if f32 {
        Some(f64::from(scale(m, e) as f32))
    } else {
        Some(scale(m, e))
    }
}

/// m · 2^e, correctly rounded where m fits 53 bits and the result is
/// normal; beyond that within one rounding.
fn scale(m: u64, e: i64) -> f64 {
    let mut v = m as f64;
    let mut e = e.clamp(-2200, 2200);
    while e > 0 {
        let k = e.min(1000);
        v *= 2f64.powi(k as i32);
        e -= k;
    }
    while e < 0 {
        let k = (-e).min(1000);
        v /= 2f64.powi(k as i32);
        e += k;
    }
    v
}

/// Go's rule for underscores in a number: only between digits, or after
/// a base prefix (`0x_1`), never first, last or doubled.
fn underscore_ok(s: &str) -> bool {
    let b = s.trim_start_matches(['+', '-']).as_bytes();
    let hex = b.len() >= 2 && b[0] == b'0' && matches!(b[1] | 0x20, b'x' | b'b' | b'o');
    // saw: '^' start, '0' a digit or base prefix, '_' an underscore, '!' other.
    let mut saw = b'^';
    let mut i = 0;
    if hex {
        i = 2;
        saw = b'0';
    }
    while i < b.len() {
        let c = b[i];
        let digit = c.is_ascii_digit() || (hex && c.is_ascii_hexdigit());
        if digit {
            saw = b'0';
        } else if c == b'_' {
            if saw != b'0' {
                return false;
            }
            saw = b'_';
        } else {
            if saw == b'_' {
                return false;
            }
            saw = b'!';
        }
        i += 1;
    }
    saw != b'_'
}

#[cfg(test)]
mod tests {
    use super::parse_float;

    #[test]
    fn parses_what_go_parses() {
        assert_eq!(parse_float("1_0.5", false), Some(10.5));
        assert_eq!(parse_float("0x1.8p1", false), Some(3.0));
        assert_eq!(parse_float("-0x_1p-2", false), Some(-0.25));
        assert_eq!(parse_float("0x1p-1074", false), Some(f64::from_bits(1)));
        assert_eq!(parse_float("0x1.fffffffffffff8p0", false), Some(2.0));
        assert_eq!(parse_float("2.5e3", false), Some(2500.0));
        assert_eq!(parse_float("0x1p128", true), Some(f64::INFINITY));
    }

    #[test]
    fn rejects_what_go_rejects() {
        for s in [
            "_1", "1_", "1__0", "1._5", "0x1.8", "0x", "0xp1", "0x1p", "x", "",
        ] {
            assert_eq!(parse_float(s, false), None, "{s}");
        }
    }
}
