//! Selectors, indexing and slicing: fields and methods through embedded
//! fields, package members, index and slice expressions with constant
//! bounds checks.

use super::*;

impl<'a> Checker<'a> {
    // ---- selectors, indexing, slicing ----

    /// `pkg.Name` of a library package written in Go (`golib`): the
    /// exported package-level object of that unit, used as an identifier.
    fn source_member(&mut self, e: &Expr, pid: &Ident, sel: &Ident, u: usize) -> Operand {
        let scope = if u == self.unit {
            &self.scopes[1]
        } else {
            &self.unit_scopes[u].0
        };
        let found = scope.get(&sel.name).copied();
        let exported = sel.name.chars().next().is_some_and(|c| c.is_uppercase());
        let Some(o) = found.filter(|_| exported) else {
            let msg = if found.is_some() {
                format!("name {} not exported by package {}", sel.name, pid.name)
            } else {
                format!("undefined: {}.{}", pid.name, sel.name)
            };
            self.error(sel.pos, msg);
            return Operand::invalid();
        };
        self.info.selections.insert(e.id, Selection::Pkg(o));
        self.object_operand(sel, o)
    }

    pub(super) fn selector(&mut self, e: &Expr, x: &Expr, sel: &Ident) -> Operand {
        // Package members.
        if let ExprKind::Ident(pid) = &x.kind {
            if let Some(o) = self.lookup(&pid.name) {
                if let ObjKind::Package(path) = self.obj(o).kind.clone() {
                    self.obj_mut(o).used = true;
                    self.info.objs.insert(pid.id, o);
                    if let Some(&u) = self.source_pkgs.get(&path) {
                        return self.source_member(e, pid, sel, u);
                    }
                    let member = self
                        .lib
                        .packages
                        .get(path.as_str())
                        .and_then(|(_, m)| m.get(&sel.name))
                        .cloned();
                    let Some(m) = member else {
                        // A package that does not exist here was reported
                        // at its import.
                        if self.lib.packages.contains_key(path.as_str()) {
                            self.error(sel.pos, format!("undefined: {}.{}", pid.name, sel.name));
                        }
                        return Operand::invalid();
                    };
                    let (kind, ty, mode) = match m {
                        Member::Func { native, sig } => (ObjKind::Native(native), sig, Mode::Value),
                        Member::Const { val, ty } => (ObjKind::Const(val.clone()), ty, Mode::Const),
                        Member::Type(t) => (ObjKind::TypeName, t, Mode::Type),
                    };
                    let val = if let ObjKind::Const(v) = &kind {
                        Some(v.clone())
                    } else {
                        None
                    };
                    let mo = self.new_obj(&sel.name, kind, ty, sel.pos);
                    self.info.selections.insert(e.id, Selection::Pkg(mo));
                    self.info.objs.insert(sel.id, mo);
                    return Operand { mode, ty, val };
                }
            }
        }
        let xo = self.expr(x, None);
        if xo.mode == Mode::Invalid {
            return xo;
        }
        if xo.mode == Mode::Type {
            // Method expression T.M / (*T).M.
            let (base, ptr) = match self.t.get(xo.ty) {
                Type::Pointer(b) => (*b, true),
                _ => (xo.ty, false),
            };
            if let Some(m) = self.t.method_of(base, &sel.name).cloned() {
                if m.ptr_recv && !ptr {
                    let ts = self.t.type_string(xo.ty, TypeStyle::Diagnostic);
                    self.error(
                        sel.pos,
                        format!(
                            "invalid method expression {ts}.{} (needs pointer receiver (*{ts}).{})",
                            sel.name, sel.name
                        ),
                    );
                    return Operand::invalid();
                }
                let (ps, rs, v) = self
                    .t
                    .func_sig(m.sig)
                    .map(|(a, b, c)| (a.to_vec(), b.to_vec(), c))
                    .unwrap();
                let mut params = vec![xo.ty];
                params.extend(ps.iter().copied());
                let ft = self.t.intern(Type::Func {
                    params,
                    results: rs.clone(),
                    variadic: v,
                });
                self.method_expr(e, xo.ty, sel, &ps, &rs, v);
                return Operand {
                    mode: Mode::Value,
                    ty: ft,
                    val: None,
                };
            }
            let ts = self.t.type_string(xo.ty, TypeStyle::Diagnostic);
            self.error(
                sel.pos,
                format!(
                    "{ts}.{} undefined (type {ts} has no method {})",
                    sel.name, sel.name
                ),
            );
            return Operand::invalid();
        }
        let mut y = xo.clone();
        self.single_value(x, &mut y);
        if y.mode == Mode::Invalid {
            return y;
        }
        let mut t = xo.ty;
        // A defined pointer type (`type PS *T`): `x.f` is short for `(*x).f`
        // when that names a field (never a method; spec, "Selectors").
        if matches!(self.t.get(t), Type::Named(_)) && matches!(self.t.under(t), Type::Pointer(_)) {
            let u = self.t.underlying(t);
            if matches!(self.t.lookup(u, &sel.name), Lookup::Field { .. }) {
                t = u;
            }
        }
        let (base, is_ptr) = match self.t.get(t) {
            Type::Pointer(b) => (*b, true),
            _ => (t, false),
        };
        match self.t.lookup(t, &sel.name) {
            // A lower-case field of a library type is invisible to package
            // main (`t.id` of a `*time.Timer`), as Go's export rule says.
            Lookup::Field { ref path, .. } if !self.field_visible(t, path, &sel.name) => {}
            Lookup::Field { mut path, ty } => {
                let index = path.pop().unwrap_or(0);
                // Through a pointer anywhere on the way the field is addressable.
                let mut through_ptr = is_ptr;
                for k in 0..path.len() {
                    if matches!(
                        self.t.get(self.t.path_type(t, &path[..=k])),
                        Type::Pointer(_)
                    ) {
                        through_ptr = true;
                    }
                }
                self.info.selections.insert(
                    e.id,
                    Selection::Field {
                        index,
                        ptr: is_ptr,
                        path,
                    },
                );
                let mode = if through_ptr || xo.mode == Mode::Var {
                    Mode::Var
                } else {
                    Mode::Value
                };
                return Operand {
                    mode,
                    ty,
                    val: None,
                };
            }
            Lookup::Method {
                path,
                named,
                def,
                recv_ty,
            } => {
                let recv_is_ptr = matches!(self.t.get(recv_ty), Type::Pointer(_));
                if def.ptr_recv && !recv_is_ptr {
                    let addressable = xo.mode == Mode::Var || (!path.is_empty() && is_ptr);
                    if !addressable {
                        let ts = self.t.type_string(t, TypeStyle::Diagnostic);
                        self.error(
                            e.pos,
                            format!("cannot call pointer method {} on {ts}", sel.name),
                        );
                        return Operand::invalid();
                    }
                    if path.is_empty() {
                        self.mark_addr_taken(x);
                    }
                }
                let sig = def.sig;
                self.info.selections.insert(
                    e.id,
                    Selection::Method {
                        named,
                        def,
                        recv_ptr: recv_is_ptr,
                        path,
                    },
                );
                return Operand {
                    mode: Mode::Value,
                    ty: sig,
                    val: None,
                };
            }
            Lookup::IfaceMethod { path, sig } => {
                self.info.selections.insert(
                    e.id,
                    Selection::IfaceMethod {
                        name: sel.name.clone(),
                        path,
                    },
                );
                return Operand {
                    mode: Mode::Value,
                    ty: sig,
                    val: None,
                };
            }
            Lookup::Ambiguous => {
                let xs = self.expr_string(x);
                self.error(sel.pos, format!("ambiguous selector {xs}.{}", sel.name));
                return Operand::invalid();
            }
            Lookup::None => {}
        }
        let xs = self.expr_string(x);
        let ts = self.t.type_string(t, TypeStyle::Diagnostic);
        if is_ptr && self.t.is_interface(base) {
            self.error(
                sel.pos,
                format!(
                    "{xs}.{} undefined (type {ts} is pointer to interface, not interface)",
                    sel.name
                ),
            );
        } else {
            self.error(
                sel.pos,
                format!(
                    "{xs}.{} undefined (type {ts} has no field or method {})",
                    sel.name, sel.name
                ),
            );
        }
        Operand::invalid()
    }

