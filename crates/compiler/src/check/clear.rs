//! The `clear` builtin (Go 1.21), rewritten into a loop the code generator
//! already compiles: `clear(m)` deletes every key of a map, `clear(s)` sets
//! every element of a slice to its zero value.
//!
//! ```text
//! { #x := x; for #k := range #x { delete(#x, #k) } }        // map
//! { #x := x; for #i := range #x { var #z E; #x[#i] = #z } }  // slice
//! ```

use super::rangefunc::Rewrite;
use super::*;

impl<'a> Checker<'a> {
    pub(super) fn clear(&mut self, call: &Expr, arg: &Expr) {
        let mut x = self.expr(arg, None);
        self.single_value(arg, &mut x);
        if x.mode == Mode::Invalid {
            return;
        }
        let elem = match self.t.under(x.ty) {
            Type::Map(..) => None,
            Type::Slice(e) => Some(*e),
            _ => {
                let d = self.describe(arg, &x);
                self.error(
                    arg.pos,
                    format!("invalid argument: cannot clear {d}: argument must be (or constrained by) map or slice"),
                );
                return;
            }
        };
        let n = call.id;
        let mut rw = Rewrite::new(n, call.pos, &mut self.next_id);
        let (xs, ks) = (rw.hidden("x"), rw.hidden("k"));
        let mut value = arg.clone();
        crate::fresh::Renumber { next: rw.next_id }.expr(&mut value);
        let xname = rw.name(&xs);
        let bind = rw.stmt(StmtKind::Assign {
            lhs: vec![xname],
            op: Tok::Define,
            rhs: vec![value],
            op_pos: call.pos,
        });
        let body = match elem {
            None => {
                let del = rw.name("delete");
                let (m, k) = (rw.name(&xs), rw.name(&ks));
                let call = rw.expr(ExprKind::Call {
                    fun: Box::new(del),
                    args: vec![m, k],
                    ellipsis: false,
                    rparen: call.pos,
                });
                vec![rw.stmt(StmtKind::Expr(call))]
            }
            Some(_) => {
                let zs = rw.hidden("z");
                let z = rw.ident(&zs);
                let ty = rw.name(&rw.hidden("E"));
                let decl = rw.stmt(StmtKind::Decl(Decl::Var(vec![VarSpec {
                    pos: call.pos,
                    names: vec![z],
                    ty: Some(ty),
                    values: vec![],
                }])));
                let (s, i) = (rw.name(&xs), rw.name(&ks));
                let elem = rw.expr(ExprKind::Index(Box::new(s), Box::new(i)));
                let zero = rw.name(&zs);
                vec![decl, rw.assign(vec![elem], vec![zero])]
            }
        };
        let key = rw.name(&ks);
        let over = rw.name(&xs);
        let pos = call.pos;
        let lp = rw.stmt(StmtKind::Range {
            key: Some(key),
            value: None,
            define: true,
            x: over,
            body: Block {
                pos,
                stmts: body,
                rbrace: pos,
            },
        });
        let rewritten = rw.block(vec![bind, lp]);
        self.push_scope();
        if let Some(e) = elem {
            self.declare_tparams(&[(format!("#E{n}"), e)], pos);
        }
        self.stmt(&rewritten);
        self.pop_scope();
        self.info.rewrites.insert(n, std::rc::Rc::new(rewritten));
    }
}
