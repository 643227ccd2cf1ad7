//! Expressions: the entry point that records every expression's type and
//! value, operands and identifiers, and the descriptions of expressions
//! that Go's messages quote. Operators are in `ops`, selectors and indexing
//! in `selector`, composite literals in `composite`, calls in `call`.

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
            ExprKind::Paren(x) => self.expr(x, hint),
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
            ExprKind::IndexList(x, args) => {
                let xo = self.expr(x, None);
                match xo.mode {
                    Mode::Generic(g) => self.instantiate(e, g, args),
                    Mode::Invalid => xo,
                    _ => {
                        let d = self.expr_string(x);
                        self.error(
                            args[1].pos,
                            format!("invalid operation: more than one index into {d}"),
                        );
                        Operand::invalid()
                    }
                }
            }
            ExprKind::Union(_) => {
                let d = self.expr_string(e);
                self.error(e.pos, format!("cannot use {d} outside a type constraint"));
                Operand::invalid()
            }
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
                        let is = self.t.type_string(xo.ty, TypeStyle::Diagnostic);
                        let ts = self.t.type_string(tt, TypeStyle::Diagnostic);
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
                self.binary_op(l.pos, l, r, *op, lo, ro, BinaryForm::Expr)
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
        self.object_operand(id, o)
    }

    /// The operand an identifier `id` denoting object `o` gives.
    pub(super) fn object_operand(&mut self, id: &Ident, o: ObjId) -> Operand {
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
            ObjKind::Generic(g) => Operand {
                mode: Mode::Generic(g),
                ty: INVALID,
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
            Mode::Generic(g) => {
                let what = self.generic_string(g);
                self.error(
                    e.pos,
                    format!("cannot use generic {what} without instantiation"),
                );
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
                            self.t.type_string(x.ty, TypeStyle::Diagnostic)
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
        let mut ts = self.t.type_string(x.ty, TypeStyle::Diagnostic);
        // A type parameter, in the check of a generic body: `T constrained by any`.
        if let Some(c) = self.stand_ins.get(&x.ty) {
            ts = format!("{ts} constrained by {c}");
        }
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
            ExprKind::IndexList(x, args) => {
                self.write_expr(s, x, d);
                for (k, a) in args.iter().enumerate() {
                    s.push_str(if k == 0 { "[" } else { ", " });
                    self.write_expr(s, a, d);
                }
                s.push(']');
            }
            ExprKind::Union(terms) => {
                for (k, (tilde, t)) in terms.iter().enumerate() {
                    if k > 0 {
                        s.push_str(" | ");
                    }
                    if *tilde {
                        s.push('~');
                    }
                    self.write_expr(s, t, d);
                }
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
}
impl Checker<'_> {
    /// Whether package main may name field `name` found at `path` in `t`:
    /// exported, or declared by a type of package main.
    pub(super) fn field_visible(&self, t: TypeId, path: &[usize], name: &str) -> bool {
        if name.starts_with(|c: char| c.is_uppercase()) {
            return true;
        }
        let holder = self.t.path_type(t, &path[..path.len().saturating_sub(1)]);
        let holder = match self.t.get(holder) {
            Type::Pointer(b) => *b,
            _ => holder,
        };
        let pkg = self.file.unit_name(self.unit);
        self.t.named_info(holder).is_none_or(|n| n.pkg == pkg)
    }
}
