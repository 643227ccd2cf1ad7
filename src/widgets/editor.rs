//! The code editor of a playground: a transparent `<textarea>` laid exactly
//! over a highlighted copy of its text.
//!
//! Why not a `contenteditable` or a library: a textarea keeps the browser's
//! own caret, selection, undo, IME (the Chinese edition's readers type
//! through one) and accessibility for free; the layer under it only paints.
//! Both layers share one font, line height, tab size and padding, and sit
//! in the same grid cell, so the painted text lines up with the caret.
//!
//! Highlighting reuses the compiler's lexer (`highlight`, re-exported by the engine),
//! so the colours agree with what the compiler sees. Diagnostics are drawn
//! as a wavy underline at their `line:col` and listed under the code; a
//! click on one puts the caret there.
//!
//! Lines can be highlighted from outside (the console's race-report links):
//! a marker in the gutter and a tinted, edge-ruled line, never colour alone,
//! plus a sentence for screen readers in a live region, since the painted
//! layer and the gutter are hidden from them. Each new highlight scrolls
//! its first line into view (the link that set it is usually below, in the
//! console).
//!
//! Keys: Tab indents, Shift+Tab outdents, Enter keeps the indentation (one
//! more after `{`). Escape releases Tab for one press, so keyboard users can
//! leave the editor (the usual way out of code editors, e.g. CodeMirror's).

use crate::engine::data::{highlight, HighlightKind};
use crate::engine::Diag;
use crate::lang::{t, Lang};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{HtmlTextAreaElement, KeyboardEvent};
use yew::prelude::*;

/// A run of text with one look.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    /// CSS class (`tok-keyword`...; empty for plain text).
    pub class: &'static str,
    pub text: String,
    /// Underlined as the position of a diagnostic.
    pub diag: bool,
}

fn class_of(kind: HighlightKind) -> &'static str {
    match kind {
        HighlightKind::Keyword => "tok-keyword",
        HighlightKind::Builtin => "tok-builtin",
        HighlightKind::Ident => "",
        HighlightKind::Number => "tok-number",
        HighlightKind::String | HighlightKind::Char => "tok-string",
        HighlightKind::Comment => "tok-comment",
        HighlightKind::Operator => "tok-op",
        HighlightKind::Punctuation => "tok-punct",
        HighlightKind::Error => "tok-error",
    }
}

/// Byte offset of (1-based line, 1-based byte column), clamped into `src`.
fn offset_of(src: &str, line: u32, col: u32) -> usize {
    let mut start = 0;
    for _ in 1..line.max(1) {
        match src[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return src.len(),
        }
    }
    let end = src[start..].find('\n').map_or(src.len(), |i| start + i);
    (start + col.max(1) as usize - 1).min(end)
}

/// Splits `src` into lines of styled spans: tokens coloured by kind, the
/// token under each diagnostic (or the character, if none) underlined.
/// Joining every line's text with `\n` gives back `src` exactly.
pub fn highlight_lines(src: &str, diags: &[Diag]) -> Vec<Vec<Span>> {
    let n = src.len();
    let mut class = vec![""; n];
    let toks = highlight(src);
    for (kind, r) in &toks {
        let c = class_of(*kind);
        for slot in &mut class[r.start.min(n)..r.end.min(n)] {
            *slot = c;
        }
    }
    let mut marked = vec![false; n];
    for d in diags {
        let at = offset_of(src, d.line, d.col);
        let range = toks
            .iter()
            .map(|(_, r)| r.clone())
            .find(|r| r.start <= at && at < r.end)
            .unwrap_or_else(|| {
                let len = src[at..].chars().next().map_or(0, char::len_utf8);
                at..at + len
            });
        for slot in &mut marked[range.start.min(n)..range.end.min(n)] {
            *slot = true;
        }
    }
    let mut lines = vec![Vec::new()];
    let mut i = 0;
    while i < n {
        if src.as_bytes()[i] == b'\n' {
            lines.push(Vec::new());
            i += 1;
            continue;
        }
        let (c, m) = (class[i], marked[i]);
        let mut j = i + 1;
        while j < n && src.as_bytes()[j] != b'\n' && class[j] == c && marked[j] == m {
            j += 1;
        }
        // Runs only change at token or character boundaries; guard anyway so
        // a slice can never split a character.
        while j < n && !src.is_char_boundary(j) {
            j += 1;
        }
        lines.last_mut().unwrap().push(Span {
            class: c,
            text: src[i..j].to_string(),
            diag: m,
        });
        i = j;
    }
    lines
}

