//! A recursive-descent parser for the Go subset.
//!
//! Parsing never fails: [`parse`] returns a [`File`] plus a list of syntax
//! errors worded like `cmd/compile/internal/syntax` ("syntax error:
//! unexpected X, expecting Y"). After an error the parser skips to the next
//! statement or declaration boundary. Recursion depth is bounded
//! ([`MAX_DEPTH`]): deeper input gives one diagnostic and the rest of the file
//! is skipped, so adversarial input cannot overflow the host stack.
//!
//! This module holds the entry point and the token helpers (lookahead,
//! errors, nesting); the grammar is split into `decl`, `types`, `expr` and
//! `stmt`, one `impl Parser` block each.

use crate::ast::*;
use crate::lexer::{self, Tok, Token};

mod decl;
mod expr;
mod stmt;
mod types;

/// Maximum nesting of expressions, types and statements.
pub const MAX_DEPTH: u32 = 1000;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub pos: Pos,
    pub message: String,
    /// A lexical error (bad literal, stray character): these do not stop
    /// type checking, syntax errors do.
    pub lexical: bool,
}

/// Parses a whole file. Lexical errors are included in the returned errors.
pub fn parse(src: &[u8]) -> (File, Vec<SyntaxError>) {
    let (f, errs, _) = parse_part(src, 0, 0);
    (f, errs)
}

/// Parses the file that starts at byte `start` of `src` (a library package
/// appended after the program, so that every position names one place in
/// one text), numbering its nodes after `first_id`; also returns the last
/// id used.
pub fn parse_part(src: &[u8], start: usize, first_id: NodeId) -> (File, Vec<SyntaxError>, NodeId) {
    let (mut toks, mut lerrs) = lexer::tokenize(&src[start..]);
    let base = start as u32;
    for t in &mut toks {
        t.start += base;
        t.end += base;
    }
    for e in &mut lerrs {
        e.offset += base;
    }
    let bad_offsets: Vec<u32> = lerrs.iter().map(|e| e.offset).collect();
    let toks: Vec<Token> = toks
        .into_iter()
        // Comments and stray characters (already reported) are not seen by the parser.
        .filter(|t| t.kind != Tok::Comment && t.kind != Tok::Illegal)
        .collect();
    let mut p = Parser {
        src,
        toks,
        p: 0,
        errs: lerrs
            .into_iter()
            .map(|e| SyntaxError {
                pos: e.offset,
                message: e.message,
                lexical: true,
            })
            .collect(),
        next_id: first_id,
        xnest: 0,
        depth: 0,
        bailed: false,
        guard: crate::StackGuard::new(),
        bad_offsets,
    };
    let f = p.file();
    let last_id = p.next_id;
    let mut errs = p.errs;
    errs.sort_by_key(|e| e.pos);
    // Like cmd/compile, report at most one syntax error per line.
    let li = lexer::LineIndex::new(src);
    let mut last_line = 0;
    errs.retain(|e| {
        if !e.message.starts_with("syntax error") {
            return true;
        }
        let line = li.line(e.pos);
        let keep = line != last_line;
        last_line = line;
        keep
    });
    (f, errs, last_id)
}

struct Parser<'a> {
    src: &'a [u8],
    toks: Vec<Token>,
    p: usize,
    errs: Vec<SyntaxError>,
    next_id: NodeId,
    /// Expression nesting level: < 0 in control clauses (composite literals
    /// of named types need parentheses there), as in Go's parser.
    xnest: i32,
    depth: u32,
    bailed: bool,
    guard: crate::StackGuard,
    /// Offsets of lexical errors: a literal containing one becomes `Bad`
    /// (already reported; the checker must not complain again).
    bad_offsets: Vec<u32>,
}

type PResult<T> = Result<T, ()>;

impl<'a> Parser<'a> {
    // ---- token helpers ----

    fn tok(&self) -> Tok {
        if self.bailed {
            return Tok::Eof;
        }
        self.toks[self.p].kind
    }

    fn pos(&self) -> Pos {
        self.toks[self.p.min(self.toks.len() - 1)].start
    }

    fn peek(&self, k: usize) -> Tok {
        self.toks.get(self.p + k).map_or(Tok::Eof, |t| t.kind)
    }

    fn next(&mut self) {
        if self.p + 1 < self.toks.len() {
            self.p += 1;
        }
    }

    fn got(&mut self, t: Tok) -> bool {
        if self.tok() == t {
            self.next();
            true
        } else {
            false
        }
    }

