//! The Go lexer: bytes in, tokens with byte spans out.
//!
//! It follows `cmd/compile/internal/syntax/scanner.go`: positions are byte
//! offsets (columns are counted in bytes, 1-based, as Go reports them),
//! semicolons are inserted automatically after a line's final token when that
//! token could end a statement, and every malformed input (invalid UTF-8, NUL
//! bytes, stray characters, bad literals) becomes a diagnostic with Go's
//! wording instead of a panic. Comments are kept as tokens so the book's
//! editor can reuse this lexer for syntax highlighting ([`highlight`]); the
//! parser simply skips them.

use std::ops::Range;

/// The kind of a token.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tok {
    Eof,
    Comment,
    Ident,
    Int,
    Float,
    Imag,
    Char,
    String,
    // Keywords.
    Break,
    Case,
    Chan,
    Const,
    Continue,
    Default,
    Defer,
    Else,
    Fallthrough,
    For,
    Func,
    Go,
    Goto,
    If,
    Import,
    Interface,
    Map,
    Package,
    Range,
    Return,
    Select,
    Struct,
    Switch,
    Type,
    Var,
    // Operators and punctuation.
    Add,
    Sub,
    Mul,
    Quo,
    Rem,
    And,
    Or,
    Xor,
    Shl,
    Shr,
    AndNot,
    AddAssign,
    SubAssign,
    MulAssign,
    QuoAssign,
    RemAssign,
    AndAssign,
    OrAssign,
    XorAssign,
    ShlAssign,
    ShrAssign,
    AndNotAssign,
    LAnd,
    LOr,
    Arrow,
    Inc,
    Dec,
    Eql,
    Lss,
    Gtr,
    Assign,
    Not,
    Tilde,
    Neq,
    Leq,
    Geq,
    Define,
    Ellipsis,
    LParen,
    LBrack,
    LBrace,
    Comma,
    Period,
    RParen,
    RBrack,
    RBrace,
    Semi,
    Colon,
    /// A character that is not part of Go's syntax (already diagnosed).
    Illegal,
}

impl Tok {
    /// The source text of operators and keywords, as Go's syntax errors print them.
    pub fn text(self) -> &'static str {
        use Tok::*;
        match self {
            Eof => "EOF",
            Comment => "comment",
            Ident => "name",
            Int | Float | Imag | Char | String => "literal",
            Break => "break",
            Case => "case",
            Chan => "chan",
            Const => "const",
            Continue => "continue",
            Default => "default",
            Defer => "defer",
            Else => "else",
            Fallthrough => "fallthrough",
            For => "for",
            Func => "func",
            Go => "go",
            Goto => "goto",
            If => "if",
            Import => "import",
            Interface => "interface",
            Map => "map",
            Package => "package",
            Range => "range",
            Return => "return",
            Select => "select",
            Struct => "struct",
            Switch => "switch",
            Type => "type",
            Var => "var",
            Add => "+",
            Sub => "-",
            Mul => "*",
            Quo => "/",
            Rem => "%",
            And => "&",
            Or => "|",
            Xor => "^",
            Shl => "<<",
            Shr => ">>",
            AndNot => "&^",
            AddAssign => "+=",
            SubAssign => "-=",
            MulAssign => "*=",
            QuoAssign => "/=",
            RemAssign => "%=",
            AndAssign => "&=",
            OrAssign => "|=",
            XorAssign => "^=",
            ShlAssign => "<<=",
            ShrAssign => ">>=",
            AndNotAssign => "&^=",
            LAnd => "&&",
            LOr => "||",
            Arrow => "<-",
            Inc => "++",
            Dec => "--",
            Eql => "==",
            Lss => "<",
            Gtr => ">",
            Assign => "=",
            Not => "!",
            Tilde => "~",
            Neq => "!=",
            Leq => "<=",
            Geq => ">=",
            Define => ":=",
            Ellipsis => "...",
            LParen => "(",
            LBrack => "[",
            LBrace => "{",
            Comma => ",",
            Period => ".",
            RParen => ")",
            RBrack => "]",
            RBrace => "}",
            Semi => ";",
            Colon => ":",
            Illegal => "illegal character",
        }
    }

    pub fn is_keyword(self) -> bool {
        use Tok::*;
        matches!(
            self,
            Break
                | Case
                | Chan
                | Const
                | Continue
                | Default
                | Defer
                | Else
                | Fallthrough
                | For
                | Func
                | Go
                | Goto
                | If
                | Import
                | Interface
                | Map
                | Package
                | Range
                | Return
                | Select
                | Struct
                | Switch
                | Type
                | Var
        )
    }

    pub fn is_literal(self) -> bool {
        matches!(
            self,
            Tok::Int | Tok::Float | Tok::Imag | Tok::Char | Tok::String
        )
    }

    /// For `op=` tokens, the binary operator they apply.
    pub fn assign_op(self) -> Option<Tok> {
        use Tok::*;
        Some(match self {
            AddAssign => Add,
            SubAssign => Sub,
            MulAssign => Mul,
            QuoAssign => Quo,
            RemAssign => Rem,
            AndAssign => And,
            OrAssign => Or,
            XorAssign => Xor,
            ShlAssign => Shl,
            ShrAssign => Shr,
            AndNotAssign => AndNot,
            _ => return None,
        })
    }

    /// Binary operator precedence (Go spec); 0 for non-binary tokens.
    pub fn precedence(self) -> u8 {
        use Tok::*;
        match self {
            LOr => 1,
            LAnd => 2,
            Eql | Neq | Lss | Leq | Gtr | Geq => 3,
            Add | Sub | Or | Xor => 4,
            Mul | Quo | Rem | Shl | Shr | And | AndNot => 5,
            _ => 0,
        }
    }
}

