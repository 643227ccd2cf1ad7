//! Expressions: constants, operators, comparisons, conversions to the
//! destination's type, and the comma-ok forms. Calls are in `call`,
//! composite and function literals in `literal`.

use super::call::RecvPass;
use super::*;

impl<'a> Gen<'a> {
    // ---- expressions ----

    /// Evaluates `e` into some register (a variable's own register when
    /// possible: callers must not write to the result).
    pub(super) fn expr(&mut self, e: &Expr) -> R<Reg> {
        if let ExprKind::Ident(id) = &e.unparen().kind {
            if self.emode(e) == Mode::Var {
                if let Some(&o) = self.info.objs.get(&id.id) {
                    if let Loc::Reg(r) = self.var_loc(o) {
                        return Ok(r);
                    }
                }
            }
        }
        let r = self.alloc();
        self.expr_to(e, r)?;
        Ok(r)
    }

    /// Evaluates `e` into a fresh register (a snapshot: later assignments
    /// to a variable in `e` do not change it).
    pub(super) fn expr_snap(&mut self, e: &Expr) -> R<Reg> {
        let r = self.alloc();
        self.expr_to(e, r)?;
        Ok(r)
    }

    /// Evaluates `e` as a value of type `target` (interface boxing, copies
    /// of aggregates read from variables).
    pub(super) fn expr_as(&mut self, e: &Expr, target: TypeId) -> R<Reg> {
        let from = self.ety(e);
        let needs_copy = self.is_agg(from) && is_place(e);
        let boxing = self.t.is_interface(target) && !self.t.is_interface(from);
        if !needs_copy && !boxing {
            return self.expr(e);
        }
        let r = self.alloc();
        self.expr_to_as(e, r, target)?;
        Ok(r)
    }

    pub(super) fn expr_to_as(&mut self, e: &Expr, dst: Reg, target: TypeId) -> R<()> {
        let from = self.ety(e);
        if self.t.is_interface(target) && !self.t.is_interface(from) {
            if self.emode(e) == Mode::Nil || from == INVALID {
                self.emit(Op::LoadInt { dst, imm: 0 });
                return Ok(());
            }
            let m = self.mark();
            let v = self.expr(e)?;
            let bt = self.btype(from);
            self.emit(Op::MakeIface {
                dst,
                src: v,
                ty: bt,
            });
            self.free_to(m.max(dst.0 as u32 + 1));
            return Ok(());
        }
        self.expr_to(e, dst)?;
        if self.is_agg(from) && is_place(e) {
            self.emit(Op::CopyVal { dst, src: dst });
        }
        Ok(())
    }

    pub(super) fn coerce(&mut self, r: Reg, from: TypeId, to: TypeId, dst: Reg) {
        if self.t.is_interface(to) && !self.t.is_interface(from) && from != INVALID {
            let bt = self.btype(from);
            self.emit(Op::MakeIface {
                dst,
                src: r,
                ty: bt,
            });
        } else if r != dst {
            self.emit(Op::Move { dst, src: r });
        }
    }

