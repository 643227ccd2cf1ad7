//! Share links: a program and its run settings, packed into a URL's
//! fragment so that a static site (no server to store anything) can reopen
//! it on `/{lang}/play#…` or `/embed#…`.
//!
//! The fragment is `v1.` followed by base64url (no padding) of the raw
//! DEFLATE of a small text: one `key value` line per setting, a blank line,
//! then the program. Text keeps the format readable when debugging a link
//! and lets a later version add keys that this one skips; DEFLATE makes a
//! 100-line program fit in a link (about 1.5 KB for a typical example).
//!
//! **Invariant:** [`decode`] never panics and never allocates without
//! bound on any input (a link is hostile input: it may be truncated,
//! edited by hand or built to inflate to gigabytes); every failure is a
//! [`Broken`] the page shows beside the default program.

use crate::directive::View;
use crate::engine::Mode;
use crate::lang::Lang;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;

/// The version prefix of the fragment; a future format gets `v2.`.
const PREFIX: &str = "v1.";

/// The largest program (and header) a link may unpack to. Far above any
/// example (the longest chapter program is under 4 KB) and far below
/// what could hurt the tab.
const MAX_TEXT: usize = 256 * 1024;

/// A program and how to run it: what a share link carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shared {
    pub code: String,
    pub mode: Mode,
    pub gomaxprocs: u32,
    pub seed: u64,
    pub race: bool,
    pub views: Vec<View>,
    /// Step mode: how many instructions the run had executed when shared
    /// (0: not started). Reopening runs to this point and pauses there.
    pub steps: u64,
    /// The language of the page it was shared from (an embed shows its
    /// controls in it).
    pub lang: Lang,
}

/// Why a link could not be opened (the page says it in the reader's
/// language and opens the default program).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Broken {
    /// No `v1.` prefix: not a link of ours, or one from a newer version.
    Format,
    /// Not base64url, or not DEFLATE data: truncated or edited.
    Damaged,
    /// It unpacks to more than [`MAX_TEXT`] bytes.
    TooLarge,
    /// It unpacks, but not to a program with valid settings.
    Invalid,
}

impl Broken {
    pub fn message(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Broken::Format, Lang::Zh) => "这个链接不是本书的分享链接（或来自更新的版本），无法打开。",
            (Broken::Format, Lang::En) => "This link is not one of this book's share links (or comes from a newer version), so it cannot be opened.",
            (Broken::Damaged, Lang::Zh) => "这个分享链接已损坏（可能被截断或改动过），无法打开。",
            (Broken::Damaged, Lang::En) => "This share link is damaged (it may have been cut short or edited), so it cannot be opened.",
            (Broken::TooLarge, Lang::Zh) => "这个分享链接里的程序太大，无法打开。",
            (Broken::TooLarge, Lang::En) => "The program in this share link is too large to open.",
            (Broken::Invalid, Lang::Zh) => "这个分享链接里的设置无效，无法打开。",
            (Broken::Invalid, Lang::En) => "The settings in this share link are not valid, so it cannot be opened.",
        }
    }
}

/// The fragment (without `#`) for `shared`.
pub fn encode(shared: &Shared) -> String {
    let mut text = String::with_capacity(shared.code.len() + 96);
    let mode = match shared.mode {
        Mode::Step => "step",
        Mode::Parallel => "parallel",
    };
    let views: Vec<&str> = shared.views.iter().map(|v| v.name()).collect();
    for (key, value) in [
        ("lang", shared.lang.code().to_string()),
        ("mode", mode.to_string()),
        ("gomaxprocs", shared.gomaxprocs.to_string()),
        ("seed", shared.seed.to_string()),
        ("race", u8::from(shared.race).to_string()),
        ("views", views.join(",")),
        ("steps", shared.steps.to_string()),
    ] {
        text.push_str(key);
        text.push(' ');
        text.push_str(&value);
        text.push('\n');
    }
    text.push('\n');
    text.push_str(&shared.code);
    let packed = miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 9);
    format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(packed))
}