/// The lines (1-based) that carry a diagnostic, with its messages.
fn diag_lines(diags: &[Diag]) -> std::collections::BTreeMap<u32, String> {
    let mut m = std::collections::BTreeMap::new();
    for d in diags {
        let e: &mut String = m.entry(d.line).or_default();
        if !e.is_empty() {
            e.push('\n');
        }
        e.push_str(&d.message);
    }
    m
}

/// Converts a UTF-16 index (what the DOM's selection uses) into a byte
/// offset of `s`.
pub fn utf16_to_byte(s: &str, idx: u32) -> usize {
    let mut units = 0u32;
    for (b, ch) in s.char_indices() {
        if units >= idx {
            return b;
        }
        units += ch.len_utf16() as u32;
    }
    s.len()
}

fn byte_to_utf16(s: &str, byte: usize) -> u32 {
    s[..byte.min(s.len())].encode_utf16().count() as u32
}

/// What Enter inserts at byte `at` of `src`: a newline, the current line's
/// leading whitespace, and one more tab after an opening brace.
pub fn newline_with_indent(src: &str, at: usize) -> String {
    let line_start = src[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = &src[line_start..at];
    let indent: String = line
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    let opens = matches!(line.trim_end().chars().last(), Some('{' | '(' | '['));
    format!("\n{indent}{}", if opens { "\t" } else { "" })
}

/// Lines to highlight, set from outside the editor.
#[derive(Clone, Debug, PartialEq)]
pub struct Highlight {
    /// 1-based line numbers.
    pub lines: Vec<u32>,
    /// What the highlight means, read out by screen readers.
    pub note: AttrValue,
    /// Bumped by every request, so asking again for the same lines scrolls
    /// them into view again.
    pub seq: u64,
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub code: AttrValue,
    pub on_change: Callback<String>,
    #[prop_or_default]
    pub diags: Vec<Diag>,
    #[prop_or(true)]
    pub editable: bool,
    /// The lines the running goroutines are at while stepping (1-based).
    #[prop_or_default]
    pub current_lines: Vec<u32>,
    /// The textarea's accessible name.
    pub label: AttrValue,
    /// A click on a line number: run to that line (step mode).
    #[prop_or_default]
    pub on_line: Option<Callback<u32>>,
    /// Tooltip of the code when `on_line` is set: how to run to the
    /// cursor's line from the keyboard.
    #[prop_or_default]
    pub run_to_cursor_hint: AttrValue,
    /// Tooltip of a line number when `on_line` is set (`{}` is the number).
    #[prop_or_default]
    pub line_hint: AttrValue,
    /// Lines highlighted from outside (a race report's two accesses).
    #[prop_or_default]
    pub highlight: Option<Highlight>,
    /// The reader's language, for the errors about what this page cannot
    /// run (see `crate::unavailable`).
    #[prop_or(Lang::En)]
    pub lang: Lang,
}

/// Scrolls `el` to the middle of its scroll container (and the page), so
/// the line is seen with its context. `scrollIntoView`'s options object is
/// called through Reflect: web-sys exposes it only behind a feature we do
/// not otherwise need.
fn scroll_to_center(el: &web_sys::Element) {
    let opts = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&opts, &"block".into(), &"center".into());
    let f = js_sys::Reflect::get(el, &"scrollIntoView".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    match f {
        Some(f) => {
            let _ = f.call1(el, &opts);
        }
        None => el.scroll_into_view(),
    }
}

/// Inserts `text` over the selection the way typing does, so the browser's
/// undo stack keeps it; falls back to `setRangeText` where `insertText` is
/// unsupported. Either way an `input` event follows... except for the
/// fallback, so the caller emits the new value itself.
fn insert(ta: &HtmlTextAreaElement, text: &str) -> bool {
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok());
    if let Some(doc) = doc {
        if doc
            .exec_command_with_show_ui_and_value("insertText", false, text)
            .unwrap_or(false)
        {
            return true;
        }
    }
    let (s, e) = (
        ta.selection_start().ok().flatten().unwrap_or(0),
        ta.selection_end().ok().flatten().unwrap_or(0),
    );
    let _ = ta.set_range_text_with_start_and_end_and_mode(text, s, e, "end");
    false
}

