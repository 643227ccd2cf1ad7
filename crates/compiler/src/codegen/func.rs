//! Functions: declarations and bodies (parameters, results, epilogues for
//! `defer`), and where each variable lives (register, heap cell, capture or
//! global) with its loads, stores and zero values.

use super::stmt::contains_defer;
use super::*;

impl<'a> Gen<'a> {
    // ---- functions ----

    pub(super) fn func_decl(&mut self, idx: usize) {
        let fi = self.info.funcs[idx].clone();
        let Some(f) = self.func_decl_of(idx) else {
            return;
        };
        if fi.check_only {
            return;
        }
        let Some(body) = &f.body else { return };
        let id = self.func_ids[idx];
        self.begin_fn(id);
        let mut params = fi.params.clone();
        if f.recv.is_some() && params.is_empty() {
            params.push(None);
        }
        let name = self.prog.functions[id as usize].name.clone();
        let decl_line = self.prog.functions[id as usize].decl_line;
        self.fs().f.name = name.clone();
        self.function_body(
            &params,
            &fi.results,
            fi.ty,
            body,
            fi.recv.map(|(n, p)| if p { self.ptr_to(n) } else { n }),
        );
        let mut func = self.end_fn();
        func.name = name;
        func.decl_line = decl_line;
        func.file = self.path.clone();
        self.prog.functions[id as usize] = func;
    }