    pub(super) fn load_const(&mut self, v: &ConstVal, ty: TypeId, dst: Reg) {
        let ty = if self.t.is_interface(ty) { INVALID } else { ty };
        let is_float = self.t.is_float(ty) || (ty == INVALID && matches!(v, ConstVal::Float(_)));
        match v {
            ConstVal::Bool(b) => {
                self.emit(Op::LoadInt {
                    dst,
                    imm: *b as i32,
                });
            }
            ConstVal::Str(s) => match std::str::from_utf8(s) {
                _ if s.len() > 4096 && std::str::from_utf8(s).is_err() => {
                    // Very long non-UTF-8 literals stay lossy rather than
                    // use thousands of registers.
                    let k = self.konst(bc::Const::Str(String::from_utf8_lossy(s).into_owned()));
                    self.emit(Op::LoadConst { dst, idx: k });
                }
                Ok(text) => {
                    let k = self.konst(bc::Const::Str(text.to_string()));
                    self.emit(Op::LoadConst { dst, idx: k });
                }
                Err(_) => {
                    // Not UTF-8 ("\xff"): `Const::Str` holds a Rust string,
                    // so build the bytes and convert: string([]byte{...}).
                    // (A `Const::Bytes` in golab_bytecode would make this one
                    // `LoadConst`.)
                    let m = self.mark();
                    let base = self.alloc_n(s.len() as u32);
                    for (i, b) in s.iter().enumerate() {
                        self.emit(Op::LoadInt {
                            dst: Reg(base.0 + i as u16),
                            imm: *b as i32,
                        });
                    }
                    let byte_t = self.basic_id(Basic::Uint8);
                    let be = self.btype(byte_t);
                    self.emit(Op::SliceLit {
                        dst,
                        elem: be,
                        base,
                        n: s.len() as u16,
                    });
                    self.emit(Op::Convert {
                        dst,
                        src: dst,
                        conv: ConvKind::BytesToStr,
                    });
                    self.free_to(m.max(dst.0 as u32 + 1));
                }
            },
            _ if is_float => {
                let mut f = v.to_f64().unwrap_or(0.0);
                // Constants are exact numbers, and an exact zero has no
                // sign: Go's -0.0 is +0 (math.Copysign(0, -1) makes -0).
                if f == 0.0 {
                    f = 0.0;
                }
                if self.t.basic_of(ty) == Some(Basic::Float32) {
                    f = f as f32 as f64;
                }
                let k = self.konst(bc::Const::Float(f));
                self.emit(Op::LoadConst { dst, idx: k });
            }
            _ => {
                let i = v.to_int().unwrap_or(0);
                let w = i as i64;
                if let Ok(small) = i32::try_from(w) {
                    self.emit(Op::LoadInt { dst, imm: small });
                } else {
                    let k = self.konst(bc::Const::Int(w));
                    self.emit(Op::LoadConst { dst, idx: k });
                }
            }
        }
    }

    pub(super) fn expr_discard(&mut self, e: &Expr) -> R<()> {
        let r = self.alloc();
        self.expr_discard_to(e, r)
    }

    pub(super) fn expr_discard_to(&mut self, e: &Expr, r: Reg) -> R<()> {
        match &e.unparen().kind {
            ExprKind::Call { fun, .. }
                if !matches!(self.emode(fun), Mode::Type | Mode::Builtin(_)) =>
            {
                self.call(e, 0)?;
                Ok(())
            }
            _ => {
                if self.emode(e) == Mode::NoValue {
                    // Builtins without results.
                    return self.expr_to(e, r);
                }
                self.expr_to(e, r)
            }
        }
    }

