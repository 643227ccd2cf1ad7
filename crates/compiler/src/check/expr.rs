//! Expressions: operands, constants, conversions, calls, builtins,
//! selectors, composite literals, and the messages Go gives for them.

use super::*;

impl<'a> Checker<'a> {
    /// Checks an expression. `hint` is the element type for composite
    /// literals whose type is elided (`{1, 2}` inside `[][]int{...}`).
    pub(super) fn expr(&mut self, e: &Expr, hint: Option<TypeId>) -> Operand {
        if self.guard.exceeded() {
            if !self.too_deep {
                self.too_deep = true;
                self.error(e.pos, "program too deeply nested");
            }
            return Operand::invalid();
        }
        let x = self.expr_inner(e, hint);
        self.record(e, &x);
        x
    }

    fn expr_inner(&mut self, e: &Expr, hint: Option<TypeId>) -> Operand {
        use Basic::*;
        match &e.kind {
            ExprKind::Bad => Operand::invalid(),
            ExprKind::Ident(id) => self.ident(id),
            ExprKind::Int(v) => match v {
                Some(v) => Operand {
                    mode: Mode::Const,
                    ty: self.t.basic(UntypedInt),
                    val: Some(ConstVal::Int(*v)),
                },
                None => {
                    self.error(e.pos, "integer constant overflow");
                    Operand::invalid()
                }
            },
            ExprKind::Float(f) => Operand {
                mode: Mode::Const,
                ty: self.t.basic(UntypedFloat),
                val: Some(ConstVal::Float(*f)),
            },
            ExprKind::Imag => {
                self.error(e.pos, "complex numbers are not supported yet");
                Operand::invalid()
            }
            ExprKind::Char(c) => Operand {
                mode: Mode::Const,
                ty: self.t.basic(UntypedRune),
                val: Some(ConstVal::Int(*c as i128)),
            },
            ExprKind::Str(s) => Operand {
                mode: Mode::Const,
                ty: self.t.basic(UntypedString),
                val: Some(ConstVal::Str(s.clone())),
            },
            ExprKind::Paren(x) => {
                let o = self.expr(x, hint);
                o
            }
            ExprKind::FuncLit { ty, body } => {
                let sig = self.func_type(ty);
                let fid = self.next_func_id;
                self.next_func_id += 1;
                self.info.lit_ids.insert(e.id, fid);
                self.fstack.push(FuncCtx {
                    id: fid,
                    results: vec![],
                    named_results: false,
                    locals: vec![],
                    targets: vec![],
                    labels: HashMap::new(),
                });
                self.push_scope();
                let (ps, rs) = self.declare_params(ty, sig);
                // Parameter objects of literals are found through `objs`.
                let _ = (ps, rs);
                self.body(body, sig, ty.results.iter().any(|r| !r.names.is_empty()));
                self.pop_scope();
                self.finish_func();
                Operand {
                    mode: Mode::Value,
                    ty: sig,
                    val: None,
                }
            }
            ExprKind::Composite { ty, elts, .. } => self.composite(e, ty.as_deref(), elts, hint),
            ExprKind::Selector(x, sel) => self.selector(e, x, sel),
            ExprKind::Index(x, i) => self.index(e, x, i),
            ExprKind::Slice { x, lo, hi, max } => {
                self.slice_expr(e, x, lo.as_deref(), hi.as_deref(), max.as_deref())
            }
            ExprKind::TypeAssert(x, t) => {
                let xo = self.expr(x, None);
                let Some(t) = t else {
                    self.error(
                        e.pos,
                        "invalid syntax tree: use of .(type) outside type switch",
                    );
                    return Operand::invalid();
                };
                let tt = self.type_expr(t);
                if xo.mode == Mode::Invalid || tt == INVALID {
                    return Operand::invalid();
                }
                if !self.t.is_interface(xo.ty) {
                    let d = self.describe(x, &xo);
                    self.error(x.pos, format!("invalid operation: {d} is not an interface"));
                    return Operand::invalid();
                }
                if !self.t.is_interface(tt) {
                    if let Err(why) = self.t.implements(tt, xo.ty) {
                        let d = self.expr_string(x);
                        let is = self.t.type_string(xo.ty, false);
                        let ts = self.t.type_string(tt, false);
                        self.error(t.pos, format!("impossible type assertion: {d}.({ts})\n\t{ts} does not implement {is} {why}"));
                    }
                }
                Operand {
                    mode: Mode::CommaOk,
                    ty: tt,
                    val: None,
                }
            }
            ExprKind::Call {
                fun,
                args,
                ellipsis,
                ..
            } => self.call(e, fun, args, *ellipsis),
            ExprKind::Star(x) => {
                let xo = self.expr(x, None);
                match xo.mode {
                    Mode::Invalid => Operand::invalid(),
                    Mode::Type => {
                        let t = self.t.intern(Type::Pointer(xo.ty));
                        Operand {
                            mode: Mode::Type,
                            ty: t,
                            val: None,
                        }
                    }
                    Mode::Nil => {
                        self.error(e.pos, "invalid operation: cannot indirect nil");
                        Operand::invalid()
                    }
                    _ => match self.t.under(xo.ty).clone() {
                        Type::Pointer(b) => Operand {
                            mode: Mode::Var,
                            ty: b,
                            val: None,
                        },
                        _ => {
                            let d = self.describe(x, &xo);
                            self.error(e.pos, format!("invalid operation: cannot indirect {d}"));
                            Operand::invalid()
                        }
                    },
                }
            }
            ExprKind::Unary(op, x) => self.unary(e, *op, x),
            ExprKind::Binary(op, l, r) => {
                if matches!(
                    op,
                    Tok::Eql | Tok::Neq | Tok::Lss | Tok::Leq | Tok::Gtr | Tok::Geq
                ) {
                    let lo = self.expr(l, None);
                    let ro = self.expr(r, None);
                    return self.comparison(e.pos, l, r, *op, lo, ro);
                }
                let lo = self.expr(l, None);
                let ro = self.expr(r, None);
                let _ = e;
                self.binary_op(l.pos, l, r, *op, lo, ro, false)
            }
            ExprKind::ArrayType { .. }
            | ExprKind::MapType(..)
            | ExprKind::ChanType(..)
            | ExprKind::FuncType(_)
            | ExprKind::StructType(_)
            | ExprKind::InterfaceType(_)
            | ExprKind::Ellipsis => {
                let t = self.type_expr(e);
                if t == INVALID {
                    return Operand::invalid();
                }
                Operand {
                    mode: Mode::Type,
                    ty: t,
                    val: None,
                }
            }
        }
    }