fn keyword(s: &[u8]) -> Option<Tok> {
    use Tok::*;
    Some(match s {
        b"break" => Break,
        b"case" => Case,
        b"chan" => Chan,
        b"const" => Const,
        b"continue" => Continue,
        b"default" => Default,
        b"defer" => Defer,
        b"else" => Else,
        b"fallthrough" => Fallthrough,
        b"for" => For,
        b"func" => Func,
        b"go" => Go,
        b"goto" => Goto,
        b"if" => If,
        b"import" => Import,
        b"interface" => Interface,
        b"map" => Map,
        b"package" => Package,
        b"range" => Range,
        b"return" => Return,
        b"select" => Select,
        b"struct" => Struct,
        b"switch" => Switch,
        b"type" => Type,
        b"var" => Var,
        _ => return None,
    })
}

/// A token: its kind and its byte range in the source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: Tok,
    pub start: u32,
    pub end: u32,
    /// For `Semi`: true when inserted at a newline or at EOF (Go prints such
    /// a semicolon as "newline" in syntax errors).
    pub auto: bool,
}

/// A lexical error at a byte offset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LexError {
    pub offset: u32,
    pub message: String,
}

/// Maps byte offsets to 1-based line and byte column.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<u32>,
}

impl LineIndex {
    pub fn new(src: &[u8]) -> LineIndex {
        let mut starts = vec![0];
        for (i, &b) in src.iter().enumerate() {
            if b == b'\n' {
                starts.push(i as u32 + 1);
            }
        }
        LineIndex { starts }
    }

    /// 1-based line and column of a byte offset.
    pub fn line_col(&self, offset: u32) -> (u32, u32) {
        let line = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        (line as u32 + 1, offset - self.starts[line] + 1)
    }

    pub fn line(&self, offset: u32) -> u32 {
        self.line_col(offset).0
    }
}

/// Lexes the whole source. Comments are included as `Tok::Comment` tokens;
/// the last token is always `Eof`.
pub fn tokenize(src: &[u8]) -> (Vec<Token>, Vec<LexError>) {
    let mut l = Lexer {
        src,
        pos: 0,
        toks: Vec::new(),
        errs: Vec::new(),
        nlsemi: false,
    };
    l.run();
    (l.toks, l.errs)
}

/// The byte length of the first token of `src` (used to quote literals in
/// diagnostics the way they appear in the source).
pub fn first_token_len(src: &[u8]) -> usize {
    let mut l = Lexer {
        src,
        pos: 0,
        toks: Vec::new(),
        errs: Vec::new(),
        nlsemi: false,
    };
    if src.is_empty() {
        return 0;
    }
    l.next_token();
    l.toks.first().map_or(0, |t| t.end as usize)
}

/// Highlighting categories for the book's editor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HighlightKind {
    Keyword,
    /// A predeclared identifier such as `int`, `len`, `nil`, `true`.
    Builtin,
    Ident,
    Number,
    String,
    Char,
    Comment,
    Operator,
    Punctuation,
    Error,
}

/// Tokens for syntax highlighting: (kind, byte range), in source order,
/// including comments; whitespace and inserted semicolons are omitted.
pub fn highlight(src: &str) -> Vec<(HighlightKind, Range<usize>)> {
    let (toks, _) = tokenize(src.as_bytes());
    let mut out = Vec::new();
    for t in toks {
        if t.start == t.end {
            continue;
        }
        let r = t.start as usize..t.end as usize;
        let kind = match t.kind {
            Tok::Eof => continue,
            Tok::Semi if t.auto => continue,
            Tok::Comment => HighlightKind::Comment,
            Tok::Ident => {
                if is_predeclared(&src[r.clone()]) {
                    HighlightKind::Builtin
                } else {
                    HighlightKind::Ident
                }
            }
            Tok::Int | Tok::Float | Tok::Imag => HighlightKind::Number,
            Tok::Char => HighlightKind::Char,
            Tok::String => HighlightKind::String,
            Tok::Illegal => HighlightKind::Error,
            k if k.is_keyword() => HighlightKind::Keyword,
            Tok::LParen
            | Tok::RParen
            | Tok::LBrack
            | Tok::RBrack
            | Tok::LBrace
            | Tok::RBrace
            | Tok::Comma
            | Tok::Semi
            | Tok::Colon
            | Tok::Period => HighlightKind::Punctuation,
            _ => HighlightKind::Operator,
        };
        out.push((kind, r));
    }
    out
}

fn is_predeclared(s: &str) -> bool {
    matches!(
        s,
        "bool"
            | "byte"
            | "error"
            | "float32"
            | "float64"
            | "int"
            | "int8"
            | "int16"
            | "int32"
            | "int64"
            | "rune"
            | "string"
            | "uint"
            | "uint8"
            | "uint16"
            | "uint32"
            | "uint64"
            | "uintptr"
            | "any"
            | "true"
            | "false"
            | "iota"
            | "nil"
            | "append"
            | "cap"
            | "close"
            | "copy"
            | "delete"
            | "len"
            | "make"
            | "max"
            | "min"
            | "new"
            | "panic"
            | "print"
            | "println"
            | "recover"
    )
}

