//! Fresh node ids for a copy of a declaration.
//!
//! Generic code is compiled by instantiation: each distinct list of type
//! arguments gets its own copy of the generic function (or type, or method)
//! and the checker checks that copy with the type parameters bound. The
//! checker's side tables are keyed by node id, so every copy needs ids of
//! its own; this walk gives every expression, identifier and type-switch
//! clause in the copy a new one.

use crate::ast::*;

pub(crate) struct Renumber<'n> {
    pub next: &'n mut NodeId,
}

impl Renumber<'_> {
    fn id(&mut self) -> NodeId {
        let id = *self.next;
        *self.next += 1;
        id
    }

    fn ident(&mut self, i: &mut Ident) {
        i.id = self.id();
    }

    pub(crate) fn func_decl(&mut self, f: &mut FuncDecl) {
        if let Some(r) = &mut f.recv {
            self.field(r);
        }
        self.ident(&mut f.name);
        for tp in &mut f.tparams {
            self.field(tp);
        }
        self.func_type(&mut f.ty);
        if let Some(b) = &mut f.body {
            self.block(b);
        }
    }

    fn field(&mut self, f: &mut Field) {
        for n in &mut f.names {
            self.ident(n);
        }
        self.expr(&mut f.ty);
    }

    fn func_type(&mut self, ft: &mut FuncType) {
        for f in ft.params.iter_mut().chain(ft.results.iter_mut()) {
            self.field(f);
        }
    }

    fn block(&mut self, b: &mut Block) {
        for s in &mut b.stmts {
            self.stmt(s);
        }
    }

    fn opt_stmt(&mut self, s: &mut Option<Box<Stmt>>) {
        if let Some(s) = s {
            self.stmt(s);
        }
    }

    fn exprs(&mut self, es: &mut [Expr]) {
        for e in es {
            self.expr(e);
        }
    }

    fn decl(&mut self, d: &mut Decl) {
        match d {
            Decl::Func(f) => self.func_decl(f),
            Decl::Var(specs) => {
                for s in specs {
                    self.value_spec(&mut s.names, &mut s.ty, &mut s.values);
                }
            }
            Decl::Const(specs) => {
                for s in specs {
                    self.value_spec(&mut s.names, &mut s.ty, &mut s.values);
                }
            }
            Decl::Type(specs) => {
                for s in specs {
                    self.type_spec(s);
                }
            }
        }
    }

    /// A `var` or `const` spec: `a, b T = x, y`.
    fn value_spec(&mut self, names: &mut [Ident], ty: &mut Option<Expr>, values: &mut [Expr]) {
        for n in names {
            self.ident(n);
        }
        if let Some(t) = ty {
            self.expr(t);
        }
        self.exprs(values);
    }

    pub(crate) fn type_spec(&mut self, s: &mut TypeSpec) {
        self.ident(&mut s.name);
        for tp in &mut s.tparams {
            self.field(tp);
        }
        self.expr(&mut s.ty);
    }

    fn stmt(&mut self, s: &mut Stmt) {
        match &mut s.kind {
            StmtKind::Empty | StmtKind::Bad | StmtKind::Fallthrough => {}
            StmtKind::Expr(e) | StmtKind::Go(e) | StmtKind::Defer(e) => self.expr(e),
            StmtKind::IncDec(e, _) => self.expr(e),
            StmtKind::Send(a, b) => {
                self.expr(a);
                self.expr(b);
            }
            StmtKind::Assign { lhs, rhs, .. } => {
                self.exprs(lhs);
                self.exprs(rhs);
            }
            StmtKind::Return(es) => self.exprs(es),
            StmtKind::Break(l) | StmtKind::Continue(l) => {
                if let Some(l) = l {
                    self.ident(l);
                }
            }
            StmtKind::Goto(l) => self.ident(l),
            StmtKind::Block(b) => self.block(b),
            StmtKind::If {
                init,
                cond,
                then,
                els,
            } => {
                self.opt_stmt(init);
                self.expr(cond);
                self.block(then);
                self.opt_stmt(els);
            }
            StmtKind::Switch {
                init, tag, clauses, ..
            } => {
                self.opt_stmt(init);
                if let Some(t) = tag {
                    self.expr(t);
                }
                self.clauses(clauses);
            }
            StmtKind::TypeSwitch {
                init,
                bind,
                x,
                clauses,
                ..
            } => {
                self.opt_stmt(init);
                if let Some(b) = bind {
                    self.ident(b);
                }
                self.expr(x);
                self.clauses(clauses);
            }
            StmtKind::Select { clauses } => {
                for c in clauses {
                    self.opt_stmt(&mut c.comm);
                    for s in &mut c.body {
                        self.stmt(s);
                    }
                }
            }
            StmtKind::For {
                init,
                cond,
                post,
                body,
            } => {
                self.opt_stmt(init);
                if let Some(c) = cond {
                    self.expr(c);
                }
                self.opt_stmt(post);
                self.block(body);
            }
            StmtKind::Range {
                key,
                value,
                x,
                body,
                ..
            } => {
                if let Some(k) = key {
                    self.expr(k);
                }
                if let Some(v) = value {
                    self.expr(v);
                }
                self.expr(x);
                self.block(body);
            }
            StmtKind::Labeled(l, s) => {
                self.ident(l);
                self.stmt(s);
            }
            StmtKind::Decl(d) => self.decl(d),
        }
    }

    fn clauses(&mut self, clauses: &mut [CaseClause]) {
        for c in clauses {
            if let Some(l) = &mut c.list {
                self.exprs(l);
            }
            c.bind_id = self.id();
            for s in &mut c.body {
                self.stmt(s);
            }
        }
    }

    pub(crate) fn expr(&mut self, e: &mut Expr) {
        e.id = self.id();
        match &mut e.kind {
            ExprKind::Bad
            | ExprKind::Int(_)
            | ExprKind::Float(_)
            | ExprKind::Imag
            | ExprKind::Char(_)
            | ExprKind::Str(_)
            | ExprKind::Ellipsis => {}
            ExprKind::Ident(i) => self.ident(i),
            ExprKind::Composite { ty, elts, .. } => {
                if let Some(t) = ty {
                    self.expr(t);
                }
                for el in elts {
                    if let Some(k) = &mut el.key {
                        self.expr(k);
                    }
                    self.expr(&mut el.value);
                }
            }
            ExprKind::FuncLit { ty, body } => {
                self.func_type(ty);
                self.block(body);
            }
            ExprKind::Paren(x)
            | ExprKind::Star(x)
            | ExprKind::Unary(_, x)
            | ExprKind::ChanType(_, x) => self.expr(x),
            ExprKind::Selector(x, i) => {
                self.expr(x);
                self.ident(i);
            }
            ExprKind::Index(a, b) | ExprKind::Binary(_, a, b) | ExprKind::MapType(a, b) => {
                self.expr(a);
                self.expr(b);
            }
            ExprKind::IndexList(x, args) => {
                self.expr(x);
                self.exprs(args);
            }
            ExprKind::Slice { x, lo, hi, max } => {
                self.expr(x);
                for i in [lo, hi, max].into_iter().flatten() {
                    self.expr(i);
                }
            }
            ExprKind::TypeAssert(x, t) => {
                self.expr(x);
                if let Some(t) = t {
                    self.expr(t);
                }
            }
            ExprKind::Call { fun, args, .. } => {
                self.expr(fun);
                self.exprs(args);
            }
            ExprKind::ArrayType { len, elem } => {
                if let Some(l) = len {
                    self.expr(l);
                }
                self.expr(elem);
            }
            ExprKind::FuncType(ft) => self.func_type(ft),
            ExprKind::StructType(fields) => {
                for f in fields {
                    self.field(f);
                }
            }
            ExprKind::InterfaceType(elems) => {
                for el in elems {
                    match el {
                        InterfaceElem::Method { name, ty } => {
                            self.ident(name);
                            self.func_type(ty);
                        }
                        InterfaceElem::Embedded(t) => self.expr(t),
                    }
                }
            }
            ExprKind::Union(terms) => {
                for (_, t) in terms {
                    self.expr(t);
                }
            }
        }
    }
}