    fn ident(&mut self, id: &Ident) -> Operand {
        if is_blank(&id.name) {
            self.error(id.pos, "cannot use _ as value");
            return Operand::invalid();
        }
        let Some(o) = self.lookup(&id.name) else {
            self.error(id.pos, format!("undefined: {}", id.name));
            return Operand::invalid();
        };
        self.info.objs.insert(id.id, o);
        self.resolve_global(o);
        self.note_dep(o);
        let cur_fn = self.fstack.last().map_or(0, |f| f.id);
        let ob = self.obj_mut(o);
        ob.used = true;
        if matches!(ob.kind, ObjKind::Var { global: None }) && ob.func != cur_fn {
            ob.captured = true;
        }
        let ob = self.obj(o).clone();
        match ob.kind {
            ObjKind::Var { .. } => Operand {
                mode: if ob.ty == INVALID {
                    Mode::Invalid
                } else {
                    Mode::Var
                },
                ty: ob.ty,
                val: None,
            },
            ObjKind::Const(v) => {
                if id.name == "iota" && self.lookup("iota") == Some(o) {
                    match self.iota {
                        Some(i) => {
                            return Operand {
                                mode: Mode::Const,
                                ty: ob.ty,
                                val: Some(ConstVal::Int(i as i128)),
                            }
                        }
                        None => {
                            self.error(id.pos, "cannot use iota outside constant declaration");
                            return Operand::invalid();
                        }
                    }
                }
                if ob.ty == INVALID {
                    return Operand::invalid();
                }
                Operand {
                    mode: Mode::Const,
                    ty: ob.ty,
                    val: Some(v),
                }
            }
            ObjKind::TypeName => {
                if ob.ty == INVALID {
                    return Operand::invalid();
                }
                Operand {
                    mode: Mode::Type,
                    ty: ob.ty,
                    val: None,
                }
            }
            ObjKind::Func(_) => Operand {
                mode: Mode::Value,
                ty: ob.ty,
                val: None,
            },
            ObjKind::Builtin(b) => Operand {
                mode: Mode::Builtin(b),
                ty: INVALID,
                val: None,
            },
            ObjKind::Package(_) => {
                self.error(
                    id.pos,
                    format!("use of package {} without selector", id.name),
                );
                Operand::invalid()
            }
            ObjKind::Nil => Operand {
                mode: Mode::Nil,
                ty: ob.ty,
                val: None,
            },
            ObjKind::Native(_) => Operand {
                mode: Mode::Value,
                ty: ob.ty,
                val: None,
            },
        }
    }

    /// Reports tuples, types and no-value expressions where one value is needed.
    pub(super) fn single_value(&mut self, e: &Expr, x: &mut Operand) {
        match x.mode {
            Mode::Type => {
                let d = self.expr_string(e);
                self.error(e.pos, format!("{d} (type) is not an expression"));
                *x = Operand::invalid();
            }
            Mode::NoValue => {
                let d = self.expr_string(e);
                self.error(e.pos, format!("{d} (no value) used as value"));
                *x = Operand::invalid();
            }
            Mode::Builtin(_) => {
                let d = self.expr_string(e);
                self.error(e.pos, format!("{d} (built-in function {d}) must be called"));
                *x = Operand::invalid();
            }
            Mode::Value => {
                if let Type::Tuple(ts) = self.t.get(x.ty) {
                    let n = ts.len();
                    let d = self.expr_string(e);
                    self.error(
                        e.pos,
                        format!(
                            "multiple-value {d} (value of type {}) in single-value context",
                            self.t.type_string(x.ty, false)
                        ),
                    );
                    let _ = n;
                    *x = Operand::invalid();
                }
            }
            _ => {}
        }
    }

    // ---- descriptions for messages ----

    /// Go's operand description: `x (variable of type int)`,
    /// `5 (untyped int constant)`, `f() (value of type string)`.
    pub(super) fn describe(&self, e: &Expr, x: &Operand) -> String {
        let s = self.expr_string(e);
        let ts = self.t.type_string(x.ty, false);
        match x.mode {
            Mode::Const => {
                let v = x.val.as_ref().map(|v| v.display()).unwrap_or_default();
                let shown_is_value = v == s
                    || matches!(
                        e.unparen().kind,
                        ExprKind::Str(_)
                            | ExprKind::Char(_)
                            | ExprKind::Int(_)
                            | ExprKind::Float(_)
                    );
                if self.t.is_untyped(x.ty) {
                    if shown_is_value {
                        format!("{s} ({ts} constant)")
                    } else {
                        format!("{s} ({ts} constant {v})")
                    }
                } else if shown_is_value {
                    format!("{s} (constant of type {ts})")
                } else {
                    format!("{s} (constant {v} of type {ts})")
                }
            }
            Mode::Var => format!("{s} (variable of type {ts})"),
            Mode::MapIndex => format!("{s} (map index expression of type {ts})"),
            Mode::CommaOk => format!("{s} (comma, ok expression of type {ts})"),
            Mode::NoValue => format!("{s} (no value)"),
            Mode::Type => format!("{s} (type)"),
            Mode::Builtin(_) => format!("{s} (built-in function {s})"),
            Mode::Nil => "nil".to_string(),
            _ => format!("{s} (value of type {ts})"),
        }
    }

    /// Go's `syntax.String` rendering of an expression.
    pub(super) fn expr_string(&self, e: &Expr) -> String {
        let mut s = String::new();
        self.write_expr(&mut s, e, 0);
        s
    }

