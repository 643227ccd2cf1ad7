//! Prerendered chapters: a [`Document`] written out at build time
//! (`golab-prerender`, run by trunk before each build) and read back by the
//! page, so that the page ships no Markdown parser (pulldown-cmark and its
//! tables were 45 KB of the gzipped first view, measured 2026-12-07).
//!
//! The format is text, in the order the tree is walked: a number is its
//! decimal digits and `;`, a string its byte length, `:` and its bytes, a
//! node a letter and its fields. A directive keeps its fence's source, which
//! the page parses again with [`parse_fence`] (a small parser the page has
//! anyway), followed by the parsed Markdown of a quiz's texts. Element and
//! attribute names come from fixed lists, since the tree holds them as
//! `&'static str`; a name outside them is a decoding error, as is any
//! malformed input (a stale or truncated file): the page shows it in place
//! of the chapter, never panics.

use crate::directive::{parse_fence, Directive};
use crate::markdown::{Document, Element, Node};
use std::fmt::Write as _;

/// Bumped with every change of the format, so a file of another version is
/// refused rather than misread.
const MAGIC: &str = "golab-doc 2\n";

const TAGS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "ol",
    "ul",
    "li",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "em",
    "strong",
    "del",
    "a",
    "img",
    "div",
    "span",
    "code",
    "br",
    "hr",
    "sup",
    "aside",
];
const ATTRS: &[&str] = &[
    "href",
    "title",
    "target",
    "rel",
    "src",
    "alt",
    "loading",
    "style",
    "start",
    "class",
    "id",
    "aria-label",
    "tabindex",
];

/// Writes `doc` in the prerendered format.
pub fn encode(doc: &Document) -> String {
    let mut w = String::from(MAGIC);
    str(&mut w, &doc.title);
    num(&mut w, doc.outline.len());
    for (level, id, text) in &doc.outline {
        num(&mut w, *level as usize);
        str(&mut w, id);
        str(&mut w, text);
    }
    nodes(&mut w, &doc.nodes);
    w
}

fn num(w: &mut String, n: usize) {
    let _ = write!(w, "{n};");
}

fn str(w: &mut String, s: &str) {
    let _ = write!(w, "{}:{s}", s.len());
}

fn nodes(w: &mut String, ns: &[Node]) {
    num(w, ns.len());
    for n in ns {
        node(w, n);
    }
}

fn node(w: &mut String, n: &Node) {
    match n {
        Node::Text(t) => {
            w.push('T');
            str(w, t);
        }
        Node::Element(e) => {
            w.push('E');
            str(w, e.tag);
            num(w, e.attrs.len());
            for (k, v) in &e.attrs {
                str(w, k);
                str(w, v);
            }
            nodes(w, &e.children);
        }
        Node::Code { lang, code } => {
            w.push('C');
            str(w, lang);
            str(w, code);
        }
        Node::Directive {
            directive,
            line,
            index,
            fence,
        } => {
            w.push('D');
            num(w, *line);
            num(w, *index);
            str(w, &fence.0);
            str(w, &fence.1);
            match directive {
                Directive::Quiz(quiz) => {
                    for q in &quiz.questions {
                        nodes(w, &q.prompt_nodes);
                        for c in &q.choices {
                            nodes(w, &c.text_nodes);
                            nodes(w, &c.why_nodes);
                        }
                    }
                }
                Directive::Exercise(e) => {
                    nodes(w, &e.goal_nodes);
                    for h in &e.hint_nodes {
                        nodes(w, h);
                    }
                }
                _ => {}
            }
        }
        Node::Error {
            line,
            message,
            source,
        } => {
            w.push('X');
            num(w, *line);
            str(w, message);
            str(w, source);
        }
    }
}

/// Reads a prerendered document; `Err` says what is wrong with the input.
pub fn decode(text: &str) -> Result<Document, String> {
    let rest = text
        .strip_prefix(MAGIC)
        .ok_or("not a prerendered chapter of this version")?;
    let mut r = Reader { s: rest };
    let title = r.str()?.to_string();
    let mut outline = Vec::new();
    for _ in 0..r.num()? {
        let level = u8::try_from(r.num()?).map_err(|_| "bad heading level")?;
        outline.push((level, r.str()?.to_string(), r.str()?.to_string()));
    }
    let nodes = r.nodes(0)?;
    if !r.s.is_empty() {
        return Err("trailing data".into());
    }
    Ok(Document {
        title,
        nodes,
        outline,
    })
}

struct Reader<'a> {
    s: &'a str,
}

/// Nesting deeper than this is not a chapter but a broken file.
const MAX_DEPTH: usize = 64;

impl<'a> Reader<'a> {
    fn num(&mut self) -> Result<usize, String> {
        let (n, rest) = self.s.split_once(';').ok_or("truncated number")?;
        self.s = rest;
        n.parse().map_err(|_| format!("bad number {n:?}"))
    }