struct Lexer<'a> {
    src: &'a [u8],
    pos: usize,
    toks: Vec<Token>,
    errs: Vec<LexError>,
    /// Whether a newline here would insert a semicolon.
    nlsemi: bool,
}

/// Decodes one UTF-8 character at `i`; returns (char, length) or None for an
/// invalid encoding (length 1 then).
pub fn decode_utf8(s: &[u8], i: usize) -> Option<(char, usize)> {
    let b = *s.get(i)?;
    if b < 0x80 {
        return Some((b as char, 1));
    }
    let n = if b & 0xE0 == 0xC0 {
        2
    } else if b & 0xF0 == 0xE0 {
        3
    } else if b & 0xF8 == 0xF0 {
        4
    } else {
        return None;
    };
    if i + n > s.len() {
        return None;
    }
    std::str::from_utf8(&s[i..i + n])
        .ok()
        .and_then(|t| t.chars().next())
        .map(|c| (c, n))
}

fn fmt_u(c: char) -> String {
    // Go's %#U: U+0040 '@' (the quoted char only when printable).
    if c.is_control() {
        format!("U+{:04X}", c as u32)
    } else {
        format!("U+{:04X} '{}'", c as u32, c)
    }
}

fn is_letter(c: char) -> bool {
    c == '_' || c.is_alphabetic()
}

impl<'a> Lexer<'a> {
    fn err(&mut self, offset: usize, message: impl Into<String>) {
        self.errs.push(LexError {
            offset: offset as u32,
            message: message.into(),
        });
    }

    fn push(&mut self, kind: Tok, start: usize) {
        self.toks.push(Token {
            kind,
            start: start as u32,
            end: self.pos as u32,
            auto: false,
        });
    }

    fn peek(&self, k: usize) -> u8 {
        *self.src.get(self.pos + k).unwrap_or(&0)
    }

    fn run(&mut self) {
        loop {
            // Skip whitespace; a newline may end the statement.
            while self.pos < self.src.len() {
                match self.src[self.pos] {
                    b' ' | b'\t' | b'\r' => self.pos += 1,
                    b'\n' => {
                        if self.nlsemi {
                            self.toks.push(Token {
                                kind: Tok::Semi,
                                start: self.pos as u32,
                                end: self.pos as u32,
                                auto: true,
                            });
                            self.nlsemi = false;
                        }
                        self.pos += 1;
                    }
                    _ => break,
                }
            }
            if self.pos >= self.src.len() {
                if self.nlsemi {
                    self.toks.push(Token {
                        kind: Tok::Semi,
                        start: self.pos as u32,
                        end: self.pos as u32,
                        auto: true,
                    });
                }
                self.toks.push(Token {
                    kind: Tok::Eof,
                    start: self.pos as u32,
                    end: self.pos as u32,
                    auto: false,
                });
                return;
            }
            self.next_token();
        }
    }

    fn next_token(&mut self) {
        let start = self.pos;
        let c = self.src[self.pos];
        let nlsemi_before = self.nlsemi;
        self.nlsemi = false;
        match c {
            b'a'..=b'z' | b'A'..=b'Z' | b'_' => self.ident(start),
            b'0'..=b'9' => self.number(start, false),
            b'"' => self.string(start),
            b'`' => self.raw_string(start),
            b'\'' => self.rune(start),
            b'/' if self.peek(1) == b'/' => {
                // A line comment; the newline it ends at still inserts the
                // semicolon, so keep nlsemi.
                while self.pos < self.src.len() && self.src[self.pos] != b'\n' {
                    self.pos += 1;
                }
                self.check_comment_text(start);
                self.nlsemi = nlsemi_before;
                self.push(Tok::Comment, start);
            }
            b'/' if self.peek(1) == b'*' => {
                self.pos += 2;
                let mut closed = false;
                let mut has_nl = false;
                while self.pos < self.src.len() {
                    if self.src[self.pos] == b'*' && self.peek(1) == b'/' {
                        self.pos += 2;
                        closed = true;
                        break;
                    }
                    if self.src[self.pos] == b'\n' {
                        has_nl = true;
                    }
                    self.pos += 1;
                }
                if !closed {
                    self.err(start, "comment not terminated");
                }
                self.check_comment_text(start);
                if has_nl && nlsemi_before {
                    // A general comment spanning lines acts like a newline.
                    self.toks.push(Token {
                        kind: Tok::Semi,
                        start: start as u32,
                        end: start as u32,
                        auto: true,
                    });
                } else {
                    self.nlsemi = nlsemi_before;
                }
                self.push(Tok::Comment, start);
            }
            b'.' if self.peek(1).is_ascii_digit() => self.number(start, true),
            _ if c >= 0x80 => match decode_utf8(self.src, self.pos) {
                Some((ch, n)) if is_letter(ch) => {
                    let _ = n;
                    self.ident(start)
                }
                Some((ch, n)) => {
                    self.pos += n;
                    if ch == '\u{FEFF}' {
                        if start != 0 {
                            self.err(start, "invalid BOM in the middle of the file");
                        }
                        return;
                    }
                    self.err(start, format!("invalid character {}", fmt_u(ch)));
                    self.nlsemi = nlsemi_before;
                    self.push(Tok::Illegal, start);
                }
                None => {
                    self.pos += 1;
                    self.err(start, "invalid UTF-8 encoding");
                    self.nlsemi = nlsemi_before;
                    self.push(Tok::Illegal, start);
                }
            },
            _ => self.operator(start, c, nlsemi_before),
        }
    }

