//! The file and its declarations: package clause, imports, `var`,
//! `const` (with implicit repetition), `type` and `func`, signatures and
//! parameter lists.

use super::*;

impl<'a> Parser<'a> {
    // ---- file and declarations ----

    pub(super) fn file(&mut self) -> File {
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
                units: vec![],
                next_id: self.next_id + 1,
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
            units: Vec::new(),
            next_id: self.next_id + 1,
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

    pub(super) fn decl(&mut self) -> PResult<Decl> {
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

    pub(super) fn ident_list(&mut self) -> PResult<Vec<Ident>> {
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
        let mut tparams = Vec::new();
        if self.tok() == Tok::LBrack && self.peek(1) != Tok::RBrack {
            // `type T[P any] ...` (a generic type) or `type T [N]int`: a
            // name followed by what can start a constraint (not `]` or an
            // operator of a constant expression) means type parameters.
            let is_generic = self.peek(1) == Tok::Ident
                && matches!(
                    self.peek(2),
                    Tok::Ident
                        | Tok::Comma
                        | Tok::Tilde
                        | Tok::Interface
                        | Tok::LBrack
                        | Tok::Map
                        | Tok::Chan
                        | Tok::Func
                );
            if is_generic {
                tparams = self.type_params()?;
            }
        }
        let alias = self.got(Tok::Assign);
        let ty = self.ty()?;
        Ok(TypeSpec {
            name,
            tparams,
            alias,
            ty,
        })
    }

    /// `[K comparable, V any]` or `[S ~[]E, E any]`, from the `[`.
    fn type_params(&mut self) -> PResult<Vec<Field>> {
        self.want(Tok::LBrack)?;
        let mut fields = Vec::new();
        while self.tok() != Tok::RBrack {
            let mut names = vec![self.ident()?];
            while self.got(Tok::Comma) {
                names.push(self.ident()?);
            }
            if self.tok() == Tok::RBrack {
                let pos = self.pos();
                self.error_at(pos, "syntax error: missing type constraint".into());
                return Err(());
            }
            let ty = self.constraint()?;
            fields.push(Field { names, ty });
            if !self.got(Tok::Comma) {
                break;
            }
        }
        self.want(Tok::RBrack)?;
        Ok(fields)
    }

    /// A constraint or interface element: a type, or a union of terms
    /// `~int | float64`.
    pub(super) fn constraint(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        let mut terms = Vec::new();
        loop {
            let tilde = self.got(Tok::Tilde);
            terms.push((tilde, self.ty()?));
            if !self.got(Tok::Or) {
                break;
            }
        }
        if terms.len() == 1 && !terms[0].0 {
            return Ok(terms.pop().unwrap().1);
        }
        Ok(self.mk(pos, ExprKind::Union(terms)))
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
        let tparams = if self.tok() == Tok::LBrack {
            self.type_params()?
        } else {
            Vec::new()
        };
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
            tparams,
            ty,
            body,
        }))
    }

    pub(super) fn signature(&mut self, pos: Pos) -> PResult<FuncType> {
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
            if !self.got(Tok::Comma) && self.tok() != Tok::RParen {
                self.syntax_error("in parameter list; possibly missing comma or )");
                self.advance(&[Tok::RParen]);
                if self.tok() == Tok::RParen {
                    self.next();
                }
                return Err(());
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
}