    pub(super) fn index(&mut self, e: &Expr, x: &Expr, i: &Expr) -> Operand {
        let mut xo = self.expr(x, None);
        if let Mode::Generic(g) = xo.mode {
            return self.instantiate(e, g, std::slice::from_ref(i));
        }
        if xo.mode == Mode::Type {
            let d = self.expr_string(x);
            self.error(e.pos, format!("{d} is not a generic type"));
            return Operand::invalid();
        }
        self.single_value(x, &mut xo);
        if xo.mode == Mode::Invalid {
            self.expr(i, None);
            return xo;
        }
        let u = self.t.under(xo.ty).clone();
        match u {
            Type::Map(k, v) => {
                let mut io = self.expr(i, None);
                self.single_value(i, &mut io);
                self.assignment(&mut io, k, "map index", i);
                Operand {
                    mode: Mode::MapIndex,
                    ty: v,
                    val: None,
                }
            }
            Type::Basic(b) if b.is_string() => {
                let len = if let Some(ConstVal::Str(s)) = &xo.val {
                    Some(s.len() as u64)
                } else {
                    None
                };
                let idx = self.index_value(i, len);
                let byte = self.t.basic(Basic::Uint8);
                if let (Some(ConstVal::Str(s)), Some(ix)) = (&xo.val, idx) {
                    if let Some(b) = s.get(ix as usize) {
                        return Operand {
                            mode: Mode::Const,
                            ty: byte,
                            val: Some(ConstVal::Int(*b as i128)),
                        };
                    }
                }
                if self.t.is_untyped(xo.ty) {
                    let st = self.t.basic(Basic::String);
                    self.convert_untyped(&mut xo, st, x);
                }
                Operand {
                    mode: Mode::Value,
                    ty: byte,
                    val: None,
                }
            }
            Type::Slice(el) => {
                self.index_value(i, None);
                Operand {
                    mode: Mode::Var,
                    ty: el,
                    val: None,
                }
            }
            Type::Array(el, n) => {
                self.index_value(i, Some(n));
                let mode = if xo.mode == Mode::Var {
                    Mode::Var
                } else {
                    Mode::Value
                };
                Operand {
                    mode,
                    ty: el,
                    val: None,
                }
            }
            Type::Pointer(p) if matches!(self.t.under(p), Type::Array(..)) => {
                let Type::Array(el, n) = self.t.under(p).clone() else {
                    unreachable!()
                };
                self.index_value(i, Some(n));
                Operand {
                    mode: Mode::Var,
                    ty: el,
                    val: None,
                }
            }
            _ => {
                self.expr(i, None);
                let d = self.describe(x, &xo);
                self.error(x.pos, format!("invalid operation: cannot index {d}"));
                Operand::invalid()
            }
        }
    }