    fn check_comment_text(&mut self, start: usize) {
        let mut i = start;
        while i < self.pos {
            let b = self.src[i];
            if b == 0 {
                self.err(i, "invalid NUL character");
                i += 1;
            } else if b >= 0x80 {
                match decode_utf8(self.src, i) {
                    Some((_, n)) => i += n,
                    None => {
                        self.err(i, "invalid UTF-8 encoding");
                        i += 1;
                    }
                }
            } else {
                i += 1;
            }
        }
    }

    fn ident(&mut self, start: usize) {
        while self.pos < self.src.len() {
            let b = self.src[self.pos];
            if b.is_ascii_alphanumeric() || b == b'_' {
                self.pos += 1;
            } else if b >= 0x80 {
                match decode_utf8(self.src, self.pos) {
                    Some((ch, n)) if is_letter(ch) || ch.is_numeric() => self.pos += n,
                    _ => break,
                }
            } else {
                break;
            }
        }
        let text = &self.src[start..self.pos];
        match keyword(text) {
            Some(k) => {
                self.nlsemi = matches!(
                    k,
                    Tok::Break | Tok::Continue | Tok::Fallthrough | Tok::Return
                );
                self.push(k, start);
            }
            None => {
                self.nlsemi = true;
                self.push(Tok::Ident, start);
            }
        }
    }

    fn operator(&mut self, start: usize, c: u8, nlsemi_before: bool) {
        use Tok::*;
        let p1 = self.peek(1);
        let p2 = self.peek(2);
        let (kind, len) = match c {
            b'(' => (LParen, 1),
            b')' => (RParen, 1),
            b'[' => (LBrack, 1),
            b']' => (RBrack, 1),
            b'{' => (LBrace, 1),
            b'}' => (RBrace, 1),
            b',' => (Comma, 1),
            b';' => (Semi, 1),
            b'.' if p1 == b'.' && p2 == b'.' => (Ellipsis, 3),
            b'.' => (Period, 1),
            b':' if p1 == b'=' => (Define, 2),
            b':' => (Colon, 1),
            b'+' if p1 == b'+' => (Inc, 2),
            b'+' if p1 == b'=' => (AddAssign, 2),
            b'+' => (Add, 1),
            b'-' if p1 == b'-' => (Dec, 2),
            b'-' if p1 == b'=' => (SubAssign, 2),
            b'-' => (Sub, 1),
            b'*' if p1 == b'=' => (MulAssign, 2),
            b'*' => (Mul, 1),
            b'/' if p1 == b'=' => (QuoAssign, 2),
            b'/' => (Quo, 1),
            b'%' if p1 == b'=' => (RemAssign, 2),
            b'%' => (Rem, 1),
            b'&' if p1 == b'&' => (LAnd, 2),
            b'&' if p1 == b'^' && p2 == b'=' => (AndNotAssign, 3),
            b'&' if p1 == b'^' => (AndNot, 2),
            b'&' if p1 == b'=' => (AndAssign, 2),
            b'&' => (And, 1),
            b'|' if p1 == b'|' => (LOr, 2),
            b'|' if p1 == b'=' => (OrAssign, 2),
            b'|' => (Or, 1),
            b'^' if p1 == b'=' => (XorAssign, 2),
            b'^' => (Xor, 1),
            b'<' if p1 == b'-' => (Arrow, 2),
            b'<' if p1 == b'<' && p2 == b'=' => (ShlAssign, 3),
            b'<' if p1 == b'<' => (Shl, 2),
            b'<' if p1 == b'=' => (Leq, 2),
            b'<' => (Lss, 1),
            b'>' if p1 == b'>' && p2 == b'=' => (ShrAssign, 3),
            b'>' if p1 == b'>' => (Shr, 2),
            b'>' if p1 == b'=' => (Geq, 2),
            b'>' => (Gtr, 1),
            b'=' if p1 == b'=' => (Eql, 2),
            b'=' => (Assign, 1),
            b'!' if p1 == b'=' => (Neq, 2),
            b'!' => (Not, 1),
            b'~' => (Tilde, 1),
            0 => {
                self.pos += 1;
                self.err(start, "invalid NUL character");
                self.nlsemi = nlsemi_before;
                self.push(Illegal, start);
                return;
            }
            _ => {
                self.pos += 1;
                self.err(start, format!("invalid character {}", fmt_u(c as char)));
                self.nlsemi = nlsemi_before;
                self.push(Illegal, start);
                return;
            }
        };
        self.pos += len;
        self.nlsemi = matches!(kind, RParen | RBrack | RBrace | Inc | Dec);
        self.push(kind, start);
    }

