//! Full-text search over both languages' chapters: their sections' text,
//! headings and code. `golab-prerender` builds the index at build time
//! ([`build`], written to `search.idx` beside the chapters); the page
//! fetches it the first time the reader opens search ([`Index::parse`],
//! [`Index::search`]), so none of it weighs on the first view.
//!
//! Terms: English (and code) by words, lowercased, with plural endings
//! removed ([`stem`]: "goroutines" finds "goroutine"). Chinese has no
//! spaces between words: the build splits it into words with `jieba-rs`
//! (its dictionary stays on the build machine), and the page uses the
//! index's own words as its dictionary: a query's run of Han characters
//! finds every index word that contains it ("调度" finds 调度 and 调度器),
//! and a run longer than any word ("抢占式调度") is cut into the longest
//! words the index knows, all of which must match. One term per character
//! and per pair of characters, tried first, was twice the size.
//!
//! Sections run from one `##` heading to the next (finer ones made the
//! index larger without better answers); a stop list of function words
//! and numbers are left out. The file is text: a header line, one line per
//! section (`lang`, chapter slug, heading anchor, title, tab-separated; a
//! chapter's title is its opening section's), a blank line, then one line
//! per term, sorted: the term, a tab, and the gaps between the ascending
//! numbers of the sections holding it, each ending in a letter
//! ([`GAP_END`]) so most take one character and none needs a separator.

use crate::lang::Lang;
use std::collections::BTreeMap;

const HEADER: &str = "golab-search 1";

/// One searchable part of a chapter: from one heading to the next.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    pub lang: Lang,
    pub chapter: String,
    /// The heading's anchor id; empty for the chapter's opening.
    pub anchor: String,
    pub chapter_title: String,
    pub title: String,
}

