//! Declarations: constant and variable specs (with `iota` and implicit
//! repetition), assignment of values to them, and function types.

use super::*;

impl<'a> Checker<'a> {
    // ---- declarations ----

    pub(super) fn const_spec(&mut self, s: &ConstSpec, only: Option<usize>, level: Level) {
        let saved = self.iota.replace(s.iota);
        let ty = s.ty.as_ref().map(|t| self.type_expr(t));
        if let Some(t) = ty {
            if !self.t.is_invalid(t) && !matches!(self.t.under(t), Type::Basic(_)) {
                let ts = self.t.type_string(t, TypeStyle::Diagnostic);
                self.error(
                    s.ty.as_ref().unwrap().pos,
                    format!("invalid constant type {ts}"),
                );
            }
        }
        if s.values.is_empty() {
            self.error(s.names[0].pos, "missing init expr for const declaration");
        }
        for (i, n) in s.names.iter().enumerate() {
            if let Some(k) = only {
                if k != i {
                    continue;
                }
            }
            let Some(e) = s.values.get(i) else {
                if i == s.values.len() && !s.values.is_empty() {
                    self.error(n.pos, "missing init expr for const declaration");
                }
                continue;
            };
            let mut x = self.expr(e, None);
            if x.mode != Mode::Invalid && x.mode != Mode::Const {
                let d = self.describe(e, &x);
                self.error(e.pos, format!("{d} is not constant"));
                x = Operand::invalid();
            }
            if let (Some(t), Mode::Const) = (ty, x.mode) {
                self.assignment(&mut x, t, "constant declaration", e);
            }
            let o = if level == Level::Package {
                self.info.objs.get(&n.id).copied()
            } else {
                let o = self.new_obj(&n.name, ObjKind::Const(ConstVal::Int(0)), INVALID, n.pos);
                Some(o)
            };
            if let Some(o) = o {
                self.obj_mut(o).ty = x.ty;
                self.obj_mut(o).kind = ObjKind::Const(x.val.clone().unwrap_or(ConstVal::Int(0)));
                self.obj_mut(o).used = true;
                if level == Level::Local {
                    self.declare(n, o);
                }
            }
        }
        if s.values.len() > s.names.len() {
            self.error(s.values[s.names.len()].pos, "extra init expr");
        }
        self.iota = saved;
    }

    /// Types and checks a var spec's values; sets the objects' types.
    pub(super) fn var_spec_types(&mut self, s: &VarSpec, objs: &[Option<ObjId>]) {
        let ty = s.ty.as_ref().map(|t| self.type_expr(t));
        if s.values.is_empty() {
            for o in objs.iter().flatten() {
                self.obj_mut(*o).ty = ty.unwrap_or(INVALID);
            }
            return;
        }
        let types = self.assign_values(
            &s.names.iter().map(|n| n.pos).collect::<Vec<_>>(),
            ty,
            &s.values,
            "variable declaration",
            s.names[0].pos,
        );
        for (o, t) in objs.iter().zip(types) {
            if let Some(o) = o {
                self.obj_mut(*o).ty = t;
                if t == INVALID {
                    self.obj_mut(*o).used = true;
                }
            }
        }
    }