    fn number(&mut self, start: usize, leading_dot: bool) {
        self.nlsemi = true;
        let mut kind = Tok::Int;
        let mut base = 10u32;
        let mut prefix = 0u8;
        let mut invalid: Option<(usize, u8)> = None; // first invalid digit
        let mut sep_ok = true;
        if !leading_dot {
            if self.src[self.pos] == b'0' {
                self.pos += 1;
                match self.peek(0).to_ascii_lowercase() {
                    b'x' => {
                        self.pos += 1;
                        base = 16;
                        prefix = b'x';
                    }
                    b'o' => {
                        self.pos += 1;
                        base = 8;
                        prefix = b'o';
                    }
                    b'b' => {
                        self.pos += 1;
                        base = 2;
                        prefix = b'b';
                    }
                    _ => {
                        base = 8;
                        prefix = b'0';
                        // The leading 0 counts as a digit.
                    }
                }
            }
            let nd = self.digits(base, &mut invalid, &mut sep_ok);
            if prefix != b'0' && prefix != 0 && nd == 0 && self.peek(0) != b'.' {
                let name = lit_name(prefix);
                self.err(self.pos, format!("{name} has no digits"));
            }
        }
        // Fraction.
        if self.peek(0) == b'.' {
            kind = Tok::Float;
            if prefix == b'o' || prefix == b'b' {
                self.err(
                    self.pos,
                    format!("invalid radix point in {}", lit_name(prefix)),
                );
            }
            self.pos += 1;
            let fb = if prefix == b'x' { 16 } else { 10 };
            self.digits(fb, &mut invalid, &mut sep_ok);
        }
        let e = self.peek(0).to_ascii_lowercase();
        if e == b'e' || e == b'p' {
            if e == b'e' && prefix == b'x' {
                // 'e' is a hex digit; handled in digits.
            } else {
                if e == b'e' && prefix != 0 && prefix != b'0' {
                    self.err(
                        self.pos,
                        format!(
                            "'{}' exponent requires decimal mantissa",
                            self.peek(0) as char
                        ),
                    );
                } else if e == b'p' && prefix != b'x' {
                    self.err(
                        self.pos,
                        format!(
                            "'{}' exponent requires hexadecimal mantissa",
                            self.peek(0) as char
                        ),
                    );
                }
                self.pos += 1;
                kind = Tok::Float;
                if self.peek(0) == b'+' || self.peek(0) == b'-' {
                    self.pos += 1;
                }
                let mut inv = None;
                let nd = self.digits(10, &mut inv, &mut sep_ok);
                if nd == 0 {
                    self.err(self.pos, "exponent has no digits");
                }
            }
        } else if prefix == b'x' && kind == Tok::Float {
            self.err(start, "hexadecimal mantissa requires a 'p' exponent");
        }
        if self.peek(0) == b'i' {
            self.pos += 1;
            kind = Tok::Imag;
        }
        if kind == Tok::Int {
            if let Some((at, d)) = invalid {
                self.err(
                    at,
                    format!("invalid digit '{}' in {}", d as char, lit_name(prefix)),
                );
            }
        }
        if !sep_ok {
            let at = invalid_sep(&self.src[start..self.pos]).map_or(start, |i| start + i);
            self.err(at, "'_' must separate successive digits");
        }
        self.push(kind, start);
    }

    /// Scans digits (and `_` separators) in the largest base ≤ 10 or 16;
    /// digits invalid for `base` are recorded, not rejected, as Go does.
    fn digits(&mut self, base: u32, invalid: &mut Option<(usize, u8)>, sep_ok: &mut bool) -> usize {
        let mut n = 0;
        let mut prev_sep = false;
        let first = self.pos;
        while self.pos < self.src.len() {
            let b = self.src[self.pos];
            let ok = if base == 16 {
                b.is_ascii_hexdigit()
            } else {
                b.is_ascii_digit()
            };
            if b == b'_' {
                if prev_sep {
                    *sep_ok = false;
                }
                prev_sep = true;
            } else if ok {
                if base < 10 && (b - b'0') as u32 >= base && invalid.is_none() {
                    *invalid = Some((self.pos, b));
                }
                prev_sep = false;
                n += 1;
            } else {
                break;
            }
            self.pos += 1;
        }
        if prev_sep && self.pos > first {
            *sep_ok = false;
        }
        n
    }

    fn escape(&mut self, quote: u8) -> bool {
        // self.pos is after the backslash.
        let start = self.pos - 1;
        let c = self.peek(0);
        let (n, base, max): (usize, u32, u32) = match c {
            b'a' | b'b' | b'f' | b'n' | b'r' | b't' | b'v' | b'\\' => {
                self.pos += 1;
                return true;
            }
            _ if c == quote => {
                self.pos += 1;
                return true;
            }
            b'0'..=b'7' => (3, 8, 255),
            b'x' => {
                self.pos += 1;
                (2, 16, 255)
            }
            b'u' => {
                self.pos += 1;
                (4, 16, 0x10FFFF)
            }
            b'U' => {
                self.pos += 1;
                (8, 16, 0x10FFFF)
            }
            _ => {
                if self.pos >= self.src.len() {
                    return true; // reported as unterminated
                }
                self.err(self.pos, "unknown escape");
                return false;
            }
        };
        let mut x: u32 = 0;
        for _ in 0..n {
            let b = self.peek(0);
            let d = match b {
                b'0'..=b'9' => (b - b'0') as u32,
                b'a'..=b'f' => (b - b'a' + 10) as u32,
                b'A'..=b'F' => (b - b'A' + 10) as u32,
                _ => 99,
            };
            if d >= base {
                if self.pos >= self.src.len() {
                    return true;
                }
                let kind = match base {
                    8 => "octal",
                    _ => "hexadecimal",
                };
                let shown = if b == b'\n' {
                    "newline".to_string()
                } else {
                    format!("{:?}", b as char)
                };
                self.err(
                    self.pos,
                    format!("invalid character {shown} in {kind} escape"),
                );
                return false;
            }
            x = x.wrapping_mul(base).wrapping_add(d);
            self.pos += 1;
        }
        if x > max && base == 8 {
            self.err(start, format!("octal escape value {x} > 255"));
            return false;
        }
        if x > max || (0xD800..0xE000).contains(&x) {
            self.err(start, "escape is invalid Unicode code point");
            return false;
        }
        true
    }