    /// Checks an index; returns its constant value if it has one.
    fn index_value(&mut self, i: &Expr, len: Option<u64>) -> Option<u64> {
        let mut io = self.expr(i, None);
        self.single_value(i, &mut io);
        if io.mode == Mode::Invalid {
            return None;
        }
        if io.mode == Mode::Const
            && self.t.is_untyped(io.ty)
            && self.t.is_numeric(io.ty)
            && io.val.as_ref().and_then(|v| v.to_int()).is_none()
        {
            let d = self.describe(i, &io);
            self.error(i.pos, format!("{d} truncated to int"));
            return None;
        }
        if !self.t.is_integer(io.ty)
            && !(io.mode == Mode::Const
                && self.t.is_untyped(io.ty)
                && io.val.as_ref().and_then(|v| v.to_int()).is_some())
        {
            let d = self.describe(i, &io);
            self.error(
                i.pos,
                format!("invalid argument: index {d} must be integer"),
            );
            return None;
        }
        if io.mode == Mode::Const {
            let v = io.val.as_ref().and_then(|v| v.to_int()).unwrap_or(0);
            if self.t.is_untyped(io.ty) {
                let it = self.t.basic(Basic::Int);
                self.convert_untyped(&mut io, it, i);
            }
            if v < 0 {
                let it = self.t.basic(Basic::Int);
                let d = self.describe(
                    i,
                    &Operand {
                        mode: Mode::Const,
                        ty: it,
                        val: Some(ConstVal::Int(v)),
                    },
                );
                self.error(
                    i.pos,
                    format!("invalid argument: index {d} must not be negative"),
                );
                return None;
            }
            if let Some(n) = len {
                if v as u64 >= n {
                    let s = self.expr_string(i);
                    self.error(
                        i.pos,
                        format!("invalid argument: index {s} out of bounds [0:{n}]"),
                    );
                    return None;
                }
            }
            return Some(v as u64);
        }
        None
    }

    pub(super) fn slice_expr(
        &mut self,
        e: &Expr,
        x: &Expr,
        lo: Option<&Expr>,
        hi: Option<&Expr>,
        max: Option<&Expr>,
    ) -> Operand {
        let mut xo = self.expr(x, None);
        self.single_value(x, &mut xo);
        if xo.mode == Mode::Invalid {
            return xo;
        }
        let (res, len) = match self.t.under(xo.ty).clone() {
            Type::Basic(b) if b.is_string() => {
                if max.is_some() {
                    self.error(e.pos, "invalid operation: 3-index slice of string");
                    return Operand::invalid();
                }
                let st = if self.t.is_untyped(xo.ty) {
                    self.t.basic(Basic::String)
                } else {
                    xo.ty
                };
                if self.t.is_untyped(xo.ty) {
                    self.convert_untyped(&mut xo, st, x);
                }
                let len = if let Some(ConstVal::Str(s)) = &xo.val {
                    Some(s.len() as u64)
                } else {
                    None
                };
                (st, len)
            }
            Type::Slice(_) => (xo.ty, None),
            Type::Array(el, n) => {
                if xo.mode != Mode::Var {
                    let d = self.describe(x, &xo);
                    self.error(
                        e.pos,
                        format!("invalid operation: {d} (slice of unaddressable value)"),
                    );
                    return Operand::invalid();
                }
                (self.t.intern(Type::Slice(el)), Some(n))
            }
            Type::Pointer(p) if matches!(self.t.under(p), Type::Array(..)) => {
                let Type::Array(el, n) = self.t.under(p).clone() else {
                    unreachable!()
                };
                (self.t.intern(Type::Slice(el)), Some(n))
            }
            _ => {
                let d = self.describe(x, &xo);
                self.error(x.pos, format!("cannot slice {d}"));
                return Operand::invalid();
            }
        };
        let cap = len.map(|n| n + 1);
        let mut vals = Vec::new();
        for ix in [lo, hi, max].into_iter().flatten() {
            vals.push(self.index_value(ix, cap));
        }
        let consts: Vec<u64> = vals.iter().flatten().copied().collect();
        if consts.windows(2).any(|w| w[0] > w[1]) && consts.len() == vals.len() {
            self.error(e.pos, "invalid slice indices");
        }
        Operand {
            mode: Mode::Value,
            ty: res,
            val: None,
        }
    }
}
