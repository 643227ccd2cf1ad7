//! Calls: function and method calls, conversions and builtins.

use super::*;

impl<'a> Checker<'a> {
    pub(super) fn call(&mut self, e: &Expr, fun: &Expr, args: &[Expr], ellipsis: bool) -> Operand {
        let f = self.expr(fun, None);
        match f.mode {
            Mode::Invalid => {
                for a in args {
                    self.expr(a, None);
                }
                Operand::invalid()
            }
            Mode::Type => self.conversion(e, f.ty, args),
            Mode::Builtin(b) => self.builtin(e, fun, b, args, ellipsis),
            Mode::Generic(g) => self.generic_call(e, fun, g, args, ellipsis),
            _ => {
                let Some((params, results, variadic)) = self
                    .t
                    .func_sig(f.ty)
                    .map(|(a, b, c)| (a.to_vec(), b.to_vec(), c))
                else {
                    let d = self.describe(fun, &f);
                    self.error(
                        e.pos,
                        format!("invalid operation: cannot call non-function {d}"),
                    );
                    for a in args {
                        self.expr(a, None);
                    }
                    return Operand::invalid();
                };
                let fname = self.expr_string(fun);
                if let Some(ops) = self.arg_operands(args, ellipsis) {
                    self.arguments(e, &fname, args, ops, &params, variadic, ellipsis);
                }
                self.call_result(results)
            }
        }
    }

    /// The value of a call returning `results`.
    pub(super) fn call_result(&mut self, results: Vec<TypeId>) -> Operand {
        match results.len() {
            0 => Operand {
                mode: Mode::NoValue,
                ty: INVALID,
                val: None,
            },
            1 => Operand {
                mode: Mode::Value,
                ty: results[0],
                val: None,
            },
            _ => {
                let t = self.t.intern(Type::Tuple(results));
                Operand {
                    mode: Mode::Value,
                    ty: t,
                    val: None,
                }
            }
        }
    }

    /// The arguments of a call, each with the index of the argument
    /// expression it came from; None if one is invalid.
    pub(super) fn arg_operands(
        &mut self,
        args: &[Expr],
        ellipsis: bool,
    ) -> Option<Vec<(Operand, usize)>> {
        // f(g()) where g returns several values.
        let mut ops: Vec<(Operand, usize)> = Vec::new();
        if args.len() == 1 && !ellipsis {
            let x = self.expr(&args[0], None);
            if let Type::Tuple(ts) = self.t.get(x.ty).clone() {
                if x.mode == Mode::Value {
                    for t in ts {
                        ops.push((
                            Operand {
                                mode: Mode::Value,
                                ty: t,
                                val: None,
                            },
                            0,
                        ));
                    }
                }
            } else {
                let mut x = x;
                self.single_value(&args[0], &mut x);
                ops.push((x, 0));
            }
        } else {
            for (i, a) in args.iter().enumerate() {
                let mut x = self.expr(a, None);
                self.single_value(a, &mut x);
                ops.push((x, i));
            }
        }
        if ops.iter().any(|(o, _)| o.mode == Mode::Invalid) {
            return None;
        }
        Some(ops)
    }

