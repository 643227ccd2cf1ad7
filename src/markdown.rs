//! Markdown → a small document tree that the view layer turns into Yew nodes.
//!
//! pulldown-cmark gives a flat stream of events; we fold it into [`Node`]s so
//! that the tree can be tested natively (no DOM) and so that fenced blocks
//! become typed [`Directive`]s, carrying the line they start on. The view
//! layer (`crate::view`) only maps this tree to HTML and components.
//!
//! **Invariant:** parsing never fails. A malformed directive becomes a
//! [`Node::Error`] in place and the rest of the chapter still renders.

use crate::directive::{self, Directive};
use pulldown_cmark::{Alignment, CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// A parsed chapter.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    /// Text of the first `#` heading, or empty.
    pub title: String,
    pub nodes: Vec<Node>,
    /// Every `##`..`######` heading: (level, anchor id, text), for a page outline.
    pub outline: Vec<(u8, String, String)>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    Text(String),
    Element(Element),
    /// A fenced or indented code block that is not a directive.
    Code {
        lang: String,
        code: String,
    },
    /// A directive block; `line` is the 1-based line of its opening fence and
    /// `index` its position among the chapter's directives (a default id).
    /// `fence` is its source (info string, body): what a prerendered
    /// chapter carries, the page parsing it again with `parse_fence`.
    Directive {
        directive: Directive,
        line: usize,
        index: usize,
        fence: Box<(String, String)>,
    },
    /// A malformed directive: rendered as a visible error box.
    Error {
        line: usize,
        message: String,
        source: String,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Element {
    pub tag: &'static str,
    pub attrs: Vec<(&'static str, String)>,
    pub children: Vec<Node>,
}

impl Element {
    fn new(tag: &'static str) -> Self {
        Element {
            tag,
            attrs: Vec::new(),
            children: Vec::new(),
        }
    }
    fn attr(mut self, key: &'static str, value: impl Into<String>) -> Self {
        self.attrs.push((key, value.into()));
        self
    }
}

/// Where a chapter lives, so that links between chapter files become routes.
pub struct LinkContext<'a> {
    /// `zh` or `en`.
    pub lang: &'a str,
}

/// Parses Markdown into a [`Document`].
pub fn parse(src: &str, ctx: &LinkContext) -> Document {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES;
    let line_starts = line_starts(src);
    let line_of = |offset: usize| line_starts.partition_point(|&s| s <= offset);

    let mut b = Builder {
        stack: vec![Element::new("root")],
        table: None,
        ids: Vec::new(),
    };
    let mut title = String::new();
    let mut outline = Vec::new();
    let mut heading: Option<(u8, usize)> = None; // level, stack depth
    let mut code: Option<(String, String, usize)> = None; // info, text, line
    let mut image_alt: Option<(String, String)> = None; // src, alt so far
    let mut directive_index = 0;

    for (event, range) in Parser::new_ext(src, options).into_offset_iter() {
        if let Some((_, text, _)) = code.as_mut() {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let (info, text, line) = code.take().expect("inside a code block");
                    b.push_node(code_node(&info, text, line, &mut directive_index, ctx));
                }
                _ => {}
            }
            continue;
        }
        if let Some((_, alt)) = image_alt.as_mut() {
            match event {
                Event::Text(t) | Event::Code(t) => alt.push_str(&t),
                Event::End(TagEnd::Image) => {
                    let (src, alt) = image_alt.take().expect("inside an image");
                    b.push_node(Node::Element(
                        Element::new("img")
                            .attr("src", src)
                            .attr("alt", alt)
                            .attr("loading", "lazy"),
                    ));
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(tag) => match tag {
                Tag::Paragraph => b.open(Element::new("p")),
                Tag::Heading { level, .. } => {
                    heading = Some((heading_level(level), b.stack.len()));
                    b.open(Element::new(heading_tag(level)));
                }
                Tag::BlockQuote(_) => b.open(Element::new("blockquote")),
                Tag::CodeBlock(kind) => {
                    let info = match kind {
                        CodeBlockKind::Fenced(info) => info.to_string(),
                        CodeBlockKind::Indented => String::new(),
                    };
                    code = Some((info, String::new(), line_of(range.start)));
                }
                Tag::List(Some(start)) => {
                    let ol = Element::new("ol");
                    b.open(if start == 1 {
                        ol
                    } else {
                        ol.attr("start", start.to_string())
                    });
                }
                Tag::List(None) => b.open(Element::new("ul")),
                Tag::Item => b.open(Element::new("li")),
                Tag::Table(aligns) => {
                    b.table = Some((aligns, 0, true));
                    // A wide table scrolls sideways (`display: block`):
                    // focusable, so the keyboard can scroll it.
                    b.open(Element::new("table").attr("tabindex", "0"));
                    b.open(Element::new("thead"));
                    b.open(Element::new("tr"));
                }
                Tag::TableHead => {}
                Tag::TableRow => {
                    if let Some(t) = b.table.as_mut() {
                        t.1 = 0;
                    }
                    b.open(Element::new("tr"));
                }
                Tag::TableCell => {
                    let (tag, align) = match b.table.as_mut() {
                        Some((aligns, col, head)) => {
                            let a = aligns.get(*col).copied().unwrap_or(Alignment::None);
                            *col += 1;
                            (if *head { "th" } else { "td" }, a)
                        }
                        None => ("td", Alignment::None),
                    };
                    let cell = Element::new(tag);
                    b.open(match align {
                        Alignment::Left => cell.attr("style", "text-align:left"),
                        Alignment::Center => cell.attr("style", "text-align:center"),
                        Alignment::Right => cell.attr("style", "text-align:right"),
                        Alignment::None => cell,
                    });
                }
                Tag::Emphasis => b.open(Element::new("em")),
                Tag::Strong => b.open(Element::new("strong")),
                Tag::Strikethrough => b.open(Element::new("del")),
                Tag::Link {
                    dest_url, title, ..
                } => {
                    let (href, external) = rewrite_link(&dest_url, ctx);
                    let mut a = Element::new("a").attr("href", href);
                    if !title.is_empty() {
                        a = a.attr("title", title.to_string());
                    }
                    if external {
                        a = a
                            .attr("target", "_blank")
                            .attr("rel", "noopener noreferrer");
                    }
                    b.open(a);
                }
                Tag::Image { dest_url, .. } => {
                    image_alt = Some((dest_url.to_string(), String::new()))
                }
                Tag::FootnoteDefinition(label) => b.open(
                    Element::new("div")
                        .attr("class", "footnote")
                        .attr("id", format!("fn-{label}")),
                ),
                // Anything else (HTML blocks, metadata) is shown as its text.
                _ => b.open(Element::new("span")),
            },
            Event::End(end) => match end {
                TagEnd::Heading(_) => {
                    let Some((level, depth)) = heading.take() else {
                        continue;
                    };
                    let mut h = b.stack.pop().expect("heading is open");
                    debug_assert_eq!(b.stack.len(), depth);
                    let text = plain_text(&h.children);
                    let id = b.unique_id(&text);
                    if level == 1 && title.is_empty() {
                        title = text.clone();
                    } else {
                        outline.push((level, id.clone(), text));
                    }
                    // A focusable link must not be aria-hidden: it gets a name instead.
                    let label = if ctx.lang == "zh" {
                        "本节链接"
                    } else {
                        "Link to this section"
                    };
                    h.children.push(Node::Element(
                        Element::new("a")
                            .attr("class", "anchor")
                            .attr("href", format!("#{id}"))
                            .attr("aria-label", label),
                    ));
                    h.attrs.push(("id", id));
                    b.push_node(Node::Element(h));
                }
                TagEnd::TableHead => {
                    b.close(); // tr
                    b.close(); // thead
                    if let Some(t) = b.table.as_mut() {
                        t.2 = false;
                    }
                    b.open(Element::new("tbody"));
                }
                TagEnd::Table => {
                    b.close(); // tbody
                    b.close(); // table
                    b.table = None;
                }
                TagEnd::BlockQuote(_) => {
                    let quote = b.stack.pop().expect("block quote is open");
                    b.push_node(Node::Element(page_note(quote, ctx)));
                }
                _ => b.close(),
            },
            Event::Text(t) => b.push_node(Node::Text(t.to_string())),
            Event::Code(t) => {
                let mut c = Element::new("code");
                c.children.push(Node::Text(t.to_string()));
                b.push_node(Node::Element(c));
            }
            Event::Html(t) | Event::InlineHtml(t) => b.push_node(Node::Text(t.to_string())),
            Event::SoftBreak => b.push_node(Node::Text("\n".into())),
            Event::HardBreak => b.push_node(Node::Element(Element::new("br"))),
            Event::Rule => b.push_node(Node::Element(Element::new("hr"))),
            Event::FootnoteReference(label) => {
                let mut sup = Element::new("sup");
                let mut a = Element::new("a").attr("href", format!("#fn-{label}"));
                a.children.push(Node::Text(label.to_string()));
                sup.children.push(Node::Element(a));
                b.push_node(Node::Element(sup));
            }
            _ => {}
        }
    }
    while b.stack.len() > 1 {
        b.close();
    }
    let root = b.stack.pop().expect("root element");
    Document {
        title,
        nodes: root.children,
        outline,
    }
}

/// The marker that makes a block quote a note about this page.
const PAGE_NOTE: &str = "[!PAGE]";

/// A block quote whose text starts with `[!PAGE]` becomes an `<aside>`
/// labelled as being about this page rather than Go (chapters/README.md);
/// any other block quote is returned as it is.
fn page_note(mut quote: Element, ctx: &LinkContext) -> Element {
    let Some(Node::Element(p)) = quote.children.first_mut() else {
        return quote;
    };
    let Some(Node::Text(text)) = p.children.first_mut() else {
        return quote;
    };
    let Some(rest) = text.strip_prefix(PAGE_NOTE) else {
        return quote;
    };
    *text = rest.trim_start().to_string();
    if text.is_empty() {
        p.children.remove(0);
    }
    let label = if ctx.lang == "zh" {
        "关于本页"
    } else {
        "About this page"
    };
    let mut strong = Element::new("strong").attr("class", "page-note-label");
    strong.children.push(Node::Text(label.to_string()));
    let mut aside = Element::new("aside")
        .attr("class", "page-note")
        .attr("aria-label", label);
    aside.children.push(Node::Element(strong));
    aside.children.append(&mut quote.children);
    aside
}

struct Builder {
    stack: Vec<Element>,
    /// Column alignments, current column, in the head row.
    table: Option<(Vec<Alignment>, usize, bool)>,
    ids: Vec<String>,
}

impl Builder {
    fn open(&mut self, e: Element) {
        self.stack.push(e);
    }
    fn close(&mut self) {
        if self.stack.len() > 1 {
            let e = self.stack.pop().expect("checked above");
            self.push_node(Node::Element(e));
        }
    }
    fn push_node(&mut self, n: Node) {
        let top = self
            .stack
            .last_mut()
            .expect("root is never popped while parsing");
        // Merge adjacent text so that tests and the DOM see whole runs.
        if let (Node::Text(new), Some(Node::Text(last))) = (&n, top.children.last_mut()) {
            last.push_str(new);
            return;
        }
        top.children.push(n);
    }
    /// A heading anchor: the text slugified, made unique within the page.
    fn unique_id(&mut self, text: &str) -> String {
        let base = slugify(text);
        let base = if base.is_empty() {
            "section".to_string()
        } else {
            base
        };
        let mut id = base.clone();
        let mut n = 1;
        while self.ids.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.ids.push(id.clone());
        id
    }
}

fn code_node(
    info: &str,
    text: String,
    line: usize,
    directive_index: &mut usize,
    ctx: &LinkContext,
) -> Node {
    match directive::parse_fence(info, &text) {
        None => Node::Code {
            lang: info.split_whitespace().next().unwrap_or("").to_string(),
            code: text,
        },
        Some(Ok(mut directive)) => {
            *directive_index += 1;
            match &mut directive {
                Directive::Quiz(quiz) => parse_quiz_text(quiz, ctx),
                Directive::Exercise(e) => parse_exercise_text(e, ctx),
                _ => {}
            }
            Node::Directive {
                directive,
                line,
                index: *directive_index,
                fence: Box::new((info.to_string(), text)),
            }
        }
        Some(Err(e)) => Node::Error {
            line: line + e.line,
            message: e.message,
            source: format!("```{info}\n{text}```"),
        },
    }
}

/// Parses an exercise's goal and hints into their `_nodes`, as quizzes are.
pub fn parse_exercise_text(e: &mut directive::Exercise, ctx: &LinkContext) {
    e.goal_nodes = parse(&e.goal, ctx).nodes;
    e.hint_nodes = e.hints.iter().map(|h| parse(h, ctx).nodes).collect();
}

/// Parses a quiz's Markdown texts (prompts, choices, explanations) into
/// their `_nodes`, so that showing a quiz parses nothing.
pub fn parse_quiz_text(quiz: &mut directive::Quiz, ctx: &LinkContext) {
    for q in &mut quiz.questions {
        q.prompt_nodes = parse(&q.prompt, ctx).nodes;
        for c in &mut q.choices {
            c.text_nodes = parse(&c.text, ctx).nodes;
            c.why_nodes = parse(&c.why, ctx).nodes;
        }
    }
}

/// Byte offsets at which each line starts (line 1 at offset 0).
fn line_starts(src: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(src.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

fn heading_level(l: HeadingLevel) -> u8 {
    l as u8
}

fn heading_tag(l: HeadingLevel) -> &'static str {
    match l {
        HeadingLevel::H1 => "h1",
        HeadingLevel::H2 => "h2",
        HeadingLevel::H3 => "h3",
        HeadingLevel::H4 => "h4",
        HeadingLevel::H5 => "h5",
        HeadingLevel::H6 => "h6",
    }
}

/// The text content of a subtree.
pub fn plain_text(nodes: &[Node]) -> String {
    let mut s = String::new();
    for n in nodes {
        match n {
            Node::Text(t) => s.push_str(t),
            Node::Element(e) => s.push_str(&plain_text(&e.children)),
            Node::Code { code, .. } => s.push_str(code),
            Node::Directive { .. } | Node::Error { .. } => {}
        }
    }
    s
}

/// Anchor ids keep letters and digits of any script (so Chinese headings get
/// readable anchors), lower-case ASCII, and turn runs of anything else into `-`.
pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in text.trim().chars() {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(c.to_lowercase());
        } else {
            dash = true;
        }
    }
    out
}

/// Links to other chapter files (`03-scheduler.md#runnext`, `../en/03-scheduler.md`)
/// become routes (`/zh/scheduler#runnext`); absolute URLs open in a new tab.
fn rewrite_link(dest: &str, ctx: &LinkContext) -> (String, bool) {
    if dest.starts_with("http://") || dest.starts_with("https://") {
        return (dest.to_string(), true);
    }
    let (path, fragment) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (dest, None),
    };
    let Some(stem) = path.strip_suffix(".md") else {
        return (dest.to_string(), false);
    };
    let (lang, file) = match stem.rsplit_once('/') {
        Some((dir, file)) => (
            dir.rsplit('/')
                .next()
                .filter(|d| *d == "zh" || *d == "en")
                .unwrap_or(ctx.lang),
            file,
        ),
        None => (ctx.lang, stem),
    };
    let slug = crate::content::slug_of_file(file);
    let mut href = format!("/{lang}/{slug}");
    if let Some(f) = fragment {
        href.push('#');
        href.push_str(f);
    }
    (href, false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directive::WidgetKind;

    fn doc(src: &str) -> Document {
        parse(src, &LinkContext { lang: "zh" })
    }

    fn find<'a>(nodes: &'a [Node], tag: &str, out: &mut Vec<&'a Element>) {
        for n in nodes {
            if let Node::Element(e) = n {
                if e.tag == tag {
                    out.push(e);
                }
                find(&e.children, tag, out);
            }
        }
    }

    fn all<'a>(d: &'a Document, tag: &str) -> Vec<&'a Element> {
        let mut v = Vec::new();
        find(&d.nodes, tag, &mut v);
        v
    }

    fn attr<'a>(e: &'a Element, key: &str) -> Option<&'a str> {
        e.attrs
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.as_str())
    }

    #[test]
    fn a_page_quote_becomes_an_aside_and_other_quotes_stay() {
        let d = doc("> [!PAGE]\n> Step mode replays a seed.\n\n> Go says so.\n");
        let Node::Element(aside) = &d.nodes[0] else {
            panic!("{:?}", d.nodes)
        };
        assert_eq!(aside.tag, "aside");
        assert_eq!(
            plain_text(&aside.children),
            "关于本页Step mode replays a seed."
        );
        let Node::Element(quote) = &d.nodes[1] else {
            panic!()
        };
        assert_eq!(quote.tag, "blockquote");
    }

    #[test]
    fn title_outline_and_unique_anchor_ids() {
        let d =
            doc("# 进程与线程\n\n## What is a *process*?\n\n## What is a process?\n\n### 主线程\n");
        assert_eq!(d.title, "进程与线程");
        let ids: Vec<_> = d
            .outline
            .iter()
            .map(|(l, id, _)| (*l, id.as_str()))
            .collect();
        assert_eq!(
            ids,
            vec![
                (2, "what-is-a-process"),
                (2, "what-is-a-process-1"),
                (3, "主线程")
            ]
        );
        let h2 = all(&d, "h2");
        assert_eq!(attr(h2[0], "id"), Some("what-is-a-process"));
        let anchor = all(&d, "a")
            .into_iter()
            .find(|a| attr(a, "class") == Some("anchor"))
            .unwrap();
        assert_eq!(attr(anchor, "href"), Some("#进程与线程"));
        assert_eq!(attr(anchor, "aria-label"), Some("本节链接"));
    }

    #[test]
    fn block_and_inline_elements() {
        let d = doc("Para with `code`, **bold**, *em* and ~~old~~.\n\n> quote\n\n1. one\n2. two\n\n- a\n- b\n\n---\n");
        for tag in [
            "p",
            "code",
            "strong",
            "em",
            "del",
            "blockquote",
            "ol",
            "ul",
            "li",
            "hr",
        ] {
            assert!(!all(&d, tag).is_empty(), "missing <{tag}>");
        }
        assert_eq!(all(&d, "li").len(), 4);
    }

    #[test]
    fn tables_have_head_body_and_alignment() {
        let d = doc("| a | b |\n|:--|--:|\n| 1 | 2 |\n| 3 | 4 |\n");
        assert_eq!(all(&d, "th").len(), 2);
        assert_eq!(all(&d, "td").len(), 4);
        assert_eq!(all(&d, "tbody").len(), 1);
        assert_eq!(attr(all(&d, "td")[1], "style"), Some("text-align:right"));
    }

    #[test]
    fn links_between_chapters_become_routes() {
        let d = doc("[s](03-scheduler.md#runnext) [e](../en/01-processes-and-threads.md) [x](https://go.dev) ![fig](/figures/a.svg)");
        let hrefs: Vec<_> = all(&d, "a")
            .iter()
            .map(|a| attr(a, "href").unwrap())
            .collect();
        assert_eq!(
            hrefs,
            vec![
                "/zh/scheduler#runnext",
                "/en/processes-and-threads",
                "https://go.dev"
            ]
        );
        let img = all(&d, "img")[0];
        assert_eq!(
            (attr(img, "src"), attr(img, "alt")),
            (Some("/figures/a.svg"), Some("fig"))
        );
    }

    #[test]
    fn code_blocks_and_directives_carry_their_lines() {
        let src = "# T\n\n```go\nx := 1\n```\n\n```widget gmp\n```\n\ntext\n\n```widget nope\n```\n\nafter\n";
        let d = doc(src);
        assert!(
            matches!(&d.nodes[1], Node::Code { lang, code } if lang == "go" && code == "x := 1\n")
        );
        match &d.nodes[2] {
            Node::Directive {
                directive: Directive::Widget(w),
                line,
                index,
                ..
            } => {
                assert_eq!((w.kind, *line, *index), (WidgetKind::Gmp, 7, 1));
            }
            other => panic!("{other:?}"),
        }
        match &d.nodes[4] {
            Node::Error { line, message, .. } => {
                assert_eq!(*line, 12);
                assert!(message.contains("unknown widget `nope`"));
            }
            other => panic!("{other:?}"),
        }
        // The rest of the page still renders after an error.
        assert_eq!(plain_text(&d.nodes[5..]), "after");
    }

    #[test]
    fn quiz_errors_point_at_the_bad_line_in_the_file() {
        let src = "intro\n\n```quiz\n? Q\n- [x] a\n- [ ] b\n  > w\n```\n";
        match &doc(src).nodes[1] {
            Node::Error { line, .. } => assert_eq!(*line, 5),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn raw_html_is_shown_as_text_not_injected() {
        let d = doc("<script>alert(1)</script>\n\nhi <b>x</b>\n");
        assert!(all(&d, "script").is_empty() && all(&d, "b").is_empty());
        assert!(plain_text(&d.nodes).contains("<script>"));
    }
}
