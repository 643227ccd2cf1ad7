//! Type-argument inference for calls of generic functions, as Go does it:
//! unify each parameter's type *as written* with its argument's type
//! (inexactly: a named type unifies with its underlying type literal),
//! then give untyped constants their default type (the "largest" kind when
//! they are mixed, Go 1.21), then use the core types of constraints
//! (`S ~[]E` with S known gives E).

use super::*;

impl<'a> Checker<'a> {
    /// Infers the type arguments of a call (`explicit` are given).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn infer(
        &mut self,
        e: &Expr,
        fname: &str,
        g: usize,
        explicit: Vec<TypeId>,
        ops: &[(Operand, usize)],
        args: &[Expr],
        ellipsis: bool,
    ) -> Option<Vec<TypeId>> {
        let file: &'a File = self.file;
        let Decl::Func(f) = &file.decls[self.generics[g].decl] else {
            return None;
        };
        let names = self.tparam_names(g);
        let mut bind: Vec<Option<TypeId>> =
            (0..names.len()).map(|k| explicit.get(k).copied()).collect();
        let params: Vec<&Expr> =
            f.ty.params
                .iter()
                .flat_map(|p| std::iter::repeat_n(&p.ty, p.names.len().max(1)))
                .collect();
        // The parameter an argument is passed to, and whether the argument
        // is the slice passed to a variadic parameter (`f(xs...)`).
        let param_of = |i: usize| -> Option<(&Expr, bool)> {
            if f.ty.variadic && i + 1 >= params.len() {
                params.last().map(|p| (*p, ellipsis))
            } else {
                params.get(i).map(|p| (*p, false))
            }
        };
        // Typed arguments first.
        for (i, (x, ai)) in ops.iter().enumerate() {
            let Some((p, spread)) = param_of(i) else {
                break;
            };
            if self.t.is_untyped(x.ty) {
                continue;
            }
            let mut t = x.ty;
            if spread {
                if let Type::Slice(el) = self.t.under(t) {
                    t = *el;
                }
            }
            if let Err((k, prev)) = self.unify(p, t, &names, &mut bind) {
                let ts = self.t.type_string(x.ty, TypeStyle::Diagnostic);
                let ps = self.t.type_string(prev, TypeStyle::Diagnostic);
                let a = self.expr_string(&args[*ai]);
                self.error(
                    args[*ai].pos,
                    format!(
                        "type {ts} of {a} does not match inferred type {ps} for {}",
                        names[k]
                    ),
                );
                return None;
            }
        }
        // Untyped constants passed to a bare type parameter take their
        // default type; mixed kinds take the larger (1 and 2.5: float64).
        for k in 0..names.len() {
            if bind[k].is_some() {
                continue;
            }
            let mut best: Option<TypeId> = None;
            for (i, (x, ai)) in ops.iter().enumerate() {
                let is_k = param_of(i).is_some_and(|(p, _)| {
                    matches!(&p.unparen().kind, ExprKind::Ident(id) if id.name == names[k])
                });
                if !is_k
                    || !self.t.is_untyped(x.ty)
                    || self.t.basic_of(x.ty) == Some(Basic::UntypedNil)
                {
                    continue;
                }
                let rank = |c: &Self, t: TypeId| c.t.basic_of(t).map_or(0, |b| b as u32);
                match best {
                    Some(b)
                        if self.t.is_numeric(b) != self.t.is_numeric(x.ty)
                            || (!self.t.is_numeric(b) && b != x.ty) =>
                    {
                        let (bs, xs) = (
                            self.t.type_string(b, TypeStyle::Diagnostic),
                            self.t.type_string(x.ty, TypeStyle::Diagnostic),
                        );
                        self.error(
                            args[*ai].pos,
                            format!("mismatched types {bs} and {xs} (cannot infer {})", names[k]),
                        );
                        return None;
                    }
                    Some(b) if rank(self, x.ty) <= rank(self, b) => {}
                    _ => best = Some(x.ty),
                }
            }
            bind[k] = best.map(|t| self.t.default_type(t));
        }
        // Core types of constraints: `S ~[]E` with S known gives E.
        let cons: Vec<&Expr> = self
            .tparams_of(g)
            .iter()
            .flat_map(|p| std::iter::repeat_n(&p.ty, p.names.len()))
            .collect();
        for _ in 0..names.len() {
            for k in 0..names.len() {
                let Some(t) = bind[k] else { continue };
                let core = match &cons[k].unparen().kind {
                    ExprKind::Union(terms) if terms.len() == 1 => &terms[0].1,
                    ExprKind::ArrayType { .. }
                    | ExprKind::MapType(..)
                    | ExprKind::ChanType(..)
                    | ExprKind::FuncType(_)
                    | ExprKind::Star(_) => cons[k],
                    _ => continue,
                };
                let under = self.t.underlying(t);
                let _ = self.unify(core, under, &names, &mut bind);
            }
        }
        if let Some(k) = bind.iter().position(|b| b.is_none()) {
            let decl = self
                .tparams_of(g)
                .iter()
                .flat_map(|f| f.names.iter())
                .nth(k)
                .map_or(0, |n| n.pos);
            let at = self.pos_prefix(decl);
            let msg = format!(
                "in call to {fname}, cannot infer {} (declared at {at})",
                names[k]
            );
            self.error(self.lparen(e), msg);
            return None;
        }
        Some(bind.into_iter().flatten().collect())
    }

    /// Where a call's `(` is (Go reports inference errors there): just
    /// before its first argument or its `)`.
    pub(super) fn lparen(&self, call: &Expr) -> Pos {
        let ExprKind::Call { args, rparen, .. } = &call.kind else {
            return call.pos;
        };
        let from = args.first().map_or(*rparen, |a| a.pos) as usize;
        self.src[..from.min(self.src.len())]
            .iter()
            .rposition(|&b| b == b'(')
            .map_or(call.pos, |p| p as Pos)
    }

    /// Unifies the parameter type `p` as written with the argument type
    /// `t`, binding type parameters; on a conflict, the parameter and the
    /// type it was bound to before.
    fn unify(
        &self,
        p: &Expr,
        t: TypeId,
        names: &[String],
        bind: &mut [Option<TypeId>],
    ) -> Result<(), (usize, TypeId)> {
        let under = self.t.under(t).clone();
        match (&p.kind, under) {
            (ExprKind::Paren(x), _) => self.unify(x, t, names, bind),
            (ExprKind::Ident(id), _) => {
                let Some(k) = names.iter().position(|n| *n == id.name) else {
                    return Ok(());
                };
                match bind[k] {
                    None => bind[k] = Some(t),
                    Some(b) if b == t => {}
                    // A named type and its underlying type literal unify
                    // (inexactly); the named one is kept.
                    Some(b)
                        if self.t.underlying(b) == self.t.underlying(t)
                            && (!self.t.is_named(b) || !self.t.is_named(t)) =>
                    {
                        if self.t.is_named(t) {
                            bind[k] = Some(t);
                        }
                    }
                    Some(b) => return Err((k, b)),
                }
                Ok(())
            }
            (ExprKind::Star(x), Type::Pointer(e)) => self.unify(x, e, names, bind),
            (ExprKind::ArrayType { len: None, elem }, Type::Slice(e))
            | (ExprKind::ArrayType { len: Some(_), elem }, Type::Array(e, _))
            | (ExprKind::ChanType(_, elem), Type::Chan(_, e)) => self.unify(elem, e, names, bind),
            (ExprKind::MapType(k, v), Type::Map(kt, vt)) => {
                self.unify(k, kt, names, bind)?;
                self.unify(v, vt, names, bind)
            }
            (
                ExprKind::FuncType(ft),
                Type::Func {
                    params, results, ..
                },
            ) => {
                let ps = ft
                    .params
                    .iter()
                    .flat_map(|f| std::iter::repeat_n(&f.ty, f.names.len().max(1)));
                for (pe, &pt) in ps.zip(params.iter()) {
                    self.unify(pe, pt, names, bind)?;
                }
                let rs = ft
                    .results
                    .iter()
                    .flat_map(|f| std::iter::repeat_n(&f.ty, f.names.len().max(1)));
                for (re, &rt) in rs.zip(results.iter()) {
                    self.unify(re, rt, names, bind)?;
                }
                Ok(())
            }
            (ExprKind::Index(_, a), _) => match self.inst_of.get(&t) {
                Some((_, targs)) if targs.len() == 1 => self.unify(a, targs[0], names, bind),
                _ => Ok(()),
            },
            (ExprKind::IndexList(_, args), _) => match self.inst_of.get(&t) {
                Some((_, targs)) => {
                    for (a, &ta) in args.iter().zip(targs.clone().iter()) {
                        self.unify(a, ta, names, bind)?;
                    }
                    Ok(())
                }
                _ => Ok(()),
            },
            _ => Ok(()),
        }
    }
}
