//! The book's chapters: their index is built into the wasm by `build.rs`;
//! their text is fetched when a chapter is opened.
//!
//! `chapters/SUMMARY.md` fixes the order; `chapters/{zh,en}/NN-slug.md` hold
//! the text. A route names a chapter by its slug (the file stem without the
//! `NN-` prefix), so renumbering a chapter file keeps its URLs.
//!
//! Why fetched: the texts of both languages were a ninth of the gzipped wasm,
//! downloaded before the first page could show; now a reader downloads the
//! chapters they open, in their language, each cached on its own (the
//! `?v=` version changes only when the text does). Native builds (tests,
//! tools) and the wasm component tests (feature `embed-chapters`) have the
//! texts built in instead, and [`load`] returns them at once.

use crate::lang::Lang;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// One chapter as the build indexed it.
#[derive(Debug)]
pub struct ChapterSource {
    pub slug: &'static str,
    pub file: &'static str,
    /// The title as written in SUMMARY.md (English).
    pub summary_title: &'static str,
    pub summary_line: usize,
    pub zh: Option<ChapterFile>,
    pub en: Option<ChapterFile>,
}

/// A chapter's file in one language.
#[derive(Debug)]
pub struct ChapterFile {
    /// Its first `# ` line.
    pub title: &'static str,
    /// A hash of its text, for its URL.
    pub version: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/chapters.rs"));

#[cfg(any(test, not(target_arch = "wasm32"), feature = "embed-chapters"))]
mod embedded {
    include!(concat!(env!("OUT_DIR"), "/chapter_texts.rs"));
}

impl ChapterSource {
    pub fn file_in(&self, lang: Lang) -> Option<&ChapterFile> {
        match lang {
            Lang::Zh => self.zh.as_ref(),
            Lang::En => self.en.as_ref(),
        }
    }

    /// Whether the chapter exists in `lang`.
    pub fn has(&self, lang: Lang) -> bool {
        self.file_in(lang).is_some()
    }

    /// The chapter's title in `lang`: its first `# ` line, else SUMMARY's title.
    pub fn title(&self, lang: Lang) -> &'static str {
        self.file_in(lang)
            .map(|f| f.title)
            .unwrap_or(self.summary_title)
    }

    /// The repository path of the chapter file, for error messages.
    pub fn path(&self, lang: Lang) -> String {
        format!("chapters/{}/{}", lang.code(), self.file)
    }

    /// Where the page fetches the chapter from: its prerendered document
    /// (`golab-prerender` writes `chapters/{lang}/NN-slug.doc` into the site
    /// before each build; see `codec`).
    pub fn url(&self, lang: Lang) -> Option<String> {
        let f = self.file_in(lang)?;
        let stem = self.file.strip_suffix(".md").unwrap_or(self.file);
        Some(format!(
            "/chapters/{}/{stem}.doc?v={}",
            lang.code(),
            f.version
        ))
    }

    /// The text, where it is built in (natively and in component tests).
    #[cfg(any(test, not(target_arch = "wasm32"), feature = "embed-chapters"))]
    pub fn text(&'static self, lang: Lang) -> Option<&'static str> {
        let slot = match lang {
            Lang::Zh => 0,
            Lang::En => 1,
        };
        embedded::TEXTS.get(index_of(self)?)?[slot]
    }
}

fn index_of(c: &'static ChapterSource) -> Option<usize> {
    CHAPTERS.iter().position(|x| std::ptr::eq(x, c))
}

/// Why a chapter's text could not be had.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadError {
    /// The chapter has no file in this language.
    Missing,
    /// The fetch failed (offline, or the server said no).
    Fetch(String),
}

thread_local! {
    /// Texts fetched so far, by (chapter index, language).
    static CACHE: RefCell<HashMap<(usize, Lang), Rc<str>>> = RefCell::new(HashMap::new());
}

/// The chapter's text if it is at hand now (fetched before, or built in).
pub fn cached(c: &'static ChapterSource, lang: Lang) -> Option<Rc<str>> {
    #[cfg(any(test, not(target_arch = "wasm32"), feature = "embed-chapters"))]
    if let Some(t) = c.text(lang) {
        return Some(Rc::from(t));
    }
    let i = index_of(c)?;
    CACHE.with(|m| m.borrow().get(&(i, lang)).cloned())
}

/// The chapter's text: at once if [`cached`], else fetched (and kept).
pub async fn load(c: &'static ChapterSource, lang: Lang) -> Result<Rc<str>, LoadError> {
    if let Some(t) = cached(c, lang) {
        return Ok(t);
    }
    let url = c.url(lang).ok_or(LoadError::Missing)?;
    let text = crate::platform::fetch_text(&url)
        .await
        .map_err(LoadError::Fetch)?;
    // A host that answers unknown paths with the app's index.html (as
    // single-page hosts do) would have the page render itself as a chapter.
    let head = text
        .trim_start()
        .get(..15)
        .unwrap_or("")
        .to_ascii_lowercase();
    if head.starts_with("<!doctype html") || head.starts_with("<html") {
        return Err(LoadError::Fetch(format!(
            "{url}: the server sent a web page, not the chapter"
        )));
    }
    let text: Rc<str> = Rc::from(text);
    if let Some(i) = index_of(c) {
        CACHE.with(|m| m.borrow_mut().insert((i, lang), text.clone()));
    }
    Ok(text)
}

/// The document of a chapter's text as [`load`] gives it: Markdown where the
/// texts are built in (parsed here), a prerendered document in the page
/// (read back, so the page ships no Markdown parser). A document that does
/// not read back shows as an error in place of the chapter.
pub fn document(text: &str, lang: Lang) -> crate::markdown::Document {
    #[cfg(any(test, not(target_arch = "wasm32"), feature = "embed-chapters"))]
    {
        crate::markdown::parse(text, &crate::markdown::LinkContext { lang: lang.code() })
    }
    #[cfg(not(any(test, not(target_arch = "wasm32"), feature = "embed-chapters")))]
    {
        crate::codec::decode(text).unwrap_or_else(|e| {
            let _ = lang;
            crate::markdown::Document {
                title: String::new(),
                nodes: vec![crate::markdown::Node::Error {
                    line: 0,
                    message: format!(
                        "this chapter's file could not be read ({e}): reload the page"
                    ),
                    source: String::new(),
                }],
                outline: Vec::new(),
            }
        })
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
    /// While a chapter's text is fetched.
    pub loading: &'static str,
    /// When it could not be (followed by the reason).
    pub load_failed: &'static str,
    pub retry: &'static str,
    pub playground: &'static str,
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
            loading: "正在载入这一章……",
            load_failed: "这一章没能载入：",
            retry: "重试",
            playground: "演练场",
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
            loading: "Loading this chapter…",
            load_failed: "This chapter could not be loaded: ",
            retry: "Retry",
            playground: "Playground",
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