    fn write_expr(&self, s: &mut String, e: &Expr, depth: u32) {
        if depth > 30 {
            s.push('…');
            return;
        }
        let d = depth + 1;
        match &e.kind {
            ExprKind::Bad => s.push_str("BadExpr"),
            ExprKind::Ident(id) => s.push_str(&id.name),
            ExprKind::Int(_)
            | ExprKind::Float(_)
            | ExprKind::Imag
            | ExprKind::Char(_)
            | ExprKind::Str(_) => {
                let start = e.pos as usize;
                let n = lexer::first_token_len(&self.src[start.min(self.src.len())..]);
                s.push_str(&String::from_utf8_lossy(&self.src[start..start + n]));
            }
            ExprKind::Composite { ty, elts, .. } => {
                if let Some(t) = ty {
                    self.write_expr(s, t, d);
                }
                s.push_str(if elts.is_empty() { "{}" } else { "{…}" });
            }
            ExprKind::FuncLit { .. } => s.push_str("func literal"),
            ExprKind::Paren(x) => {
                s.push('(');
                self.write_expr(s, x, d);
                s.push(')');
            }
            ExprKind::Selector(x, sel) => {
                self.write_expr(s, x, d);
                s.push('.');
                s.push_str(&sel.name);
            }
            ExprKind::Index(x, i) => {
                self.write_expr(s, x, d);
                s.push('[');
                self.write_expr(s, i, d);
                s.push(']');
            }
            ExprKind::Slice { x, lo, hi, max } => {
                self.write_expr(s, x, d);
                s.push('[');
                if let Some(l) = lo {
                    self.write_expr(s, l, d);
                }
                s.push(':');
                if let Some(h) = hi {
                    self.write_expr(s, h, d);
                }
                if let Some(m) = max {
                    s.push(':');
                    self.write_expr(s, m, d);
                }
                s.push(']');
            }
            ExprKind::TypeAssert(x, t) => {
                self.write_expr(s, x, d);
                s.push_str(".(");
                match t {
                    Some(t) => self.write_expr(s, t, d),
                    None => s.push_str("type"),
                }
                s.push(')');
            }
            ExprKind::Call {
                fun,
                args,
                ellipsis,
                ..
            } => {
                self.write_expr(s, fun, d);
                s.push('(');
                for (i, a) in args.iter().enumerate() {
                    if i > 0 {
                        s.push_str(", ");
                    }
                    self.write_expr(s, a, d);
                }
                if *ellipsis {
                    s.push_str("...");
                }
                s.push(')');
            }
            ExprKind::Star(x) => {
                s.push('*');
                self.write_expr(s, x, d);
            }
            ExprKind::Unary(op, x) => {
                s.push_str(op.text());
                self.write_expr(s, x, d);
            }
            ExprKind::Binary(op, l, r) => {
                self.write_expr(s, l, d);
                s.push(' ');
                s.push_str(op.text());
                s.push(' ');
                self.write_expr(s, r, d);
            }
            ExprKind::ArrayType { len, elem } => {
                s.push('[');
                if let Some(l) = len {
                    self.write_expr(s, l, d);
                }
                s.push(']');
                self.write_expr(s, elem, d);
            }
            ExprKind::Ellipsis => s.push_str("..."),
            ExprKind::MapType(k, v) => {
                s.push_str("map[");
                self.write_expr(s, k, d);
                s.push(']');
                self.write_expr(s, v, d);
            }
            ExprKind::ChanType(dir, x) => {
                s.push_str(match dir {
                    ChanDir::Both => "chan ",
                    ChanDir::Send => "chan<- ",
                    ChanDir::Recv => "<-chan ",
                });
                self.write_expr(s, x, d);
            }
            ExprKind::FuncType(_) => s.push_str("func(…)"),
            ExprKind::StructType(_) => s.push_str("struct{…}"),
            ExprKind::InterfaceType(el) => s.push_str(if el.is_empty() {
                "interface{}"
            } else {
                "interface{…}"
            }),
        }
    }

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
            ExprKind::Ident(_) | ExprKind::Selector(..) => {
                let x = self.expr(e, None);
                match x.mode {
                    Mode::Type => x.ty,
                    Mode::Invalid => INVALID,
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
                    let ks = self.t.type_string(kt, false);
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
                            let et = self.type_expr(t);
                            if et == INVALID {
                                continue;
                            }
                            if !self.t.is_interface(et) {
                                let ts = self.t.type_string(et, false);
                                self.error(t.pos, format!("cannot use {ts} in interface (type constraints are not supported yet)"));
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
                ms.sort_by(|a, b| a.0.cmp(&b.0));
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
                    self.t.type_string(x.ty, false)
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

    // ---- untyped constants and assignability ----

    /// Whether a constant value is representable in basic type `b`;
    /// returns the (possibly rounded) value.
    pub(super) fn representable(&self, v: &ConstVal, b: Basic) -> Option<ConstVal> {
        match b {
            _ if b.is_integer() => {
                let i = v.to_int()?;
                if matches!(v, ConstVal::Str(_) | ConstVal::Bool(_)) {
                    return None;
                }
                match b {
                    Basic::UntypedInt | Basic::UntypedRune => Some(ConstVal::Int(i)),
                    _ => {
                        let (lo, hi) = b.int_range()?;
                        (i >= lo && i <= hi).then_some(ConstVal::Int(i))
                    }
                }
            }
            Basic::Float32 => {
                let f = v.to_f64()?;
                (f.abs() <= f32::MAX as f64).then_some(ConstVal::Float(f as f32 as f64))
            }
            Basic::Float64 | Basic::UntypedFloat => {
                let f = v.to_f64()?;
                f.is_finite().then_some(ConstVal::Float(f))
            }
            Basic::String | Basic::UntypedString => {
                matches!(v, ConstVal::Str(_)).then(|| v.clone())
            }
            Basic::Bool | Basic::UntypedBool => matches!(v, ConstVal::Bool(_)).then(|| v.clone()),
            _ => None,
        }
    }

    /// Converts an untyped operand to `target` (for assignments, binary
    /// operands and conversions). Reports and invalidates on failure.
    pub(super) fn convert_untyped(&mut self, x: &mut Operand, target: TypeId, e: &Expr) -> bool {
        if x.mode == Mode::Invalid || !self.t.is_untyped(x.ty) || target == INVALID {
            return true;
        }
        if self.t.is_untyped(target) {
            // Both untyped: the "larger" kind wins (int < rune < float).
            let rank = |b: Option<Basic>| match b {
                Some(Basic::UntypedInt) => 1,
                Some(Basic::UntypedRune) => 2,
                Some(Basic::UntypedFloat) => 3,
                _ => 0,
            };
            let (a, b) = (self.t.basic_of(x.ty), self.t.basic_of(target));
            if rank(a) > 0 && rank(b) > 0 {
                if rank(b) > rank(a) {
                    x.ty = target;
                }
                self.record(e, x);
                return true;
            }
            if a == b {
                return true;
            }
            return false;
        }
        if x.mode == Mode::Nil {
            let ok = matches!(
                self.t.under(target),
                Type::Pointer(_)
                    | Type::Slice(_)
                    | Type::Map(..)
                    | Type::Chan(..)
                    | Type::Func { .. }
                    | Type::Interface(_)
            );
            if !ok {
                return false;
            }
            x.ty = target;
            self.record(e, x);
            return true;
        }
        if self.t.is_interface(target) {
            // An untyped value assigned to an interface gets its default type.
            if !self.t.iface_methods(target).is_empty() {
                return false;
            }
            let dt = self.t.default_type(x.ty);
            x.ty = dt;
            self.record(e, x);
            return true;
        }
        let Some(tb) = self.t.basic_of(target) else {
            return false;
        };
        let xb = self.t.basic_of(x.ty).unwrap();
        let compatible = (xb.is_numeric() && tb.is_numeric())
            || (xb.is_string() && tb.is_string())
            || (xb.is_bool() && tb.is_bool());
        if !compatible {
            return false;
        }
        if let (Mode::Const, Some(v)) = (x.mode, x.val.clone()) {
            match self.representable(&v, tb) {
                Some(nv) => x.val = Some(nv),
                None => {
                    x.mode = Mode::Invalid;
                    return false;
                }
            }
        }
        x.ty = target;
        self.record(e, x);
        true
    }

    /// Whether a value of type `v` is assignable to type `t` (no constants).
    pub(super) fn assignable_type(&self, v: TypeId, t: TypeId) -> bool {
        if v == t || v == INVALID || t == INVALID {
            return true;
        }
        let vu = self.t.underlying(v);
        let tu = self.t.underlying(t);
        if vu == tu
            && (!self.t.is_named(v) || !self.t.is_named(t))
            && !matches!(self.t.get(v), Type::Basic(_))
        {
            return true;
        }
        if vu == tu && (!self.t.is_named(v) || !self.t.is_named(t)) {
            // Basic types are named; only identical basic types are assignable.
            return !(self.t.is_named(v) && self.t.is_named(t));
        }
        if self.t.is_interface(t) && self.t.implements(v, t).is_ok() {
            return true;
        }
        if let (Type::Chan(Dir::Both, ve), Type::Chan(_, te)) = (self.t.get(vu), self.t.get(tu)) {
            if ve == te && (!self.t.is_named(v) || !self.t.is_named(t)) {
                return true;
            }
        }
        false
    }

    /// Checks that x can be assigned to type `t` in context `ctx`
    /// ("variable declaration", "assignment", "argument to f", ...).
    pub(super) fn assignment(&mut self, x: &mut Operand, t: TypeId, ctx: &str, e: &Expr) -> bool {
        if x.mode == Mode::Invalid || t == INVALID {
            return false;
        }
        if matches!(x.mode, Mode::Type | Mode::NoValue | Mode::Builtin(_)) {
            let mut y = x.clone();
            self.single_value(e, &mut y);
            *x = y;
            return false;
        }
        if self.t.is_untyped(x.ty) {
            let before = x.clone();
            if self.convert_untyped(x, t, e) {
                return true;
            }
            let ts = self.t.type_string(t, false);
            if before.mode == Mode::Nil {
                self.error(e.pos, format!("cannot use nil as {ts} value in {ctx}"));
            } else {
                let d = self.describe(e, &before);
                let overflow = before.mode == Mode::Const
                    && self.t.is_numeric(before.ty)
                    && self.t.is_numeric(t)
                    && before.val.as_ref().is_some_and(|v| {
                        v.to_int().is_some()
                            || !self.t.is_integer(t)
                            || matches!(v, ConstVal::Float(f) if f.fract() == 0.0)
                    });
                if overflow
                    && self.t.is_integer(t)
                    && before.val.as_ref().and_then(|v| v.to_int()).is_none()
                {
                    self.error(
                        e.pos,
                        format!("cannot use {d} as {ts} value in {ctx} (truncated)"),
                    );
                } else if overflow {
                    self.error(
                        e.pos,
                        format!("cannot use {d} as {ts} value in {ctx} (overflows)"),
                    );
                } else {
                    self.error(e.pos, format!("cannot use {d} as {ts} value in {ctx}"));
                }
            }
            x.mode = Mode::Invalid;
            return false;
        }
        if self.assignable_type(x.ty, t) {
            return true;
        }
        let d = self.describe(e, x);
        let ts = self.t.type_string(t, false);
        let mut msg = format!("cannot use {d} as type {ts} in {ctx}");
        if self.t.is_interface(t) {
            if let Err(why) = self.t.implements(x.ty, t) {
                let xs = self.t.type_string(x.ty, false);
                msg = format!("{msg}:\n\t{xs} does not implement {ts} {why}");
            }
        }
        self.error(e.pos, msg);
        x.mode = Mode::Invalid;
        false
    }

    // ---- operators ----

    fn unary(&mut self, e: &Expr, op: Tok, xe: &Expr) -> Operand {
        let mut x = self.expr(xe, None);
        if op == Tok::And {
            // &x: x must be addressable or a composite literal.
            if let ExprKind::Composite { .. } = xe.unparen().kind {
                if x.mode == Mode::Invalid {
                    return x;
                }
                let t = self.t.intern(Type::Pointer(x.ty));
                return Operand {
                    mode: Mode::Value,
                    ty: t,
                    val: None,
                };
            }
            if x.mode == Mode::Invalid {
                return x;
            }
            if x.mode != Mode::Var {
                let d = self.describe(xe, &x);
                self.error(
                    xe.pos,
                    format!("invalid operation: cannot take address of {d}"),
                );
                return Operand::invalid();
            }
            self.mark_addr_taken(xe);
            let t = self.t.intern(Type::Pointer(x.ty));
            return Operand {
                mode: Mode::Value,
                ty: t,
                val: None,
            };
        }
        if op == Tok::Arrow {
            self.single_value(xe, &mut x);
            if x.mode == Mode::Invalid {
                return x;
            }
            return match self.t.under(x.ty).clone() {
                Type::Chan(dir, elem) => {
                    if dir == Dir::Send {
                        let d = self.describe(xe, &x);
                        self.error(
                            xe.pos,
                            format!("invalid operation: cannot receive from send-only channel {d}"),
                        );
                        return Operand::invalid();
                    }
                    Operand {
                        mode: Mode::CommaOk,
                        ty: elem,
                        val: None,
                    }
                }
                _ => {
                    let d = self.describe(xe, &x);
                    self.error(
                        e.pos,
                        format!("invalid operation: cannot receive from non-channel {d}"),
                    );
                    Operand::invalid()
                }
            };
        }
        self.single_value(xe, &mut x);
        if x.mode == Mode::Invalid {
            return x;
        }
        let ok = match op {
            Tok::Add | Tok::Sub => self.t.is_numeric(x.ty),
            Tok::Xor => self.t.is_integer(x.ty),
            Tok::Not => self.t.is_bool(x.ty),
            _ => false,
        };
        if !ok {
            let d = self.describe(xe, &x);
            self.error(
                xe.pos,
                format!(
                    "invalid operation: operator {} not defined on {d}",
                    op.text()
                ),
            );
            return Operand::invalid();
        }
        if let (Mode::Const, Some(v)) = (x.mode, x.val.clone()) {
            let nv = match (op, v) {
                (Tok::Add, v) => Some(v),
                (Tok::Sub, ConstVal::Int(i)) => i.checked_neg().map(ConstVal::Int),
                (Tok::Sub, ConstVal::Float(f)) => Some(ConstVal::Float(-f)),
                (Tok::Not, ConstVal::Bool(b)) => Some(ConstVal::Bool(!b)),
                (Tok::Xor, ConstVal::Int(i)) => {
                    // ^x for unsigned typed constants flips only the type's bits.
                    if self.t.is_unsigned(x.ty) {
                        let bits = self
                            .t
                            .basic_of(x.ty)
                            .and_then(|b| b.int_range())
                            .map_or(u64::MAX as i128, |r| r.1);
                        Some(ConstVal::Int(bits ^ i))
                    } else {
                        Some(ConstVal::Int(!i))
                    }
                }
                _ => None,
            };
            let Some(nv) = nv else {
                self.error(e.pos, "constant overflow");
                return Operand::invalid();
            };
            if !self.t.is_untyped(x.ty) {
                let b = self.t.basic_of(x.ty).unwrap();
                if self.representable(&nv, b).is_none() {
                    let ts = self.t.type_string(x.ty, false);
                    let es = self.expr_string(e);
                    self.error(
                        e.pos,
                        format!(
                            "{es} (constant {} of type {ts}) overflows {ts}",
                            nv.display()
                        ),
                    );
                    return Operand::invalid();
                }
            }
            return Operand {
                mode: Mode::Const,
                ty: x.ty,
                val: Some(nv),
            };
        }
        Operand {
            mode: Mode::Value,
            ty: x.ty,
            val: None,
        }
    }

    pub(super) fn mark_addr_taken(&mut self, e: &Expr) {
        if let ExprKind::Ident(id) = &e.unparen().kind {
            if let Some(&o) = self.info.objs.get(&id.id) {
                self.obj_mut(o).addr_taken = true;
            }
        }
    }

    /// Binary arithmetic and logical operators (comparisons are separate).
    pub(super) fn binary_op(
        &mut self,
        pos: Pos,
        le: &Expr,
        re: &Expr,
        op: Tok,
        mut x: Operand,
        mut y: Operand,
        assign_op: bool,
    ) -> Operand {
        self.single_value(le, &mut x);
        self.single_value(re, &mut y);
        if x.mode == Mode::Invalid || y.mode == Mode::Invalid {
            return Operand::invalid();
        }
        let opstr = if assign_op {
            format!("{}=", op.text())
        } else {
            op.text().to_string()
        };
        let full_s = format!("{} {opstr} {}", self.expr_string(le), self.expr_string(re));
        let full = || full_s.clone();
        if matches!(op, Tok::Shl | Tok::Shr) {
            return self.shift(pos, le, re, op, x, y, &full());
        }
        // Match operand types.
        if self.t.is_untyped(x.ty) && !self.t.is_untyped(y.ty) {
            let mut xx = x.clone();
            if !self.convert_untyped(&mut xx, y.ty, le) {
                self.mismatch(pos, &full(), &x, &y, le);
                return Operand::invalid();
            }
            x = xx;
        } else if self.t.is_untyped(y.ty) && !self.t.is_untyped(x.ty) {
            let mut yy = y.clone();
            if !self.convert_untyped(&mut yy, x.ty, re) {
                self.mismatch(pos, &full(), &x, &y, re);
                return Operand::invalid();
            }
            y = yy;
        } else if self.t.is_untyped(x.ty) && self.t.is_untyped(y.ty) {
            let (a, b) = (x.ty, y.ty);
            let mut xx = x.clone();
            let mut yy = y.clone();
            if !(self.convert_untyped(&mut xx, b, le) && self.convert_untyped(&mut yy, a, re))
                || (self.t.is_numeric(a) != self.t.is_numeric(b))
            {
                self.mismatch(pos, &full(), &x, &y, le);
                return Operand::invalid();
            }
            let t = if xx.ty == yy.ty {
                xx.ty
            } else {
                yy.ty.max(xx.ty)
            };
            x.ty = t;
            y.ty = t;
        } else if x.ty != y.ty {
            self.mismatch(pos, &full(), &x, &y, le);
            return Operand::invalid();
        }
        if x.ty != y.ty && !self.t.is_untyped(x.ty) && !self.t.is_untyped(y.ty) {
            // An untyped constant converted toward an interface gets its
            // default type, which does not match the interface.
            self.mismatch(pos, &full(), &x, &y, le);
            return Operand::invalid();
        }
        let t = x.ty;
        let ok = match op {
            Tok::Add => self.t.is_numeric(t) || self.t.is_string(t),
            Tok::Sub | Tok::Mul | Tok::Quo => self.t.is_numeric(t),
            Tok::Rem | Tok::And | Tok::Or | Tok::Xor | Tok::AndNot => self.t.is_integer(t),
            Tok::LAnd | Tok::LOr => self.t.is_bool(t),
            _ => false,
        };
        if !ok {
            let d = self.describe(le, &x);
            self.error(
                pos,
                format!(
                    "invalid operation: operator {} not defined on {d}",
                    op.text()
                ),
            );
            return Operand::invalid();
        }
        if matches!(op, Tok::Quo | Tok::Rem) {
            if let (Mode::Const, Some(v)) = (y.mode, &y.val) {
                if v.to_f64() == Some(0.0) && (self.t.is_integer(t) || x.mode == Mode::Const) {
                    self.error(re.pos, "invalid operation: division by zero");
                    return Operand::invalid();
                }
            }
        }
        if let (Mode::Const, Mode::Const, Some(a), Some(b)) =
            (x.mode, y.mode, x.val.clone(), y.val.clone())
        {
            let int_div = self.t.is_integer(t);
            let v = const_binary(op, &a, &b, int_div);
            let Some(v) = v else {
                self.error(pos, "constant overflow");
                return Operand::invalid();
            };
            if !self.t.is_untyped(t) {
                let bt = self.t.basic_of(t).unwrap();
                match self.representable(&v, bt) {
                    Some(v) => {
                        return Operand {
                            mode: Mode::Const,
                            ty: t,
                            val: Some(v),
                        }
                    }
                    None => {
                        let ts = self.t.type_string(t, false);
                        self.error(
                            pos,
                            format!(
                                "{} (constant {} of type {ts}) overflows {ts}",
                                full(),
                                v.display()
                            ),
                        );
                        return Operand::invalid();
                    }
                }
            }
            return Operand {
                mode: Mode::Const,
                ty: t,
                val: Some(v),
            };
        }
        Operand {
            mode: Mode::Value,
            ty: t,
            val: None,
        }
    }

    fn mismatch(&mut self, pos: Pos, full: &str, x: &Operand, y: &Operand, _e: &Expr) {
        let a = self.t.type_string(x.ty, false);
        let b = self.t.type_string(y.ty, false);
        if x.mode == Mode::Nil || y.mode == Mode::Nil {
            let other = if x.mode == Mode::Nil { y } else { x };
            let _ = other;
            self.error(
                pos,
                format!("invalid operation: {full} (mismatched types {a} and {b})"),
            );
            return;
        }
        self.error(
            pos,
            format!("invalid operation: {full} (mismatched types {a} and {b})"),
        );
    }

    #[allow(clippy::too_many_arguments)]
    fn shift(
        &mut self,
        pos: Pos,
        le: &Expr,
        re: &Expr,
        op: Tok,
        mut x: Operand,
        mut y: Operand,
        full: &str,
    ) -> Operand {
        // The count must be an integer (untyped constants convert to uint).
        if self.t.is_untyped(y.ty) {
            if let Some(v) = &y.val {
                if v.to_int().is_none_or(|i| i < 0) {
                    let d = self.describe(re, &y);
                    self.error(re.pos, format!("invalid shift count {d}"));
                    return Operand::invalid();
                }
                y.val = Some(ConstVal::Int(v.to_int().unwrap()));
            }
            let u = self.t.basic(Basic::Uint);
            if y.mode != Mode::Const {
                self.convert_untyped(&mut y, u, re);
            }
        } else if !self.t.is_integer(y.ty) {
            let d = self.describe(re, &y);
            self.error(
                re.pos,
                format!("invalid operation: shift count {d} must be integer"),
            );
            return Operand::invalid();
        }
        if x.mode == Mode::Const && self.t.is_untyped(x.ty) {
            if x.val.as_ref().and_then(|v| v.to_int()).is_none() {
                let d = self.describe(le, &x);
                self.error(
                    pos,
                    format!("invalid operation: shifted operand {d} must be integer"),
                );
                return Operand::invalid();
            }
            if y.mode != Mode::Const {
                // Non-constant shift of an untyped constant: it takes type int here.
                let it = self.t.basic(Basic::Int);
                self.convert_untyped(&mut x, it, le);
                return Operand {
                    mode: Mode::Value,
                    ty: it,
                    val: None,
                };
            }
            let ui = self.t.basic(Basic::UntypedInt);
            if self.t.basic_of(x.ty) == Some(Basic::UntypedFloat) {
                x.ty = ui;
            }
        }
        if !self.t.is_integer(x.ty) {
            let d = self.describe(le, &x);
            self.error(
                pos,
                format!("invalid operation: shifted operand {d} must be integer"),
            );
            return Operand::invalid();
        }
        if let (Mode::Const, Mode::Const) = (x.mode, y.mode) {
            let a = x.val.as_ref().and_then(|v| v.to_int()).unwrap_or(0);
            let n = y.val.as_ref().and_then(|v| v.to_int()).unwrap_or(0);
            let v = if op == Tok::Shl {
                if n >= 127 || (a != 0 && (a.unsigned_abs().leading_zeros() as i128) <= n) {
                    self.error(pos, format!("constant shift overflow: {full}"));
                    return Operand::invalid();
                }
                a << n
            } else if n >= 127 {
                if a < 0 {
                    -1
                } else {
                    0
                }
            } else {
                a >> n
            };
            let v = ConstVal::Int(v);
            if !self.t.is_untyped(x.ty) {
                let b = self.t.basic_of(x.ty).unwrap();
                if self.representable(&v, b).is_none() {
                    let ts = self.t.type_string(x.ty, false);
                    self.error(
                        pos,
                        format!(
                            "{full} (constant {} of type {ts}) overflows {ts}",
                            v.display()
                        ),
                    );
                    return Operand::invalid();
                }
            }
            return Operand {
                mode: Mode::Const,
                ty: x.ty,
                val: Some(v),
            };
        }
        if let (Mode::Const, Some(v)) = (y.mode, &y.val) {
            if v.to_int().is_some_and(|i| i < 0) {
                let d = self.describe(re, &y);
                self.error(re.pos, format!("invalid shift count {d}"));
                return Operand::invalid();
            }
            let u = self.t.basic(Basic::Uint);
            self.convert_untyped(&mut y, u, re);
        }
        Operand {
            mode: Mode::Value,
            ty: x.ty,
            val: None,
        }
    }

    pub(super) fn comparison(
        &mut self,
        pos: Pos,
        le: &Expr,
        re: &Expr,
        op: Tok,
        mut x: Operand,
        mut y: Operand,
    ) -> Operand {
        self.single_value(le, &mut x);
        self.single_value(re, &mut y);
        if x.mode == Mode::Invalid || y.mode == Mode::Invalid {
            return Operand::invalid();
        }
        let full = format!(
            "{} {} {}",
            self.expr_string(le),
            op.text(),
            self.expr_string(re)
        );
        let ub = self.t.basic(Basic::UntypedBool);
        // Convert untyped operands toward the other side.
        if self.t.is_untyped(x.ty) && !self.t.is_untyped(y.ty) {
            let mut xx = x.clone();
            if !self.convert_untyped(&mut xx, y.ty, le) {
                self.cmp_mismatch(re.pos, &full, &x, &y);
                return Operand::invalid();
            }
            x = xx;
        } else if self.t.is_untyped(y.ty) && !self.t.is_untyped(x.ty) {
            let mut yy = y.clone();
            if !self.convert_untyped(&mut yy, x.ty, re) {
                self.cmp_mismatch(re.pos, &full, &x, &y);
                return Operand::invalid();
            }
            y = yy;
        } else if self.t.is_untyped(x.ty) && self.t.is_untyped(y.ty) {
            if x.mode == Mode::Nil && y.mode == Mode::Nil {
                self.error(
                    pos,
                    format!(
                        "invalid operation: {full} (operator {} not defined on nil)",
                        op.text()
                    ),
                );
                return Operand::invalid();
            }
            let mut xx = x.clone();
            let mut yy = y.clone();
            let (a, b) = (x.ty, y.ty);
            if !(self.convert_untyped(&mut xx, b, le) && self.convert_untyped(&mut yy, a, re)) {
                self.cmp_mismatch(re.pos, &full, &x, &y);
                return Operand::invalid();
            }
        } else if !self.assignable_type(x.ty, y.ty) && !self.assignable_type(y.ty, x.ty) {
            self.cmp_mismatch(re.pos, &full, &x, &y);
            return Operand::invalid();
        }
        let t = if x.mode == Mode::Nil { y.ty } else { x.ty };
        let is_eq = matches!(op, Tok::Eql | Tok::Neq);
        if is_eq {
            let nil_cmp = x.mode == Mode::Nil || y.mode == Mode::Nil;
            if !nil_cmp && (!self.t.comparable(x.ty) || !self.t.comparable(y.ty)) {
                let bad = if !self.t.comparable(x.ty) { x.ty } else { y.ty };
                let what = match self.t.under(bad) {
                    Type::Slice(_) => "slice can only be compared to nil".to_string(),
                    Type::Map(..) => "map can only be compared to nil".to_string(),
                    Type::Func { .. } => "func can only be compared to nil".to_string(),
                    _ => format!("struct containing uncomparable field"),
                };
                self.error(pos, format!("invalid operation: {full} ({what})"));
                return Operand::invalid();
            }
        } else {
            let ordered = self.t.is_numeric(t) || self.t.is_string(t);
            if !ordered {
                let d = self.t.type_string(t, false);
                let _ = d;
                self.error(
                    pos,
                    format!(
                        "invalid operation: {full} (operator {} not defined on {})",
                        op.text(),
                        self.cmp_kind(t, &x)
                    ),
                );
                return Operand::invalid();
            }
        }
        if let (Mode::Const, Mode::Const, Some(a), Some(b)) = (x.mode, y.mode, &x.val, &y.val) {
            let r = const_compare(op, a, b);
            return Operand {
                mode: Mode::Const,
                ty: ub,
                val: Some(ConstVal::Bool(r)),
            };
        }
        // Record the operand types for code generation (untyped sides now typed).
        self.record(le, &x);
        self.record(re, &y);
        Operand {
            mode: Mode::Value,
            ty: ub,
            val: None,
        }
    }

    fn cmp_kind(&self, t: TypeId, x: &Operand) -> String {
        let _ = x;
        match self.t.under(t) {
            Type::Basic(Basic::Bool) | Type::Basic(Basic::UntypedBool) => "bool".into(),
            Type::Pointer(_) => "pointer".into(),
            Type::Struct(_) => "struct".into(),
            Type::Interface(_) => "interface".into(),
            Type::Chan(..) => "chan".into(),
            Type::Array(..) => "array".into(),
            Type::Slice(_) => "slice".into(),
            Type::Map(..) => "map".into(),
            Type::Func { .. } => "func".into(),
            _ => self.t.type_string(t, false),
        }
    }

    fn cmp_mismatch(&mut self, pos: Pos, full: &str, x: &Operand, y: &Operand) {
        let a = self.t.type_string(x.ty, false);
        let b = self.t.type_string(y.ty, false);
        self.error(
            pos,
            format!("invalid operation: {full} (mismatched types {a} and {b})"),
        );
    }

    // ---- selectors, indexing, slicing ----

    fn selector(&mut self, e: &Expr, x: &Expr, sel: &Ident) -> Operand {
        // Package members.
        if let ExprKind::Ident(pid) = &x.kind {
            if let Some(o) = self.lookup(&pid.name) {
                if let ObjKind::Package(path) = self.obj(o).kind.clone() {
                    self.obj_mut(o).used = true;
                    self.info.objs.insert(pid.id, o);
                    let member = self
                        .lib
                        .packages
                        .get(path.as_str())
                        .and_then(|(_, m)| m.get(&sel.name))
                        .cloned();
                    let Some(m) = member else {
                        self.error(sel.pos, format!("undefined: {}.{}", pid.name, sel.name));
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
                    let ts = self.t.type_string(xo.ty, false);
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
                params.extend(ps);
                let ft = self.t.intern(Type::Func {
                    params,
                    results: rs,
                    variadic: v,
                });
                self.info.selections.insert(
                    e.id,
                    Selection::Method {
                        named: base,
                        def: m,
                        recv_ptr: ptr,
                        path: vec![],
                    },
                );
                self.error(e.pos, "method expressions are not supported yet");
                return Operand {
                    mode: Mode::Value,
                    ty: ft,
                    val: None,
                };
            }
            let ts = self.t.type_string(xo.ty, false);
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
        let t = xo.ty;
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
                        let ts = self.t.type_string(t, false);
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
        let ts = self.t.type_string(t, false);
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

    fn index(&mut self, e: &Expr, x: &Expr, i: &Expr) -> Operand {
        let mut xo = self.expr(x, None);
        if xo.mode == Mode::Type {
            self.error(e.pos, "generic type instantiation is not supported yet");
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

    fn slice_expr(
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

    // ---- composite literals ----

    fn composite(
        &mut self,
        e: &Expr,
        ty: Option<&Expr>,
        elts: &[Element],
        hint: Option<TypeId>,
    ) -> Operand {
        let t = match ty {
            Some(te) => {
                if let ExprKind::ArrayType { len: Some(l), elem } = &te.kind {
                    if let ExprKind::Ellipsis = l.kind {
                        // [...]T{...}: the length is the number of elements.
                        let et = self.type_expr(elem);
                        let n = self.literal_len(elts);
                        let at = if et == INVALID {
                            INVALID
                        } else {
                            self.t.intern(Type::Array(et, n))
                        };
                        self.info.types.insert(
                            te.id,
                            TypeAndValue {
                                mode: Mode::Type,
                                ty: at,
                                val: None,
                            },
                        );
                        at
                    } else {
                        self.type_expr(te)
                    }
                } else {
                    self.type_expr(te)
                }
            }
            None => match hint {
                Some(h) => h,
                None => {
                    self.error(e.pos, "invalid composite literal type: missing type");
                    return Operand::invalid();
                }
            },
        };
        if t == INVALID {
            for el in elts {
                if let Some(k) = &el.key {
                    if !matches!(k.kind, ExprKind::Ident(_)) {
                        self.expr(k, None);
                    }
                }
                self.expr(&el.value, None);
            }
            return Operand::invalid();
        }
        // An elided `&T` inside a literal of pointers: {…} means &T{…}.
        let (lit_t, result_t) = match (ty, self.t.get(t).clone()) {
            (None, Type::Pointer(b)) => (b, t),
            _ => (t, t),
        };
        let tname = self.t.type_string(lit_t, false);
        match self.t.under(lit_t).clone() {
            Type::Struct(fs) => {
                if elts.is_empty() {
                } else if elts[0].key.is_some() {
                    let mut seen = HashSet::new();
                    for el in elts {
                        let Some(k) = &el.key else {
                            self.error(
                                el.value.pos,
                                "mixture of field:value and value elements in struct literal",
                            );
                            continue;
                        };
                        let ExprKind::Ident(kid) = &k.kind else {
                            let ks = self.expr_string(k);
                            self.error(k.pos, format!("invalid field name {ks} in struct literal"));
                            continue;
                        };
                        let Some(i) = fs.iter().position(|f| f.name == kid.name) else {
                            self.error(
                                k.pos,
                                format!(
                                    "unknown field '{}' in struct literal of type {tname}",
                                    kid.name
                                ),
                            );
                            self.expr(&el.value, None);
                            continue;
                        };
                        if !seen.insert(i) {
                            self.error(
                                k.pos,
                                format!("duplicate field name {} in struct literal", kid.name),
                            );
                        }
                        self.info.selections.insert(
                            k.id,
                            Selection::Field {
                                index: i,
                                ptr: false,
                                path: vec![],
                            },
                        );
                        let mut v = self.expr(&el.value, Some(fs[i].ty));
                        self.single_value(&el.value, &mut v);
                        self.assignment(&mut v, fs[i].ty, "struct literal", &el.value);
                    }
                } else {
                    for (i, el) in elts.iter().enumerate() {
                        if el.key.is_some() {
                            self.error(
                                el.value.pos,
                                "mixture of field:value and value elements in struct literal",
                            );
                            continue;
                        }
                        let hint = fs.get(i).map(|f| f.ty);
                        let mut v = self.expr(&el.value, hint);
                        self.single_value(&el.value, &mut v);
                        if i >= fs.len() {
                            if i == fs.len() {
                                self.error(
                                    el.value.pos,
                                    format!("too many values in {}{{…}}", tname),
                                );
                            }
                            continue;
                        }
                        self.assignment(&mut v, fs[i].ty, "struct literal", &el.value);
                    }
                    if elts.len() < fs.len() {
                        let last = elts.last().map_or(e.pos, |el| el.value.pos);
                        let _ = last;
                        if let ExprKind::Composite { rbrace, .. } = e.kind {
                            self.error(rbrace, format!("too few values in {}{{…}}", tname));
                        }
                    }
                }
            }
            Type::Array(el, n) => {
                self.indexed_elements(elts, el, Some(n), "array or slice literal");
            }
            Type::Slice(el) => {
                self.indexed_elements(elts, el, None, "array or slice literal");
            }
            Type::Map(k, v) => {
                // A key is its dynamic type and value: with interface keys
                // `1` (an int) and `int8(1)` are different keys.
                let mut seen: Vec<(TypeId, ConstVal)> = Vec::new();
                for elt in elts {
                    let Some(ke) = &elt.key else {
                        self.error(elt.value.pos, "missing key in map literal");
                        self.expr(&elt.value, Some(v));
                        continue;
                    };
                    let mut ko = self.expr(ke, Some(k));
                    self.single_value(ke, &mut ko);
                    self.assignment(&mut ko, k, "map literal", ke);
                    if let (Mode::Const, Some(val)) = (ko.mode, &ko.val) {
                        if seen.iter().any(|(t, v)| *t == ko.ty && v == val) {
                            let ks = self.expr_string(ke);
                            self.error(ke.pos, format!("duplicate key {ks} in map literal"));
                        } else {
                            seen.push((ko.ty, val.clone()));
                        }
                    }
                    let mut vo = self.expr(&elt.value, Some(v));
                    self.single_value(&elt.value, &mut vo);
                    self.assignment(&mut vo, v, "map literal", &elt.value);
                }
            }
            _ => {
                self.error(e.pos, format!("invalid composite literal type {tname}"));
                return Operand::invalid();
            }
        }
        if result_t != lit_t {
            // Record the literal's own type for the elided &T case.
            self.info.types.insert(
                e.id,
                TypeAndValue {
                    mode: Mode::Value,
                    ty: lit_t,
                    val: None,
                },
            );
        }
        Operand {
            mode: Mode::Value,
            ty: result_t,
            val: None,
        }
    }

    fn literal_len(&mut self, elts: &[Element]) -> u64 {
        let mut max = 0u64;
        let mut i = 0u64;
        for el in elts {
            if let Some(k) = &el.key {
                // Constant keys are checked later; approximate here.
                let ko = self.expr(k, None);
                if let Some(v) = ko.val.as_ref().and_then(|v| v.to_int()) {
                    i = v.max(0) as u64;
                }
            }
            i += 1;
            max = max.max(i);
        }
        max
    }

    fn indexed_elements(&mut self, elts: &[Element], el: TypeId, n: Option<u64>, ctx: &str) {
        let mut i: u64 = 0;
        let mut seen = HashSet::new();
        for elt in elts {
            if let Some(k) = &elt.key {
                let ko = self.expr(k, None);
                match (ko.mode, ko.val.as_ref().and_then(|v| v.to_int())) {
                    (Mode::Const, Some(v)) if v >= 0 => i = v as u64,
                    _ => {
                        if ko.mode != Mode::Invalid {
                            let ks = self.expr_string(k);
                            self.error(k.pos, format!("index {ks} must be integer constant"));
                        }
                    }
                }
            }
            if let Some(n) = n {
                if i >= n {
                    let s = self.expr_string(&elt.value);
                    let _ = s;
                    self.error(elt.value.pos, format!("index {i} out of bounds [0:{n}]"));
                }
            }
            if !seen.insert(i) {
                self.error(
                    elt.key.as_ref().map_or(elt.value.pos, |k| k.pos),
                    format!("duplicate index {i} in array or slice literal"),
                );
            }
            let mut v = self.expr(&elt.value, Some(el));
            self.single_value(&elt.value, &mut v);
            self.assignment(&mut v, el, ctx, &elt.value);
            i += 1;
        }
    }
}

/// Constant arithmetic; None on overflow or invalid operation.
fn const_binary(op: Tok, a: &ConstVal, b: &ConstVal, int_div: bool) -> Option<ConstVal> {
    use ConstVal::*;
    Some(match (a, b) {
        (Int(x), Int(y)) => Int(match op {
            Tok::Add => x.checked_add(*y)?,
            Tok::Sub => x.checked_sub(*y)?,
            Tok::Mul => x.checked_mul(*y)?,
            Tok::Quo => {
                if *y == 0 {
                    return None;
                }
                if !int_div {
                    return Some(Float(*x as f64 / *y as f64));
                }
                x.checked_div(*y)?
            }
            Tok::Rem => x.checked_rem(*y)?,
            Tok::And => x & y,
            Tok::Or => x | y,
            Tok::Xor => x ^ y,
            Tok::AndNot => x & !y,
            _ => return None,
        }),
        (Str(x), Str(y)) if op == Tok::Add => {
            let mut v = x.clone();
            v.extend_from_slice(y);
            Str(v)
        }
        (Bool(x), Bool(y)) => Bool(match op {
            Tok::LAnd => *x && *y,
            Tok::LOr => *x || *y,
            _ => return None,
        }),
        _ => {
            let (x, y) = (a.to_f64()?, b.to_f64()?);
            let r = match op {
                Tok::Add => x + y,
                Tok::Sub => x - y,
                Tok::Mul => x * y,
                Tok::Quo => x / y,
                _ => return None,
            };
            if !r.is_finite() {
                return None;
            }
            if int_div {
                // Integer-typed operation on float-represented integers.
                if r.fract() != 0.0 && op == Tok::Quo {
                    return Some(Int((x / y).trunc() as i128));
                }
                return Some(Int(r as i128));
            }
            Float(r)
        }
    })
}

pub(crate) fn const_compare(op: Tok, a: &ConstVal, b: &ConstVal) -> bool {
    use std::cmp::Ordering;
    let ord: Option<Ordering> = match (a, b) {
        (ConstVal::Int(x), ConstVal::Int(y)) => Some(x.cmp(y)),
        (ConstVal::Str(x), ConstVal::Str(y)) => Some(x.cmp(y)),
        (ConstVal::Bool(x), ConstVal::Bool(y)) => {
            return match op {
                Tok::Eql => x == y,
                _ => x != y,
            }
        }
        _ => a
            .to_f64()
            .zip(b.to_f64())
            .and_then(|(x, y)| x.partial_cmp(&y)),
    };
    let Some(o) = ord else { return false };
    match op {
        Tok::Eql => o == Ordering::Equal,
        Tok::Neq => o != Ordering::Equal,
        Tok::Lss => o == Ordering::Less,
        Tok::Leq => o != Ordering::Greater,
        Tok::Gtr => o == Ordering::Greater,
        _ => o != Ordering::Less,
    }
}

impl Checker<'_> {
    /// Whether package main may name field `name` found at `path` in `t`:
    /// exported, or declared by a type of package main.
    fn field_visible(&self, t: TypeId, path: &[usize], name: &str) -> bool {
        if name.starts_with(|c: char| c.is_uppercase()) {
            return true;
        }
        let holder = self.t.path_type(t, &path[..path.len().saturating_sub(1)]);
        let holder = match self.t.get(holder) {
            Type::Pointer(b) => *b,
            _ => holder,
        };
        self.t.named_info(holder).is_none_or(|n| n.pkg == "main")
    }
}