    pub(super) fn expr_to(&mut self, e: &Expr, dst: Reg) -> R<()> {
        // `T.M` and `new(expr)`: the function literal the checker wrote.
        if self.info.expr_rewrites.contains_key(&e.id) {
            let info: &'a Info = self.info;
            return self.expr_to(&info.expr_rewrites[&e.id], dst);
        }
        let tv = self.info.types.get(&e.id).cloned();
        if let Some(tv) = &tv {
            if let (Mode::Const, Some(v)) = (tv.mode, &tv.val) {
                self.load_const(v, tv.ty, dst);
                return Ok(());
            }
            if tv.mode == Mode::Nil {
                self.emit(Op::LoadInt { dst, imm: 0 });
                return Ok(());
            }
        }
        let ty = tv.as_ref().map_or(INVALID, |t| t.ty);
        match &e.kind {
            ExprKind::Paren(x) => self.expr_to(x, dst),
            ExprKind::Ident(id) => {
                let Some(&o) = self.info.objs.get(&id.id) else {
                    return Err(());
                };
                self.load_obj(o, dst)
            }
            ExprKind::FuncLit { ty: ft, body } => self.func_lit(e, ft, body, dst),
            ExprKind::Composite { elts, .. } => self.composite(e, elts, dst),
            ExprKind::Selector(x, _) => {
                match self.info.selections.get(&e.id).cloned() {
                    Some(Selection::Field { index, path, .. }) => {
                        let base = self.expr(x)?;
                        let obj = self.walk(base, &path);
                        self.emit(Op::GetField {
                            dst,
                            obj,
                            field: index as u16,
                        });
                    }
                    // A library member: a native, or an object of a package
                    // written in Go, loaded as its identifier would be.
                    Some(Selection::Pkg(o)) => self.load_obj(o, dst)?,
                    Some(Selection::Method {
                        def,
                        recv_ptr,
                        path,
                        ..
                    }) => {
                        // A method value: a closure over the receiver.
                        let target = self.method_callee(&def.imp).ok_or(())?;
                        let nparams = self.t.func_sig(def.sig).map_or(0, |s| s.0.len());
                        let nret = self.t.func_sig(def.sig).map_or(0, |s| s.1.len());
                        let f = self.bound_thunk(target, None, nparams, nret, &def.name);
                        let m = self.mark();
                        let rv = self.alloc();
                        let pass = RecvPass::new(def.ptr_recv, recv_ptr);
                        self.receiver_to(x, &path, pass, rv)?;
                        self.emit(Op::MakeClosure {
                            dst,
                            func: f,
                            base: rv,
                            n: 1,
                        });
                        self.free_to(m.max(dst.0 as u32 + 1));
                    }
                    Some(Selection::IfaceMethod { name, path }) => {
                        let mid = self.prog.method_name_id(&name);
                        let sig = self.ety(e);
                        let nparams = self.t.func_sig(sig).map_or(0, |s| s.0.len());
                        let nret = self.t.func_sig(sig).map_or(0, |s| s.1.len());
                        let f =
                            self.bound_thunk(bc::Callee::Func(0), Some(mid), nparams, nret, &name);
                        let m = self.mark();
                        let rv = self.alloc();
                        self.receiver_to(x, &path, RecvPass::AsIs, rv)?;
                        // A nil interface panics when the method value is made.
                        self.emit(Op::MakeClosure {
                            dst,
                            func: f,
                            base: rv,
                            n: 1,
                        });
                        self.free_to(m.max(dst.0 as u32 + 1));
                    }
                    None => return Err(()),
                }
                Ok(())
            }
            // `F[int]`: an instance of a generic function, as a value.
            ExprKind::Index(..) | ExprKind::IndexList(..)
                if self.info.insts.contains_key(&e.id) =>
            {
                self.load_obj(self.info.insts[&e.id], dst)
            }
            ExprKind::Index(x, i) => {
                let xt = self.ety(x);
                self.pos = self.bpos(e.pos);
                if let Type::Map(k, _) = self.t.under(xt).clone() {
                    let m = self.expr(x)?;
                    let key = self.expr_as(i, k)?;
                    if let Type::Tuple(_) = self.t.get(ty) {
                        self.emit(Op::MapGetOk { dst, map: m, key });
                    } else {
                        self.emit(Op::MapGet { dst, map: m, key });
                    }
                    return Ok(());
                }
                let obj = self.expr(x)?;
                let idx = self.expr(i)?;
                self.emit(Op::Index { dst, obj, idx });
                Ok(())
            }
            ExprKind::Slice { x, lo, hi, max } => {
                let src = self.expr(x)?;
                let base = self.alloc_n(3);
                let mut has = 0u8;
                for (k, ix) in [lo, hi, max].into_iter().enumerate() {
                    if let Some(ix) = ix {
                        self.expr_to(ix, Reg(base.0 + k as u16))?;
                        has |= 1 << k;
                    }
                }
                self.pos = self.bpos(e.pos);
                self.emit(Op::SliceExpr {
                    dst,
                    src,
                    base,
                    has,
                });
                Ok(())
            }
            ExprKind::TypeAssert(x, Some(t)) => {
                let src = self.expr(x)?;
                let tt = self.ety(t);
                let bt = self.btype(tt);
                let it = self.ety(x);
                let bi = self.btype(it);
                self.pos = self.bpos(e.pos);
                if let Type::Tuple(_) = self.t.get(ty) {
                    self.emit(Op::TypeAssertOk { dst, src, ty: bt });
                } else {
                    self.emit(Op::TypeAssert {
                        dst,
                        src,
                        ty: bt,
                        iface: bi,
                    });
                }
                Ok(())
            }
            ExprKind::Call {
                fun,
                args,
                ellipsis,
                ..
            } => {
                self.pos = self.bpos(e.pos);
                match self.emode(fun) {
                    Mode::Type => self.conversion(e, &args[0], dst),
                    Mode::Builtin(b) => self.builtin(e, b, args, *ellipsis, dst),
                    _ => {
                        let base = self.call(e, 1)?;
                        if base != dst {
                            self.emit(Op::Move { dst, src: base });
                        }
                        Ok(())
                    }
                }
            }
            ExprKind::Star(p) => {
                let ptr = self.expr(p)?;
                self.pos = self.bpos(e.pos);
                if self.is_agg(ty) {
                    // The pointer is the aggregate's reference: `*p` names the
                    // pointee itself, like a variable does (so `(*p).x = 1`
                    // writes through p); value contexts copy it (`expr_as`).
                    self.emit(Op::NilCheck { ptr });
                    self.emit(Op::Move { dst, src: ptr });
                } else {
                    self.emit(Op::Load { dst, ptr });
                }
                Ok(())
            }
            ExprKind::Unary(op, x) => self.unary(e, *op, x, dst),
            ExprKind::Binary(op, l, r) => self.binary(e, *op, l, r, dst),
            _ => Err(()),
        }
    }

