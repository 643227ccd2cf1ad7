//! Unicode case as Go's `unicode` package has it, from the tables Rust's
//! standard library already carries (so the page's wasm gains no table).
//!
//! Go maps case rune by rune with Unicode's *simple* mappings, where Rust's
//! `to_uppercase` gives the *full* ones: `ß` has no simple upper case (Go
//! keeps it; Rust gives "SS"), and `İ`'s simple lower case is `i` (Rust adds
//! a combining dot). A full mapping of more than one char therefore stands
//! for "no simple mapping", with the few exceptions below. Rust's
//! `is_uppercase`/`is_lowercase` are Unicode's Uppercase and Lowercase
//! properties, which add to categories Lu and Ll some symbols and modifier
//! letters (Ⓐ, ª, ʰ); Go's IsUpper and IsLower are the categories.

/// `unicode.ToUpper`.
pub fn to_upper(c: char) -> char {
    let u = c as u32;
    // Greek with a subscript iota: simple upper case is the capital with
    // its iota (ᾀ → ᾈ), the full one spells the iota out.
    match u {
        0x1F80..=0x1F87 | 0x1F90..=0x1F97 | 0x1FA0..=0x1FA7 => return shift(c, 8),
        0x1FB3 | 0x1FC3 | 0x1FF3 => return shift(c, 9),
        _ => {}
    }
    one(c.to_uppercase()).unwrap_or(c)
}

/// `unicode.ToLower`.
pub fn to_lower(c: char) -> char {
    if c == '\u{130}' {
        return 'i'; // İ: simple lower case is a plain i
    }
    one(c.to_lowercase()).unwrap_or(c)
}

/// `unicode.ToTitle`: upper case, but a digraph's title form is its own
/// (ǆ, Ǆ → ǅ) and the iota-subscript capitals are already title case.
pub fn to_title(c: char) -> char {
    match c as u32 {
        0x1C4..=0x1C6 => '\u{1C5}',
        0x1C7..=0x1C9 => '\u{1C8}',
        0x1CA..=0x1CC => '\u{1CB}',
        0x1F1..=0x1F3 => '\u{1F2}',
        0x1F88..=0x1F8F | 0x1F98..=0x1F9F | 0x1FA8..=0x1FAF | 0x1FBC | 0x1FCC | 0x1FFC => c,
        _ => to_upper(c),
    }
}

/// `unicode.IsUpper`: category Lu.
pub fn is_upper(c: char) -> bool {
    // Other_Uppercase: Roman numerals (Nl), circled and squared letters (So).
    c.is_uppercase()
        && !matches!(c as u32, 0x2160..=0x216F | 0x24B6..=0x24CF | 0x1F130..=0x1F149 | 0x1F150..=0x1F169 | 0x1F170..=0x1F189)
}

/// `unicode.IsLower`: category Ll.
pub fn is_lower(c: char) -> bool {
    // Other_Lowercase: ordinal indicators and modifier letters (Lo, Lm),
    // the combining iota, small Roman numerals, circled letters.
    c.is_lowercase()
        && !matches!(c as u32,
            0xAA | 0xBA | 0x2B0..=0x2B8 | 0x2C0..=0x2C1 | 0x2E0..=0x2E4 | 0x345 | 0x37A
            | 0x10FC | 0x1D2C..=0x1D6A | 0x1D78 | 0x1D9B..=0x1DBF | 0x2071 | 0x207F
            | 0x2090..=0x209C | 0x2170..=0x217F | 0x24D0..=0x24E9 | 0x2C7C..=0x2C7D
            | 0xA69C..=0xA69D | 0xA770 | 0xA7F2..=0xA7F4 | 0xA7F8..=0xA7F9 | 0xAB5C..=0xAB5F
            | 0xAB69 | 0x10780 | 0x10783..=0x10785 | 0x10787..=0x107B0 | 0x107B2..=0x107BA
            | 0x1E030..=0x1E06D)
}

/// Whether `a` and `b` are equal under Go's simple case folding (what
/// `strings.EqualFold` compares rune by rune): Σ, σ and ς all fold
/// together, as do K, k and the Kelvin sign.
pub fn fold_eq(a: char, b: char) -> bool {
    a == b || to_lower(to_upper(a)) == to_lower(to_upper(b))
}

fn one(mut it: impl Iterator<Item = char>) -> Option<char> {
    match (it.next(), it.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

fn shift(c: char, by: u32) -> char {
    char::from_u32(c as u32 + by).unwrap_or(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simple_mappings_as_go_has_them() {
        assert_eq!(to_upper('ß'), 'ß');
        assert_eq!(to_upper('ς'), 'Σ');
        assert_eq!(to_lower('Σ'), 'σ');
        assert_eq!(to_lower('İ'), 'i');
        assert_eq!(to_upper('ᾳ'), 'ᾼ');
        assert_eq!(to_upper('ǆ'), 'Ǆ');
        assert_eq!(to_title('ǆ'), 'ǅ');
        assert_eq!(to_lower('Ⅻ'), 'ⅻ');
        assert!(is_upper('Ж') && !is_upper('Ⓐ') && !is_upper('ǅ'));
        assert!(is_lower('ж') && !is_lower('ª') && !is_lower('ʰ'));
        assert!(fold_eq('ς', 'Σ') && fold_eq('k', '\u{212A}') && !fold_eq('a', 'b'));
    }
}