    /// Checks `n` names = values (var decl or :=), with optional declared
    /// type; returns the type of each name.
    pub(super) fn assign_values(
        &mut self,
        names: &[Pos],
        ty: Option<TypeId>,
        values: &[Expr],
        ctx: &str,
        pos: Pos,
    ) -> Vec<TypeId> {
        let n = names.len();
        if values.len() == 1 && n > 1 {
            // v1, v2 = f() / m[k] / <-ch / x.(T)
            let x = self.expr(&values[0], None);
            let tys: Vec<TypeId> = match (self.t.get(x.ty).clone(), x.mode) {
                (Type::Tuple(ts), _) => ts,
                (_, Mode::MapIndex | Mode::CommaOk) if n == 2 => {
                    let b = self.t.basic(Basic::Bool);
                    self.mark_comma_ok(&values[0]);
                    vec![x.ty, b]
                }
                _ => {
                    if x.mode != Mode::Invalid {
                        self.assign_mismatch(pos, n, 1, &values[0], &x);
                    }
                    return vec![INVALID; n];
                }
            };
            if tys.len() != n {
                self.assign_mismatch(pos, n, tys.len(), &values[0], &x);
                return vec![INVALID; n];
            }
            return tys
                .into_iter()
                .map(|t| {
                    if let Some(dt) = ty {
                        let mut op = Operand {
                            mode: Mode::Value,
                            ty: t,
                            val: None,
                        };
                        self.assignment(&mut op, dt, ctx, &values[0]);
                        dt
                    } else {
                        t
                    }
                })
                .collect();
        }
        if values.len() != n {
            let mut out = Vec::new();
            for v in values {
                let x = self.expr(v, None);
                if let Type::Tuple(ts) = self.t.get(x.ty) {
                    if values.len() == 1 {
                        let k = ts.len();
                        self.assign_mismatch(pos, n, k, v, &x);
                        return vec![INVALID; n];
                    }
                }
            }
            self.error(
                values[0].pos,
                format!(
                    "assignment mismatch: {} variable{} but {} value{}",
                    n,
                    plural(n),
                    values.len(),
                    plural(values.len())
                ),
            );
            out.resize(n, INVALID);
            return out;
        }
        let mut out = Vec::new();
        for v in values {
            let mut x = self.expr(v, None);
            if self.call_mismatch(n, v, &x) {
                return vec![INVALID; n];
            }
            self.single_value(v, &mut x);
            match ty {
                Some(t) => {
                    self.assignment(&mut x, t, ctx, v);
                    out.push(t);
                }
                None => {
                    if x.mode == Mode::Nil {
                        self.error(v.pos, format!("use of untyped nil in {ctx}"));
                        out.push(INVALID);
                        continue;
                    }
                    if x.mode == Mode::Invalid {
                        out.push(INVALID);
                        continue;
                    }
                    let dt = self.t.default_type(x.ty);
                    self.assignment(&mut x, dt, ctx, v);
                    out.push(if x.mode == Mode::Invalid { INVALID } else { dt });
                }
            }
        }
        out
    }

    /// `x := f()` (or `=`, or `var x = f()`) with f returning several values
    /// is an assignment mismatch, not a single-value context, as types2 says
    /// it: "assignment mismatch: 1 variable but f returns 2 values".
    pub(super) fn call_mismatch(&mut self, n: usize, v: &Expr, x: &Operand) -> bool {
        let k = match self.t.get(x.ty) {
            Type::Tuple(ts) if ts.len() >= 2 => ts.len(),
            _ => return false,
        };
        if n != 1 || !matches!(v.unparen().kind, ExprKind::Call { .. }) {
            return false;
        }
        self.assign_mismatch(v.pos, n, k, v, x);
        true
    }

    pub(super) fn assign_mismatch(&mut self, pos: Pos, n: usize, k: usize, v: &Expr, x: &Operand) {
        if let ExprKind::Call { fun, .. } = &v.unparen().kind {
            let fs = self.expr_string(fun);
            self.error(
                v.pos,
                format!(
                    "assignment mismatch: {} variable{} but {} returns {} value{}",
                    n,
                    plural(n),
                    fs,
                    k,
                    plural(k)
                ),
            );
        } else {
            let _ = (x, pos);
            self.error(
                v.pos,
                format!(
                    "assignment mismatch: {} variable{} but {} value{}",
                    n,
                    plural(n),
                    k,
                    plural(k)
                ),
            );
        }
    }

    /// Records that a map index / receive / assertion is used in comma-ok form.
    pub(super) fn mark_comma_ok(&mut self, e: &Expr) {
        let b = self.t.basic(Basic::Bool);
        if let Some(tv) = self.info.types.get(&e.id).cloned() {
            let tup = self.t.intern(Type::Tuple(vec![tv.ty, b]));
            self.info.types.insert(
                e.id,
                TypeAndValue {
                    mode: tv.mode,
                    ty: tup,
                    val: None,
                },
            );
        }
    }

    pub(super) fn func_type(&mut self, ft: &FuncType) -> TypeId {
        let mut params = Vec::new();
        for (i, f) in ft.params.iter().enumerate() {
            let mut t = self.type_expr(&f.ty);
            if ft.variadic && i + 1 == ft.params.len() {
                t = self.t.intern(Type::Slice(t));
            }
            for _ in 0..f.names.len().max(1) {
                params.push(t);
            }
        }
        let mut results = Vec::new();
        for f in &ft.results {
            let t = self.type_expr(&f.ty);
            for _ in 0..f.names.len().max(1) {
                results.push(t);
            }
        }
        self.t.intern(Type::Func {
            params,
            results,
            variadic: ft.variadic,
        })
    }
}