thread_local! {
    /// Numbers the editors on a page, for their hint's element id.
    static NEXT_ID: Cell<u32> = const { Cell::new(0) };
}

#[function_component(Editor)]
pub fn editor(props: &Props) -> Html {
    let textarea = use_node_ref();
    // The id of the keys hint, which the textarea names as its description.
    let hint_id = use_state(|| {
        NEXT_ID.with(|n| {
            n.set(n.get() + 1);
            format!("editor-keys-{}", n.get())
        })
    });
    // Set by Escape: the next Tab moves focus instead of indenting.
    let tab_released = use_mut_ref(|| Cell::new(false));
    let lines = use_memo(
        (props.code.clone(), props.diags.clone()),
        |(code, diags)| highlight_lines(code, diags),
    );
    let marks = diag_lines(&props.diags);
    let paint = use_node_ref();
    let lit: &[u32] = props.highlight.as_ref().map_or(&[], |h| &h.lines);
    {
        let paint = paint.clone();
        let seq = props.highlight.as_ref().map(|h| h.seq);
        use_effect_with(seq, move |seq| {
            if seq.is_some() {
                let first = paint
                    .cast::<web_sys::Element>()
                    .and_then(|p| p.query_selector(".code-line.highlighted").ok().flatten());
                if let Some(line) = first {
                    scroll_to_center(&line);
                }
            }
        });
    }

    let oninput = {
        let on_change = props.on_change.clone();
        Callback::from(move |e: InputEvent| {
            let ta: HtmlTextAreaElement = e.target_unchecked_into();
            on_change.emit(ta.value());
        })
    };
    let onkeydown = {
        let on_change = props.on_change.clone();
        let on_line = props.on_line.clone();
        let released: Rc<_> = tab_released.clone();
        Callback::from(move |e: KeyboardEvent| {
            let ta: HtmlTextAreaElement = e.target_unchecked_into();
            let key = e.key();
            if key == "Escape" {
                released.borrow().set(true);
                return;
            }
            // Ctrl+F10 (a debugger's "run to cursor"): the keyboard's way to
            // what clicking a line number does.
            if key == "F10" && e.ctrl_key() {
                if let Some(cb) = &on_line {
                    e.prevent_default();
                    let value = ta.value();
                    let at =
                        utf16_to_byte(&value, ta.selection_start().ok().flatten().unwrap_or(0));
                    cb.emit(value[..at].matches('\n').count() as u32 + 1);
                }
                return;
            }
            let was_released = released.borrow().replace(false);
            if e.ctrl_key() || e.meta_key() || e.alt_key() {
                return;
            }
            let value = ta.value();
            let start = ta.selection_start().ok().flatten().unwrap_or(0);
            let text = match (key.as_str(), e.shift_key()) {
                ("Tab", _) if was_released => return,
                ("Tab", false) => "\t".to_string(),
                ("Tab", true) => {
                    // Outdent: drop one leading tab (or up to four spaces).
                    e.prevent_default();
                    let at = utf16_to_byte(&value, start);
                    let ls = value[..at].rfind('\n').map_or(0, |i| i + 1);
                    let rest = &value[ls..];
                    let cut = if rest.starts_with('\t') {
                        1
                    } else {
                        rest.chars().take(4).take_while(|c| *c == ' ').count()
                    };
                    if cut > 0 {
                        let ls16 = byte_to_utf16(&value, ls);
                        let _ = ta.set_selection_range(ls16, ls16 + cut as u32);
                        if !insert(&ta, "") {
                            on_change.emit(ta.value());
                        }
                        let back = start.saturating_sub(cut as u32).max(ls16);
                        let _ = ta.set_selection_range(back, back);
                    }
                    return;
                }
                ("Enter", false) => newline_with_indent(&value, utf16_to_byte(&value, start)),
                _ => return,
            };
            e.prevent_default();
            if !insert(&ta, &text) {
                on_change.emit(ta.value());
            }
        })
    };

    let jump = {
        let textarea = textarea.clone();
        let code = props.code.clone();
        Callback::from(move |(line, col): (u32, u32)| {
            if let Some(ta) = textarea.cast::<HtmlTextAreaElement>() {
                let at = byte_to_utf16(&code, offset_of(&code, line, col));
                let _ = ta.focus();
                let _ = ta.set_selection_range(at, at);
            }
        })
    };

    let gutter = (1..=lines.len() as u32).map(|n| {
        let msg = marks.get(&n).cloned();
        let current = props.current_lines.contains(&n);
        let lit = lit.contains(&n);
        let onclick = props.on_line.as_ref().map(|cb| cb.reform(move |_: MouseEvent| n));
        let title = msg.clone().or_else(|| props.on_line.is_some().then(|| props.line_hint.replace("{}", &n.to_string())));
        html! {
            <span class={classes!("gutter-line", msg.is_some().then_some("has-diag"), current.then_some("current"), lit.then_some("highlighted"), onclick.is_some().then_some("clickable"))}
                {title} {onclick}>{ n }</span>
        }
    });
    let painted = lines.iter().enumerate().map(|(i, spans)| {
        let current = props.current_lines.contains(&(i as u32 + 1));
        let lit = lit.contains(&(i as u32 + 1));
        html! {
            <span class={classes!("code-line", current.then_some("current"), lit.then_some("highlighted"))}>
                { for spans.iter().map(|s| html! {
                    <span class={classes!((!s.class.is_empty()).then_some(s.class), s.diag.then_some("diag"))}>{ s.text.clone() }</span>
                }) }
            </span>
        }
    });
    html! {
        <div class="editor-wrap">
            <div class={classes!("editor", (!props.editable).then_some("readonly"))}>
                <div class="gutter" aria-hidden="true">{ for gutter }</div>
                <div class="editor-code">
                    <pre ref={paint} class="editor-paint" aria-hidden="true">{ for painted }</pre>
                    <textarea ref={textarea} class="editor-input" spellcheck="false" wrap="off"
                        autocapitalize="off" autocomplete="off"
                        aria-label={props.label.clone()}
                        aria-describedby={props.editable.then(|| (*hint_id).clone())}
                        aria-keyshortcuts={props.on_line.is_some().then_some("Control+F10")}
                        title={props.on_line.is_some().then(|| props.run_to_cursor_hint.clone())}
                        aria-invalid={(!props.diags.is_empty()).then_some("true")}
                        readonly={!props.editable}
                        value={props.code.clone()} {oninput} {onkeydown} />
                </div>
            </div>
            // Tab indents here, as in any code editor; a keyboard reader
            // must be told how to leave (shown while the editor has focus).
            if props.editable {
                <p class="editor-keys" id={(*hint_id).clone()}>{ t(props.lang,
                    "Tab 键缩进。要离开编辑器：先按 Esc，再按 Tab。",
                    "Tab indents. To leave the editor: press Esc, then Tab.") }</p>
            }
            <p class="visually-hidden" aria-live="polite">
                { props.highlight.as_ref().map(|h| h.note.clone()).unwrap_or_default() }
            </p>
            if !props.diags.is_empty() {
                <ul class="diags" aria-live="polite">
                    { for props.diags.iter().map(|d| {
                        let (line, col) = (d.line, d.col);
                        let onclick = jump.reform(move |_| (line, col));
                        let unavailable = crate::unavailable::explain(&d.message, props.lang);
                        let to = crate::route::Route::chapter(props.lang, crate::unavailable::PAGE);
                        html! {
                            <li><button class="diag-link" {onclick}>
                                <span class="diag-pos">{ format!("{}:{}:{}", crate::engine::FILE, d.line, d.col) }</span>
                                { ": " }{ unavailable.clone().unwrap_or_else(|| d.message.clone()) }
                            </button>
                            if unavailable.is_some() {
                                { " " }<yew_router::prelude::Link<crate::route::Route> {to} classes="diag-see">
                                    { crate::unavailable::see(props.lang) }
                                </yew_router::prelude::Link<crate::route::Route>>
                            }
                            </li>
                        }
                    }) }
                </ul>
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joined(lines: &[Vec<Span>]) -> String {
        lines
            .iter()
            .map(|l| l.iter().map(|s| s.text.as_str()).collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn highlighting_keeps_the_text_and_colours_tokens() {
        let src = "package main\n\n// hi 世界\nfunc main() {\n\tx := `a\nb` + \"c\"\n}\n";
        let lines = highlight_lines(src, &[]);
        assert_eq!(joined(&lines), src);
        assert_eq!(lines.len(), src.matches('\n').count() + 1);
        assert_eq!(lines[0][0].class, "tok-keyword");
        assert_eq!(lines[0][0].text, "package");
        assert_eq!(lines[2][0].class, "tok-comment");
        // A raw string spanning lines is a string on both lines.
        assert!(lines[4]
            .iter()
            .any(|s| s.class == "tok-string" && s.text == "`a"));
        assert_eq!(lines[5][0].class, "tok-string");
        assert_eq!(lines[5][0].text, "b`");
    }

    #[test]
    fn a_diagnostic_underlines_its_token() {
        let src = "package main\n\nfunc main() {\n\tcount := 1\n}\n";
        let d = Diag {
            line: 4,
            col: 2,
            message: "declared and not used: count".into(),
        };
        let lines = highlight_lines(src, &[d]);
        let marked: Vec<_> = lines.iter().flatten().filter(|s| s.diag).collect();
        assert_eq!(marked.len(), 1);
        assert_eq!(marked[0].text, "count");
        assert_eq!(joined(&lines), src);
    }

    #[test]
    fn a_diagnostic_past_the_text_is_clamped_not_a_panic() {
        let src = "package main\nfunc";
        let d = Diag {
            line: 99,
            col: 99,
            message: "x".into(),
        };
        assert_eq!(joined(&highlight_lines(src, &[d])), src);
        assert_eq!(joined(&highlight_lines("", &[])), "");
    }

    #[test]
    fn enter_keeps_indentation_and_adds_one_after_a_brace() {
        let src = "func main() {\n\tif x {";
        assert_eq!(newline_with_indent(src, 13), "\n\t");
        assert_eq!(newline_with_indent(src, src.len()), "\n\t\t");
        assert_eq!(newline_with_indent("\tx := 1", 7), "\n\t");
    }

    #[test]
    fn utf16_positions_map_to_bytes() {
        let s = "a世b😀c";
        assert_eq!(utf16_to_byte(s, 0), 0);
        assert_eq!(utf16_to_byte(s, 2), 4);
        assert_eq!(utf16_to_byte(s, 5), 9);
        assert_eq!(utf16_to_byte(s, 99), s.len());
        assert_eq!(byte_to_utf16(s, 9), 5);
    }
}