    /// Checks call arguments against the parameters.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn arguments(
        &mut self,
        e: &Expr,
        fname: &str,
        args: &[Expr],
        ops: Vec<(Operand, usize)>,
        params: &[TypeId],
        variadic: bool,
        ellipsis: bool,
    ) {
        let rparen = match &e.kind {
            ExprKind::Call { rparen, .. } => *rparen,
            _ => e.pos,
        };
        if ellipsis {
            if !variadic {
                self.error(
                    args.last().map_or(e.pos, |a| a.pos),
                    format!("have (...) but function is not variadic: {fname}"),
                );
                let _ = rparen;
                return;
            }
            if ops.len() != params.len() {
                self.count_error(e, fname, args, &ops, params, variadic, rparen);
                return;
            }
            for (i, (mut x, ai)) in ops.into_iter().enumerate() {
                let ctx = format!("argument to {fname}");
                self.assignment(&mut x, params[i], &ctx, &args[ai]);
            }
            return;
        }
        let nfixed = if variadic {
            params.len() - 1
        } else {
            params.len()
        };
        if ops.len() < nfixed || (!variadic && ops.len() > params.len()) {
            self.count_error(e, fname, args, &ops, params, variadic, rparen);
            return;
        }
        let elem = if variadic {
            match self.t.get(params[params.len() - 1]) {
                Type::Slice(el) => Some(*el),
                _ => None,
            }
        } else {
            None
        };
        let single = args.len() == 1 && ops.len() > 1;
        for (i, (mut x, ai)) in ops.into_iter().enumerate() {
            let pt = if i < nfixed {
                params[i]
            } else {
                elem.unwrap_or(INVALID)
            };
            let ctx = format!("argument to {fname}");
            let at = if single { &args[0] } else { &args[ai] };
            self.assignment(&mut x, pt, &ctx, at);
        }
    }

    // Go's "not enough/too many arguments" message quotes the call, what it
    // has and what it wants; these are all the pieces it is built from.
    #[allow(clippy::too_many_arguments)]
    fn count_error(
        &mut self,
        e: &Expr,
        fname: &str,
        args: &[Expr],
        ops: &[(Operand, usize)],
        params: &[TypeId],
        variadic: bool,
        rparen: Pos,
    ) {
        let have = self.have_string(&ops.iter().map(|o| o.0.clone()).collect::<Vec<_>>());
        let mut want: Vec<String> = params
            .iter()
            .map(|t| self.t.type_string(*t, TypeStyle::Diagnostic))
            .collect();
        if variadic {
            if let Some(last) = want.last_mut() {
                *last = format!("...{}", last.trim_start_matches("[]"));
            }
        }
        let want = format!("({})", want.join(", "));
        let nfixed = if variadic {
            params.len() - 1
        } else {
            params.len()
        };
        if ops.len() < nfixed {
            let _ = e;
            let rparen = args.last().map_or(e.pos, |a| a.pos);
            self.error(
                rparen,
                format!("not enough arguments in call to {fname}\n\thave {have}\n\twant {want}"),
            );
        } else {
            let pos = args.get(params.len()).map_or(rparen, |a| a.pos);
            self.error(
                pos,
                format!("too many arguments in call to {fname}\n\thave {have}\n\twant {want}"),
            );
        }
    }

    fn conversion(&mut self, e: &Expr, t: TypeId, args: &[Expr]) -> Operand {
        if args.len() != 1 {
            let ts = self.t.type_string(t, TypeStyle::Diagnostic);
            if args.is_empty() {
                self.error(e.pos, format!("missing argument in conversion to {ts}"));
            } else {
                for a in args {
                    self.expr(a, None);
                }
                self.error(
                    args[1].pos,
                    format!("too many arguments in conversion to {ts}"),
                );
            }
            return Operand::invalid();
        }
        let a = &args[0];
        let mut x = self.expr(a, None);
        self.single_value(a, &mut x);
        if x.mode == Mode::Invalid {
            return x;
        }
        let ts = self.t.type_string(t, TypeStyle::Diagnostic);
        // Constant conversions.
        if x.mode == Mode::Const {
            if let Some(tb) = self.t.basic_of(t) {
                let v = x.val.clone().unwrap();
                // int → string yields the UTF-8 encoding of the rune.
                if tb.is_string() && self.t.is_integer(x.ty) {
                    let c = v
                        .to_int()
                        .and_then(|i| u32::try_from(i).ok())
                        .and_then(char::from_u32)
                        .unwrap_or('\u{FFFD}');
                    let s = c.to_string().into_bytes();
                    return Operand {
                        mode: Mode::Const,
                        ty: t,
                        val: Some(ConstVal::Str(s)),
                    };
                }
                let ok_kind = (self.t.is_numeric(x.ty) && tb.is_numeric())
                    || (self.t.is_string(x.ty) && tb.is_string())
                    || (self.t.is_bool(x.ty) && tb.is_bool());
                if ok_kind {
                    // Float → integer conversions of constants must be exact.
                    let nv = if tb.is_integer() {
                        match &v {
                            ConstVal::Float(f) if f.fract() != 0.0 => None,
                            _ => self.representable(&v, tb),
                        }
                    } else {
                        self.representable(&v, tb)
                    };
                    match nv {
                        Some(nv) => {
                            return Operand {
                                mode: Mode::Const,
                                ty: t,
                                val: Some(nv),
                            }
                        }
                        None => {
                            let d = self.describe(a, &x);
                            // Go 1.19 adds nothing for a truncated float (no "(truncated)").
                            self.error(a.pos, format!("cannot convert {d} to type {ts}"));
                            return Operand::invalid();
                        }
                    }
                }
            }
        }
        if self.t.is_untyped(x.ty) {
            // Non-constant untyped (e.g. comparisons) or constants converted
            // to non-basic types: use the default type first.
            if x.mode == Mode::Nil {
                let ok = matches!(
                    self.t.under(t),
                    Type::Pointer(_)
                        | Type::Slice(_)
                        | Type::Map(..)
                        | Type::Chan(..)
                        | Type::Func { .. }
                        | Type::Interface(_)
                );
                if ok {
                    return Operand {
                        mode: Mode::Value,
                        ty: t,
                        val: None,
                    };
                }
                self.error(a.pos, format!("cannot convert nil to type {ts}"));
                return Operand::invalid();
            }
            let target = if self.t.is_interface(t) {
                self.t.default_type(x.ty)
            } else {
                t
            };
            let mut y = x.clone();
            if self.convert_untyped(&mut y, target, a) {
                return Operand {
                    mode: Mode::Value,
                    ty: t,
                    val: None,
                };
            }
            let dt = self.t.default_type(x.ty);
            self.convert_untyped(&mut x, dt, a);
        }
        if self.convertible(x.ty, t) {
            return Operand {
                mode: Mode::Value,
                ty: t,
                val: None,
            };
        }
        let d = self.describe(a, &x);
        self.error(a.pos, format!("cannot convert {d} to type {ts}"));
        Operand::invalid()
    }

    fn convertible(&self, v: TypeId, t: TypeId) -> bool {
        if self.assignable_type(v, t) {
            return true;
        }
        let vu = self.t.underlying(v);
        let tu = self.t.underlying(t);
        if vu == tu {
            return true;
        }
        if let (Type::Pointer(a), Type::Pointer(b)) = (self.t.get(v), self.t.get(t)) {
            if self.t.underlying(*a) == self.t.underlying(*b) {
                return true;
            }
        }
        if self.t.is_numeric(v) && self.t.is_numeric(t) {
            return true;
        }
        if self.t.is_string(t) {
            if self.t.is_integer(v) {
                return true;
            }
            if let Type::Slice(e) = self.t.under(v) {
                return matches!(self.t.basic_of(*e), Some(Basic::Uint8 | Basic::Int32));
            }
        }
        if self.t.is_string(v) {
            if let Type::Slice(e) = self.t.under(t) {
                return matches!(self.t.basic_of(*e), Some(Basic::Uint8 | Basic::Int32));
            }
        }
        false
    }

    fn builtin(
        &mut self,
        e: &Expr,
        fun: &Expr,
        b: Builtin,
        args: &[Expr],
        ellipsis: bool,
    ) -> Operand {
        let name = self.expr_string(fun);
        let int = self.t.basic(Basic::Int);
        let rparen = match &e.kind {
            ExprKind::Call { rparen, .. } => *rparen,
            _ => e.pos,
        };
        let nargs = |c: &mut Self, min: usize, max: usize| -> bool {
            if args.len() < min {
                c.error(
                    rparen,
                    format!(
                        "not enough arguments for {}() (expected {min}, found {})",
                        c.expr_string(e).split('(').next().unwrap_or(""),
                        args.len()
                    ),
                );
                return false;
            }
            if args.len() > max {
                c.error(
                    args[max].pos,
                    format!(
                        "too many arguments for {}() (expected {max}, found {})",
                        c.expr_string(e).split('(').next().unwrap_or(""),
                        args.len()
                    ),
                );
                return false;
            }
            true
        };
        if ellipsis && b != Builtin::Append {
            self.error(
                e.pos,
                format!("invalid operation: invalid use of ... with built-in {name}"),
            );
            return Operand::invalid();
        }
        match b {
            Builtin::Len | Builtin::Cap => {
                if !nargs(self, 1, 1) {
                    return Operand::invalid();
                }
                let mut x = self.expr(&args[0], None);
                self.single_value(&args[0], &mut x);
                if x.mode == Mode::Invalid {
                    return x;
                }
                let u = self.t.under(x.ty).clone();
                let arr = match &u {
                    Type::Array(_, n) => Some(*n),
                    Type::Pointer(p) => match self.t.under(*p) {
                        Type::Array(_, n) => Some(*n),
                        _ => None,
                    },
                    _ => None,
                };
                let ok = match &u {
                    Type::Basic(bb) if bb.is_string() => b == Builtin::Len,
                    Type::Slice(_) | Type::Chan(..) => true,
                    Type::Map(..) => b == Builtin::Len,
                    _ => arr.is_some(),
                };
                if !ok {
                    let d = self.describe(&args[0], &x);
                    self.error(args[0].pos, format!("invalid argument: {d} for {name}"));
                    return Operand::invalid();
                }
                if let (Mode::Const, Some(ConstVal::Str(s))) = (x.mode, &x.val) {
                    return Operand {
                        mode: Mode::Const,
                        ty: int,
                        val: Some(ConstVal::Int(s.len() as i128)),
                    };
                }
                if self.t.is_untyped(x.ty) {
                    let st = self.t.basic(Basic::String);
                    self.convert_untyped(&mut x, st, &args[0]);
                }
                if let Some(n) = arr {
                    // len of an array is a constant unless it has calls or receives.
                    if !has_call_or_recv(&args[0]) {
                        return Operand {
                            mode: Mode::Const,
                            ty: int,
                            val: Some(ConstVal::Int(n as i128)),
                        };
                    }
                }
                Operand {
                    mode: Mode::Value,
                    ty: int,
                    val: None,
                }
            }
            Builtin::New => {
                if !nargs(self, 1, 1) {
                    return Operand::invalid();
                }
                let mut x = self.expr(&args[0], None);
                let t = match x.mode {
                    Mode::Type => x.ty,
                    Mode::Invalid => return x,
                    // new(expr), Go 1.26: a new variable holding its value.
                    _ => {
                        self.single_value(&args[0], &mut x);
                        if x.mode == Mode::Invalid {
                            return x;
                        }
                        let t = self.t.default_type(x.ty);
                        if self.t.basic_of(t) == Some(Basic::UntypedNil) {
                            self.error(
                                args[0].pos,
                                "use of untyped nil in argument to built-in new",
                            );
                            return Operand::invalid();
                        }
                        self.new_value(e, &args[0], t);
                        t
                    }
                };
                let p = self.t.intern(Type::Pointer(t));
                Operand {
                    mode: Mode::Value,
                    ty: p,
                    val: None,
                }
            }
            Builtin::Make => {
                if args.is_empty() {
                    self.error(
                        rparen,
                        "not enough arguments for make() (expected 1, found 0)",
                    );
                    return Operand::invalid();
                }
                let t = self.type_expr(&args[0]);
                if t == INVALID {
                    for a in &args[1..] {
                        self.expr(a, None);
                    }
                    return Operand::invalid();
                }
                let (min, max) = match self.t.under(t) {
                    Type::Slice(_) => (2, 3),
                    Type::Map(..) | Type::Chan(..) => (1, 2),
                    _ => {
                        let ts = self.expr_string(&args[0]);
                        self.error(args[0].pos, format!("invalid argument: cannot make {ts}; type must be slice, map, or channel"));
                        return Operand::invalid();
                    }
                };
                if args.len() < min {
                    let ts = self.expr_string(&args[0]);
                    self.error(
                        e.pos,
                        format!(
                            "invalid operation: {} expects {min} or {max} arguments; found {}",
                            format_args!("make({ts})"),
                            args.len()
                        ),
                    );
                    return Operand::invalid();
                }
                if args.len() > max {
                    let ts = self.expr_string(&args[0]);
                    self.error(e.pos, format!("invalid operation: make({ts}, …) expects {min} or {max} arguments; found {}", args.len()));
                    return Operand::invalid();
                }
                let mut sizes = Vec::new();
                for a in &args[1..] {
                    let mut x = self.expr(a, None);
                    self.single_value(a, &mut x);
                    if x.mode == Mode::Invalid {
                        continue;
                    }
                    if !self.t.is_integer(x.ty)
                        && !(x.mode == Mode::Const
                            && x.val.as_ref().and_then(|v| v.to_int()).is_some())
                    {
                        let d = self.describe(a, &x);
                        self.error(a.pos, format!("cannot convert {d} to type int"));
                        continue;
                    }
                    if x.mode == Mode::Const {
                        let v = x.val.as_ref().and_then(|v| v.to_int()).unwrap_or(0);
                        if v < 0 {
                            let d = self.expr_string(a);
                            self.error(a.pos, format!("invalid argument: index {d} (constant of type int) must not be negative"));
                        }
                        sizes.push(Some(v));
                        if self.t.is_untyped(x.ty) {
                            self.convert_untyped(&mut x, int, a);
                        }
                    } else {
                        sizes.push(None);
                    }
                }
                if let [Some(l), Some(c)] = sizes[..] {
                    if l > c {
                        self.error(
                            args[1].pos,
                            "invalid argument: length and capacity swapped".to_string(),
                        );
                    }
                }
                Operand {
                    mode: Mode::Value,
                    ty: t,
                    val: None,
                }
            }
            Builtin::Append => {
                if args.is_empty() {
                    self.error(
                        rparen,
                        "not enough arguments for append() (expected 1, found 0)",
                    );
                    return Operand::invalid();
                }
                let mut s = self.expr(&args[0], None);
                self.single_value(&args[0], &mut s);
                if s.mode == Mode::Invalid {
                    for a in &args[1..] {
                        self.expr(a, None);
                    }
                    return s;
                }
                if s.mode == Mode::Nil {
                    self.error(
                        args[0].pos,
                        "first argument to append must be a typed slice; found untyped nil",
                    );
                    return Operand::invalid();
                }
                let Type::Slice(el) = self.t.under(s.ty).clone() else {
                    let d = self.describe(&args[0], &s);
                    self.error(args[0].pos, format!("invalid argument: {d} is not a slice"));
                    return Operand::invalid();
                };
                if ellipsis {
                    if args.len() != 2 {
                        self.error(e.pos, "can only use ... with final argument in list");
                        return Operand::invalid();
                    }
                    let mut x = self.expr(&args[1], None);
                    self.single_value(&args[1], &mut x);
                    if x.mode == Mode::Invalid {
                        return Operand {
                            mode: Mode::Value,
                            ty: s.ty,
                            val: None,
                        };
                    }
                    // append([]byte, string...) is allowed.
                    if self.t.basic_of(el) == Some(Basic::Uint8) && self.t.is_string(x.ty) {
                        let st = self.t.basic(Basic::String);
                        self.convert_untyped(&mut x, st, &args[1]);
                        return Operand {
                            mode: Mode::Value,
                            ty: s.ty,
                            val: None,
                        };
                    }
                    let ctx = format!("argument to {name}");
                    let stype = self.t.intern(Type::Slice(el));
                    self.assignment(&mut x, stype, &ctx, &args[1]);
                    return Operand {
                        mode: Mode::Value,
                        ty: s.ty,
                        val: None,
                    };
                }
                for a in &args[1..] {
                    let mut x = self.expr(a, Some(el));
                    self.single_value(a, &mut x);
                    let ctx = format!("argument to {name}");
                    self.assignment(&mut x, el, &ctx, a);
                }
                Operand {
                    mode: Mode::Value,
                    ty: s.ty,
                    val: None,
                }
            }
            Builtin::Copy => {
                if !nargs(self, 2, 2) {
                    return Operand::invalid();
                }
                let mut d = self.expr(&args[0], None);
                let mut s = self.expr(&args[1], None);
                self.single_value(&args[0], &mut d);
                self.single_value(&args[1], &mut s);
                if d.mode == Mode::Invalid || s.mode == Mode::Invalid {
                    return Operand::invalid();
                }
                let de = match self.t.under(d.ty) {
                    Type::Slice(e) => Some(*e),
                    _ => None,
                };
                let se = match self.t.under(s.ty) {
                    Type::Slice(e) => Some(*e),
                    Type::Basic(b) if b.is_string() => Some(self.t.basic(Basic::Uint8)),
                    _ => None,
                };
                if self.t.is_untyped(s.ty) {
                    let st = self.t.basic(Basic::String);
                    self.convert_untyped(&mut s, st, &args[1]);
                }
                match (de, se) {
                    (Some(a), Some(b)) if a == b => Operand {
                        mode: Mode::Value,
                        ty: int,
                        val: None,
                    },
                    _ => {
                        let ds = self.describe(&args[0], &d);
                        let ss = self.describe(&args[1], &s);
                        self.error(e.pos, format!("invalid argument: copy expects slice arguments; found {ds} and {ss}"));
                        Operand::invalid()
                    }
                }
            }
            Builtin::Delete => {
                if !nargs(self, 2, 2) {
                    return Operand::invalid();
                }
                let mut m = self.expr(&args[0], None);
                self.single_value(&args[0], &mut m);
                if m.mode == Mode::Invalid {
                    self.expr(&args[1], None);
                    return Operand {
                        mode: Mode::NoValue,
                        ty: INVALID,
                        val: None,
                    };
                }
                let Type::Map(k, _) = self.t.under(m.ty).clone() else {
                    let d = self.describe(&args[0], &m);
                    self.error(args[0].pos, format!("invalid argument: {d} is not a map"));
                    return Operand::invalid();
                };
                let mut x = self.expr(&args[1], None);
                self.single_value(&args[1], &mut x);
                self.assignment(&mut x, k, "argument to delete", &args[1]);
                Operand {
                    mode: Mode::NoValue,
                    ty: INVALID,
                    val: None,
                }
            }
            Builtin::Close => {
                if !nargs(self, 1, 1) {
                    return Operand::invalid();
                }
                let mut c = self.expr(&args[0], None);
                self.single_value(&args[0], &mut c);
                if c.mode == Mode::Invalid {
                    return Operand {
                        mode: Mode::NoValue,
                        ty: INVALID,
                        val: None,
                    };
                }
                match self.t.under(c.ty) {
                    Type::Chan(Dir::Recv, _) => {
                        let d = self.describe(&args[0], &c);
                        self.error(
                            args[0].pos,
                            format!("invalid operation: cannot close receive-only channel {d}"),
                        );
                    }
                    Type::Chan(..) => {}
                    _ => {
                        let d = self.describe(&args[0], &c);
                        self.error(
                            args[0].pos,
                            format!("invalid operation: cannot close non-channel {d}"),
                        );
                    }
                }
                Operand {
                    mode: Mode::NoValue,
                    ty: INVALID,
                    val: None,
                }
            }
            Builtin::Panic => {
                if !nargs(self, 1, 1) {
                    return Operand::invalid();
                }
                let mut x = self.expr(&args[0], None);
                self.single_value(&args[0], &mut x);
                let any = self.lib.any;
                self.assignment(&mut x, any, "argument to panic", &args[0]);
                Operand {
                    mode: Mode::NoValue,
                    ty: INVALID,
                    val: None,
                }
            }
            Builtin::Recover => {
                if !nargs(self, 0, 0) {
                    return Operand::invalid();
                }
                Operand {
                    mode: Mode::Value,
                    ty: self.lib.any,
                    val: None,
                }
            }
            Builtin::Print | Builtin::Println => {
                for a in args {
                    let mut x = self.expr(a, None);
                    self.single_value(a, &mut x);
                    if x.mode == Mode::Nil {
                        self.error(a.pos, "use of untyped nil in argument to built-in print");
                        continue;
                    }
                    if x.mode != Mode::Invalid && self.t.is_untyped(x.ty) {
                        let dt = self.t.default_type(x.ty);
                        self.convert_untyped(&mut x, dt, a);
                    }
                }
                Operand {
                    mode: Mode::NoValue,
                    ty: INVALID,
                    val: None,
                }
            }
            Builtin::Clear => {
                if !nargs(self, 1, 1) {
                    return Operand::invalid();
                }
                self.clear(e, &args[0]);
                Operand {
                    mode: Mode::NoValue,
                    ty: INVALID,
                    val: None,
                }
            }
            Builtin::Min | Builtin::Max => {
                if args.is_empty() {
                    self.error(
                        rparen,
                        format!("not enough arguments for {name}() (expected 1, found 0)"),
                    );
                    return Operand::invalid();
                }
                let mut acc: Option<(Operand, &Expr)> = None;
                let mut ops = Vec::new();
                for a in args {
                    let mut x = self.expr(a, None);
                    self.single_value(a, &mut x);
                    if x.mode == Mode::Invalid {
                        return Operand::invalid();
                    }
                    if !(self.t.is_numeric(x.ty) || self.t.is_string(x.ty)) {
                        let d = self.describe(a, &x);
                        self.error(a.pos, format!("invalid argument: {d} cannot be ordered"));
                        return Operand::invalid();
                    }
                    ops.push((x, a));
                }
                // All operands must have one type (untyped ones convert).
                let typed = ops
                    .iter()
                    .find(|(x, _)| !self.t.is_untyped(x.ty))
                    .map(|(x, _)| x.ty);
                let mut all_const = true;
                for (x, a) in ops.iter_mut() {
                    if let Some(t) = typed {
                        if self.t.is_untyped(x.ty) {
                            let mut y = x.clone();
                            if !self.assignment(&mut y, t, &format!("argument to {name}"), a) {
                                return Operand::invalid();
                            }
                            *x = y;
                        } else if x.ty != t {
                            let ts = self.t.type_string(t, TypeStyle::Diagnostic);
                            let xs = self.t.type_string(x.ty, TypeStyle::Diagnostic);
                            let _ = ts;
                            let d = self.describe(a, x);
                            let _ = xs;
                            self.error(a.pos, format!("invalid argument: mismatched types {} (previous argument) and {} (type of {})", self.t.type_string(t, TypeStyle::Diagnostic), self.t.type_string(x.ty, TypeStyle::Diagnostic), d.split(" (").next().unwrap_or("")));
                            return Operand::invalid();
                        }
                    }
                    if x.mode != Mode::Const {
                        all_const = false;
                    }
                }
                for (x, a) in ops {
                    match &mut acc {
                        None => acc = Some((x, a)),
                        Some((best, _)) => {
                            if all_const {
                                let op = if b == Builtin::Min {
                                    Tok::Lss
                                } else {
                                    Tok::Gtr
                                };
                                if super::expr_const_compare(
                                    op,
                                    x.val.as_ref().unwrap(),
                                    best.val.as_ref().unwrap(),
                                ) {
                                    *best = x;
                                }
                            } else if self.t.is_untyped(best.ty)
                                && (!self.t.is_untyped(x.ty) || x.ty > best.ty)
                            {
                                // A typed operand's type wins over an untyped one;
                                // among untyped kinds the later one wins.
                                best.ty = x.ty;
                            }
                        }
                    }
                }
                let (mut r, _) = acc.unwrap();
                if !all_const {
                    r.mode = Mode::Value;
                    r.val = None;
                    if self.t.is_untyped(r.ty) {
                        r.ty = self.t.default_type(r.ty);
                    }
                }
                r
            }
        }
    }
}

fn has_call_or_recv(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Call { .. } => true,
        ExprKind::Unary(Tok::Arrow, _) => true,
        ExprKind::Paren(x)
        | ExprKind::Star(x)
        | ExprKind::Unary(_, x)
        | ExprKind::Selector(x, _) => has_call_or_recv(x),
        ExprKind::Index(a, b) | ExprKind::Binary(_, a, b) => {
            has_call_or_recv(a) || has_call_or_recv(b)
        }
        _ => false,
    }
}