    fn unary(&mut self, e: &Expr, op: Tok, x: &Expr, dst: Reg) -> R<()> {
        let t = self.ety(e);
        match op {
            Tok::And => self.address_of(x, dst),
            Tok::Arrow => {
                let ch = self.expr(x)?;
                self.pos = self.bpos(e.pos);
                if let Type::Tuple(_) = self.t.get(t) {
                    self.emit(Op::RecvOk { dst, ch });
                } else {
                    self.emit(Op::Recv { dst, ch });
                }
                Ok(())
            }
            Tok::Sub => {
                let a = self.expr(x)?;
                if self.t.is_float(t) {
                    self.emit(Op::NegF { dst, a });
                } else {
                    self.emit(Op::Neg { dst, a });
                    self.trunc(dst, t);
                }
                Ok(())
            }
            Tok::Add => {
                let a = self.expr(x)?;
                if a != dst {
                    self.emit(Op::Move { dst, src: a });
                }
                Ok(())
            }
            Tok::Xor => {
                let a = self.expr(x)?;
                self.emit(Op::BitNot { dst, a });
                self.trunc(dst, t);
                Ok(())
            }
            Tok::Not => {
                let a = self.expr(x)?;
                self.emit(Op::Not { dst, a });
                Ok(())
            }
            _ => Err(()),
        }
    }

    /// Loads the value of a named object: a variable, a function, a native.
    fn load_obj(&mut self, o: ObjId, dst: Reg) -> R<()> {
        match self.info.objects[o as usize].kind.clone() {
            ObjKind::Var { .. } => {
                let l = self.var_loc(o);
                self.load_loc(l, dst);
            }
            ObjKind::Func(idx) => {
                let f = self.func_ids[idx];
                self.emit(Op::LoadFunc { dst, func: f });
            }
            ObjKind::Native(n) => {
                let id = self.prog.native_id(&n);
                self.emit(Op::LoadNative { dst, native: id });
            }
            ObjKind::Nil => {
                self.emit(Op::LoadInt { dst, imm: 0 });
            }
            _ => return Err(()),
        }
        Ok(())
    }

    pub(super) fn address_of(&mut self, x: &Expr, dst: Reg) -> R<()> {
        let xt = self.ety(x);
        match &x.unparen().kind {
            // A struct or array literal is already a heap object.
            ExprKind::Composite { .. } if self.is_agg(xt) => self.expr_to(x, dst),
            // `&[]int{…}`, `&map[K]V{…}`: a new cell holding the value.
            ExprKind::Composite { .. } => {
                let m = self.mark();
                let v = self.alloc();
                self.expr_to(x, v)?;
                let ty = self.btype(xt);
                self.emit(Op::New { dst, ty });
                self.emit(Op::Store { ptr: dst, src: v });
                self.free_to(m);
                Ok(())
            }
            ExprKind::Ident(id) => {
                let Some(&o) = self.info.objs.get(&id.id) else {
                    return Err(());
                };
                let l = self.var_loc(o);
                if self.is_agg(xt) {
                    self.load_loc(l, dst);
                } else {
                    self.loc_word(l, dst);
                }
                Ok(())
            }
            ExprKind::Selector(b, _) => {
                let sel = self.info.selections.get(&x.unparen().id).cloned();
                if let Some(Selection::Pkg(o)) = sel {
                    // `&pkg.V` of a library variable.
                    let l = self.var_loc(o);
                    if self.is_agg(xt) {
                        self.load_loc(l, dst);
                    } else {
                        self.loc_word(l, dst);
                    }
                    return Ok(());
                }
                let Some(Selection::Field { index, path, .. }) = sel else {
                    return Err(());
                };
                let base = self.expr(b)?;
                let obj = self.walk(base, &path);
                if self.is_agg(xt) {
                    self.emit(Op::GetField {
                        dst,
                        obj,
                        field: index as u16,
                    });
                } else {
                    self.emit(Op::FieldAddr {
                        dst,
                        obj,
                        field: index as u16,
                    });
                }
                Ok(())
            }
            ExprKind::Index(b, i) => {
                let obj = self.expr(b)?;
                let idx = self.expr(i)?;
                if self.is_agg(xt) {
                    self.emit(Op::Index { dst, obj, idx });
                } else {
                    self.emit(Op::IndexAddr { dst, obj, idx });
                }
                Ok(())
            }
            ExprKind::Star(p) => self.expr_to(p, dst),
            _ => Err(()),
        }
    }