impl Section {
    /// The section's address in the book.
    pub fn href(&self) -> String {
        match self.anchor.is_empty() {
            true => format!("/{}/{}", self.lang.code(), self.chapter),
            false => format!("/{}/{}#{}", self.lang.code(), self.chapter, self.anchor),
        }
    }
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

/// English plural endings off, so singular and plural meet: "queues" →
/// "queue", "mutexes" → "mutex", "libraries" → "library". Words of three
/// letters or fewer ("bus", "gos") are left alone.
pub fn stem(word: &str) -> &str {
    if word.len() <= 3 || !word.ends_with('s') || word.ends_with("ss") {
        return word;
    }
    for ending in ["ches", "shes", "xes", "sses", "zes"] {
        if word.ends_with(ending) {
            return &word[..word.len() - 2];
        }
    }
    if word.ends_with("ies") && word.len() > 4 {
        // "libraries" → "librar"; the same cut of "library" matches it.
        return &word[..word.len() - 3];
    }
    &word[..word.len() - 1]
}

/// A word's index form: lowercased and stemmed; a "y" ending cut as
/// [`stem`] cuts "ies", so "library" and "libraries" meet.
fn word_term(word: &str) -> String {
    let lower = word.to_ascii_lowercase();
    let s = stem(&lower);
    match s.strip_suffix('y') {
        Some(cut) if s.len() > 4 => cut.to_string(),
        _ => s.to_string(),
    }
}

/// A piece of text: a word of letters, digits and `_` (in its index
/// form), or a run of Han characters (Chinese, which needs segmenting).
enum Piece<'a> {
    Word(String),
    Han(&'a str),
}

/// Words too common to find anything: not indexed, and dropped from
/// queries (their postings were about a fifth of the index).
const STOP: &[&str] = &[
    "a", "about", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been", "but", "by",
    "can", "do", "does", "each", "for", "from", "had", "has", "have", "how", "if", "in", "into",
    "is", "it", "its", "just", "may", "more", "most", "much", "must", "no", "not", "of", "on",
    "one", "only", "or", "other", "our", "out", "so", "some", "such", "than", "that", "the",
    "their", "them", "then", "there", "these", "they", "this", "those", "to", "up", "us", "very",
    "wa", "we", "were", "what", "when", "where", "which", "who", "why", "will", "with", "would",
    "you", "your", "一", "一个", "上", "下", "不是", "个", "中", "为", "也", "了", "从", "以",
    "们", "但", "你", "你们", "到", "又", "吗", "呢", "和", "在", "对", "就", "就是", "把", "时",
    "是", "更", "最", "给", "被", "让", "还", "这", "这个", "那", "那个", "都", "里", "它", "它们",
    "的", "着", "或", "与", "及", "而", "我们", "所以", "因为", "如果", "可以",
];

fn pieces(text: &str, mut out: impl FnMut(Piece)) {
    let mut word = String::new();
    let mut han: Option<usize> = None;
    for (at, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if c.is_ascii_alphanumeric() || c == '_' {
            word.push(c);
        } else if !word.is_empty() {
            // Numbers find nothing worth a place in the index.
            let term = word_term(&word);
            if term.len() >= 2
                && !word.bytes().all(|b| b.is_ascii_digit())
                && !STOP.contains(&term.as_str())
            {
                out(Piece::Word(term));
            }
            word.clear();
        }
        match (is_han(c), han) {
            (true, None) => han = Some(at),
            (false, Some(start)) => {
                out(Piece::Han(&text[start..at]));
                han = None;
            }
            _ => {}
        }
    }
}

/// The index as [`Index::parse`] reads it, from the chapters' documents.
#[cfg(not(target_arch = "wasm32"))]
pub fn build() -> String {
    use crate::content::{chapters, document};
    use crate::directive::Directive;
    use crate::markdown::Node;
    use std::collections::BTreeSet;

    let jieba = jieba_rs::Jieba::new();
    let mut sections: Vec<Section> = Vec::new();
    let mut index: BTreeMap<String, BTreeSet<u32>> = BTreeMap::new();
    for lang in Lang::ALL {
        for c in chapters() {
            let Some(text) = c.text(lang) else { continue };
            let doc = document(text, lang);
            let open = |sections: &mut Vec<Section>, anchor: &str, title: &str| {
                sections.push(Section {
                    lang,
                    chapter: c.slug.to_string(),
                    anchor: anchor.to_string(),
                    chapter_title: doc.title.clone(),
                    title: title.to_string(),
                });
            };
            open(&mut sections, "", &doc.title);
            // Depth-first over the tree: each heading opens a section, and
            // text, code and examples go to the section open at the time.
            let mut stack: Vec<&Node> = doc.nodes.iter().rev().collect();
            while let Some(node) = stack.pop() {
                let id = (sections.len() - 1) as u32;
                let mut add = |text: &str| {
                    pieces(text, |piece| match piece {
                        Piece::Word(w) => _ = index.entry(w).or_default().insert(id),
                        Piece::Han(run) => {
                            for w in jieba.cut(run, true) {
                                if !STOP.contains(&w.word) {
                                    index.entry(w.word.to_string()).or_default().insert(id);
                                }
                            }
                        }
                    })
                };
                match node {
                    Node::Text(t) => add(t),
                    Node::Code { code, .. } => add(code),
                    Node::Directive {
                        directive: Directive::Run(run),
                        ..
                    } => add(&run.code),
                    Node::Element(e) => {
                        let anchor = e.attrs.iter().find(|(k, _)| *k == "id").map(|(_, v)| v);
                        let heading = doc.outline.iter().find(|(_, id, _)| Some(id) == anchor);
                        if let (true, Some((_, id, title))) = (e.tag == "h2", heading) {
                            open(&mut sections, id, title);
                        }
                        stack.extend(e.children.iter().rev());
                    }
                    Node::Directive { .. } | Node::Error { .. } => {}
                }
            }
        }
    }
    let mut out = format!("{HEADER}\n");
    let clean = |s: &str| s.replace(['\t', '\n'], " ");
    // A chapter's title is its opening section's (no anchor).
    for s in &sections {
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\n",
            s.lang.code(),
            s.chapter,
            s.anchor,
            clean(&s.title)
        ));
    }
    out.push('\n');
    for (term, ids) in index {
        out.push_str(&term);
        out.push('\t');
        let mut last = 0;
        for id in ids {
            push_gap(&mut out, id - last);
            last = id;
        }
        out.push('\n');
    }
    out
}

/// The 52 letters that end a gap; decimal digits before one carry its
/// higher part (`gap / 52`). So most gaps are one letter and need no
/// separator.
const GAP_END: &[u8; 52] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

#[cfg(not(target_arch = "wasm32"))]
fn push_gap(out: &mut String, gap: u32) {
    if gap >= 52 {
        out.push_str(&(gap / 52).to_string());
    }
    out.push(char::from(GAP_END[(gap % 52) as usize]));
}

/// The index, as the page holds it: postings stay text until a query
/// needs them.
#[derive(Debug, PartialEq)]
pub struct Index {
    pub sections: Vec<Section>,
    /// Term → its postings line (gaps, see [`GAP_END`]), sorted by term.
    terms: BTreeMap<String, String>,
}

