//! The book's chapters, embedded at build time by `build.rs`.
//!
//! `chapters/SUMMARY.md` fixes the order; `chapters/{zh,en}/NN-slug.md` hold
//! the text. A route names a chapter by its slug (the file stem without the
//! `NN-` prefix), so renumbering a chapter file keeps its URLs.

use std::fmt;

/// One chapter as the build embedded it.
#[derive(Debug)]
pub struct ChapterSource {
    pub slug: &'static str,
    pub file: &'static str,
    /// The title as written in SUMMARY.md (English).
    pub summary_title: &'static str,
    pub summary_line: usize,
    pub zh: Option<&'static str>,
    pub en: Option<&'static str>,
}

include!(concat!(env!("OUT_DIR"), "/chapters.rs"));

/// The book's two languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }
    /// The value for `<html lang>`, which picks fonts and line breaking.
    pub fn html_lang(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }
    /// The language's own name, for the switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Zh => "中文",
            Lang::En => "English",
        }
    }
    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl ChapterSource {
    pub fn text(&self, lang: Lang) -> Option<&'static str> {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }

    /// The chapter's title in `lang`: its first `# ` line, else SUMMARY's title.
    pub fn title(&self, lang: Lang) -> &'static str {
        self.text(lang)
            .and_then(|t| t.lines().find_map(|l| l.strip_prefix("# ")))
            .map(str::trim)
            .unwrap_or(self.summary_title)
    }

    /// The repository path of the chapter file, for error messages.
    pub fn path(&self, lang: Lang) -> String {
        format!("chapters/{}/{}", lang.code(), self.file)
    }
}

/// All chapters in reading order.
pub fn chapters() -> &'static [ChapterSource] {
    CHAPTERS
}

/// The chapter with this slug and its index in reading order.
pub fn find(slug: &str) -> Option<(usize, &'static ChapterSource)> {
    CHAPTERS.iter().enumerate().find(|(_, c)| c.slug == slug)
}

/// `01-processes-and-threads` (or `.md`) → `processes-and-threads`; the same
/// rule as `build.rs`.
pub fn slug_of_file(file: &str) -> &str {
    let stem = file.trim_end_matches(".md");
    let without_number = stem.trim_start_matches(|c: char| c.is_ascii_digit());
    without_number.strip_prefix('-').unwrap_or(stem)
}

/// UI strings, in one place so both languages stay complete.
pub struct Strings {
    pub book_title: &'static str,
    pub contents: &'static str,
    pub previous: &'static str,
    pub next: &'static str,
    pub not_translated: &'static str,
    pub menu: &'static str,
    pub reset_progress: &'static str,
    /// "{answered} of {questions} answered, {right} right": the parts around the numbers.
    pub progress_parts: [&'static str; 3],
}

pub fn strings(lang: Lang) -> &'static Strings {
    match lang {
        Lang::Zh => &Strings {
            book_title: "Go 并发实验室",
            contents: "目录",
            previous: "上一章",
            next: "下一章",
            not_translated: "这一章还没有中文版本。",
            menu: "菜单",
            reset_progress: "重置",
            progress_parts: ["已答 ", " 题，答对 ", " 题，共 "],
        },
        Lang::En => &Strings {
            book_title: "Go Concurrency Lab",
            contents: "Contents",
            previous: "Previous",
            next: "Next",
            not_translated: "This chapter has no English version yet.",
            menu: "Menu",
            reset_progress: "Reset",
            progress_parts: [" answered, ", " right, of ", " questions"],
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::{self, LinkContext, Node};

    #[test]
    fn every_summary_entry_exists_in_both_languages_with_a_title() {
        assert!(chapters().len() >= 7, "SUMMARY.md lists the seven chapters");
        for c in chapters() {
            for lang in Lang::ALL {
                let text = c
                    .text(lang)
                    .unwrap_or_else(|| panic!("{} is missing", c.path(lang)));
                let doc = markdown::parse(text, &LinkContext { lang: lang.code() });
                assert!(!doc.title.is_empty(), "{} has no `# ` title", c.path(lang));
                assert_eq!(doc.title, c.title(lang));
            }
        }
    }

    #[test]
    fn no_chapter_has_a_malformed_directive() {
        for c in chapters() {
            for lang in Lang::ALL {
                let doc = markdown::parse(
                    c.text(lang).unwrap_or(""),
                    &LinkContext { lang: lang.code() },
                );
                fn errors(nodes: &[Node], out: &mut Vec<String>) {
                    for n in nodes {
                        match n {
                            Node::Error { line, message, .. } => {
                                out.push(format!("{line}: {message}"))
                            }
                            Node::Element(e) => errors(&e.children, out),
                            _ => {}
                        }
                    }
                }
                let mut found = Vec::new();
                errors(&doc.nodes, &mut found);
                assert!(found.is_empty(), "{}: {found:?}", c.path(lang));
            }
        }
    }

    #[test]
    fn slugs_drop_the_number() {
        assert_eq!(
            slug_of_file("01-processes-and-threads.md"),
            "processes-and-threads"
        );
        assert_eq!(slug_of_file("scheduler"), "scheduler");
        assert!(find("scheduler").is_some());
        assert!(find("nope").is_none());
    }
}