    pub(super) fn trunc(&mut self, r: Reg, t: TypeId) {
        if let Some(b) = self.t.basic_of(t) {
            if b.is_integer() {
                let k = int_kind(b);
                if k.bits() < 64 {
                    self.emit(Op::Trunc {
                        dst: r,
                        src: r,
                        kind: k,
                    });
                }
            }
            if b == Basic::Float32 {
                self.emit(Op::Convert {
                    dst: r,
                    src: r,
                    conv: ConvKind::FloatToF32,
                });
            }
        }
    }

    fn binary(&mut self, e: &Expr, op: Tok, l: &Expr, r: &Expr, dst: Reg) -> R<()> {
        match op {
            Tok::LAnd | Tok::LOr => {
                self.expr_to(l, dst)?;
                let j = if op == Tok::LAnd {
                    self.emit(Op::JumpIfFalse {
                        cond: dst,
                        target: 0,
                    })
                } else {
                    self.emit(Op::JumpIfTrue {
                        cond: dst,
                        target: 0,
                    })
                };
                self.expr_to(r, dst)?;
                self.patch(j);
                Ok(())
            }
            Tok::Eql | Tok::Neq | Tok::Lss | Tok::Leq | Tok::Gtr | Tok::Geq => {
                let (a, b, t) = self.cmp_operands(l, r)?;
                self.pos = self.bpos(e.pos);
                self.compare(op, dst, a, b, t);
                Ok(())
            }
            _ => {
                let t = self.ety(e);
                let a = self.expr(l)?;
                // x + small constant → AddImm.
                if matches!(op, Tok::Add | Tok::Sub) && self.t.is_integer(t) {
                    if let Some(tv) = self.info.types.get(&r.id) {
                        if let (Mode::Const, Some(v)) = (tv.mode, &tv.val) {
                            if let Some(i) = v.to_int().and_then(|i| {
                                i32::try_from(if op == Tok::Sub { -i } else { i }).ok()
                            }) {
                                self.emit(Op::AddImm { dst, a, imm: i });
                                self.trunc(dst, t);
                                return Ok(());
                            }
                        }
                    }
                }
                let b = self.expr(r)?;
                self.pos = self.bpos(e.pos);
                let rt = self.ety(r);
                self.arith(op, dst, a, b, t, rt);
                Ok(())
            }
        }
    }

    /// Evaluates comparison operands, boxing a concrete side compared with
    /// an interface; returns the registers and the comparison type.
    fn cmp_operands(&mut self, l: &Expr, r: &Expr) -> R<(Reg, Reg, TypeId)> {
        let lt = self.ety(l);
        let rt = self.ety(r);
        let lnil = self.emode(l) == Mode::Nil;
        let rnil = self.emode(r) == Mode::Nil;
        let t = if lnil { rt } else { lt };
        if self.t.is_interface(lt) && !self.t.is_interface(rt) && !rnil {
            let a = self.expr(l)?;
            let b = self.expr_as(r, lt)?;
            return Ok((a, b, lt));
        }
        if self.t.is_interface(rt) && !self.t.is_interface(lt) && !lnil {
            let a = self.expr_as(l, rt)?;
            let b = self.expr(r)?;
            return Ok((a, b, rt));
        }
        let a = self.expr(l)?;
        let b = self.expr(r)?;
        if lnil || rnil {
            // Comparisons with nil compare words.
            let bt = self.t.basic_of(INVALID);
            let _ = bt;
            return Ok((a, b, self.basic_id(Basic::UntypedNil)));
        }
        Ok((a, b, t))
    }

