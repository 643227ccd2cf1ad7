//! Range over functions (Go 1.23): `for k, v := range seq { ... }` where
//! `seq` is `func(yield func(K, V) bool)`.
//!
//! The loop is rewritten, as cmd/compile's `rangefunc` pass does, into a
//! call of `seq` with the body as the yield function, and the rewritten
//! statement is what is checked and compiled (see `Info::range_funcs`):
//!
//! ```text
//! {
//!     var #next int                // 1: break, 2: return values, 3: return
//!     var #r0 R0 ...               // the function's results, if returned
//!     seq(func(k K, v V) bool {
//!         body                     // break → #next = 1; return false
//!                                  // continue → return true
//!                                  // return x → #r0 = x; #next = 2; return false
//!         return true
//!     })
//!     if #next == 2 { return #r0 ... }
//!     if #next == 3 { return }
//! }
//! ```
//!
//! Hidden names start with `#`, which no Go identifier can, and end with
//! the loop's node id, so nested loops keep theirs apart. What the rewrite
//! cannot express (`defer`, `goto`, and `break`/`continue` to a label
//! outside the loop, from its body) is reported as not supported here.

use super::*;

/// How a statement of the body relates to the loop being rewritten.
#[derive(Clone, Copy)]
struct Depth {
    /// Inside a nested for/range: `continue` is theirs.
    in_loop: bool,
    /// Inside a nested for/range/switch/select: `break` is theirs.
    in_breakable: bool,
}

pub(super) struct Rewrite<'r> {
    n: NodeId,
    pos: Pos,
    label: Option<String>,
    pub(super) next_id: &'r mut NodeId,
    nresults: usize,
    returns_values: bool,
    returns_bare: bool,
    errors: Vec<(Pos, String)>,
}

