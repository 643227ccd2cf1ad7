//! A recursive-descent parser for the Go subset.
//!
//! Parsing never fails: [`parse`] returns a [`File`] plus a list of syntax
//! errors worded like `cmd/compile/internal/syntax` ("syntax error:
//! unexpected X, expecting Y"). After an error the parser skips to the next
//! statement or declaration boundary. Recursion depth is bounded
//! ([`MAX_DEPTH`]): deeper input gives one diagnostic and the rest of the file
//! is skipped, so adversarial input cannot overflow the host stack.

use crate::ast::*;
use crate::lexer::{self, Tok, Token};

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
    let (toks, lerrs) = lexer::tokenize(src);
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
        next_id: 0,
        xnest: 0,
        depth: 0,
        bailed: false,
        guard: crate::StackGuard::new(),
        bad_offsets,
    };
    let f = p.file();
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
    (f, errs)
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

    // ---- file and declarations ----

    fn file(&mut self) -> File {
        let pos = self.pos();
        let package = if self.tok() == Tok::Package {
            self.next();
            match self.ident() {
                Ok(id) => id,
                Err(()) => Ident {
                    name: "main".into(),
                    pos,
                    id: 0,
                },
            }
        } else {
            self.error_at(pos, "syntax error: package statement must be first".into());
            return File {
                package: Ident {
                    name: "main".into(),
                    pos,
                    id: 0,
                },
                imports: vec![],
                decls: vec![],
            };
        };
        self.end_decl();
        let mut imports = Vec::new();
        while self.tok() == Tok::Import {
            self.next();
            if self.got(Tok::LParen) {
                let mut last_p = usize::MAX;
                while self.tok() != Tok::RParen
                    && self.tok() != Tok::Eof
                    && std::mem::replace(&mut last_p, self.p) != self.p
                {
                    self.import_spec(&mut imports);
                    if self.tok() != Tok::RParen && !self.got(Tok::Semi) {
                        self.syntax_error("expecting semicolon, newline, or )");
                        self.advance(&[Tok::RParen]);
                    }
                }
                let _ = self.want(Tok::RParen);
            } else {
                self.import_spec(&mut imports);
            }
            self.end_decl();
        }
        let mut decls = Vec::new();
        while self.tok() != Tok::Eof {
            let start = self.p;
            match self.tok() {
                Tok::Func => match self.func_decl() {
                    Ok(d) => decls.push(d),
                    Err(()) => {
                        self.skip_to_toplevel();
                        continue;
                    }
                },
                Tok::Var | Tok::Const | Tok::Type => match self.decl() {
                    Ok(d) => decls.push(d),
                    Err(()) => {
                        self.skip_to_toplevel();
                        continue;
                    }
                },
                Tok::Import => {
                    self.syntax_error("imports must appear before other declarations");
                    self.advance(&[]);
                }
                Tok::Semi => {}
                _ => {
                    if self.tok() == Tok::LBrace
                        && decls
                            .last()
                            .is_some_and(|d| matches!(d, Decl::Func(f) if f.body.is_none()))
                    {
                        self.syntax_error("unexpected semicolon or newline before {");
                    } else {
                        self.syntax_error("non-declaration statement outside function body");
                    }
                    self.advance(&[Tok::Func, Tok::Var, Tok::Const, Tok::Type, Tok::Import]);
                    if self.tok() == Tok::RBrace {
                        self.next();
                    }
                }
            }
            if self.tok() != Tok::Eof && !self.got(Tok::Semi) {
                if self.p != start
                    || !matches!(self.tok(), Tok::Func | Tok::Var | Tok::Const | Tok::Type)
                {
                    self.syntax_error("after top level declaration");
                }
                self.advance(&[Tok::Func, Tok::Var, Tok::Const, Tok::Type]);
                if self.tok() == Tok::RBrace {
                    self.next();
                }
            }
            if self.p == start && self.tok() != Tok::Eof {
                self.next();
            }
        }
        File {
            package,
            imports,
            decls,
        }
    }

    /// Error recovery at file level: skips to the next `func`, `var`,
    /// `const`, `type` or `import` that starts a line.
    fn skip_to_toplevel(&mut self) {
        loop {
            let t = self.tok();
            if t == Tok::Eof {
                return;
            }
            if matches!(
                t,
                Tok::Func | Tok::Var | Tok::Const | Tok::Type | Tok::Import
            ) {
                let start = self.toks[self.p].start as usize;
                if start == 0 || self.src[start - 1] == b'\n' {
                    return;
                }
            }
            self.next();
        }
    }

    fn end_decl(&mut self) {
        if self.tok() != Tok::Eof && !self.got(Tok::Semi) {
            self.syntax_error("after top level declaration");
            self.advance(&[Tok::Func, Tok::Var, Tok::Const, Tok::Type, Tok::Import]);
            self.got(Tok::Semi);
        }
    }

    fn import_spec(&mut self, out: &mut Vec<Import>) {
        let name = match self.tok() {
            Tok::Ident => self.ident().ok(),
            Tok::Period => {
                let pos = self.pos();
                self.next();
                Some(Ident {
                    name: ".".into(),
                    pos,
                    id: self.id(),
                })
            }
            _ => None,
        };
        let pos = self.pos();
        if self.tok() == Tok::String {
            let v = lexer::string_value(self.text().as_bytes());
            self.next();
            out.push(Import {
                name,
                path: String::from_utf8_lossy(&v).into_owned(),
                pos,
            });
        } else {
            self.syntax_error("missing import path; require quoted string");
            self.advance(&[Tok::RParen]);
        }
    }

    fn decl(&mut self) -> PResult<Decl> {
        let kw = self.tok();
        self.next();
        match kw {
            Tok::Var => Ok(Decl::Var(self.group(|p| p.var_spec())?)),
            Tok::Type => Ok(Decl::Type(self.group(|p| p.type_spec())?)),
            _ => {
                // Constants: track iota and implicit repetition.
                let mut specs: Vec<ConstSpec> = Vec::new();
                if self.got(Tok::LParen) {
                    let mut iota = 0;
                    let mut last_p = usize::MAX;
                    while self.tok() != Tok::RParen
                        && self.tok() != Tok::Eof
                        && std::mem::replace(&mut last_p, self.p) != self.p
                    {
                        match self.const_spec(iota, specs.last()) {
                            Ok(s) => specs.push(s),
                            Err(()) => self.advance(&[Tok::RParen]),
                        }
                        iota += 1;
                        if self.tok() != Tok::RParen && !self.got(Tok::Semi) {
                            self.syntax_error("expecting semicolon, newline, or )");
                            self.advance(&[Tok::RParen]);
                        }
                    }
                    self.want(Tok::RParen)?;
                } else {
                    specs.push(self.const_spec(0, None)?);
                }
                Ok(Decl::Const(specs))
            }
        }
    }

    fn group<T>(&mut self, mut f: impl FnMut(&mut Self) -> PResult<T>) -> PResult<Vec<T>> {
        let mut out = Vec::new();
        if self.got(Tok::LParen) {
            let mut last_p = usize::MAX;
            while self.tok() != Tok::RParen
                && self.tok() != Tok::Eof
                && std::mem::replace(&mut last_p, self.p) != self.p
            {
                match f(self) {
                    Ok(s) => out.push(s),
                    Err(()) => self.advance(&[Tok::RParen]),
                }
                if self.tok() != Tok::RParen && !self.got(Tok::Semi) {
                    self.syntax_error("expecting semicolon, newline, or )");
                    self.advance(&[Tok::RParen]);
                }
            }
            self.want(Tok::RParen)?;
        } else {
            out.push(f(self)?);
        }
        Ok(out)
    }

    fn ident_list(&mut self) -> PResult<Vec<Ident>> {
        let mut v = vec![self.ident()?];
        while self.got(Tok::Comma) {
            v.push(self.ident()?);
        }
        Ok(v)
    }

    fn var_spec(&mut self) -> PResult<VarSpec> {
        let pos = self.pos();
        let names = self.ident_list()?;
        let mut ty = None;
        let mut values = Vec::new();
        if self.got(Tok::Assign) {
            values = self.expr_list()?;
        } else {
            ty = Some(self.ty()?);
            if self.got(Tok::Assign) {
                values = self.expr_list()?;
            }
        }
        Ok(VarSpec {
            pos,
            names,
            ty,
            values,
        })
    }

    fn const_spec(&mut self, iota: i64, prev: Option<&ConstSpec>) -> PResult<ConstSpec> {
        let pos = self.pos();
        let names = self.ident_list()?;
        let mut ty = None;
        let mut values = Vec::new();
        let mut implicit = false;
        if self.tok() != Tok::Semi && self.tok() != Tok::RParen {
            if self.tok() != Tok::Assign {
                ty = Some(self.ty()?);
            }
            if self.got(Tok::Assign) {
                values = self.expr_list()?;
            }
        }
        if values.is_empty() && ty.is_none() {
            if let Some(prev) = prev {
                let pv = prev.values.clone();
                ty = prev.ty.clone().map(|t| self.renumber(t));
                values = pv.into_iter().map(|e| self.renumber(e)).collect();
                implicit = true;
            }
        }
        Ok(ConstSpec {
            pos,
            names,
            ty,
            values,
            iota,
            implicit,
        })
    }

    /// Gives a copied expression fresh node ids (implicit constant repetition).
    fn renumber(&mut self, mut e: Expr) -> Expr {
        struct R<'p, 'a>(&'p mut Parser<'a>);
        impl R<'_, '_> {
            fn e(&mut self, e: &mut Expr) {
                e.id = self.0.id();
                match &mut e.kind {
                    ExprKind::Ident(i) => i.id = self.0.id(),
                    ExprKind::Paren(x) | ExprKind::Star(x) | ExprKind::Unary(_, x) => self.e(x),
                    ExprKind::Binary(_, a, b) | ExprKind::Index(a, b) => {
                        self.e(a);
                        self.e(b);
                    }
                    ExprKind::Selector(x, i) => {
                        self.e(x);
                        i.id = self.0.id();
                    }
                    ExprKind::Call { fun, args, .. } => {
                        self.e(fun);
                        for a in args {
                            self.e(a);
                        }
                    }
                    ExprKind::ArrayType { len, elem } => {
                        if let Some(l) = len {
                            self.e(l);
                        }
                        self.e(elem);
                    }
                    ExprKind::MapType(a, b) => {
                        self.e(a);
                        self.e(b);
                    }
                    ExprKind::ChanType(_, x) => self.e(x),
                    _ => {}
                }
            }
        }
        R(self).e(&mut e);
        e
    }

    fn type_spec(&mut self) -> PResult<TypeSpec> {
        let name = self.ident()?;
        if self.tok() == Tok::LBrack && self.peek(1) != Tok::RBrack {
            // `type T[P any] ...` (a generic type) or `type T [N]int`.
            // A name followed by a type (not `]`) means type parameters.
            let is_generic = self.peek(1) == Tok::Ident
                && !matches!(
                    self.peek(2),
                    Tok::RBrack
                        | Tok::Add
                        | Tok::Sub
                        | Tok::Mul
                        | Tok::Quo
                        | Tok::Shl
                        | Tok::Period
                );
            if is_generic {
                let pos = self.pos();
                self.error_at(
                    pos,
                    "generic type declarations (type parameters) are not supported yet".into(),
                );
                self.advance(&[]);
                return Err(());
            }
        }
        let alias = self.got(Tok::Assign);
        let ty = self.ty()?;
        Ok(TypeSpec { name, alias, ty })
    }

    fn func_decl(&mut self) -> PResult<Decl> {
        let pos = self.pos();
        self.next(); // func
        let mut recv = None;
        if self.tok() == Tok::LParen {
            let rpos = self.pos();
            let (fields, _) = self.params()?;
            let n: usize = fields.iter().map(|f| f.names.len().max(1)).sum();
            if n != 1 {
                if n == 0 {
                    self.error_at(rpos, "method has no receiver".into());
                } else {
                    self.error_at(rpos, "method has multiple receivers".into());
                }
            }
            recv = fields.into_iter().next();
        }
        let name = self.ident()?;
        if self.tok() == Tok::LBrack {
            let pos = self.pos();
            self.error_at(
                pos,
                "generic functions (type parameters) are not supported yet".into(),
            );
            self.skip_brackets();
        }
        let ty = self.signature(pos)?;
        let body = if self.tok() == Tok::LBrace {
            let saved = self.xnest;
            self.xnest = 0;
            let b = self.block();
            self.xnest = saved;
            Some(b?)
        } else {
            None
        };
        Ok(Decl::Func(FuncDecl {
            pos,
            recv,
            name,
            ty,
            body,
        }))
    }

    fn skip_brackets(&mut self) {
        let mut level = 0;
        loop {
            match self.tok() {
                Tok::LBrack => level += 1,
                Tok::RBrack => {
                    level -= 1;
                    if level == 0 {
                        self.next();
                        return;
                    }
                }
                Tok::Eof | Tok::LBrace => return,
                _ => {}
            }
            self.next();
        }
    }

    fn signature(&mut self, pos: Pos) -> PResult<FuncType> {
        if self.tok() != Tok::LParen {
            self.want(Tok::LParen)?;
        }
        let (params, variadic) = self.params()?;
        let results = match self.tok() {
            Tok::LParen => {
                let (r, v) = self.params()?;
                if v {
                    let p = self.pos();
                    self.error_at(p, "syntax error: cannot use ... in result list".into());
                }
                r
            }
            t if starts_type(t) => {
                let ty = self.ty()?;
                vec![Field { names: vec![], ty }]
            }
            _ => vec![],
        };
        Ok(FuncType {
            pos,
            params,
            results,
            variadic,
        })
    }

    /// Parses `(a, b int, c ...string)` or `(int, string)`.
    fn params(&mut self) -> PResult<(Vec<Field>, bool)> {
        self.want(Tok::LParen)?;
        // Each entry: (optional name, optional type, dots).
        let mut entries: Vec<(Option<Ident>, Option<Expr>, bool)> = Vec::new();
        let mut last_p = usize::MAX;
        while self.tok() != Tok::RParen
            && self.tok() != Tok::Eof
            && std::mem::replace(&mut last_p, self.p) != self.p
        {
            let dots_pos = self.pos();
            if self.got(Tok::Ellipsis) {
                let t = self.ty()?;
                entries.push((None, Some(t), true));
                let _ = dots_pos;
            } else if self.tok() == Tok::Ident {
                let id = self.ident()?;
                match self.tok() {
                    Tok::Comma | Tok::RParen => {
                        let e = self.mk(id.pos, ExprKind::Ident(id.clone()));
                        entries.push((Some(id), Some(e), false));
                        // Ambiguous: a name or a type; resolved below.
                        entries.last_mut().unwrap().0 = None;
                        let last = entries.last_mut().unwrap();
                        last.0 = None;
                    }
                    Tok::Period => {
                        // Qualified type name pkg.T.
                        self.next();
                        let sel = self.ident()?;
                        let x = self.mk(id.pos, ExprKind::Ident(id.clone()));
                        let e = self.mk(id.pos, ExprKind::Selector(Box::new(x), sel));
                        entries.push((None, Some(e), false));
                    }
                    Tok::Ellipsis => {
                        self.next();
                        let t = self.ty()?;
                        entries.push((Some(id), Some(t), true));
                    }
                    _ => {
                        let t = self.ty()?;
                        entries.push((Some(id), Some(t), false));
                    }
                }
            } else {
                let t = self.ty()?;
                entries.push((None, Some(t), false));
            }
            if !self.got(Tok::Comma) {
                if self.tok() != Tok::RParen {
                    self.syntax_error("in parameter list; possibly missing comma or )");
                    self.advance(&[Tok::RParen]);
                    if self.tok() == Tok::RParen {
                        self.next();
                    }
                    return Err(());
                }
            }
        }
        self.want(Tok::RParen)?;
        let named = entries.iter().any(|e| e.0.is_some());
        let mut fields = Vec::new();
        let mut variadic = false;
        let n = entries.len();
        if named {
            // Bare entries are names that take the type of the next named entry.
            let mut pending: Vec<Ident> = Vec::new();
            for (i, (name, ty, dots)) in entries.into_iter().enumerate() {
                match name {
                    Some(nm) => {
                        pending.push(nm);
                        fields.push(Field {
                            names: std::mem::take(&mut pending),
                            ty: ty.unwrap(),
                        });
                        if dots {
                            if i + 1 != n {
                                let p = fields.last().unwrap().ty.pos;
                                self.error_at(
                                    p,
                                    "can only use ... with final parameter in list".into(),
                                );
                            }
                            variadic = true;
                        }
                    }
                    None => {
                        let t = ty.unwrap();
                        match t.kind {
                            ExprKind::Ident(id) => pending.push(id),
                            _ => {
                                self.error_at(
                                    t.pos,
                                    "syntax error: mixed named and unnamed parameters".into(),
                                );
                                return Err(());
                            }
                        }
                    }
                }
            }
            if let Some(p) = pending.first() {
                self.error_at(
                    p.pos,
                    "syntax error: mixed named and unnamed parameters".into(),
                );
                return Err(());
            }
        } else {
            for (i, (_, ty, dots)) in entries.into_iter().enumerate() {
                if dots {
                    if i + 1 != n {
                        let p = ty.as_ref().unwrap().pos;
                        self.error_at(p, "can only use ... with final parameter in list".into());
                    }
                    variadic = true;
                }
                fields.push(Field {
                    names: vec![],
                    ty: ty.unwrap(),
                });
            }
        }
        Ok((fields, variadic))
    }

    // ---- types ----

    fn ty(&mut self) -> PResult<Expr> {
        self.enter()?;
        let r = self.ty_inner();
        self.leave();
        r
    }

    fn ty_inner(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        match self.tok() {
            Tok::Ident => {
                let id = self.ident()?;
                let mut e = self.mk(pos, ExprKind::Ident(id));
                if self.got(Tok::Period) {
                    let sel = self.ident()?;
                    e = self.mk(pos, ExprKind::Selector(Box::new(e), sel));
                }
                if self.tok() == Tok::LBrack && self.peek(1) != Tok::RBrack {
                    let p = self.pos();
                    self.error_at(p, "generic type instantiation is not supported yet".into());
                    self.skip_brackets();
                    return Ok(self.bad(pos));
                }
                Ok(e)
            }
            Tok::Mul => {
                self.next();
                let t = self.ty()?;
                Ok(self.mk(pos, ExprKind::Star(Box::new(t))))
            }
            Tok::LParen => {
                self.next();
                let t = self.ty()?;
                self.want(Tok::RParen)?;
                Ok(self.mk(pos, ExprKind::Paren(Box::new(t))))
            }
            Tok::LBrack => {
                self.next();
                if self.got(Tok::RBrack) {
                    let elem = self.ty()?;
                    return Ok(self.mk(
                        pos,
                        ExprKind::ArrayType {
                            len: None,
                            elem: Box::new(elem),
                        },
                    ));
                }
                let len = if self.tok() == Tok::Ellipsis {
                    let p = self.pos();
                    self.next();
                    self.mk(p, ExprKind::Ellipsis)
                } else {
                    self.xnest += 1;
                    let r = self.expr();
                    self.xnest -= 1;
                    r?
                };
                self.want(Tok::RBrack)?;
                let elem = self.ty()?;
                Ok(self.mk(
                    pos,
                    ExprKind::ArrayType {
                        len: Some(Box::new(len)),
                        elem: Box::new(elem),
                    },
                ))
            }
            Tok::Map => {
                self.next();
                self.want(Tok::LBrack)?;
                let k = self.ty()?;
                self.want(Tok::RBrack)?;
                let v = self.ty()?;
                Ok(self.mk(pos, ExprKind::MapType(Box::new(k), Box::new(v))))
            }
            Tok::Chan => {
                self.next();
                let dir = if self.got(Tok::Arrow) {
                    ChanDir::Send
                } else {
                    ChanDir::Both
                };
                let t = self.ty()?;
                Ok(self.mk(pos, ExprKind::ChanType(dir, Box::new(t))))
            }
            Tok::Arrow => {
                self.next();
                if self.tok() != Tok::Chan {
                    self.want(Tok::Chan)?;
                }
                self.next();
                let t = self.ty()?;
                Ok(self.mk(pos, ExprKind::ChanType(ChanDir::Recv, Box::new(t))))
            }
            Tok::Func => {
                self.next();
                let ft = self.signature(pos)?;
                Ok(self.mk(pos, ExprKind::FuncType(ft)))
            }
            Tok::Struct => self.struct_type(),
            Tok::Interface => self.interface_type(),
            _ => {
                self.syntax_error("expecting type");
                Err(())
            }
        }
    }

    fn struct_type(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        self.next();
        self.want(Tok::LBrace)?;
        let mut fields = Vec::new();
        let mut last_p = usize::MAX;
        while self.tok() != Tok::RBrace
            && self.tok() != Tok::Eof
            && std::mem::replace(&mut last_p, self.p) != self.p
        {
            let r: PResult<()> = (|| {
                if self.tok() == Tok::Mul
                    || (self.tok() == Tok::Ident
                        && matches!(
                            self.peek(1),
                            Tok::Semi | Tok::RBrace | Tok::Period | Tok::String
                        ))
                {
                    // Embedded field.
                    let ty = self.ty()?;
                    fields.push(Field { names: vec![], ty });
                } else {
                    let names = self.ident_list()?;
                    let ty = self.ty()?;
                    fields.push(Field { names, ty });
                }
                if self.tok() == Tok::String {
                    self.next(); // tag
                }
                Ok(())
            })();
            if r.is_err() {
                self.advance(&[]);
            }
            if self.tok() != Tok::RBrace && !self.got(Tok::Semi) {
                self.syntax_error("expecting semicolon, newline, or }");
                self.advance(&[]);
                self.got(Tok::Semi);
            }
        }
        self.want(Tok::RBrace)?;
        Ok(self.mk(pos, ExprKind::StructType(fields)))
    }

    fn interface_type(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        self.next();
        self.want(Tok::LBrace)?;
        let mut elems = Vec::new();
        let mut last_p = usize::MAX;
        while self.tok() != Tok::RBrace
            && self.tok() != Tok::Eof
            && std::mem::replace(&mut last_p, self.p) != self.p
        {
            let r: PResult<()> = (|| {
                if self.tok() == Tok::Ident && self.peek(1) == Tok::LParen {
                    let name = self.ident()?;
                    let ty = self.signature(name.pos)?;
                    elems.push(InterfaceElem::Method { name, ty });
                } else if self.tok() == Tok::Ident
                    && matches!(self.peek(1), Tok::Semi | Tok::RBrace | Tok::Period)
                {
                    let t = self.ty()?;
                    elems.push(InterfaceElem::Embedded(t));
                } else {
                    let p = self.pos();
                    self.error_at(
                        p,
                        "type constraints (interfaces with type elements) are not supported yet"
                            .into(),
                    );
                    self.advance(&[]);
                }
                Ok(())
            })();
            if r.is_err() {
                self.advance(&[]);
            }
            if self.tok() != Tok::RBrace && !self.got(Tok::Semi) {
                self.syntax_error("expecting semicolon, newline, or }");
                self.advance(&[]);
                self.got(Tok::Semi);
            }
        }
        self.want(Tok::RBrace)?;
        Ok(self.mk(pos, ExprKind::InterfaceType(elems)))
    }

    // ---- expressions ----

    fn expr_list(&mut self) -> PResult<Vec<Expr>> {
        let mut v = vec![self.expr()?];
        while self.got(Tok::Comma) {
            v.push(self.expr()?);
        }
        Ok(v)
    }

    pub fn expr(&mut self) -> PResult<Expr> {
        self.enter()?;
        let r = self.binary_expr(1);
        self.leave();
        r
    }

    fn binary_expr(&mut self, prec: u8) -> PResult<Expr> {
        let mut x = self.unary_expr()?;
        // Each operator nests the tree one level deeper on the left, so a
        // long chain (`y+y+...`, 100,000 terms) counts as nesting, as suffix
        // chains do: checking the tree, and even dropping it, recurses.
        let mut levels = 0u32;
        loop {
            let op = self.tok();
            let p = op.precedence();
            if p < prec {
                return Ok(x);
            }
            levels += 1;
            if self.depth + levels / 4 > MAX_DEPTH {
                self.enter()?;
            }
            let pos = self.pos();
            self.next();
            self.enter()?;
            let y = self.binary_expr(p + 1);
            self.leave();
            let y = y?;
            let _ = pos;
            x = self.mk(x.pos, ExprKind::Binary(op, Box::new(x), Box::new(y)));
        }
    }

    fn unary_expr(&mut self) -> PResult<Expr> {
        self.enter()?;
        let r = self.unary_inner();
        self.leave();
        r
    }

    fn unary_inner(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        match self.tok() {
            Tok::Add | Tok::Sub | Tok::Not | Tok::Xor | Tok::And | Tok::Tilde => {
                let op = self.tok();
                self.next();
                let x = self.unary_expr()?;
                if op == Tok::Tilde {
                    self.error_at(pos, "type constraints (~T) are not supported yet".into());
                }
                Ok(self.mk(pos, ExprKind::Unary(op, Box::new(x))))
            }
            Tok::Mul => {
                self.next();
                let x = self.unary_expr()?;
                Ok(self.mk(pos, ExprKind::Star(Box::new(x))))
            }
            Tok::Arrow => {
                self.next();
                if self.tok() == Tok::Chan {
                    // <-chan T
                    self.next();
                    let t = self.ty()?;
                    let ct = self.mk(pos, ExprKind::ChanType(ChanDir::Recv, Box::new(t)));
                    return self.primary_suffixes(ct);
                }
                let x = self.unary_expr()?;
                Ok(self.mk(pos, ExprKind::Unary(Tok::Arrow, Box::new(x))))
            }
            _ => self.primary_expr(),
        }
    }

    fn operand(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        if self.tok().is_literal() {
            let t = self.toks[self.p];
            if self.bad_offsets.iter().any(|&o| o >= t.start && o <= t.end) {
                self.next();
                return Ok(self.bad(pos));
            }
        }
        match self.tok() {
            Tok::Ident => {
                let id = self.ident()?;
                Ok(self.mk(pos, ExprKind::Ident(id)))
            }
            Tok::Int => {
                let v = lexer::int_value(self.text());
                self.next();
                Ok(self.mk(pos, ExprKind::Int(v)))
            }
            Tok::Float => {
                let v = lexer::float_value(self.text());
                self.next();
                Ok(self.mk(pos, ExprKind::Float(v)))
            }
            Tok::Imag => {
                self.next();
                Ok(self.mk(pos, ExprKind::Imag))
            }
            Tok::Char => {
                let v = lexer::rune_value(self.text().as_bytes());
                self.next();
                Ok(self.mk(pos, ExprKind::Char(v)))
            }
            Tok::String => {
                let t = self.toks[self.p];
                let v = lexer::string_value(&self.src[t.start as usize..t.end as usize]);
                self.next();
                Ok(self.mk(pos, ExprKind::Str(v)))
            }
            Tok::LParen => {
                self.next();
                self.xnest += 1;
                let x = self.expr_or_type();
                self.xnest -= 1;
                let x = x?;
                self.want(Tok::RParen)?;
                Ok(self.mk(pos, ExprKind::Paren(Box::new(x))))
            }
            Tok::Func => {
                self.next();
                let ft = self.signature(pos)?;
                if self.tok() == Tok::LBrace {
                    let saved = self.xnest;
                    self.xnest = 0;
                    let b = self.block();
                    self.xnest = saved;
                    let body = b?;
                    Ok(self.mk(pos, ExprKind::FuncLit { ty: ft, body }))
                } else {
                    Ok(self.mk(pos, ExprKind::FuncType(ft)))
                }
            }
            Tok::LBrack | Tok::Map | Tok::Chan | Tok::Struct | Tok::Interface => self.ty(),
            _ => {
                self.syntax_error("expecting expression");
                Err(())
            }
        }
    }

    /// Inside parentheses a type like `*T` or `[]int` may appear (conversions).
    fn expr_or_type(&mut self) -> PResult<Expr> {
        self.expr()
    }

    fn primary_expr(&mut self) -> PResult<Expr> {
        let x = self.operand()?;
        self.primary_suffixes(x)
    }

    fn primary_suffixes(&mut self, mut x: Expr) -> PResult<Expr> {
        let mut levels = 0u32;
        let r = (|| loop {
            levels += 1;
            if self.depth + levels / 4 > MAX_DEPTH {
                self.enter()?;
            }
            let _pos = self.pos();
            match self.tok() {
                Tok::Period => {
                    self.next();
                    match self.tok() {
                        Tok::Ident => {
                            let sel = self.ident()?;
                            x = self.mk(x.pos, ExprKind::Selector(Box::new(x), sel));
                        }
                        Tok::LParen => {
                            self.next();
                            if self.got(Tok::Type) {
                                self.want(Tok::RParen)?;
                                x = self.mk(x.pos, ExprKind::TypeAssert(Box::new(x), None));
                            } else {
                                let t = self.ty()?;
                                self.want(Tok::RParen)?;
                                x = self.mk(
                                    x.pos,
                                    ExprKind::TypeAssert(Box::new(x), Some(Box::new(t))),
                                );
                            }
                        }
                        _ => {
                            self.syntax_error("expecting name or (");
                            return Err(());
                        }
                    }
                }
                Tok::LBrack => {
                    self.next();
                    self.xnest += 1;
                    let xpos = x.pos;
                    let r = self.index_or_slice(x, xpos);
                    self.xnest -= 1;
                    x = r?;
                }
                Tok::LParen => {
                    self.next();
                    self.xnest += 1;
                    let r = self.call_args();
                    self.xnest -= 1;
                    let (args, ellipsis, rparen) = r?;
                    x = self.mk(
                        x.pos,
                        ExprKind::Call {
                            fun: Box::new(x),
                            args,
                            ellipsis,
                            rparen,
                        },
                    );
                }
                Tok::LBrace => {
                    let t = x.unparen();
                    let ok = match &t.kind {
                        ExprKind::Ident(_) | ExprKind::Selector(..) => self.xnest >= 0,
                        ExprKind::ArrayType { .. }
                        | ExprKind::MapType(..)
                        | ExprKind::StructType(_) => true,
                        _ => false,
                    };
                    if !ok {
                        return Ok(x);
                    }
                    x = self.composite(Some(x))?;
                }
                _ => return Ok(x),
            }
        })();
        r
    }

    fn index_or_slice(&mut self, x: Expr, pos: Pos) -> PResult<Expr> {
        let mut idx: [Option<Box<Expr>>; 3] = [None, None, None];
        if self.tok() != Tok::Colon {
            let i = self.expr()?;
            if self.got(Tok::RBrack) {
                return Ok(self.mk(pos, ExprKind::Index(Box::new(x), Box::new(i))));
            }
            if self.tok() == Tok::Comma {
                self.error_at(pos, "generic instantiation is not supported yet".into());
                self.advance(&[Tok::RBrack]);
                self.got(Tok::RBrack);
                return Ok(self.bad(pos));
            }
            idx[0] = Some(Box::new(i));
        }
        let mut ncolons = 0;
        while ncolons < 2 && self.got(Tok::Colon) {
            ncolons += 1;
            if self.tok() != Tok::Colon && self.tok() != Tok::RBrack {
                idx[ncolons] = Some(Box::new(self.expr()?));
            }
        }
        if ncolons == 0 {
            self.syntax_error("expecting comma, : or ]");
            return Err(());
        }
        if ncolons == 2 {
            if idx[1].is_none() {
                self.error_at(pos, "middle index required in 3-index slice".into());
            }
            if idx[2].is_none() {
                self.error_at(pos, "final index required in 3-index slice".into());
            }
        }
        self.want(Tok::RBrack)?;
        let [lo, hi, max] = idx;
        Ok(self.mk(
            pos,
            ExprKind::Slice {
                x: Box::new(x),
                lo,
                hi,
                max,
            },
        ))
    }

    fn call_args(&mut self) -> PResult<(Vec<Expr>, bool, Pos)> {
        let mut args = Vec::new();
        let mut ellipsis = false;
        let mut last_p = usize::MAX;
        while self.tok() != Tok::RParen
            && self.tok() != Tok::Eof
            && std::mem::replace(&mut last_p, self.p) != self.p
        {
            args.push(self.expr_or_type()?);
            if self.got(Tok::Ellipsis) {
                ellipsis = true;
            }
            if !self.got(Tok::Comma) {
                if self.tok() != Tok::RParen {
                    self.syntax_error("in argument list; possibly missing comma or )");
                    self.skip_past(Tok::RParen);
                    return Ok((args, ellipsis, self.pos()));
                }
            }
        }
        let rparen = self.pos();
        self.want(Tok::RParen)?;
        Ok((args, ellipsis, rparen))
    }

    fn composite(&mut self, ty: Option<Expr>) -> PResult<Expr> {
        let pos = ty.as_ref().map_or(self.pos(), |t| t.pos);
        self.want(Tok::LBrace)?;
        self.enter()?;
        let saved = self.xnest;
        self.xnest = 0;
        let r = (|| {
            let mut elts = Vec::new();
            let mut last_p = usize::MAX;
            while self.tok() != Tok::RBrace
                && self.tok() != Tok::Eof
                && std::mem::replace(&mut last_p, self.p) != self.p
            {
                let v = self.element()?;
                let e = if self.got(Tok::Colon) {
                    let val = self.element()?;
                    Element {
                        key: Some(v),
                        value: val,
                    }
                } else {
                    Element {
                        key: None,
                        value: v,
                    }
                };
                elts.push(e);
                if !self.got(Tok::Comma) && self.tok() != Tok::RBrace {
                    self.syntax_error("in composite literal; possibly missing comma or }");
                    self.skip_past(Tok::RBrace);
                    return Ok((elts, self.pos()));
                }
            }
            let rbrace = self.pos();
            self.want(Tok::RBrace)?;
            Ok((elts, rbrace))
        })();
        self.xnest = saved;
        self.leave();
        let (elts, rbrace) = r?;
        Ok(self.mk(
            pos,
            ExprKind::Composite {
                ty: ty.map(Box::new),
                elts,
                rbrace,
            },
        ))
    }

    fn element(&mut self) -> PResult<Expr> {
        if self.tok() == Tok::LBrace {
            self.composite(None)
        } else {
            self.expr()
        }
    }

    // ---- statements ----

    fn block(&mut self) -> PResult<Block> {
        let pos = self.pos();
        self.want(Tok::LBrace)?;
        let stmts = self.stmt_list();
        let rbrace = self.pos();
        if !self.got(Tok::RBrace) {
            self.syntax_error("expecting }");
            return Err(());
        }
        Ok(Block { pos, stmts, rbrace })
    }

    fn stmt_list(&mut self) -> Vec<Stmt> {
        let mut v = Vec::new();
        while !matches!(
            self.tok(),
            Tok::Eof | Tok::RBrace | Tok::Case | Tok::Default
        ) {
            let start = self.p;
            match self.stmt() {
                Ok(Some(s)) => v.push(s),
                Ok(None) => break,
                Err(()) => {
                    self.advance(&[]);
                }
            }
            if matches!(
                self.tok(),
                Tok::RBrace | Tok::Case | Tok::Default | Tok::Eof
            ) {
                break;
            }
            if !self.got(Tok::Semi) {
                if self.p == start || !matches!(self.errs.last(), Some(_)) || self.tok() != Tok::Eof
                {
                    self.syntax_error("at end of statement");
                }
                self.advance(&[]);
                self.got(Tok::Semi);
            }
            if self.p == start {
                self.next();
            }
        }
        v
    }

    fn stmt(&mut self) -> PResult<Option<Stmt>> {
        self.enter()?;
        let r = self.stmt_inner();
        self.leave();
        r
    }

    fn stmt_inner(&mut self) -> PResult<Option<Stmt>> {
        let pos = self.pos();
        let kind = match self.tok() {
            Tok::Semi => {
                return Ok(Some(Stmt {
                    pos,
                    kind: StmtKind::Empty,
                }))
            }
            Tok::Var | Tok::Const | Tok::Type => StmtKind::Decl(self.decl()?),
            Tok::LBrace => StmtKind::Block(self.block()?),
            Tok::If => return self.if_stmt().map(Some),
            Tok::For => return self.for_stmt().map(Some),
            Tok::Switch => return self.switch_stmt().map(Some),
            Tok::Select => return self.select_stmt().map(Some),
            Tok::Return => {
                self.next();
                let v = if matches!(self.tok(), Tok::Semi | Tok::RBrace) {
                    vec![]
                } else {
                    self.expr_list()?
                };
                StmtKind::Return(v)
            }
            Tok::Break | Tok::Continue => {
                let k = self.tok();
                self.next();
                let label = if self.tok() == Tok::Ident {
                    Some(self.ident()?)
                } else {
                    None
                };
                if k == Tok::Break {
                    StmtKind::Break(label)
                } else {
                    StmtKind::Continue(label)
                }
            }
            Tok::Goto => {
                self.next();
                StmtKind::Goto(self.ident()?)
            }
            Tok::Fallthrough => {
                self.next();
                StmtKind::Fallthrough
            }
            Tok::Go | Tok::Defer => {
                let k = self.tok();
                self.next();
                let e = self.expr()?;
                if !matches!(e.unparen().kind, ExprKind::Call { .. }) {
                    // cmd/compile's parser reports this at the node's
                    // position (for a selector, its dot).
                    let at = match &e.unparen().kind {
                        ExprKind::Selector(_, sel) => sel.pos.saturating_sub(1),
                        _ => e.pos,
                    };
                    self.error_at(
                        at,
                        format!("expression in {} must be function call", k.text()),
                    );
                }
                if k == Tok::Go {
                    StmtKind::Go(e)
                } else {
                    StmtKind::Defer(e)
                }
            }
            Tok::Func if self.peek(1) == Tok::Ident => {
                self.syntax_error("expecting (");
                return Err(());
            }
            t if !starts_expr(t) => return Ok(None),
            _ => {
                if self.tok() == Tok::Ident && self.peek(1) == Tok::Colon {
                    let label = self.ident()?;
                    self.next();
                    if matches!(self.tok(), Tok::RBrace) {
                        let s = Stmt {
                            pos: self.pos(),
                            kind: StmtKind::Empty,
                        };
                        return Ok(Some(Stmt {
                            pos,
                            kind: StmtKind::Labeled(label, Box::new(s)),
                        }));
                    }
                    let s = match self.stmt()? {
                        Some(s) => s,
                        None => Stmt {
                            pos: self.pos(),
                            kind: StmtKind::Empty,
                        },
                    };
                    return Ok(Some(Stmt {
                        pos,
                        kind: StmtKind::Labeled(label, Box::new(s)),
                    }));
                }
                return self.simple_stmt(false).map(|s| Some(s.0));
            }
        };
        Ok(Some(Stmt { pos, kind }))
    }

    /// Parses a simple statement. With `range_ok`, `[k, v :=] range x` is
    /// accepted and returns true as the second value.
    fn simple_stmt(&mut self, range_ok: bool) -> PResult<(Stmt, bool)> {
        let pos = self.pos();
        if range_ok && self.tok() == Tok::Range {
            self.next();
            let x = self.expr()?;
            return Ok((
                Stmt {
                    pos,
                    kind: StmtKind::Range {
                        key: None,
                        value: None,
                        define: false,
                        x,
                        body: Block {
                            pos,
                            stmts: vec![],
                            rbrace: pos,
                        },
                    },
                },
                true,
            ));
        }
        let lhs = self.expr_list()?;
        let t = self.tok();
        match t {
            Tok::Define | Tok::Assign => {
                let op_pos = self.pos();
                self.next();
                if range_ok && self.tok() == Tok::Range {
                    self.next();
                    let x = self.expr()?;
                    if lhs.len() > 2 {
                        self.error_at(
                            lhs[2].pos,
                            "range clause permits at most two iteration variables".into(),
                        );
                    }
                    let mut it = lhs.into_iter();
                    let key = it.next();
                    let value = it.next();
                    let empty = Block {
                        pos,
                        stmts: vec![],
                        rbrace: pos,
                    };
                    return Ok((
                        Stmt {
                            pos,
                            kind: StmtKind::Range {
                                key,
                                value,
                                define: t == Tok::Define,
                                x,
                                body: empty,
                            },
                        },
                        true,
                    ));
                }
                let rhs = self.expr_list()?;
                Ok((
                    Stmt {
                        pos,
                        kind: StmtKind::Assign {
                            lhs,
                            op: t,
                            rhs,
                            op_pos,
                        },
                    },
                    false,
                ))
            }
            _ if t.assign_op().is_some() => {
                let op_pos = self.pos();
                self.next();
                let rhs = vec![self.expr()?];
                Ok((
                    Stmt {
                        pos,
                        kind: StmtKind::Assign {
                            lhs,
                            op: t,
                            rhs,
                            op_pos,
                        },
                    },
                    false,
                ))
            }
            Tok::Inc | Tok::Dec => {
                self.next();
                let x = lhs.into_iter().next().unwrap();
                Ok((
                    Stmt {
                        pos,
                        kind: StmtKind::IncDec(x, t == Tok::Inc),
                    },
                    false,
                ))
            }
            Tok::Arrow => {
                self.next();
                let v = self.expr()?;
                let ch = lhs.into_iter().next().unwrap();
                Ok((
                    Stmt {
                        pos,
                        kind: StmtKind::Send(ch, v),
                    },
                    false,
                ))
            }
            _ => {
                if lhs.len() > 1 {
                    self.syntax_error("expecting := or = or comma");
                    return Err(());
                }
                let x = lhs.into_iter().next().unwrap();
                Ok((
                    Stmt {
                        pos,
                        kind: StmtKind::Expr(x),
                    },
                    false,
                ))
            }
        }
    }

    /// Parses the header of if/switch/for: `[init;] cond`.
    fn header(
        &mut self,
        keyword: Tok,
    ) -> PResult<(Option<Box<Stmt>>, Option<Stmt>, Option<Box<Stmt>>, bool)> {
        if self.tok() == Tok::LBrace {
            if keyword == Tok::If {
                self.syntax_error("missing condition in if statement");
            }
            return Ok((None, None, None, false));
        }
        let saved = self.xnest;
        self.xnest = -1;
        let r = (|| {
            let mut init = None;
            let mut cond = None;
            let mut post = None;
            let mut is_range = false;
            if self.tok() != Tok::Semi {
                let (s, r) = self.simple_stmt(keyword == Tok::For)?;
                if r {
                    return Ok((None, Some(s), None, true));
                }
                init = Some(s);
            }
            if self.tok() == Tok::Semi {
                let semi = self.toks[self.p];
                self.next();
                if keyword == Tok::For {
                    if self.tok() != Tok::Semi {
                        if self.tok() == Tok::LBrace {
                            self.syntax_error("expected for loop condition");
                            return Err(());
                        }
                        let (s, _) = self.simple_stmt(false)?;
                        cond = Some(s);
                    }
                    self.want(Tok::Semi)?;
                    if self.tok() != Tok::LBrace {
                        let (s, _) = self.simple_stmt(false)?;
                        post = Some(Box::new(s));
                    }
                } else if self.tok() != Tok::LBrace {
                    let (s, _) = self.simple_stmt(false)?;
                    cond = Some(s);
                } else if keyword == Tok::If {
                    let _ = semi;
                    self.syntax_error("missing condition in if statement");
                }
                is_range = false;
                Ok((init.map(Box::new), cond, post, is_range))
            } else {
                // No semicolon: the single statement is the condition.
                Ok((None, init, None, is_range))
            }
        })();
        self.xnest = saved;
        r
    }

    fn cond_expr(&mut self, s: Option<Stmt>, what: &str) -> Expr {
        match s {
            Some(Stmt {
                kind: StmtKind::Expr(e),
                ..
            }) => e,
            Some(s) => {
                self.error_at(
                    s.pos,
                    format!("cannot use {} as value", stmt_desc(&s, what)),
                );
                self.bad(s.pos)
            }
            None => self.bad(self.pos()),
        }
    }

    fn if_stmt(&mut self) -> PResult<Stmt> {
        let pos = self.pos();
        self.next();
        let (init, cond, _, _) = self.header(Tok::If)?;
        let cond = self.cond_expr(cond, "if");
        if self.tok() != Tok::LBrace {
            self.syntax_error("expecting { after if clause");
            return Err(());
        }
        let then = self.block()?;
        let els = if self.got(Tok::Else) {
            match self.tok() {
                Tok::If => Some(Box::new(self.if_stmt()?)),
                Tok::LBrace => {
                    let p = self.pos();
                    let b = self.block()?;
                    Some(Box::new(Stmt {
                        pos: p,
                        kind: StmtKind::Block(b),
                    }))
                }
                _ => {
                    self.syntax_error("else must be followed by if or statement block");
                    return Err(());
                }
            }
        } else {
            None
        };
        Ok(Stmt {
            pos,
            kind: StmtKind::If {
                init,
                cond,
                then,
                els,
            },
        })
    }

    fn for_stmt(&mut self) -> PResult<Stmt> {
        let pos = self.pos();
        self.next();
        let (init, cond, post, is_range) = self.header(Tok::For)?;
        if self.tok() != Tok::LBrace {
            self.syntax_error("expecting { after for clause");
            return Err(());
        }
        let body = self.block()?;
        if is_range {
            if let Some(Stmt {
                kind:
                    StmtKind::Range {
                        key,
                        value,
                        define,
                        x,
                        ..
                    },
                ..
            }) = cond
            {
                return Ok(Stmt {
                    pos,
                    kind: StmtKind::Range {
                        key,
                        value,
                        define,
                        x,
                        body,
                    },
                });
            }
        }
        let cond = cond.map(|c| self.cond_expr(Some(c), "for"));
        Ok(Stmt {
            pos,
            kind: StmtKind::For {
                init,
                cond,
                post,
                body,
            },
        })
    }

    fn switch_stmt(&mut self) -> PResult<Stmt> {
        let pos = self.pos();
        self.next();
        let (init, tag, _, _) = self.header(Tok::Switch)?;
        if self.tok() != Tok::LBrace {
            self.syntax_error("expecting { after switch clause");
            return Err(());
        }
        // A type switch: `switch [x :=] y.(type)`.
        let mut tswitch: Option<(Option<Ident>, Expr)> = None;
        let mut tag_expr = None;
        match tag {
            Some(Stmt {
                kind:
                    StmtKind::Assign {
                        lhs,
                        op: Tok::Define,
                        rhs,
                        ..
                    },
                pos: spos,
            }) => {
                if lhs.len() == 1 && rhs.len() == 1 {
                    if let (ExprKind::Ident(id), ExprKind::TypeAssert(x, None)) =
                        (&lhs[0].kind, &rhs[0].kind)
                    {
                        tswitch = Some((Some(id.clone()), (**x).clone()));
                    }
                }
                if tswitch.is_none() {
                    self.error_at(spos, "cannot use assignment as value".into());
                }
            }
            Some(Stmt {
                kind: StmtKind::Expr(e),
                ..
            }) => {
                if let ExprKind::TypeAssert(x, None) = &e.kind {
                    tswitch = Some((None, (**x).clone()));
                } else {
                    tag_expr = Some(e);
                }
            }
            Some(s) => {
                self.error_at(s.pos, "switch expression must be an expression".into());
            }
            None => {}
        }
        self.want(Tok::LBrace)?;
        let mut clauses = Vec::new();
        while self.tok() == Tok::Case || self.tok() == Tok::Default {
            let cpos = self.pos();
            let list = if self.got(Tok::Default) {
                None
            } else {
                self.next();
                Some(if tswitch.is_some() {
                    self.type_list()?
                } else {
                    self.expr_list()?
                })
            };
            self.want(Tok::Colon)?;
            let body = self.stmt_list();
            let bind_id = self.id();
            clauses.push(CaseClause {
                pos: cpos,
                list,
                body,
                bind_id,
            });
        }
        let rbrace = self.pos();
        if !self.got(Tok::RBrace) {
            self.syntax_error("expecting case or default or }");
            return Err(());
        }
        let kind = match tswitch {
            Some((bind, x)) => StmtKind::TypeSwitch {
                init,
                bind,
                x,
                clauses,
                rbrace,
            },
            None => StmtKind::Switch {
                init,
                tag: tag_expr,
                clauses,
                rbrace,
            },
        };
        Ok(Stmt { pos, kind })
    }

    fn type_list(&mut self) -> PResult<Vec<Expr>> {
        let mut v = vec![self.ty_or_nil()?];
        while self.got(Tok::Comma) {
            v.push(self.ty_or_nil()?);
        }
        Ok(v)
    }

    fn ty_or_nil(&mut self) -> PResult<Expr> {
        self.ty()
    }

    fn select_stmt(&mut self) -> PResult<Stmt> {
        let pos = self.pos();
        self.next();
        self.want(Tok::LBrace)?;
        let mut clauses = Vec::new();
        while self.tok() == Tok::Case || self.tok() == Tok::Default {
            let cpos = self.pos();
            let comm = if self.got(Tok::Default) {
                None
            } else {
                self.next();
                let (s, _) = self.simple_stmt(false)?;
                Some(Box::new(s))
            };
            self.want(Tok::Colon)?;
            let body = self.stmt_list();
            clauses.push(CommClause {
                pos: cpos,
                comm,
                body,
            });
        }
        if !self.got(Tok::RBrace) {
            self.syntax_error("expecting case or default or }");
            return Err(());
        }
        Ok(Stmt {
            pos,
            kind: StmtKind::Select { clauses },
        })
    }
}

fn stmt_desc(s: &Stmt, _what: &str) -> &'static str {
    match s.kind {
        StmtKind::Assign {
            op: Tok::Define, ..
        } => "short variable declaration",
        StmtKind::Assign { .. } => "assignment",
        StmtKind::IncDec(..) => "increment statement",
        StmtKind::Send(..) => "send statement",
        _ => "statement",
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
            ("package main\nfunc f[T any](x T) {}\n", "2:7: generic functions (type parameters) are not supported yet"),
            ("package main\ntype T[K any] struct{}\n", "2:7: generic type declarations (type parameters) are not supported yet"),
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
