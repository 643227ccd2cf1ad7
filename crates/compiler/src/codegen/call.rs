//! Calls: resolving the callee (static, native, interface method or func
//! value), receivers through embedded fields, the argument window, type
//! conversions and builtins.

use super::expr::is_place;
use super::*;

/// A method receiver: the expression, the embedded-field path to the
/// receiver value, and how to pass it.
pub(super) type Recv<'a> = (&'a Expr, Vec<usize>, RecvPass);

/// How a method receiver is passed, given the receiver expression's type
/// and the method's receiver type.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum RecvPass {
    /// As it is: the types agree, or an interface method.
    AsIs,
    /// Its address: a pointer method called on an addressable value.
    AddrOf,
    /// Its pointee: a value method called through a pointer.
    Deref,
}

impl RecvPass {
    pub(super) fn new(method_ptr_recv: bool, recv_is_ptr: bool) -> RecvPass {
        match (method_ptr_recv, recv_is_ptr) {
            (true, false) => RecvPass::AddrOf,
            (false, true) => RecvPass::Deref,
            _ => RecvPass::AsIs,
        }
    }
}

/// What a call calls.
pub(super) enum Target {
    Static(u32),
    Native(u32),
    Iface(u32),
    Value(Reg),
}

impl<'a> Gen<'a> {
    // ---- calls ----