impl<'r> Rewrite<'r> {
    /// A builder of statements at `pos`, with hidden names ending in `n`.
    pub(super) fn new(n: NodeId, pos: Pos, next_id: &'r mut NodeId) -> Rewrite<'r> {
        Rewrite {
            n,
            pos,
            label: None,
            next_id,
            nresults: 0,
            returns_values: false,
            returns_bare: false,
            errors: Vec::new(),
        }
    }

    fn id(&mut self) -> NodeId {
        let id = *self.next_id;
        *self.next_id += 1;
        id
    }

    pub(super) fn ident(&mut self, name: &str) -> Ident {
        Ident {
            name: name.into(),
            pos: self.pos,
            id: self.id(),
        }
    }

    pub(super) fn name(&mut self, name: &str) -> Expr {
        let i = self.ident(name);
        self.expr(ExprKind::Ident(i))
    }

    pub(super) fn expr(&mut self, kind: ExprKind) -> Expr {
        Expr {
            id: self.id(),
            pos: self.pos,
            kind,
        }
    }

    pub(super) fn stmt(&self, kind: StmtKind) -> Stmt {
        Stmt {
            pos: self.pos,
            kind,
        }
    }

    pub(super) fn hidden(&self, what: &str) -> String {
        format!("#{what}{}", self.n)
    }

    fn set_next(&mut self, v: i128) -> Stmt {
        let lhs = self.name(&self.hidden("next"));
        let rhs = self.expr(ExprKind::Int(Some(v)));
        self.assign(vec![lhs], vec![rhs])
    }

    pub(super) fn assign(&self, lhs: Vec<Expr>, rhs: Vec<Expr>) -> Stmt {
        self.stmt(StmtKind::Assign {
            lhs,
            op: Tok::Assign,
            rhs,
            op_pos: self.pos,
        })
    }

    pub(super) fn ret(&mut self, value: bool) -> Stmt {
        let v = self.name(if value { "true" } else { "false" });
        self.stmt(StmtKind::Return(vec![v]))
    }

    pub(super) fn block(&self, stmts: Vec<Stmt>) -> Stmt {
        self.stmt(StmtKind::Block(Block {
            pos: self.pos,
            stmts,
            rbrace: self.pos,
        }))
    }

    /// Whether a labeled `break`/`continue` names this loop.
    fn own(&mut self, l: &Option<Ident>, what: &str, pos: Pos) -> bool {
        match l {
            None => true,
            Some(l) if Some(&l.name) == self.label.as_ref() => true,
            Some(l) => {
                self.errors.push((
                    pos,
                    format!(
                        "{what} {} from the body of a range-over-func loop is not supported here",
                        l.name
                    ),
                ));
                false
            }
        }
    }

    fn stmts(&mut self, stmts: &mut [Stmt], d: Depth) {
        for s in stmts {
            self.rewrite(s, d);
        }
    }

    fn rewrite(&mut self, s: &mut Stmt, d: Depth) {
        let pos = s.pos;
        let nested_loop = Depth {
            in_loop: true,
            in_breakable: true,
        };
        let nested_switch = Depth {
            in_breakable: true,
            ..d
        };
        let new = match &mut s.kind {
            StmtKind::Return(values) => {
                let mut out = Vec::new();
                if values.is_empty() {
                    self.returns_bare = true;
                    out.push(self.set_next(3));
                } else {
                    self.returns_values = true;
                    let lhs = (0..self.nresults)
                        .map(|i| self.name(&self.hidden(&format!("r{i}_"))))
                        .collect();
                    out.push(self.assign(lhs, std::mem::take(values)));
                    out.push(self.set_next(2));
                }
                out.push(self.ret(false));
                self.block(out)
            }
            StmtKind::Break(l) if !d.in_breakable || l.is_some() => {
                let l = l.clone();
                if l.is_some()
                    && d.in_breakable
                    && l.as_ref().map(|l| &l.name) != self.label.as_ref()
                {
                    // A label inside the body: that statement's own.
                    return;
                }
                if !self.own(&l, "break", pos) {
                    return;
                }
                let set = self.set_next(1);
                let r = self.ret(false);
                self.block(vec![set, r])
            }
            StmtKind::Continue(l) if !d.in_loop || l.is_some() => {
                let l = l.clone();
                if l.is_some() && d.in_loop && l.as_ref().map(|l| &l.name) != self.label.as_ref() {
                    return;
                }
                if !self.own(&l, "continue", pos) {
                    return;
                }
                self.ret(true)
            }
            StmtKind::Goto(_) => {
                self.errors.push((
                    pos,
                    "goto in the body of a range-over-func loop is not supported here".into(),
                ));
                return;
            }
            StmtKind::Defer(_) => {
                self.errors.push((
                    pos,
                    "defer in the body of a range-over-func loop is not supported here".into(),
                ));
                return;
            }
            StmtKind::Block(b) => {
                self.stmts(&mut b.stmts, d);
                return;
            }
            StmtKind::If { then, els, .. } => {
                self.stmts(&mut then.stmts, d);
                if let Some(e) = els {
                    self.rewrite(e, d);
                }
                return;
            }
            StmtKind::For { body, .. } | StmtKind::Range { body, .. } => {
                self.stmts(&mut body.stmts, nested_loop);
                return;
            }
            StmtKind::Switch { clauses, .. } | StmtKind::TypeSwitch { clauses, .. } => {
                for c in clauses {
                    self.stmts(&mut c.body, nested_switch);
                }
                return;
            }
            StmtKind::Select { clauses } => {
                for c in clauses {
                    self.stmts(&mut c.body, nested_switch);
                }
                return;
            }
            StmtKind::Labeled(_, inner) => {
                self.rewrite(inner, d);
                return;
            }
            _ => return,
        };
        *s = new;
    }
}

impl<'a> Checker<'a> {
    /// Checks `for key, value := range x` where x is a function of type
    /// `func(yield func(K, V) bool)` (with `yields` = [K, V]).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn range_func(
        &mut self,
        s: &Stmt,
        key: Option<&Expr>,
        value: Option<&Expr>,
        define: bool,
        x: &Expr,
        body: &Block,
        yields: &[TypeId],
    ) {
        let label = self.pending_label.take();
        if let Some(l) = &label {
            // `break L` and `continue L` become returns: the label is used.
            if let Some(entry) = self.fstack.last_mut().unwrap().labels.get_mut(l) {
                entry.1 = true;
            }
        }
        let results = self.fstack.last().unwrap().results.clone();
        let n = x.id;
        let mut rw = Rewrite {
            n,
            pos: s.pos,
            label,
            next_id: &mut self.next_id,
            nresults: results.len(),
            returns_values: false,
            returns_bare: false,
            errors: Vec::new(),
        };
        // The yield function's parameters: the loop's variables (`:=`), or
        // hidden ones assigned to them at the start of each iteration.
        let mut params = Vec::new();
        let mut prologue = Vec::new();
        let vars = [key, value];
        for (i, _) in yields.iter().enumerate() {
            let ty = rw.name(&rw.hidden(&format!("Y{i}_")));
            let name = match vars.get(i).copied().flatten() {
                Some(Expr {
                    kind: ExprKind::Ident(id),
                    ..
                }) if define => id.clone(),
                Some(e) if !define => {
                    let hidden = rw.hidden(&format!("y{i}_"));
                    let from = rw.name(&hidden);
                    prologue.push(rw.assign(vec![e.clone()], vec![from]));
                    rw.ident(&hidden)
                }
                _ => rw.ident("_"),
            };
            params.push(Field {
                names: vec![name],
                ty,
            });
        }
        let mut stmts = prologue;
        stmts.extend(body.stmts.iter().cloned());
        rw.stmts(
            &mut stmts,
            Depth {
                in_loop: false,
                in_breakable: false,
            },
        );
        let t = rw.ret(true);
        stmts.push(t);
        let bool_t = rw.name(&rw.hidden("bool"));
        let lit = rw.expr(ExprKind::FuncLit {
            ty: FuncType {
                pos: s.pos,
                params,
                results: vec![Field {
                    names: vec![],
                    ty: bool_t,
                }],
                variadic: false,
            },
            body: Block {
                pos: body.pos,
                stmts,
                rbrace: body.rbrace,
            },
        });
        let mut out = Vec::new();
        let next = rw.ident(&rw.hidden("next"));
        let int_t = rw.name(&rw.hidden("int"));
        out.push(rw.stmt(StmtKind::Decl(Decl::Var(vec![VarSpec {
            pos: s.pos,
            names: vec![next],
            ty: Some(int_t),
            values: vec![],
        }]))));
        if rw.returns_values {
            for i in 0..results.len() {
                let name = rw.ident(&rw.hidden(&format!("r{i}_")));
                let ty = rw.name(&rw.hidden(&format!("R{i}_")));
                out.push(rw.stmt(StmtKind::Decl(Decl::Var(vec![VarSpec {
                    pos: s.pos,
                    names: vec![name],
                    ty: Some(ty),
                    values: vec![],
                }]))));
            }
        }
        let mut callee = x.clone();
        crate::fresh::Renumber { next: rw.next_id }.expr(&mut callee);
        let call = rw.expr(ExprKind::Call {
            fun: Box::new(callee),
            args: vec![lit],
            ellipsis: false,
            rparen: s.pos,
        });
        out.push(rw.stmt(StmtKind::Expr(call)));
        // `#next` is read only after a break or return; this reads it always.
        let blank = rw.name("_");
        let next = rw.name(&rw.hidden("next"));
        let read = rw.assign(vec![blank], vec![next]);
        out.push(read);
        let mut after = |rw: &mut Rewrite, code: i128, values: Vec<Expr>| {
            let lhs = rw.name(&rw.hidden("next"));
            let rhs = rw.expr(ExprKind::Int(Some(code)));
            let cond = rw.expr(ExprKind::Binary(Tok::Eql, Box::new(lhs), Box::new(rhs)));
            let ret = rw.stmt(StmtKind::Return(values));
            let s = rw.stmt(StmtKind::If {
                init: None,
                cond,
                then: Block {
                    pos: rw.pos,
                    stmts: vec![ret],
                    rbrace: rw.pos,
                },
                els: None,
            });
            out.push(s);
        };
        if rw.returns_values {
            let values = (0..results.len())
                .map(|i| rw.name(&rw.hidden(&format!("r{i}_"))))
                .collect();
            after(&mut rw, 2, values);
        }
        if rw.returns_bare {
            after(&mut rw, 3, vec![]);
        }
        let errors = std::mem::take(&mut rw.errors);
        let rewritten = rw.block(out);
        for (p, m) in errors {
            self.error(p, m);
        }
        // The hidden type names the rewrite uses.
        self.push_scope();
        let mut names: Vec<(String, TypeId)> = yields
            .iter()
            .enumerate()
            .map(|(i, &t)| (format!("#Y{i}_{n}"), t))
            .collect();
        names.extend(
            results
                .iter()
                .enumerate()
                .map(|(i, &t)| (format!("#R{i}_{n}"), t)),
        );
        names.push((format!("#bool{n}"), self.t.basic(Basic::Bool)));
        names.push((format!("#int{n}"), self.t.basic(Basic::Int)));
        self.declare_tparams(&names, s.pos);
        self.stmt(&rewritten);
        self.pop_scope();
        self.info.rewrites.insert(n, std::rc::Rc::new(rewritten));
    }
}