    pub(super) fn compare(&mut self, op: Tok, dst: Reg, a: Reg, b: Reg, t: TypeId) {
        let (x, y, swapped) = match op {
            Tok::Gtr | Tok::Geq => (b, a, true),
            _ => (a, b, false),
        };
        let _ = swapped;
        let lt_op = matches!(op, Tok::Lss | Tok::Gtr);
        let eq = matches!(op, Tok::Eql | Tok::Neq);
        let neg = op == Tok::Neq;
        let u = self.t.under(t).clone();
        match u {
            Type::Basic(bb) if bb.is_string() => {
                if eq {
                    self.emit(Op::EqStr { dst, a: x, b: y });
                } else if lt_op {
                    self.emit(Op::LtStr { dst, a: x, b: y });
                } else {
                    self.emit(Op::LeStr { dst, a: x, b: y });
                }
            }
            Type::Basic(bb) if bb.is_float() => {
                if eq {
                    self.emit(Op::EqF { dst, a: x, b: y });
                } else if lt_op {
                    self.emit(Op::LtF { dst, a: x, b: y });
                } else {
                    self.emit(Op::LeF { dst, a: x, b: y });
                }
            }
            Type::Basic(bb) if bb.is_integer() => {
                if eq {
                    if neg {
                        self.emit(Op::Ne { dst, a: x, b: y });
                        return;
                    }
                    self.emit(Op::Eq { dst, a: x, b: y });
                } else if bb.is_unsigned() {
                    if lt_op {
                        self.emit(Op::LtU { dst, a: x, b: y });
                    } else {
                        self.emit(Op::LeU { dst, a: x, b: y });
                    }
                } else if lt_op {
                    self.emit(Op::LtS { dst, a: x, b: y });
                } else {
                    self.emit(Op::LeS { dst, a: x, b: y });
                }
                return;
            }
            Type::Interface(_) | Type::Struct(_) | Type::Array(..) => {
                let bt = self.btype(t);
                self.emit(Op::EqVal {
                    dst,
                    a: x,
                    b: y,
                    ty: bt,
                });
            }
            _ => {
                if neg {
                    self.emit(Op::Ne { dst, a: x, b: y });
                    return;
                }
                self.emit(Op::Eq { dst, a: x, b: y });
                return;
            }
        }
        if neg {
            self.emit(Op::Not { dst, a: dst });
        }
    }

    pub(super) fn arith(&mut self, op: Tok, dst: Reg, a: Reg, b: Reg, t: TypeId, bt: TypeId) {
        if self.t.is_string(t) {
            self.emit(Op::Concat { dst, a, b });
            return;
        }
        if self.t.is_float(t) {
            match op {
                Tok::Add => self.emit(Op::AddF { dst, a, b }),
                Tok::Sub => self.emit(Op::SubF { dst, a, b }),
                Tok::Mul => self.emit(Op::MulF { dst, a, b }),
                _ => self.emit(Op::DivF { dst, a, b }),
            };
            self.trunc(dst, t);
            return;
        }
        let unsigned = self.t.is_unsigned(t);
        let signed_count = !self.t.is_unsigned(bt) && !self.t.is_untyped(bt);
        let needs_trunc = matches!(op, Tok::Add | Tok::Sub | Tok::Mul | Tok::Quo | Tok::Shl);
        match op {
            Tok::Add => self.emit(Op::Add { dst, a, b }),
            Tok::Sub => self.emit(Op::Sub { dst, a, b }),
            Tok::Mul => self.emit(Op::Mul { dst, a, b }),
            Tok::Quo if unsigned => self.emit(Op::DivU { dst, a, b }),
            Tok::Quo => self.emit(Op::DivS { dst, a, b }),
            Tok::Rem if unsigned => self.emit(Op::RemU { dst, a, b }),
            Tok::Rem => self.emit(Op::RemS { dst, a, b }),
            Tok::And => self.emit(Op::And { dst, a, b }),
            Tok::Or => self.emit(Op::Or { dst, a, b }),
            Tok::Xor => self.emit(Op::Xor { dst, a, b }),
            Tok::AndNot => self.emit(Op::AndNot { dst, a, b }),
            Tok::Shl => self.emit(Op::Shl {
                dst,
                a,
                b,
                signed_count,
            }),
            Tok::Shr if unsigned => self.emit(Op::ShrU {
                dst,
                a,
                b,
                signed_count,
            }),
            _ => self.emit(Op::ShrS {
                dst,
                a,
                b,
                signed_count,
            }),
        };
        if needs_trunc {
            self.trunc(dst, t);
        }
    }

