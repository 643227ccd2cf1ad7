//! Untyped constants, assignability and operators: how untyped values
//! take a type, Go's assignability and conversion rules, unary, binary,
//! shift and comparison operators, and constant folding with Go's
//! overflow and division-by-zero errors.

use super::*;

impl<'a> Checker<'a> {
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
            if x.mode == Mode::Value {
                self.update_untyped_operands(e, x.mode, dt);
            }
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
        if x.mode == Mode::Value {
            self.update_untyped_operands(e, x.mode, target);
        }
        true
    }

    /// Gives the untyped non-constant operands inside `e` their final type,
    /// as go/types' `updateExprType` does: only a non-constant shift of an
    /// untyped constant (and arithmetic on such shifts) makes one, and its
    /// constant left operand takes the type (`var u uint = 1 << s`).
    fn update_untyped(&mut self, e: &Expr, target: TypeId) {
        let Some(tv) = self.info.types.get(&e.id) else {
            return;
        };
        if !self.t.is_untyped(tv.ty) {
            return;
        }
        let mode = tv.mode;
        let mut tv = tv.clone();
        tv.ty = target;
        if let (Some(v), Some(b)) = (&tv.val, self.t.basic_of(target)) {
            if let Some(nv) = self.representable(v, b) {
                tv.val = Some(nv);
            } else {
                // As types2's invalidConversion words a NumericOverflow.
                let ts = self.t.type_string(target, TypeStyle::Diagnostic);
                let (es, vs) = (self.expr_string(e), v.display());
                let what = if es == vs {
                    format!("{es} (untyped int constant)")
                } else {
                    format!("{es} (untyped int constant {vs})")
                };
                self.error(e.pos, format!("{what} overflows {ts}"));
            }
        }
        self.info.types.insert(e.id, tv);
        self.update_untyped_operands(e, mode, target);
    }

    fn update_untyped_operands(&mut self, e: &Expr, mode: Mode, target: TypeId) {
        match &e.kind {
            ExprKind::Paren(x) | ExprKind::Unary(_, x) => self.update_untyped(x, target),
            ExprKind::Binary(Tok::Shl | Tok::Shr, l, _) => {
                if mode == Mode::Const {
                    return;
                }
                if !self.t.is_integer(target) {
                    let ls = self.expr_string(l);
                    let ts = self.t.type_string(target, TypeStyle::Diagnostic);
                    self.error(
                        l.pos,
                        format!(
                            "invalid operation: shifted operand {ls} (type {ts}) must be integer"
                        ),
                    );
                    return;
                }
                self.update_untyped(l, target);
            }
            ExprKind::Binary(
                Tok::Eql | Tok::Neq | Tok::Lss | Tok::Leq | Tok::Gtr | Tok::Geq,
                ..,
            ) => {}
            ExprKind::Binary(_, l, r) => {
                self.update_untyped(l, target);
                self.update_untyped(r, target);
            }
            _ => {}
        }
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
            let ts = self.t.type_string(t, TypeStyle::Diagnostic);
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
        let ts = self.t.type_string(t, TypeStyle::Diagnostic);
        let mut msg = format!("cannot use {d} as type {ts} in {ctx}");
        if self.t.is_interface(t) {
            if let Err(why) = self.t.implements(x.ty, t) {
                let xs = self.t.type_string(x.ty, TypeStyle::Diagnostic);
                msg = format!("{msg}:\n\t{xs} does not implement {ts} {why}");
            }
        }
        self.error(e.pos, msg);
        x.mode = Mode::Invalid;
        false
    }

    // ---- operators ----

    pub(super) fn unary(&mut self, e: &Expr, op: Tok, xe: &Expr) -> Operand {
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
                    let ts = self.t.type_string(x.ty, TypeStyle::Diagnostic);
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
    // Operands arrive already checked, beside the expressions they came
    // from: `x op= y` has no binary node, so the pieces cannot be one struct.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn binary_op(
        &mut self,
        pos: Pos,
        le: &Expr,
        re: &Expr,
        op: Tok,
        mut x: Operand,
        mut y: Operand,
        form: BinaryForm,
    ) -> Operand {
        self.single_value(le, &mut x);
        self.single_value(re, &mut y);
        if x.mode == Mode::Invalid || y.mode == Mode::Invalid {
            return Operand::invalid();
        }
        let opstr = if form == BinaryForm::AssignOp {
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
                        let ts = self.t.type_string(t, TypeStyle::Diagnostic);
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
        let a = self.t.type_string(x.ty, TypeStyle::Diagnostic);
        let b = self.t.type_string(y.ty, TypeStyle::Diagnostic);
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

    // As for binary_op: checked operands beside their expressions.
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
                // Non-constant shift of an untyped constant: the constant takes
                // the type the context gives the whole shift (`return 1 << s`
                // in a func returning uint shifts a uint), so the result stays
                // an untyped value until `convert_untyped` meets that type and
                // `update_untyped` passes it down to the constant.
                let ty = if self.t.basic_of(x.ty) == Some(Basic::UntypedRune) {
                    x.ty
                } else {
                    self.t.basic(Basic::UntypedInt)
                };
                return Operand {
                    mode: Mode::Value,
                    ty,
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
                    let ts = self.t.type_string(x.ty, TypeStyle::Diagnostic);
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
                    _ => "struct containing uncomparable field".to_string(),
                };
                self.error(pos, format!("invalid operation: {full} ({what})"));
                return Operand::invalid();
            }
        } else {
            let ordered = self.t.is_numeric(t) || self.t.is_string(t);
            if !ordered {
                let d = self.t.type_string(t, TypeStyle::Diagnostic);
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
            _ => self.t.type_string(t, TypeStyle::Diagnostic),
        }
    }

    fn cmp_mismatch(&mut self, pos: Pos, full: &str, x: &Operand, y: &Operand) {
        let a = self.t.type_string(x.ty, TypeStyle::Diagnostic);
        let b = self.t.type_string(y.ty, TypeStyle::Diagnostic);
        self.error(
            pos,
            format!("invalid operation: {full} (mismatched types {a} and {b})"),
        );
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