/// Results shown at most.
pub const MAX_RESULTS: usize = 12;

impl Index {
    /// Reads a file [`build`] wrote; the error says what is wrong with it.
    pub fn parse(text: &str) -> Result<Index, String> {
        let mut lines = text.lines();
        if lines.next() != Some(HEADER) {
            return Err("not a search index of this version".into());
        }
        let mut sections: Vec<Section> = Vec::new();
        for line in lines.by_ref() {
            if line.is_empty() {
                break;
            }
            let f: Vec<&str> = line.split('\t').collect();
            let [lang, chapter, anchor, title] = f[..] else {
                return Err(format!("bad section line: {line}"));
            };
            let chapter_title = match sections.last() {
                Some(s) if !anchor.is_empty() && s.chapter == chapter => s.chapter_title.clone(),
                _ => title.to_string(),
            };
            sections.push(Section {
                lang: Lang::parse(lang).ok_or_else(|| format!("bad language: {lang}"))?,
                chapter: chapter.into(),
                anchor: anchor.into(),
                chapter_title,
                title: title.into(),
            });
        }
        let terms = lines
            .filter_map(|l| l.split_once('\t'))
            .map(|(t, p)| (t.to_string(), p.to_string()))
            .collect();
        Ok(Index { sections, terms })
    }

    fn postings(line: &str, n: usize) -> Vec<u32> {
        let (mut ids, mut last, mut high) = (Vec::new(), 0u32, 0u32);
        for b in line.bytes() {
            if b.is_ascii_digit() {
                high = high.saturating_mul(10).saturating_add(u32::from(b - b'0'));
            } else if let Some(low) = GAP_END.iter().position(|&e| e == b) {
                last = last.saturating_add(high.saturating_mul(52).saturating_add(low as u32));
                high = 0;
                if (last as usize) < n {
                    ids.push(last);
                }
            }
        }
        ids
    }