/// The program and settings in a fragment (with or without its `#`).
pub fn decode(fragment: &str) -> Result<Shared, Broken> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let body = fragment.strip_prefix(PREFIX).ok_or(Broken::Format)?;
    // A link pasted from some chat apps ends in padding or a stray space.
    let body = body.trim_end_matches(['=', ' ', '\n']);
    let packed = URL_SAFE_NO_PAD.decode(body).map_err(|_| Broken::Damaged)?;
    let bytes = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_TEXT).map_err(
        |e| match e.status {
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => Broken::TooLarge,
            _ => Broken::Damaged,
        },
    )?;
    let text = String::from_utf8(bytes).map_err(|_| Broken::Damaged)?;
    let (header, code) = text.split_once("\n\n").ok_or(Broken::Invalid)?;
    let mut shared = Shared {
        code: code.to_string(),
        mode: Mode::Step,
        gomaxprocs: 1,
        seed: 1,
        race: false,
        views: Vec::new(),
        steps: 0,
        lang: Lang::En,
    };
    for line in header.lines() {
        let (key, value) = line.split_once(' ').unwrap_or((line, ""));
        let bad = || Broken::Invalid;
        match key {
            "lang" => shared.lang = Lang::parse(value).ok_or_else(bad)?,
            "mode" => {
                shared.mode = match value {
                    "step" => Mode::Step,
                    "parallel" => Mode::Parallel,
                    _ => return Err(bad()),
                }
            }
            "gomaxprocs" => {
                shared.gomaxprocs = value
                    .parse()
                    .ok()
                    .filter(|n| (1..=256).contains(n))
                    .ok_or_else(bad)?
            }
            "seed" => shared.seed = value.parse().map_err(|_| bad())?,
            "race" => {
                shared.race = match value {
                    "0" => false,
                    "1" => true,
                    _ => return Err(bad()),
                }
            }
            "views" => {
                for name in value.split(',').filter(|s| !s.is_empty()) {
                    let view = View::parse(name).ok_or_else(bad)?;
                    if !shared.views.contains(&view) {
                        shared.views.push(view);
                    }
                }
            }
            "steps" => shared.steps = value.parse().map_err(|_| bad())?,
            // A key a newer version added: its setting is not ours to apply.
            _ => {}
        }
    }
    Ok(shared)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> Shared {
        Shared {
            code: "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"调度器\")\n}\n"
                .to_string(),
            mode: Mode::Parallel,
            gomaxprocs: 4,
            seed: 1234567890123,
            race: true,
            views: vec![View::Gmp, View::Timeline],
            steps: 55,
            lang: Lang::Zh,
        }
    }

    #[test]
    fn a_link_reopens_its_program_and_settings() {
        let s = example();
        let link = encode(&s);
        assert!(link.starts_with("v1."));
        assert!(link
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b)));
        assert_eq!(decode(&link), Ok(s.clone()));
        assert_eq!(decode(&format!("#{link}")), Ok(s));
    }

    #[test]
    fn a_hundred_line_program_fits_in_a_link() {
        let code: String = (0..100)
            .map(|i| format!("\tfmt.Println(\"line\", {i}, counter+{i}) // step {i}\n"))
            .collect();
        let s = Shared { code, ..example() };
        let link = encode(&s);
        // Browsers and chat apps take links of many KB; 2,000 characters
        // is the most conservative limit still quoted.
        assert!(link.len() < 2000, "{} characters", link.len());
        assert_eq!(decode(&link), Ok(s));
    }

    #[test]
    fn broken_links_say_why() {
        let link = encode(&example());
        assert_eq!(decode(""), Err(Broken::Format));
        assert_eq!(decode("#v2.abc"), Err(Broken::Format));
        assert_eq!(decode("v1.!!!"), Err(Broken::Damaged));
        // Cut short, as a chat app might.
        assert_eq!(decode(&link[..link.len() / 2]), Err(Broken::Damaged));
        // Valid DEFLATE of text with no blank line: no program.
        let b64 = |t: &str| {
            format!(
                "v1.{}",
                URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(t.as_bytes(), 6))
            )
        };
        assert_eq!(decode(&b64("mode step")), Err(Broken::Invalid));
        assert_eq!(decode(&b64("gomaxprocs 0\n\nx")), Err(Broken::Invalid));
        assert_eq!(decode(&b64("views gmp,nope\n\nx")), Err(Broken::Invalid));
        // Unknown keys (a newer version's) are skipped.
        assert_eq!(
            decode(&b64("future 1\n\nx")).map(|s| s.code),
            Ok("x".into())
        );
    }

    #[test]
    fn a_link_that_inflates_without_bound_is_refused() {
        // 64 MB of zeros compresses to about 64 KB.
        let bomb = vec![0u8; 64 << 20];
        let link = format!(
            "v1.{}",
            URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(&bomb, 9))
        );
        assert_eq!(decode(&link), Err(Broken::TooLarge));
    }

    #[test]
    fn no_input_makes_it_panic() {
        // Every prefix and every single-byte change of a real link.
        let link = encode(&example());
        for i in 0..link.len() {
            let _ = decode(&link[..i]);
            let mut bytes = link.clone().into_bytes();
            bytes[i] = if bytes[i] == b'A' { b'B' } else { b'A' };
            let _ = decode(&String::from_utf8(bytes).unwrap());
        }
    }
}