    fn string(&mut self, start: usize) {
        self.nlsemi = true;
        self.pos += 1;
        loop {
            if self.pos >= self.src.len() {
                self.err(start, "string literal not terminated");
                break;
            }
            let b = self.src[self.pos];
            match b {
                b'"' => {
                    self.pos += 1;
                    break;
                }
                b'\\' => {
                    self.pos += 1;
                    self.escape(b'"');
                }
                b'\n' => {
                    self.err(self.pos, "newline in string");
                    break;
                }
                0 => {
                    self.err(self.pos, "invalid NUL character");
                    self.pos += 1;
                }
                _ if b >= 0x80 => match decode_utf8(self.src, self.pos) {
                    Some((_, n)) => self.pos += n,
                    None => {
                        // FIXME: Go 1.19 reports only the first invalid byte
                        // of a line (`x := "\xff\xfe"`: 4:8 only); we report
                        // each one (4:8 and 4:9).
                        self.err(self.pos, "invalid UTF-8 encoding");
                        self.pos += 1;
                    }
                },
                _ => self.pos += 1,
            }
        }
        self.push(Tok::String, start);
    }

    fn raw_string(&mut self, start: usize) {
        self.nlsemi = true;
        self.pos += 1;
        loop {
            if self.pos >= self.src.len() {
                self.err(start, "raw string literal not terminated");
                break;
            }
            let b = self.src[self.pos];
            if b == b'`' {
                self.pos += 1;
                break;
            }
            if b == 0 {
                self.err(self.pos, "invalid NUL character");
            } else if b >= 0x80 && decode_utf8(self.src, self.pos).is_none() {
                self.err(self.pos, "invalid UTF-8 encoding");
            }
            self.pos += 1;
        }
        self.push(Tok::String, start);
    }

    fn rune(&mut self, start: usize) {
        self.nlsemi = true;
        self.pos += 1;
        let mut n = 0;
        let mut ok = true;
        loop {
            if self.pos >= self.src.len() {
                if ok {
                    self.err(start, "rune literal not terminated");
                }
                ok = false;
                break;
            }
            let b = self.src[self.pos];
            match b {
                b'\'' => {
                    if ok {
                        if n == 0 {
                            self.err(self.pos, "empty rune literal or unescaped '");
                            ok = false;
                        } else if n != 1 {
                            self.err(start, "more than one character in rune literal");
                            ok = false;
                        }
                    }
                    self.pos += 1;
                    break;
                }
                b'\\' => {
                    self.pos += 1;
                    if !self.escape(b'\'') {
                        ok = false;
                    }
                    n += 1;
                }
                b'\n' => {
                    if ok {
                        self.err(self.pos, "newline in rune literal");
                    }
                    ok = false;
                    break;
                }
                _ => {
                    if b == 0 {
                        self.err(self.pos, "invalid NUL character");
                        ok = false;
                    }
                    match decode_utf8(self.src, self.pos) {
                        Some((_, l)) => self.pos += l,
                        None => {
                            self.err(self.pos, "invalid UTF-8 encoding");
                            ok = false;
                            self.pos += 1;
                        }
                    }
                    n += 1;
                }
            }
        }
        let _ = ok;
        self.push(Tok::Char, start);
    }
}

/// The index of the first `_` that does not separate two digits (Go's
/// `invalidSep`), or None.
fn invalid_sep(x: &[u8]) -> Option<usize> {
    // prev: b'\'' = start, b'0' = digit (or prefix letter), b'_' = separator.
    let mut x1 = b' ';
    let mut d = b'.';
    let mut i = 0;
    if x.len() >= 2 && x[0] == b'0' && matches!(x[1] | 0x20, b'x' | b'o' | b'b') {
        x1 = x[1] | 0x20;
        d = b'0';
        i = 2;
    }
    while i < x.len() {
        let p = d;
        d = x[i];
        if d == b'_' {
            if p != b'0' {
                return Some(i);
            }
        } else if d.is_ascii_digit() || (x1 == b'x' && d.is_ascii_hexdigit()) {
            d = b'0';
        } else {
            if p == b'_' {
                return Some(i - 1);
            }
            d = b'.';
        }
        i += 1;
    }
    if d == b'_' {
        return Some(x.len() - 1);
    }
    None
}

fn lit_name(prefix: u8) -> &'static str {
    match prefix {
        b'x' => "hexadecimal literal",
        b'o' | b'0' => "octal literal",
        b'b' => "binary literal",
        _ => "decimal literal",
    }
}