    fn text(&self) -> &'a str {
        let t = self.toks[self.p];
        std::str::from_utf8(&self.src[t.start as usize..t.end as usize]).unwrap_or("?")
    }

    fn id(&mut self) -> NodeId {
        self.next_id += 1;
        self.next_id
    }

    /// Describes the current token the way Go's syntax errors do.
    fn tok_desc(&self) -> String {
        let t = self.toks[self.p];
        match t.kind {
            Tok::Semi if t.auto => {
                if t.start as usize >= self.src.len() {
                    "EOF".into()
                } else {
                    "newline".into()
                }
            }
            Tok::Semi => "semicolon".into(),
            Tok::Comma => "comma".into(),
            Tok::Ident => self.text().to_string(),
            k if k.is_literal() => format!("literal {}", self.text()),
            k if k.is_keyword() => k.text().to_string(),
            k => k.text().to_string(),
        }
    }

    /// Reports "syntax error: unexpected TOK<msg>" at the current token.
    /// `msg` is ", expecting X", " in X", " at end of statement", or empty.
    fn syntax_error(&mut self, msg: &str) {
        let pos = self.pos();
        if self.tok() == Tok::Eof && self.bailed {
            return;
        }
        // Like cmd/compile: no "unexpected EOF" after an earlier error.
        let at_eof = self.tok() == Tok::Eof
            || (self.tok() == Tok::Semi && self.toks[self.p].start as usize >= self.src.len());
        if at_eof && !self.errs.is_empty() {
            return;
        }
        let m = if msg.starts_with("in ") || msg.starts_with("at ") || msg.starts_with("after ") {
            format!("syntax error: unexpected {} {}", self.tok_desc(), msg)
        } else if msg.starts_with("expecting ") {
            format!("syntax error: unexpected {}, {}", self.tok_desc(), msg)
        } else if msg.is_empty() {
            format!("syntax error: unexpected {}", self.tok_desc())
        } else {
            format!("syntax error: {msg}")
        };
        self.error_at(pos, m);
    }

    fn error_at(&mut self, pos: Pos, message: String) {
        self.errs.push(SyntaxError {
            pos,
            message,
            lexical: false,
        });
    }

    fn want(&mut self, t: Tok) -> PResult<()> {
        if self.got(t) {
            Ok(())
        } else {
            let what = match t {
                Tok::Ident => "name".to_string(),
                Tok::Semi => "semicolon or newline".to_string(),
                Tok::Comma => "comma".to_string(),
                t => t.text().to_string(),
            };
            self.syntax_error(&format!("expecting {what}"));
            Err(())
        }
    }

    fn enter(&mut self) -> PResult<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH || self.guard.exceeded() {
            if !self.bailed {
                let pos = self.pos();
                self.error_at(pos, "syntax error: program too deeply nested".into());
                self.bailed = true;
            }
            return Err(());
        }
        Ok(())
    }

    fn leave(&mut self) {
        self.depth -= 1;
    }

    /// Skips tokens up to (not including) a `;` or `}` at nesting level 0, or
    /// a token in `stop` at level 0.
    fn advance(&mut self, stop: &[Tok]) {
        let mut level = 0i32;
        loop {
            let t = self.tok();
            match t {
                Tok::Eof => return,
                Tok::LBrace | Tok::LParen | Tok::LBrack => level += 1,
                Tok::RBrace | Tok::RParen | Tok::RBrack => {
                    if level == 0 {
                        if t == Tok::RBrace {
                            return;
                        }
                    } else {
                        level -= 1;
                    }
                }
                Tok::Semi if level == 0 => return,
                _ if level == 0 && stop.contains(&t) => return,
                _ => {}
            }
            self.next();
        }
    }

    /// Skips to the closing token `close` at nesting level 0 and consumes it.
    fn skip_past(&mut self, close: Tok) {
        let mut level = 0i32;
        loop {
            let t = self.tok();
            match t {
                Tok::Eof => return,
                Tok::LBrace | Tok::LParen | Tok::LBrack => level += 1,
                Tok::RBrace | Tok::RParen | Tok::RBrack => {
                    if level == 0 {
                        if t == close {
                            self.next();
                        }
                        return;
                    }
                    level -= 1;
                }
                _ => {}
            }
            self.next();
        }
    }

    fn ident(&mut self) -> PResult<Ident> {
        if self.tok() == Tok::Ident {
            let name = self.text().to_string();
            let pos = self.pos();
            self.next();
            Ok(Ident {
                name,
                pos,
                id: self.id(),
            })
        } else {
            self.want(Tok::Ident)?;
            unreachable!()
        }
    }

    fn mk(&mut self, pos: Pos, kind: ExprKind) -> Expr {
        Expr {
            id: self.id(),
            pos,
            kind,
        }
    }

    fn bad(&mut self, pos: Pos) -> Expr {
        self.mk(pos, ExprKind::Bad)
    }
}

/// Whether a token can start an expression (or a simple statement).
fn starts_expr(t: Tok) -> bool {
    t.is_literal()
        || matches!(
            t,
            Tok::Ident
                | Tok::Func
                | Tok::LParen
                | Tok::LBrack
                | Tok::Struct
                | Tok::Map
                | Tok::Chan
                | Tok::Interface
                | Tok::Mul
                | Tok::And
                | Tok::Add
                | Tok::Sub
                | Tok::Not
                | Tok::Xor
                | Tok::Arrow
                | Tok::Tilde
        )
}

