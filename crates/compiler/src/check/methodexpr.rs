//! Expressions rewritten into function literals, compiled in their place
//! (`Info::expr_rewrites`):
//!
//! - a method expression `T.M` or `(*T).M`, a function whose first
//!   parameter is the receiver:
//!   `func(#r T, #a0 P0, ...) R { return #r.M(#a0, ...) }`;
//! - `new(expr)` (Go 1.26), a new variable holding the value:
//!   `func(#v T) *T { return &#v }(expr)`.

use super::rangefunc::Rewrite;
use super::*;

impl<'a> Checker<'a> {
    pub(super) fn method_expr(
        &mut self,
        e: &Expr,
        recv: TypeId,
        sel: &Ident,
        params: &[TypeId],
        results: &[TypeId],
        variadic: bool,
    ) {
        let n = e.id;
        let mut rw = Rewrite::new(n, e.pos, &mut self.next_id);
        let mut names = vec![(rw.hidden("T"), recv)];
        let r = rw.hidden("r");
        let rty = rw.name(&names[0].0);
        let mut fields = vec![Field {
            names: vec![rw.ident(&r)],
            ty: rty,
        }];
        let mut args = Vec::new();
        for (i, &p) in params.iter().enumerate() {
            // A variadic parameter is written `...E` with E its element type.
            let pt = match (variadic && i + 1 == params.len(), self.t.get(p)) {
                (true, Type::Slice(el)) => *el,
                _ => p,
            };
            let tn = rw.hidden(&format!("P{i}_"));
            names.push((tn.clone(), pt));
            let an = rw.hidden(&format!("a{i}_"));
            fields.push(Field {
                names: vec![rw.ident(&an)],
                ty: rw.name(&tn),
            });
            args.push(rw.name(&an));
        }
        let mut res = Vec::new();
        for (i, &t) in results.iter().enumerate() {
            let tn = rw.hidden(&format!("R{i}_"));
            names.push((tn.clone(), t));
            res.push(Field {
                names: vec![],
                ty: rw.name(&tn),
            });
        }
        let recv_x = rw.name(&r);
        let method = rw.ident(&sel.name);
        let fun = rw.expr(ExprKind::Selector(Box::new(recv_x), method));
        let call = rw.expr(ExprKind::Call {
            fun: Box::new(fun),
            args,
            ellipsis: variadic,
            rparen: e.pos,
        });
        let body = if results.is_empty() {
            rw.stmt(StmtKind::Expr(call))
        } else {
            rw.stmt(StmtKind::Return(vec![call]))
        };
        let lit = rw.expr(ExprKind::FuncLit {
            ty: FuncType {
                pos: e.pos,
                params: fields,
                results: res,
                variadic,
            },
            body: Block {
                pos: e.pos,
                stmts: vec![body],
                rbrace: e.pos,
            },
        });
        self.check_rewrite(e, lit, &names);
    }

    pub(super) fn new_value(&mut self, e: &Expr, arg: &Expr, t: TypeId) {
        let n = e.id;
        let mut rw = Rewrite::new(n, e.pos, &mut self.next_id);
        let tn = rw.hidden("T");
        let v = rw.hidden("v");
        let param = Field {
            names: vec![rw.ident(&v)],
            ty: rw.name(&tn),
        };
        let pt = rw.name(&tn);
        let result = Field {
            names: vec![],
            ty: rw.expr(ExprKind::Star(Box::new(pt))),
        };
        let var = rw.name(&v);
        let addr = rw.expr(ExprKind::Unary(Tok::And, Box::new(var)));
        let ret = rw.stmt(StmtKind::Return(vec![addr]));
        let lit = rw.expr(ExprKind::FuncLit {
            ty: FuncType {
                pos: e.pos,
                params: vec![param],
                results: vec![result],
                variadic: false,
            },
            body: Block {
                pos: e.pos,
                stmts: vec![ret],
                rbrace: e.pos,
            },
        });
        let mut value = arg.clone();
        crate::fresh::Renumber { next: rw.next_id }.expr(&mut value);
        let call = rw.expr(ExprKind::Call {
            fun: Box::new(lit),
            args: vec![value],
            ellipsis: false,
            rparen: e.pos,
        });
        self.check_rewrite(e, call, &[(tn, t)]);
    }

    /// Checks the expression `e` was rewritten to, with its hidden type
    /// names, and keeps it for the code generator.
    fn check_rewrite(&mut self, e: &Expr, rewritten: Expr, names: &[(String, TypeId)]) {
        self.push_scope();
        self.declare_tparams(names, e.pos);
        self.expr(&rewritten, None);
        self.pop_scope();
        self.info
            .expr_rewrites
            .insert(e.id, std::rc::Rc::new(rewritten));
    }
}