/// The value of an integer literal (already validated by the lexer); None
/// when it does not fit in an i128 (the checker reports an overflow).
pub fn int_value(text: &str) -> Option<i128> {
    let t: String = text.chars().filter(|&c| c != '_').collect();
    let (digits, base) = if let Some(r) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        (r.to_string(), 16)
    } else if let Some(r) = t.strip_prefix("0o").or_else(|| t.strip_prefix("0O")) {
        (r.to_string(), 8)
    } else if let Some(r) = t.strip_prefix("0b").or_else(|| t.strip_prefix("0B")) {
        (r.to_string(), 2)
    } else if t.len() > 1 && t.starts_with('0') {
        (t[1..].to_string(), 8)
    } else {
        (t, 10)
    };
    if digits.is_empty() {
        return Some(0);
    }
    let mut v: i128 = 0;
    for c in digits.chars() {
        let d = c.to_digit(base)? as i128;
        v = v.checked_mul(base as i128)?.checked_add(d)?;
    }
    Some(v)
}

/// The value of a float literal (decimal or hexadecimal).
pub fn float_value(text: &str) -> f64 {
    let t: String = text.chars().filter(|&c| c != '_').collect();
    if let Some(r) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        let (mant, exp) = match r.find(['p', 'P']) {
            Some(i) => (&r[..i], r[i + 1..].parse::<i32>().unwrap_or(0)),
            None => (r, 0),
        };
        let (ip, fp) = match mant.find('.') {
            Some(i) => (&mant[..i], &mant[i + 1..]),
            None => (mant, ""),
        };
        let mut v = 0f64;
        for c in ip.chars() {
            v = v * 16.0 + c.to_digit(16).unwrap_or(0) as f64;
        }
        let mut scale = 1.0 / 16.0;
        for c in fp.chars() {
            v += c.to_digit(16).unwrap_or(0) as f64 * scale;
            scale /= 16.0;
        }
        return v * 2f64.powi(exp);
    }
    t.parse::<f64>().unwrap_or(0.0)
}

/// Decodes the body of an interpreted string or rune literal (without
/// quotes) into bytes; escapes were validated by the lexer.
pub fn unquote(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len());
    let mut i = 0;
    while i < body.len() {
        let b = body[i];
        if b != b'\\' || i + 1 >= body.len() {
            out.push(b);
            i += 1;
            continue;
        }
        i += 1;
        let c = body[i];
        i += 1;
        let simple = match c {
            b'a' => Some(7),
            b'b' => Some(8),
            b'f' => Some(12),
            b'n' => Some(b'\n'),
            b'r' => Some(b'\r'),
            b't' => Some(b'\t'),
            b'v' => Some(11),
            b'\\' => Some(b'\\'),
            b'\'' => Some(b'\''),
            b'"' => Some(b'"'),
            _ => None,
        };
        if let Some(s) = simple {
            out.push(s);
            continue;
        }
        let (n, base, byte) = match c {
            b'0'..=b'7' => {
                i -= 1;
                (3, 8, true)
            }
            b'x' => (2, 16, true),
            b'u' => (4, 16, false),
            b'U' => (8, 16, false),
            _ => {
                out.push(c);
                continue;
            }
        };
        let mut x: u32 = 0;
        for _ in 0..n {
            if i < body.len() {
                x = x
                    .wrapping_mul(base)
                    .wrapping_add((body[i] as char).to_digit(base).unwrap_or(0));
                i += 1;
            }
        }
        if byte {
            out.push(x as u8);
        } else {
            let ch = char::from_u32(x).unwrap_or('\u{FFFD}');
            let mut buf = [0; 4];
            out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
        }
    }
    out
}

/// The value of a rune literal's text (with quotes).
pub fn rune_value(text: &[u8]) -> i32 {
    if text.len() < 2 {
        return 0;
    }
    let body = &text[1..text.len() - 1];
    if body.first() == Some(&b'\\') && body.len() >= 2 {
        match body[1] {
            b'x' | b'0'..=b'7' => return unquote(body).first().copied().unwrap_or(0) as i32,
            _ => {}
        }
    }
    let bytes = unquote(body);
    match decode_utf8(&bytes, 0) {
        Some((c, _)) if !bytes.is_empty() => c as i32,
        _ => bytes.first().copied().unwrap_or(0) as i32,
    }
}