    fn str(&mut self) -> Result<&'a str, String> {
        let (n, rest) = self.s.split_once(':').ok_or("truncated string")?;
        let n: usize = n.parse().map_err(|_| format!("bad length {n:?}"))?;
        let s = rest.get(..n).ok_or("truncated string")?;
        self.s = &rest[n..];
        Ok(s)
    }

    fn name(&mut self, table: &[&'static str]) -> Result<&'static str, String> {
        let s = self.str()?;
        table
            .iter()
            .find(|t| **t == s)
            .copied()
            .ok_or_else(|| format!("unknown name {s:?}"))
    }

    fn nodes(&mut self, depth: usize) -> Result<Vec<Node>, String> {
        if depth > MAX_DEPTH {
            return Err("nested too deeply".into());
        }
        let n = self.num()?;
        // Each node takes at least two bytes: no count beyond the input.
        if n > self.s.len() {
            return Err("bad node count".into());
        }
        (0..n).map(|_| self.node(depth)).collect()
    }

    fn node(&mut self, depth: usize) -> Result<Node, String> {
        let kind = self.s.as_bytes().first().copied().ok_or("truncated node")?;
        self.s = &self.s[1..];
        Ok(match kind {
            b'T' => Node::Text(self.str()?.to_string()),
            b'E' => {
                let mut e = Element {
                    tag: self.name(TAGS)?,
                    attrs: Vec::new(),
                    children: Vec::new(),
                };
                for _ in 0..self.num()? {
                    let k = self.name(ATTRS)?;
                    e.attrs.push((k, self.str()?.to_string()));
                }
                e.children = self.nodes(depth + 1)?;
                Node::Element(e)
            }
            b'C' => Node::Code {
                lang: self.str()?.to_string(),
                code: self.str()?.to_string(),
            },
            b'D' => {
                let (line, index) = (self.num()?, self.num()?);
                let (info, body) = (self.str()?.to_string(), self.str()?.to_string());
                let mut directive = match parse_fence(&info, &body) {
                    Some(Ok(d)) => d,
                    _ => return Err(format!("the block at line {line} no longer parses")),
                };
                match &mut directive {
                    Directive::Quiz(quiz) => {
                        for q in &mut quiz.questions {
                            q.prompt_nodes = self.nodes(depth + 1)?;
                            for c in &mut q.choices {
                                c.text_nodes = self.nodes(depth + 1)?;
                                c.why_nodes = self.nodes(depth + 1)?;
                            }
                        }
                    }
                    Directive::Exercise(e) => {
                        e.goal_nodes = self.nodes(depth + 1)?;
                        for _ in 0..e.hints.len() {
                            let h = self.nodes(depth + 1)?;
                            e.hint_nodes.push(h);
                        }
                    }
                    _ => {}
                }
                Node::Directive {
                    directive,
                    line,
                    index,
                    fence: Box::new((info, body)),
                }
            }
            b'X' => Node::Error {
                line: self.num()?,
                message: self.str()?.to_string(),
                source: self.str()?.to_string(),
            },
            other => return Err(format!("unknown node kind {:?}", other as char)),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::chapters;
    use crate::lang::Lang;
    use crate::markdown::{parse, LinkContext};

    #[test]
    fn every_chapter_reads_back_as_it_was_written() {
        for c in chapters() {
            for lang in Lang::ALL {
                let Some(text) = c.text(lang) else { continue };
                let doc = parse(text, &LinkContext { lang: lang.code() });
                let back = decode(&encode(&doc)).expect("decodes");
                assert_eq!(back, doc, "{}", c.path(lang));
            }
        }
    }

    #[test]
    fn every_tag_and_attribute_the_parser_makes_is_known() {
        fn walk(ns: &[Node]) {
            for n in ns {
                if let Node::Element(e) = n {
                    assert!(TAGS.contains(&e.tag), "{}", e.tag);
                    assert!(e.attrs.iter().all(|(k, _)| ATTRS.contains(k)));
                    walk(&e.children);
                }
            }
        }
        let src = "# T\n\n> q\n\n1. a\n2. b\n\n3. c\n\n- x\n\n|a|b|\n|:-|-:|\n|1|2|\n\n*e* **s** ~~d~~ `c` [l](https://x \"t\") ![i](/a.svg)\\\nbr\n\n---\n\nf[^1]\n\n[^1]: note\n\n<b>html</b>\n";
        walk(&parse(src, &LinkContext { lang: "en" }).nodes);
    }

    #[test]
    fn broken_input_is_an_error_not_a_panic() {
        let doc = parse("# T\n\ntext `code`\n", &LinkContext { lang: "en" });
        let good = encode(&doc);
        for cut in 0..good.len() {
            if good.is_char_boundary(cut) {
                assert!(decode(&good[..cut]).is_err(), "cut at {cut}");
            }
        }
        for bad in [
            "",
            "golab-doc 1\n",
            "golab-doc 1\n0:0;1;Z",
            "golab-doc 1\n0:0;1;E6:script0;0;",
            "golab-doc 1\n0:0;99999999999999999999;",
        ] {
            assert!(decode(bad).is_err(), "{bad:?}");
        }
    }
}