/// Whether a token can start a type (used for result lists).
fn starts_type(t: Tok) -> bool {
    matches!(
        t,
        Tok::Ident
            | Tok::Mul
            | Tok::LBrack
            | Tok::Map
            | Tok::Chan
            | Tok::Func
            | Tok::Struct
            | Tok::Interface
            | Tok::Arrow
            | Tok::LParen
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexer::LineIndex;

    fn errors(src: &str) -> Vec<String> {
        let (_, errs) = parse(src.as_bytes());
        let li = LineIndex::new(src.as_bytes());
        errs.iter()
            .map(|e| {
                let (l, c) = li.line_col(e.pos);
                format!("{l}:{c}: {}", e.message)
            })
            .collect()
    }

    #[test]
    fn parses_the_subset_without_errors() {
        let src = r#"package main

import (
	"fmt"
	"strings"
)

type Shape interface {
	Area() float64
	fmt.Stringer
}

type Point struct {
	X, Y int
	name string `json:"n"`
}

const (
	A = iota
	B
	C float64 = 1 << iota
)

var x, y = 1, "s"

func (p *Point) Move(dx, dy int) (int, error) { p.X += dx; return p.X, nil }

func sum(xs ...int) (total int) {
	for _, v := range xs {
		total += v
	}
	return
}

func main() {
	m := map[string][]int{"a": {1, 2}, "b": nil}
	ps := []*Point{{1, 2, "p"}, &Point{X: 3}}
	ch := make(chan<- int, 3)
	var rc <-chan int
	if v, ok := m["a"]; ok && len(v) > 0 {
		fmt.Println(v[1:], v[:1], v[0:1:2])
	} else if x > 0 {
	} else {
	}
outer:
	for i := 0; i < 10; i++ {
		switch {
		case i%2 == 0:
			continue outer
		default:
			break outer
		}
	}
	for i := range 10 { _ = i }
	for range ch2() {}
	switch t := interface{}(x).(type) {
	case int, string:
		_ = t
	case nil:
	}
	select {
	case v := <-rc:
		_ = v
	case ch <- 1:
	default:
	}
	go func(n int) { defer func() { recover() }() }(1)
	f := func(a, b int) int { return a + b }
	var s strings.Builder
	_ = s
	_, _ = f, ps
	var arr [...]int = [...]int{1, 2}
	_ = arr
	for p := range []struct{ a int }{{1}} { _ = p }
	x, y = y, x
	*(&x) = 3
	_ = (*Point)(nil)
}
"#;
        assert_eq!(errors(src), Vec::<String>::new());
    }

    #[test]
    fn syntax_errors_match_go() {
        let cases = [
            ("package main\n\nfunc main() {\n\tx := y z\n}\n", "4:9: syntax error: unexpected z at end of statement"),
            ("package main\n\nx := 1\n", "3:1: syntax error: non-declaration statement outside function body"),
            ("package main\nfunc main() {\n\tvar a = [3]int{1,2,3\n\t}\n}\n", "3:22: syntax error: unexpected newline in composite literal; possibly missing comma or }"),
            ("package main\nfunc main() {\n\tif x := 1; x > 0 \n\t{\n\t}\n}\n", "3:19: syntax error: unexpected newline, expecting { after if clause"),
            ("package main\nfunc main() {\n\tfmt.Println(\"a\"\n}\n", "3:17: syntax error: unexpected newline in argument list; possibly missing comma or )"),
            ("package main\nfunc main() {\n\ta = = 2\n}\n", "3:6: syntax error: unexpected =, expecting expression"),
            ("package main\nfunc main() {\n\tx := 1 +\n}\n", "4:1: syntax error: unexpected }, expecting expression"),
            ("package main\nfunc f[T](x T) {}\n", "2:9: syntax error: missing type constraint"),
            ("package main\nfunc main() {\n\tif x {\n\t}\n\telse {\n\t}\n}\nfunc g() {}\n", "5:2: syntax error: unexpected else, expecting }"),
        ];
        for (src, want) in cases {
            let got = errors(src);
            assert_eq!(got.len(), 1, "{got:?}");
            assert_eq!(
                got.first().map(String::as_str),
                Some(want),
                "source:\n{src}\nall: {got:?}"
            );
        }
    }

    #[test]
    fn deep_nesting_is_a_diagnostic() {
        let src = format!(
            "package main\nvar x = {}1{}\n",
            "(".repeat(10000),
            ")".repeat(10000)
        );
        let got = errors(&src);
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].contains("too deeply nested"));
        let src = format!("package main\nfunc main() {{ {} }}\n", "{".repeat(5000));
        {
            let e = errors(&src);
            assert!(e.iter().any(|e| e.contains("too deeply nested")), "{e:?}");
        }
        let src = format!("package main\nvar x = {}1\n", "- ".repeat(20000));
        {
            let e = errors(&src);
            assert!(e.iter().any(|e| e.contains("too deeply nested")), "{e:?}");
        }
        let src = format!("package main\nvar x = a{}\n", ".b".repeat(20000));
        let _ = errors(&src);
        let src = format!("package main\nvar x = a{}\n", "[0]".repeat(20000));
        let _ = errors(&src);
        // A left-leaning chain of 100,000 operators overflowed the host
        // stack when the tree was dropped (hostile-input test).
        let src = format!("package main\nvar x = y{}\n", "+y".repeat(100_000));
        let e = errors(&src);
        assert!(e.iter().any(|e| e.contains("too deeply nested")), "{e:?}");
    }
}