/// The bytes of a string literal's text (interpreted or raw, with quotes).
pub fn string_value(text: &[u8]) -> Vec<u8> {
    if text.first() == Some(&b'`') {
        let end = if text.len() >= 2 && text.ends_with(b"`") {
            text.len() - 1
        } else {
            text.len()
        };
        // Carriage returns are discarded from raw strings.
        return text[1..end.max(1)]
            .iter()
            .copied()
            .filter(|&b| b != b'\r')
            .collect();
    }
    let end = if text.len() >= 2 && text.ends_with(b"\"") {
        text.len() - 1
    } else {
        text.len()
    };
    unquote(&text[1.min(text.len())..end.max(1.min(text.len()))])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> String {
        let (toks, errs) = tokenize(src.as_bytes());
        let mut s: Vec<String> = toks
            .iter()
            .filter(|t| t.kind != Tok::Comment)
            .map(|t| {
                let text = &src[t.start as usize..t.end as usize];
                match t.kind {
                    Tok::Semi if t.auto => "NL".to_string(),
                    Tok::Ident | Tok::Int | Tok::Float | Tok::Char | Tok::String | Tok::Imag => {
                        format!("{:?}({})", t.kind, text)
                    }
                    k => k.text().to_string(),
                }
            })
            .collect();
        let li = LineIndex::new(src.as_bytes());
        for e in errs {
            let (l, c) = li.line_col(e.offset);
            s.push(format!("E{l}:{c}:{}", e.message));
        }
        s.join(" ")
    }

    #[test]
    fn tokens_and_semicolons() {
        let cases = [
            ("x := 1\ny++\n", "Ident(x) := Int(1) NL Ident(y) ++ NL EOF"),
            ("return\n}", "return NL } NL EOF"),
            ("a /* c\n */ b", "Ident(a) NL Ident(b) NL EOF"),
            ("a // c\nb", "Ident(a) NL Ident(b) NL EOF"),
            ("f(x)[1]", "Ident(f) ( Ident(x) ) [ Int(1) ] NL EOF"),
            ("a &^= b <<= 2 ... <-c", "Ident(a) &^= Ident(b) <<= Int(2) ... <- Ident(c) NL EOF"),
            ("0x_1F 0o17 0b101 017 1_000 .5 1e3 0x1p-2 3i", "Int(0x_1F) Int(0o17) Int(0b101) Int(017) Int(1_000) Float(.5) Float(1e3) Float(0x1p-2) Imag(3i) NL EOF"),
            ("'a' '\\n' '\\x41' '\\u00e9' \"s\\t\" `raw\n`", "Char('a') Char('\\n') Char('\\x41') Char('\\u00e9') String(\"s\\t\") String(`raw\n`) NL EOF"),
            ("héllo", "Ident(héllo) NL EOF"),
        ];
        for (src, want) in cases {
            assert_eq!(kinds(src), want, "source: {src:?}");
        }
    }

    #[test]
    fn lexical_errors() {
        let cases = [
            (
                "x @ 2",
                "Ident(x) illegal character Int(2) NL EOF E1:3:invalid character U+0040 '@'",
            ),
            (
                "\"abc\nx",
                "String(\"abc) NL Ident(x) NL EOF E1:5:newline in string",
            ),
            (
                "''",
                "Char('') NL EOF E1:2:empty rune literal or unescaped '",
            ),
            (
                "'ab'",
                "Char('ab') NL EOF E1:1:more than one character in rune literal",
            ),
            (
                "0x",
                "Int(0x) NL EOF E1:3:hexadecimal literal has no digits",
            ),
            (
                "09",
                "Int(09) NL EOF E1:2:invalid digit '9' in octal literal",
            ),
            (
                "1__2",
                "Int(1__2) NL EOF E1:3:'_' must separate successive digits",
            ),
            ("1e", "Float(1e) NL EOF E1:3:exponent has no digits"),
            ("\"\\q\"", "String(\"\\q\") NL EOF E1:3:unknown escape"),
            ("/* x", "EOF E1:1:comment not terminated"),
            (
                "`x",
                "String(`x) NL EOF E1:1:raw string literal not terminated",
            ),
            (
                "a\0b",
                "Ident(a) illegal character Ident(b) NL EOF E1:2:invalid NUL character",
            ),
        ];
        for (src, want) in cases {
            assert_eq!(kinds(src), want, "source: {src:?}");
        }
    }

    #[test]
    fn invalid_utf8_is_a_diagnostic() {
        let (toks, errs) = tokenize(b"x := \xff\n\"\xfe\"");
        assert_eq!(errs.len(), 2);
        assert!(errs.iter().all(|e| e.message == "invalid UTF-8 encoding"));
        assert_eq!(toks.last().unwrap().kind, Tok::Eof);
    }

    #[test]
    fn literal_values() {
        assert_eq!(int_value("0x_1F"), Some(31));
        assert_eq!(int_value("017"), Some(15));
        assert_eq!(int_value("0b101"), Some(5));
        assert_eq!(int_value("1_000"), Some(1000));
        assert_eq!(int_value("0"), Some(0));
        assert_eq!(float_value("0x1p-2"), 0.25);
        assert_eq!(float_value("1e3"), 1000.0);
        assert_eq!(rune_value(b"'\\n'"), 10);
        assert_eq!(rune_value("'é'".as_bytes()), 233);
        assert_eq!(rune_value(b"'\\377'"), 255);
        assert_eq!(
            string_value(b"\"a\\x41\\u00e9\\101\""),
            "aA\u{e9}A".as_bytes()
        );
        assert_eq!(string_value(b"\"\\xff\""), vec![0xff]);
        assert_eq!(string_value(b"`a\r\nb`"), b"a\nb".to_vec());
    }

    #[test]
    fn positions_are_byte_columns() {
        let li = LineIndex::new("ab\n\u{e9}x\n".as_bytes());
        assert_eq!(li.line_col(0), (1, 1));
        assert_eq!(li.line_col(3), (2, 1));
        assert_eq!(li.line_col(5), (2, 3));
    }

    #[test]
    fn highlight_includes_comments() {
        let src = "// hi\nfunc main() { x := \"s\" }";
        let h = highlight(src);
        assert_eq!(h[0], (HighlightKind::Comment, 0..5));
        assert_eq!(h[1], (HighlightKind::Keyword, 6..10));
        assert!(h
            .iter()
            .any(|(k, r)| *k == HighlightKind::String && &src[r.clone()] == "\"s\""));
    }
}