    /// Emits jumps taken when `cond` is `when`; returns them for patching.
    pub(super) fn cond_jump(&mut self, e: &Expr, when: JumpIf) -> R<Vec<u32>> {
        match &e.unparen().kind {
            ExprKind::Binary(Tok::LAnd, l, r) if self.emode(e) != Mode::Const => {
                if when == JumpIf::False {
                    let mut j = self.cond_jump(l, JumpIf::False)?;
                    j.extend(self.cond_jump(r, JumpIf::False)?);
                    Ok(j)
                } else {
                    let jf = self.cond_jump(l, JumpIf::False)?;
                    let jt = self.cond_jump(r, JumpIf::True)?;
                    for j in jf {
                        self.patch(j);
                    }
                    Ok(jt)
                }
            }
            ExprKind::Binary(Tok::LOr, l, r) if self.emode(e) != Mode::Const => {
                if when == JumpIf::True {
                    let mut j = self.cond_jump(l, JumpIf::True)?;
                    j.extend(self.cond_jump(r, JumpIf::True)?);
                    Ok(j)
                } else {
                    let jt = self.cond_jump(l, JumpIf::True)?;
                    let jf = self.cond_jump(r, JumpIf::False)?;
                    for j in jt {
                        self.patch(j);
                    }
                    Ok(jf)
                }
            }
            ExprKind::Unary(Tok::Not, x) if self.emode(e) != Mode::Const => {
                self.cond_jump(x, !when)
            }
            _ => {
                let m = self.mark();
                let c = self.expr(e)?;
                let j = if when == JumpIf::True {
                    self.emit(Op::JumpIfTrue { cond: c, target: 0 })
                } else {
                    self.emit(Op::JumpIfFalse { cond: c, target: 0 })
                };
                self.free_to(m);
                Ok(vec![j])
            }
        }
    }

    /// `v, ok` forms: map index, type assertion, receive → base, base+1.
    pub(super) fn comma_ok(&mut self, v: &Expr, base: Reg) -> R<()> {
        self.expr_to(v, base)
    }
}

/// Whether `e` refers to object `o` anywhere (then `o` cannot be the
/// destination register while `e` is evaluated).
pub(super) fn mentions(e: &Expr, o: ObjId, info: &Info) -> bool {
    match &e.kind {
        ExprKind::Ident(id) => info.objs.get(&id.id) == Some(&o),
        ExprKind::Paren(x)
        | ExprKind::Star(x)
        | ExprKind::Unary(_, x)
        | ExprKind::Selector(x, _) => mentions(x, o, info),
        ExprKind::TypeAssert(x, _) => mentions(x, o, info),
        ExprKind::Binary(_, a, b) | ExprKind::Index(a, b) => {
            mentions(a, o, info) || mentions(b, o, info)
        }
        ExprKind::Slice { x, lo, hi, max } => {
            mentions(x, o, info)
                || [lo, hi, max]
                    .iter()
                    .any(|y| y.as_ref().is_some_and(|y| mentions(y, o, info)))
        }
        ExprKind::Call { fun, args, .. } => {
            mentions(fun, o, info) || args.iter().any(|a| mentions(a, o, info))
        }
        ExprKind::Composite { elts, .. } => elts.iter().any(|el| {
            mentions(&el.value, o, info) || el.key.as_ref().is_some_and(|k| mentions(k, o, info))
        }),
        // A closure may read the variable at any time; be conservative.
        ExprKind::FuncLit { .. } => true,
        _ => false,
    }
}

/// Whether an expression denotes an existing variable or element (so an
/// aggregate read from it must be copied to get a value).
pub(super) fn is_place(e: &Expr) -> bool {
    matches!(
        e.unparen().kind,
        ExprKind::Ident(_) | ExprKind::Selector(..) | ExprKind::Index(..) | ExprKind::Star(_)
    )
}
