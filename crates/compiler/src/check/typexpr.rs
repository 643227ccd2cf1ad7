//! Type expressions: resolving a type written in the source (named,
//! pointer, array with a constant length, slice, map, chan, func, struct,
//! interface) to a `TypeId`.

use super::*;

impl<'a> Checker<'a> {
    // ---- types ----

    pub(super) fn type_expr(&mut self, e: &Expr) -> TypeId {
        if self.guard.exceeded() {
            return INVALID;
        }
        let t = self.type_expr_inner(e);
        if t != INVALID {
            self.info.types.insert(
                e.id,
                TypeAndValue {
                    mode: Mode::Type,
                    ty: t,
                    val: None,
                },
            );
        }
        t
    }

    fn type_expr_inner(&mut self, e: &Expr) -> TypeId {
        match &e.kind {
            ExprKind::Ident(_)
            | ExprKind::Selector(..)
            | ExprKind::Index(..)
            | ExprKind::IndexList(..) => {
                let x = self.expr(e, None);
                match x.mode {
                    Mode::Type if self.constraints.contains_key(&x.ty) && !self.in_constraint => {
                        let d = self.expr_string(e);
                        let why = if self.constraints[&x.ty].comparable {
                            "interface is (or embeds) comparable"
                        } else {
                            "interface contains type constraints"
                        };
                        self.error(
                            e.pos,
                            format!("cannot use type {d} outside a type constraint: {why}"),
                        );
                        INVALID
                    }
                    Mode::Type => x.ty,
                    Mode::Invalid => INVALID,
                    Mode::Generic(g) => {
                        let what = self.generic_string(g);
                        self.error(
                            e.pos,
                            format!("cannot use generic {what} without instantiation"),
                        );
                        INVALID
                    }
                    _ => {
                        let d = self.expr_string(e);
                        self.error(e.pos, format!("{d} is not a type"));
                        INVALID
                    }
                }
            }
            ExprKind::Paren(x) => self.type_expr(x),
            ExprKind::Star(x) => {
                let t = self.type_expr(x);
                if t == INVALID {
                    return INVALID;
                }
                self.t.intern(Type::Pointer(t))
            }
            ExprKind::ArrayType { len, elem } => {
                let et = self.type_expr(elem);
                let Some(len) = len else {
                    return if et == INVALID {
                        INVALID
                    } else {
                        self.t.intern(Type::Slice(et))
                    };
                };
                if let ExprKind::Ellipsis = len.kind {
                    self.error(
                        len.pos,
                        "invalid use of [...] array (outside a composite literal)",
                    );
                    return INVALID;
                }
                let n = self.array_len(len);
                if et == INVALID {
                    return INVALID;
                }
                match n {
                    Some(n) => self.t.intern(Type::Array(et, n)),
                    None => INVALID,
                }
            }
            ExprKind::MapType(k, v) => {
                let kt = self.type_expr(k);
                let vt = self.type_expr(v);
                if kt == INVALID || vt == INVALID {
                    return INVALID;
                }
                if !self.t.comparable(kt) {
                    let ks = self.t.type_string(kt, TypeStyle::Diagnostic);
                    self.error(k.pos, format!("invalid map key type {ks}"));
                    return INVALID;
                }
                self.t.intern(Type::Map(kt, vt))
            }
            ExprKind::ChanType(dir, x) => {
                let et = self.type_expr(x);
                if et == INVALID {
                    return INVALID;
                }
                let d = match dir {
                    ChanDir::Both => Dir::Both,
                    ChanDir::Send => Dir::Send,
                    ChanDir::Recv => Dir::Recv,
                };
                self.t.intern(Type::Chan(d, et))
            }
            ExprKind::FuncType(ft) => self.func_type(ft),
            ExprKind::StructType(fields) => {
                let mut fs: Vec<FieldT> = Vec::new();
                for f in fields {
                    let t = self.type_expr(&f.ty);
                    if f.names.is_empty() {
                        // An embedded field is named after its type: T, *T or pkg.T.
                        let mut te = f.ty.unparen();
                        if let ExprKind::Star(x) = &te.kind {
                            te = x.unparen();
                        }
                        if let ExprKind::Index(x, _) | ExprKind::IndexList(x, _) = &te.kind {
                            te = x.unparen();
                        }
                        let name = match &te.kind {
                            ExprKind::Ident(id) => id.name.clone(),
                            ExprKind::Selector(_, sel) => sel.name.clone(),
                            _ => {
                                self.error(f.ty.pos, "embedded field type must be a type name");
                                continue;
                            }
                        };
                        if t != INVALID
                            && matches!(self.t.under(t), Type::Pointer(_))
                            && !matches!(f.ty.unparen().kind, ExprKind::Star(_))
                        {
                            self.error(f.ty.pos, "embedded field type cannot be a pointer");
                            continue;
                        }
                        if fs.iter().any(|x| x.name == name) {
                            self.error(f.ty.pos, format!("{name} redeclared"));
                        }
                        fs.push(FieldT {
                            name,
                            ty: t,
                            embedded: true,
                        });
                        continue;
                    }
                    for n in &f.names {
                        if !is_blank(&n.name) && fs.iter().any(|x| x.name == n.name) {
                            self.error(n.pos, format!("{} redeclared", n.name));
                        }
                        fs.push(FieldT {
                            name: n.name.clone(),
                            ty: t,
                            embedded: false,
                        });
                    }
                }
                self.t.intern(Type::Struct(fs))
            }
            ExprKind::InterfaceType(elems) => {
                let mut ms: Vec<(String, TypeId)> = Vec::new();
                // Type elements (`~int | float64`, `comparable`): a constraint.
                let mut set: Option<generic::TypeSet> = None;
                let in_constraint = std::mem::replace(&mut self.in_constraint, true);
                for el in elems {
                    match el {
                        InterfaceElem::Method { name, ty } => {
                            let sig = self.func_type(ty);
                            if ms.iter().any(|m| m.0 == name.name) {
                                self.error(name.pos, format!("duplicate method {}", name.name));
                                continue;
                            }
                            ms.push((name.name.clone(), sig));
                        }
                        InterfaceElem::Embedded(t) => {
                            let is_union = matches!(t.unparen().kind, ExprKind::Union(_));
                            let et = if is_union { INVALID } else { self.type_expr(t) };
                            let elem_set = if is_union {
                                Some(self.type_set(t))
                            } else if let Some(s) = self.constraints.get(&et) {
                                Some(s.clone())
                            } else if et != INVALID && !self.t.is_interface(et) {
                                Some(generic::TypeSet::of_type(et))
                            } else {
                                None
                            };
                            if let Some(es) = elem_set {
                                ms.extend(es.methods.iter().cloned());
                                set = Some(self.intersect(set, es));
                                continue;
                            }
                            if et == INVALID {
                                continue;
                            }
                            for m in self.t.iface_methods(et).to_vec() {
                                if !ms.iter().any(|x| x.0 == m.0) {
                                    ms.push(m);
                                }
                            }
                        }
                    }
                }
                self.in_constraint = in_constraint;
                ms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
                ms.dedup_by(|a, b| a.0 == b.0);
                if let Some(mut set) = set {
                    if !self.in_constraint {
                        let d = self.expr_string(e);
                        self.error(
                            e.pos,
                            format!("cannot use type {d} outside a type constraint: interface contains type constraints"),
                        );
                        return INVALID;
                    }
                    set.methods = ms.clone();
                    self.last_type_set = Some(set);
                }
                self.t.intern(Type::Interface(ms))
            }
            ExprKind::Bad => INVALID,
            _ => {
                let x = self.expr(e, None);
                if x.mode != Mode::Invalid {
                    let d = self.expr_string(e);
                    self.error(e.pos, format!("{d} is not a type"));
                }
                INVALID
            }
        }
    }

    fn array_len(&mut self, len: &Expr) -> Option<u64> {
        let x = self.expr(len, None);
        if x.mode == Mode::Invalid {
            return None;
        }
        if x.mode != Mode::Const {
            let d = self.expr_string(len);
            self.error(
                len.pos,
                format!(
                    "array length {d} (variable of type {}) must be constant",
                    self.t.type_string(x.ty, TypeStyle::Diagnostic)
                ),
            );
            return None;
        }
        match x.val.as_ref().and_then(|v| v.to_int()) {
            Some(n) if self.t.is_integer(x.ty) || self.t.is_untyped(x.ty) => {
                if n < 0 {
                    let d = self.describe(len, &x);
                    self.error(len.pos, format!("invalid array length {d}"));
                    return None;
                }
                if n > (1 << 31) {
                    self.error(len.pos, "array length too large");
                    return None;
                }
                Some(n as u64)
            }
            _ => {
                let d = self.describe(len, &x);
                self.error(len.pos, format!("array length {d} must be integer"));
                None
            }
        }
    }
}