    /// The sections of a term; for the query's last word, also of every
    /// term it begins (the reader is still typing it).
    fn sections_of(&self, term: &str, prefix: bool) -> Vec<u32> {
        let n = self.sections.len();
        let mut ids: Vec<u32> = match prefix {
            false => self
                .terms
                .get(term)
                .map(|l| Self::postings(l, n))
                .unwrap_or_default(),
            true => self
                .terms
                .range(term.to_string()..)
                .take_while(|(t, _)| t.starts_with(term))
                .flat_map(|(_, l)| Self::postings(l, n))
                .collect(),
        };
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// The index's Chinese words (they sort after every ASCII word).
    fn han_terms(&self) -> impl Iterator<Item = (&String, &String)> {
        self.terms.range("\u{3400}".to_string()..)
    }

    /// The sections a run of Han characters in a query finds, as a list
    /// of groups that must all match. The index's words are the page's
    /// dictionary: a run inside some word ("调度" in "调度器") finds every
    /// word holding it; a run longer than any word ("抢占式调度") is cut
    /// into the longest words the index knows, each a group.
    fn han_groups(&self, run: &str) -> Vec<Vec<u32>> {
        let n = self.sections.len();
        let holding = |piece: &str| -> Vec<u32> {
            let mut ids: Vec<u32> = self
                .han_terms()
                .filter(|(t, _)| t.contains(piece))
                .flat_map(|(_, l)| Self::postings(l, n))
                .collect();
            ids.sort_unstable();
            ids.dedup();
            ids
        };
        let whole = holding(run);
        if !whole.is_empty() {
            return vec![whole];
        }
        let chars: Vec<char> = run.chars().collect();
        let mut groups = Vec::new();
        let mut at = 0;
        while at < chars.len() {
            // The longest index word starting here, else one character.
            let len = (1..=chars.len() - at)
                .rev()
                .find(|&len| {
                    let w: String = chars[at..at + len].iter().collect();
                    self.terms.contains_key(&w)
                })
                .unwrap_or(1);
            let piece: String = chars[at..at + len].iter().collect();
            groups.push(holding(&piece));
            at += len;
        }
        groups
    }

    /// Sections holding every word of `query`: the reader's language
    /// first, then those whose heading holds the query, then book order.
    pub fn search(&self, query: &str, lang: Lang) -> Vec<&Section> {
        let mut groups: Vec<Vec<u32>> = Vec::new();
        let mut words = Vec::new();
        pieces(query, |piece| match piece {
            Piece::Word(w) => words.push(w),
            Piece::Han(run) => groups.extend(self.han_groups(run)),
        });
        // The last word may still be being typed: it also matches as the
        // start of a longer word.
        let typing = !query.ends_with(' ');
        let last = words.len().saturating_sub(1);
        for (i, w) in words.iter().enumerate() {
            groups.push(self.sections_of(w, typing && i == last && w.len() >= 3));
        }
        let Some((first, rest)) = groups.split_first_mut() else {
            return Vec::new();
        };
        for g in rest.iter() {
            first.retain(|id| g.binary_search(id).is_ok());
        }
        let q = query.trim().to_lowercase();
        let mut found: Vec<&Section> = first.iter().map(|&i| &self.sections[i as usize]).collect();
        found.sort_by_key(|s| (s.lang != lang, !s.title.to_lowercase().contains(&q)));
        found.truncate(MAX_RESULTS);
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_meet_their_singulars() {
        for (a, b) in [
            ("goroutines", "goroutine"),
            ("queues", "queue"),
            ("mutexes", "mutex"),
            ("libraries", "library"),
            ("processes", "process"),
            ("channels", "channel"),
        ] {
            assert_eq!(word_term(a), word_term(b), "{a} / {b}");
        }
        assert_eq!(word_term("status"), "statu");
        assert_eq!(word_term("bus"), "bus");
        assert_eq!(word_term("Runnext"), "runnext");
    }

    #[test]
    fn chinese_is_found_inside_longer_words_and_across_them() {
        let idx = Index::parse(
            "golab-search 1\nzh\ta\t\tA\nzh\tb\t\tB\nzh\tc\t\tC\n\n调度器\tA\n调度\tB\n抢占\tAC\n锁\tC\n",
        )
        .unwrap();
        let chapters = |q: &str| {
            let mut v: Vec<&str> = idx
                .search(q, Lang::Zh)
                .iter()
                .map(|s| s.chapter.as_str())
                .collect();
            v.sort();
            v
        };
        assert_eq!(chapters("调度"), ["a", "b"], "inside 调度器 too");
        assert_eq!(chapters("调度器"), ["a"]);
        assert_eq!(
            chapters("抢占调度器"),
            ["a"],
            "cut into words the index knows"
        );
        assert_eq!(chapters("抢占 锁"), ["c"]);
        assert!(chapters("调度锁").is_empty(), "every word must match");
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn index() -> Index {
        Index::parse(&build()).expect("the built index parses")
    }

    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn the_scheduler_chapter_is_found_in_both_languages() {
        let idx = index();
        for (query, lang) in [
            ("调度", Lang::Zh),
            ("调度器", Lang::Zh),
            ("抢占式调度", Lang::Zh),
            ("runnext", Lang::Zh),
            ("runnext", Lang::En),
            ("scheduler", Lang::En),
        ] {
            let found = idx.search(query, lang);
            assert!(
                found
                    .iter()
                    .any(|s| s.chapter == "scheduler" && s.lang == lang),
                "{query} in {lang:?}: {found:?}"
            );
            assert!(found.len() <= MAX_RESULTS);
            assert_eq!(found[0].lang, lang, "{query}: the reader's language first");
        }
    }

    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn results_link_to_their_headings() {
        let idx = index();
        let found = idx.search("runnext", Lang::En);
        let s = found
            .iter()
            .find(|s| !s.anchor.is_empty())
            .expect("a section under a heading");
        assert!(
            s.href().starts_with(&format!("/en/{}#", s.chapter)),
            "{}",
            s.href()
        );
        // Every word of the query must be there.
        assert!(idx.search("runnext zebra-unicorn", Lang::En).is_empty());
        // The word being typed matches as a prefix.
        assert!(!idx.search("runne", Lang::En).is_empty());
    }

    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn the_index_fits_its_budget() {
        let text = build();
        // gzip is DEFLATE plus an 18-byte frame.
        let gz = miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 9).len() + 18;
        // Issue 21: the index is fetched on first use, 40 KB gzipped at most.
        assert!(gz <= 40 * 1024, "{gz} bytes gzipped ({} raw)", text.len());
    }

    #[test]
    fn a_bad_index_is_an_error_not_a_panic() {
        assert!(Index::parse("").is_err());
        assert!(Index::parse("golab-search 1\nzh\tonly-two\n").is_err());
        let idx = Index::parse("golab-search 1\nen\tx\t\tX\n\nword\tA99999999999z,-1\n").unwrap();
        assert_eq!(idx.search("word", Lang::En).len(), 1);
    }
}