    /// The declaration a function is compiled from: the source's, or the
    /// checker's copy for an instance of generic code.
    pub(super) fn func_decl_of(&self, idx: usize) -> Option<&'a FuncDecl> {
        let info: &'a Info = self.info;
        let fi = &info.funcs[idx];
        if let Some(inst) = &fi.inst {
            return Some(inst);
        }
        match &self.file.decls[fi.decl] {
            Decl::Func(f) => Some(f),
            _ => None,
        }
    }

    /// What calls a method: its compiled function or its native.
    pub(super) fn method_callee(&mut self, imp: &MethodImpl) -> Option<bc::Callee> {
        Some(match imp {
            MethodImpl::Decl(di) => bc::Callee::Func(self.func_ids[*self.decl_func.get(di)?]),
            MethodImpl::Inst(idx) => bc::Callee::Func(self.func_ids[*idx]),
            MethodImpl::Native(n) => bc::Callee::Native(self.prog.native_id(n)),
        })
    }

    fn ptr_to(&self, t: TypeId) -> TypeId {
        self.t
            .list
            .iter()
            .position(|x| *x == Type::Pointer(t))
            .map_or(INVALID, |i| i as TypeId)
    }

    /// Compiles parameters, results and the body into the current FnState.
    pub(super) fn function_body(
        &mut self,
        params: &[Option<ObjId>],
        results: &[Option<ObjId>],
        sig: TypeId,
        body: &Block,
        recv_ty: Option<TypeId>,
    ) {
        let (ptys, rtys) = match self.t.func_sig(sig) {
            Some((p, r, _)) => (p.to_vec(), r.to_vec()),
            None => (vec![], vec![]),
        };
        let mut all_ptys = Vec::new();
        if let Some(rt) = recv_ty {
            all_ptys.push(rt);
        }
        all_ptys.extend(ptys);
        let np = params.len().max(all_ptys.len());
        self.fs().f.num_params = np as u16;
        let kinds = (0..np)
            .map(|i| match all_ptys.get(i) {
                Some(&t) if t != INVALID && !self.t.is_ref(t) && !self.is_agg(t) => {
                    bc::SlotKind::Scalar
                }
                _ => bc::SlotKind::Ref,
            })
            .collect();
        self.fs().param_kinds = kinds;
        self.fs().f.num_results = rtys.len() as u16;
        self.cur_sig_results.push(rtys.clone());
        let preg = self.alloc_n(np as u32);
        self.pos = self.bpos(body.pos);
        // Parameters live in their argument registers; those that escape
        // (captured or address taken) move into cells.
        for (i, p) in params.iter().enumerate() {
            let Some(o) = p else { continue };
            let r = Reg(preg.0 + i as u16);
            let ob = &self.info.objects[*o as usize];
            let escapes = (ob.captured || ob.addr_taken) && !self.is_agg(ob.ty);
            if escapes {
                let loc = self.new_local_loc(*o);
                if let Loc::Cell(c) = loc {
                    self.emit(Op::Store { ptr: c, src: r });
                }
            } else {
                self.fs().vars.insert(*o, Loc::Reg(r));
            }
        }
        let has_defer = contains_defer(&body.stmts);
        self.fs().has_defer = has_defer;
        // Result variables (named) and hidden result registers (with defers).
        let mut rlocs = Vec::new();
        for (i, r) in results.iter().enumerate() {
            match r {
                Some(o) => {
                    let loc = self.new_local_loc(*o);
                    self.zero_loc(loc, self.obj_ty(*o));
                    rlocs.push(loc);
                }
                None => {
                    if has_defer {
                        let reg = self.alloc();
                        let t = rtys.get(i).copied().unwrap_or(INVALID);
                        self.zero_reg(reg, t);
                        rlocs.push(Loc::Reg(reg));
                    }
                }
            }
        }
        self.fs().result_locs = rlocs;
        self.stmts(&body.stmts);
        self.pos = self.bpos(body.rbrace);
        if has_defer {
            let ep = self.here();
            for j in std::mem::take(&mut self.fs().epilogue_jumps) {
                self.fs().f.patch_jump(j, ep);
            }
            self.fs().f.epilogue = Some(ep);
            self.emit(Op::RunDefers);
            self.emit_result_return();
        } else if results.iter().all(|r| r.is_some()) && !results.is_empty() {
            self.emit_result_return();
        } else if !self.ends_in_return() {
            // Falling off the end (unless the last statement already returned).
            let r = self.top();
            self.emit(Op::Return { src: r, n: 0 });
        }
        self.cur_sig_results.pop();
    }

    /// Whether the code ends in a return that no jump skips past (then a
    /// final `Return` would be dead).
    fn ends_in_return(&mut self) -> bool {
        let code = &self.fs().f.code;
        let end = code.len() as u32;
        matches!(code.last(), Some(Op::Return { .. }))
            && !code.iter().any(|op| matches!(op, Op::Jump { target } | Op::JumpIfTrue { target, .. } | Op::JumpIfFalse { target, .. } if *target == end))
    }

    pub(super) fn emit_result_return(&mut self) {
        let locs = self.fs().result_locs.clone();
        let m = self.mark();
        let base = self.alloc_n(locs.len() as u32);
        for (i, l) in locs.iter().enumerate() {
            self.load_loc(*l, Reg(base.0 + i as u16));
        }
        self.emit(Op::Return {
            src: base,
            n: locs.len() as u16,
        });
        self.free_to(m);
    }

    /// Allocates the location of a new local variable.
    pub(super) fn new_local_loc(&mut self, o: ObjId) -> Loc {
        let ob = &self.info.objects[o as usize];
        let ty = ob.ty;
        let escapes = (ob.captured || ob.addr_taken) && !self.is_agg(ty);
        let r = self.alloc();
        let loc = if escapes {
            let bt = self.btype(ty);
            self.emit(Op::New { dst: r, ty: bt });
            Loc::Cell(r)
        } else {
            Loc::Reg(r)
        };
        self.fs().vars.insert(o, loc);
        loc
    }

    fn zero_reg(&mut self, r: Reg, t: TypeId) {
        if self.is_agg(t) {
            let bt = self.btype(t);
            self.emit(Op::Zero { dst: r, ty: bt });
        } else if self.t.is_float(t) {
            let k = self.konst(bc::Const::Float(0.0));
            self.emit(Op::LoadConst { dst: r, idx: k });
        } else {
            self.emit(Op::LoadInt { dst: r, imm: 0 });
        }
    }

    fn zero_loc(&mut self, loc: Loc, t: TypeId) {
        match loc {
            Loc::Reg(r) => self.zero_reg(r, t),
            Loc::Cell(_) => {} // New already zeroed it.
            _ => {}
        }
    }

    /// Finds the location of a variable, capturing it from enclosing
    /// functions if needed (clox's resolveUpvalue).
    pub(super) fn var_loc(&mut self, o: ObjId) -> Loc {
        if let ObjKind::Var { global: Some(g) } = self.info.objects[o as usize].kind {
            return Loc::Global(g);
        }
        let depth = self.fns.len() - 1;
        self.resolve_in(depth, o)
    }

    fn resolve_in(&mut self, depth: usize, o: ObjId) -> Loc {
        if let Some(&l) = self.fns[depth].vars.get(&o) {
            return l;
        }
        if depth == 0 {
            // Not found (should not happen for checked programs).
            let r = Reg(0);
            return Loc::Reg(r);
        }
        let outer = self.resolve_in(depth - 1, o);
        let is_cell = matches!(outer, Loc::Cell(_) | Loc::Upval(_, true));
        let fs = &mut self.fns[depth];
        let idx = match fs.upvals.iter().position(|&u| u == o) {
            Some(i) => i,
            None => {
                fs.upvals.push(o);
                fs.upvals.len() - 1
            }
        };
        let l = Loc::Upval(idx as u16, is_cell);
        fs.vars.insert(o, l);
        l
    }

    /// Loads a variable's value into `dst`.
    pub(super) fn load_loc(&mut self, l: Loc, dst: Reg) {
        match l {
            Loc::Reg(r) => {
                if r != dst {
                    self.emit(Op::Move { dst, src: r });
                }
            }
            Loc::Cell(c) => {
                self.emit(Op::Load { dst, ptr: c });
            }
            Loc::Upval(i, cell) => {
                self.emit(Op::Upval { dst, idx: i });
                if cell {
                    self.emit(Op::Load { dst, ptr: dst });
                }
            }
            Loc::Global(g) => {
                self.emit(Op::GetGlobal { dst, idx: g });
            }
        }
    }

    /// The raw capture word of a variable (cell pointer or aggregate ref).
    pub(super) fn loc_word(&mut self, l: Loc, dst: Reg) {
        match l {
            Loc::Reg(r) | Loc::Cell(r) => {
                if r != dst {
                    self.emit(Op::Move { dst, src: r });
                }
            }
            Loc::Upval(i, _) => {
                self.emit(Op::Upval { dst, idx: i });
            }
            Loc::Global(g) => {
                self.emit(Op::GlobalAddr { dst, idx: g });
            }
        }
    }

    /// Stores `src` into a variable. Aggregates that may be aliased are
    /// overwritten in place.
    pub(super) fn store_loc(&mut self, l: Loc, src: Reg, t: TypeId, o: Option<ObjId>) {
        let agg = self.is_agg(t);
        match l {
            Loc::Reg(r) => {
                let aliased = o.is_some_and(|o| {
                    let ob = &self.info.objects[o as usize];
                    ob.captured || ob.addr_taken
                });
                if agg && aliased {
                    self.emit(Op::CopyInto { dst: r, src });
                } else if r != src {
                    self.emit(Op::Move { dst: r, src });
                }
            }
            Loc::Cell(c) => {
                self.emit(Op::Store { ptr: c, src });
            }
            Loc::Upval(i, cell) => {
                let m = self.mark();
                let tmp = self.alloc();
                self.emit(Op::Upval { dst: tmp, idx: i });
                if cell {
                    self.emit(Op::Store { ptr: tmp, src });
                } else if agg {
                    self.emit(Op::CopyInto { dst: tmp, src });
                }
                self.free_to(m);
            }
            Loc::Global(g) => {
                if agg {
                    let m = self.mark();
                    let tmp = self.alloc();
                    self.emit(Op::GetGlobal { dst: tmp, idx: g });
                    self.emit(Op::CopyInto { dst: tmp, src });
                    self.free_to(m);
                } else {
                    self.emit(Op::SetGlobal { idx: g, src });
                }
            }
        }
    }

    /// Declares a local and initializes it from `src` (None: zero value).
    pub(super) fn declare_var(&mut self, o: ObjId, src: Option<Reg>) {
        let t = self.obj_ty(o);
        let loc = self.new_local_loc(o);
        match (loc, src) {
            (Loc::Reg(r), Some(s)) => {
                if r != s {
                    self.emit(Op::Move { dst: r, src: s });
                }
            }
            (Loc::Reg(r), None) => self.zero_reg(r, t),
            (Loc::Cell(c), Some(s)) => {
                self.emit(Op::Store { ptr: c, src: s });
            }
            _ => {}
        }
    }
}