    /// Resolves the callee of a call expression; evaluates a func value.
    /// Returns the target and, for methods, the receiver (see [`Recv`]),
    /// which borrows from `fun`, not from the generator.
    pub(super) fn call_target<'e>(&mut self, fun: &'e Expr) -> R<(Target, Option<Recv<'e>>)> {
        let fu = fun.unparen();
        // An instance of a generic function, named with type arguments.
        if let Some(&o) = self.info.insts.get(&fu.id) {
            if let ObjKind::Func(idx) = self.info.objects[o as usize].kind {
                return Ok((Target::Static(self.func_ids[idx]), None));
            }
        }
        if let ExprKind::Ident(id) = &fu.kind {
            if let Some(&o) = self.info.objs.get(&id.id) {
                if let ObjKind::Func(idx) = self.info.objects[o as usize].kind {
                    return Ok((Target::Static(self.func_ids[idx]), None));
                }
            }
        }
        if let ExprKind::Selector(x, _) = &fu.kind {
            match self.info.selections.get(&fu.id).cloned() {
                Some(Selection::Pkg(o)) => match &self.info.objects[o as usize].kind {
                    ObjKind::Native(n) => {
                        return Ok((Target::Native(self.prog.native_id(n)), None));
                    }
                    ObjKind::Func(idx) => return Ok((Target::Static(self.func_ids[*idx]), None)),
                    _ => {}
                },
                Some(Selection::Method {
                    def,
                    recv_ptr,
                    path,
                    ..
                }) => {
                    let target = match self.method_callee(&def.imp).ok_or(())? {
                        bc::Callee::Func(f) => Target::Static(f),
                        bc::Callee::Native(n) => Target::Native(n),
                    };
                    let pass = RecvPass::new(def.ptr_recv, recv_ptr);
                    return Ok((target, Some((x, path, pass))));
                }
                Some(Selection::IfaceMethod { name, path }) => {
                    let id = self.prog.method_name_id(&name);
                    return Ok((Target::Iface(id), Some((x, path, RecvPass::AsIs))));
                }
                _ => {}
            }
        }
        let r = self.alloc();
        self.expr_to(fun, r)?;
        Ok((Target::Value(r), None))
    }

    /// Evaluates a method receiver: `x`, or the embedded field of `x` at
    /// `path`, taking its address (pointer method on a value) or
    /// dereferencing it (value method on a pointer) as needed.
    pub(super) fn receiver_to(
        &mut self,
        x: &Expr,
        path: &[usize],
        pass: RecvPass,
        dst: Reg,
    ) -> R<()> {
        let (take_addr, deref) = (pass == RecvPass::AddrOf, pass == RecvPass::Deref);
        if !path.is_empty() {
            let xt = self.ety(x);
            let m = self.mark();
            let base = self.expr(x)?;
            let obj = self.walk(base, &path[..path.len() - 1]);
            let last = *path.last().unwrap() as u16;
            let ft = self.t.path_type(xt, path);
            if take_addr {
                if self.is_agg(ft) {
                    self.emit(Op::GetField {
                        dst,
                        obj,
                        field: last,
                    });
                } else {
                    self.emit(Op::FieldAddr {
                        dst,
                        obj,
                        field: last,
                    });
                }
            } else {
                self.emit(Op::GetField {
                    dst,
                    obj,
                    field: last,
                });
                let pointee = match self.t.get(ft) {
                    Type::Pointer(b) if deref => Some(*b),
                    _ => None,
                };
                match pointee {
                    Some(p) if self.is_agg(p) => {
                        self.emit(Op::CopyVal { dst, src: dst });
                    }
                    Some(_) => {
                        self.emit(Op::Load { dst, ptr: dst });
                    }
                    None if self.is_agg(ft) => {
                        self.emit(Op::CopyVal { dst, src: dst });
                    }
                    None => {}
                }
            }
            self.free_to(m.max(dst.0 as u32 + 1));
            return Ok(());
        }
        let xt = self.ety(x);
        if take_addr {
            return self.address_of(x, dst);
        }
        if deref {
            let p = self.expr(x)?;
            let pointee = match self.t.get(xt) {
                Type::Pointer(b) => *b,
                _ => xt,
            };
            if self.is_agg(pointee) {
                self.emit(Op::CopyVal { dst, src: p });
            } else {
                self.emit(Op::Load { dst, ptr: p });
            }
            return Ok(());
        }
        if self.t.is_interface(xt) {
            return self.expr_to(x, dst);
        }
        self.expr_to_as(x, dst, xt)
    }

    /// Follows embedded fields: one `GetField` per step of `path`.
    pub(super) fn walk(&mut self, base: Reg, path: &[usize]) -> Reg {
        let mut cur = base;
        for &i in path {
            let t = self.alloc();
            self.emit(Op::GetField {
                dst: t,
                obj: cur,
                field: i as u16,
            });
            cur = t;
        }
        cur
    }

    /// Pushes a method call's receiver (if any), then the arguments, at the
    /// top of the registers; returns how many were pushed.
    pub(super) fn push_receiver_and_args(
        &mut self,
        recv: Option<Recv<'_>>,
        args: &[Expr],
        ptys: &[TypeId],
        variadic: bool,
        ellipsis: bool,
    ) -> R<u32> {
        let mut n = 0;
        if let Some((x, path, pass)) = recv {
            let r = self.alloc();
            self.receiver_to(x, &path, pass, r)?;
            self.free_to(r.0 as u32 + 1);
            n += 1;
        }
        Ok(n + self.push_args(args, ptys, variadic, ellipsis)?)
    }

    /// Pushes the arguments of a call at the top of the registers; returns
    /// their count.
    fn push_args(
        &mut self,
        args: &[Expr],
        ptys: &[TypeId],
        variadic: bool,
        ellipsis: bool,
    ) -> R<u32> {
        let start = self.mark();
        if args.len() == 1 && !ellipsis && matches!(self.t.get(self.ety(&args[0])), Type::Tuple(_))
        {
            if let Type::Tuple(ts) = self.t.get(self.ety(&args[0])).clone() {
                // f(g()) with several results: g's results land in place,
                // unless g is a func value, whose register comes first:
                // then they move down to where f's arguments go.
                let inner = self.call(&args[0], ts.len())?;
                let base = Reg(start as u16);
                if inner != base {
                    for i in 0..ts.len() as u16 {
                        self.emit(Op::Move {
                            dst: Reg(base.0 + i),
                            src: Reg(inner.0 + i),
                        });
                    }
                }
                let nfixed = if variadic { ptys.len() - 1 } else { ptys.len() };
                for (i, t) in ts.iter().enumerate().take(nfixed) {
                    let r = Reg(base.0 + i as u16);
                    self.coerce(r, *t, ptys[i], r);
                }
                if variadic {
                    let et = match self.t.get(ptys[nfixed]) {
                        Type::Slice(e) => *e,
                        _ => INVALID,
                    };
                    let k = ts.len() - nfixed;
                    let tmp = self.alloc_n(k as u32 + 1);
                    for i in 0..k {
                        let src = Reg(base.0 + (nfixed + i) as u16);
                        self.coerce(src, ts[nfixed + i], et, Reg(tmp.0 + 1 + i as u16));
                    }
                    let be = self.btype(et);
                    let slot = Reg(base.0 + nfixed as u16);
                    self.emit(Op::SliceLit {
                        dst: slot,
                        elem: be,
                        base: Reg(tmp.0 + 1),
                        n: k as u16,
                    });
                    self.free_to(slot.0 as u32 + 1);
                    return Ok(nfixed as u32 + 1);
                }
                self.free_to(base.0 as u32 + ts.len() as u32);
                return Ok(ts.len() as u32);
            }
        }
        let nfixed = if variadic { ptys.len() - 1 } else { ptys.len() };
        for (i, a) in args.iter().enumerate().take(nfixed) {
            let r = self.alloc();
            self.expr_to_as(a, r, ptys[i])?;
            self.free_to(r.0 as u32 + 1);
        }
        if variadic {
            let st = ptys[nfixed];
            let r = self.alloc();
            if ellipsis {
                self.expr_to(&args[nfixed], r)?;
            } else {
                let rest = &args[nfixed.min(args.len())..];
                if rest.is_empty() {
                    self.emit(Op::LoadInt { dst: r, imm: 0 });
                } else {
                    let et = match self.t.get(st) {
                        Type::Slice(e) => *e,
                        _ => INVALID,
                    };
                    let base = self.alloc_n(rest.len() as u32);
                    for (i, a) in rest.iter().enumerate() {
                        self.expr_to_as(a, Reg(base.0 + i as u16), et)?;
                    }
                    let be = self.btype(et);
                    self.emit(Op::SliceLit {
                        dst: r,
                        elem: be,
                        base,
                        n: rest.len() as u16,
                    });
                }
            }
            self.free_to(r.0 as u32 + 1);
        }
        Ok(self.mark() - start)
    }

    /// Compiles a call; the results are in `base..base+n` (returned base).
    pub(super) fn call(&mut self, e: &Expr, _want: usize) -> R<Reg> {
        let ExprKind::Call {
            fun,
            args,
            ellipsis,
            ..
        } = &e.unparen().kind
        else {
            return Err(());
        };
        let sig = self.ety(fun);
        let Some((ptys, rtys, variadic)) = self
            .t
            .func_sig(sig)
            .map(|(a, b, c)| (a.to_vec(), b.to_vec(), c))
        else {
            return Err(());
        };
        let (target, recv) = self.call_target(fun)?;
        let base = self.top();
        let nargs = self.push_receiver_and_args(recv, args, &ptys, variadic, *ellipsis)?;
        let nret = rtys.len() as u32;
        if nargs > 255 || nret > 255 {
            self.err(e.pos, "too many arguments or results in call (limit 255)");
            return Err(());
        }
        self.pos = self.bpos(e.pos);
        let (nargs, nret8) = (nargs as u8, nret as u8);
        match target {
            Target::Static(f) => self.emit(Op::Call {
                func: f,
                base,
                nargs,
                nret: nret8,
            }),
            Target::Native(n) => self.emit(Op::CallNative {
                native: n,
                base,
                nargs,
                nret: nret8,
            }),
            Target::Iface(m) => self.emit(Op::CallIface {
                method: m,
                base,
                nargs,
                nret: nret8,
            }),
            Target::Value(c) => self.emit(Op::CallValue {
                callee: c,
                base,
                nargs,
                nret: nret8,
            }),
        };
        self.free_to(base.0 as u32);
        self.alloc_n(nret.max(1));
        Ok(base)
    }

    pub(super) fn conversion(&mut self, e: &Expr, a: &Expr, dst: Reg) -> R<()> {
        let to = self.ety(e);
        let from = self.ety(a);
        if self.t.is_interface(to) {
            return self.expr_to_as(a, dst, to);
        }
        let src = self.expr(a)?;
        let (fu, tu) = (self.t.under(from).clone(), self.t.under(to).clone());
        match (fu, tu) {
            (Type::Basic(fb), Type::Basic(tb)) => {
                if fb.is_integer() && tb.is_integer() {
                    let (fk, tk) = (int_kind(fb), int_kind(tb));
                    // The word already holds the value extended to 64 bits, so
                    // the same kind, 64 to 64 bits, or widening with the same
                    // signedness is a move.
                    if fk == tk
                        || (tk.bits() == 64 && fk.bits() == 64)
                        || (tk.bits() > fk.bits() && tk.signed() == fk.signed())
                    {
                        self.emit(Op::Move { dst, src });
                    } else {
                        self.emit(Op::Trunc { dst, src, kind: tk });
                    }
                } else if fb.is_integer() && tb.is_float() {
                    let c = if fb.is_unsigned() {
                        ConvKind::UintToFloat
                    } else {
                        ConvKind::IntToFloat
                    };
                    self.emit(Op::Convert { dst, src, conv: c });
                    if tb == Basic::Float32 {
                        self.emit(Op::Convert {
                            dst,
                            src: dst,
                            conv: ConvKind::FloatToF32,
                        });
                    }
                } else if fb.is_float() && tb.is_integer() {
                    let c = if tb.is_unsigned() {
                        ConvKind::FloatToUint
                    } else {
                        ConvKind::FloatToInt
                    };
                    self.emit(Op::Convert { dst, src, conv: c });
                    let k = int_kind(tb);
                    if k.bits() < 64 {
                        self.emit(Op::Trunc {
                            dst,
                            src: dst,
                            kind: k,
                        });
                    }
                } else if fb.is_float() && tb == Basic::Float32 && fb != Basic::Float32 {
                    self.emit(Op::Convert {
                        dst,
                        src,
                        conv: ConvKind::FloatToF32,
                    });
                } else if fb.is_integer() && tb.is_string() {
                    self.emit(Op::Convert {
                        dst,
                        src,
                        conv: ConvKind::RuneToStr,
                    });
                } else {
                    self.emit(Op::Move { dst, src });
                }
            }
            (Type::Slice(el), Type::Basic(tb)) if tb.is_string() => {
                let c = if self.t.basic_of(el) == Some(Basic::Int32) {
                    ConvKind::RunesToStr
                } else {
                    ConvKind::BytesToStr
                };
                self.emit(Op::Convert { dst, src, conv: c });
            }
            (Type::Basic(fb), Type::Slice(el)) if fb.is_string() => {
                let c = if self.t.basic_of(el) == Some(Basic::Int32) {
                    ConvKind::StrToRunes
                } else {
                    ConvKind::StrToBytes
                };
                self.emit(Op::Convert { dst, src, conv: c });
            }
            _ => {
                if self.is_agg(to) && is_place(a) {
                    self.emit(Op::CopyVal { dst, src });
                } else if src != dst {
                    self.emit(Op::Move { dst, src });
                }
            }
        }
        Ok(())
    }

    pub(super) fn builtin(
        &mut self,
        e: &Expr,
        b: Builtin,
        args: &[Expr],
        ellipsis: bool,
        dst: Reg,
    ) -> R<()> {
        let ty = self.ety(e);
        match b {
            // Compiled as the statement the checker rewrote it to.
            Builtin::Clear => return Err(()),
            Builtin::Len | Builtin::Cap => {
                let at = self.ety(&args[0]);
                let arr_len = match self.t.under(at).clone() {
                    Type::Array(_, n) => Some(n),
                    Type::Pointer(p) => match self.t.under(p) {
                        Type::Array(_, n) => Some(*n),
                        _ => None,
                    },
                    _ => None,
                };
                if let Some(n) = arr_len {
                    self.expr_discard(&args[0])?;
                    self.load_const(&ConstVal::Int(n as i128), INVALID, dst);
                    return Ok(());
                }
                let s = self.expr(&args[0])?;
                if b == Builtin::Len {
                    self.emit(Op::Len { dst, src: s });
                } else {
                    self.emit(Op::Cap { dst, src: s });
                }
            }
            Builtin::New => {
                let t = self.ety(&args[0]);
                let bt = self.btype(t);
                self.emit(Op::New { dst, ty: bt });
            }
            Builtin::Make => {
                let t = self.ety(&args[0]);
                match self.t.under(t).clone() {
                    Type::Slice(el) => {
                        let be = self.btype(el);
                        let l = self.expr(&args[1])?;
                        let c = if args.len() > 2 {
                            self.expr(&args[2])?
                        } else {
                            l
                        };
                        self.emit(Op::MakeSlice {
                            dst,
                            elem: be,
                            len: l,
                            cap: c,
                        });
                    }
                    Type::Map(..) => {
                        let bt = self.btype(t);
                        let h = if args.len() > 1 {
                            self.expr(&args[1])?
                        } else {
                            let h = self.alloc();
                            self.emit(Op::LoadInt { dst: h, imm: 0 });
                            h
                        };
                        self.emit(Op::MakeMap {
                            dst,
                            ty: bt,
                            hint: h,
                        });
                    }
                    Type::Chan(_, el) => {
                        let be = self.btype(el);
                        let sz = if args.len() > 1 {
                            self.expr(&args[1])?
                        } else {
                            let h = self.alloc();
                            self.emit(Op::LoadInt { dst: h, imm: 0 });
                            h
                        };
                        self.emit(Op::MakeChan {
                            dst,
                            elem: be,
                            size: sz,
                        });
                    }
                    _ => return Err(()),
                }
            }
            Builtin::Append => {
                let st = self.ety(&args[0]);
                let et = match self.t.under(st) {
                    Type::Slice(e) => *e,
                    _ => INVALID,
                };
                let be = self.btype(et);
                let s = self.expr(&args[0])?;
                if ellipsis {
                    let o = self.expr(&args[1])?;
                    self.emit(Op::AppendSlice {
                        dst,
                        slice: s,
                        elem: be,
                        other: o,
                    });
                } else {
                    let rest = &args[1..];
                    let base = self.alloc_n(rest.len() as u32);
                    for (i, a) in rest.iter().enumerate() {
                        self.expr_to_as(a, Reg(base.0 + i as u16), et)?;
                    }
                    self.emit(Op::Append {
                        dst,
                        slice: s,
                        elem: be,
                        base,
                        n: rest.len() as u16,
                    });
                }
            }
            Builtin::Copy => {
                let a = self.expr(&args[0])?;
                let b2 = self.expr(&args[1])?;
                self.emit(Op::CopySlice { dst, a, b: b2 });
            }
            Builtin::Delete => {
                let mt = self.ety(&args[0]);
                let kt = match self.t.under(mt) {
                    Type::Map(k, _) => *k,
                    _ => INVALID,
                };
                let m = self.expr(&args[0])?;
                let k = self.expr_as(&args[1], kt)?;
                self.emit(Op::MapDelete { map: m, key: k });
            }
            Builtin::Close => {
                let c = self.expr(&args[0])?;
                self.emit(Op::Close { ch: c });
            }
            Builtin::Panic => {
                let v = self.alloc();
                let any = self.any_t;
                self.expr_to_as(&args[0], v, any)?;
                self.pos = self.bpos(e.pos);
                self.emit(Op::Panic { src: v });
            }
            Builtin::Recover => {
                self.emit(Op::Recover { dst });
            }
            Builtin::Print | Builtin::Println => {
                let any = self.any_t;
                let base = self.top();
                let sl = self.alloc();
                let eb = self.alloc_n(args.len() as u32);
                for (i, a) in args.iter().enumerate() {
                    self.expr_to_as(a, Reg(eb.0 + i as u16), any)?;
                }
                let ba = self.btype(any);
                self.emit(Op::SliceLit {
                    dst: sl,
                    elem: ba,
                    base: eb,
                    n: args.len() as u16,
                });
                let name = if b == Builtin::Println {
                    "println"
                } else {
                    "print"
                };
                let nid = self.prog.native_id(name);
                self.emit(Op::CallNative {
                    native: nid,
                    base,
                    nargs: 1,
                    nret: 0,
                });
                let _ = sl;
            }
            Builtin::Min | Builtin::Max => {
                // dst = first; for each next: if next < dst (min) then dst = next.
                self.expr_to(&args[0], dst)?;
                for a in &args[1..] {
                    let m = self.mark();
                    let v = self.expr(a)?;
                    let c = self.alloc();
                    let (x, y) = if b == Builtin::Min {
                        (v, dst)
                    } else {
                        (dst, v)
                    };
                    self.compare(Tok::Lss, c, x, y, ty);
                    let j = self.emit(Op::JumpIfFalse { cond: c, target: 0 });
                    self.emit(Op::Move { dst, src: v });
                    self.patch(j);
                    self.free_to(m);
                }
            }
        }
        Ok(())
    }
}
