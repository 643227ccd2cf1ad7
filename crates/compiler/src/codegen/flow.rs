//! Loops and switches: `for`, `for range`, expression and type switches,
//! and `select`, with the break/continue targets they set up.

use super::*;

impl<'a> Gen<'a> {
    // ---- loops and switches ----

    pub(super) fn for_stmt(
        &mut self,
        init: Option<&Stmt>,
        cond: Option<&Expr>,
        post: Option<&Stmt>,
        body: &Block,
    ) -> R<()> {
        let m = self.mark();
        let label = self.fs().label.take();
        if let Some(i) = init {
            self.stmt(i)?;
        }
        self.fs().label = label;
        // Go 1.22: loop variables captured by closures get a fresh cell
        // per iteration, copied before the post statement.
        let mut per_iter = Vec::new();
        if let Some(Stmt {
            kind:
                StmtKind::Assign {
                    lhs,
                    op: Tok::Define,
                    ..
                },
            ..
        }) = init
        {
            for l in lhs {
                if let ExprKind::Ident(id) = &l.kind {
                    if let Some(&o) = self.info.objs.get(&id.id) {
                        if let Some(Loc::Cell(c)) = self.fs().vars.get(&o).copied() {
                            per_iter.push((c, self.obj_ty(o)));
                        }
                    }
                }
            }
        }
        let top = self.here();
        let exits = match cond {
            Some(c) => {
                self.pos = self.bpos(c.pos);
                self.cond_jump(c, JumpIf::False)?
            }
            None => vec![],
        };
        self.push_loop(Breakable::Loop);
        self.block(body);
        let cont = self.here();
        for (c, t) in per_iter {
            let mm = self.mark();
            let tmp = self.alloc();
            self.emit(Op::Load { dst: tmp, ptr: c });
            let bt = self.btype(t);
            self.emit(Op::New { dst: c, ty: bt });
            self.emit(Op::Store { ptr: c, src: tmp });
            self.free_to(mm);
        }
        if let Some(p) = post {
            self.stmt(p)?;
        }
        self.emit(Op::Jump { target: top });
        for j in exits {
            self.patch(j);
        }
        self.pop_loop(cont);
        self.free_to(m);
        Ok(())
    }

    pub(super) fn range_stmt(
        &mut self,
        key: Option<&Expr>,
        value: Option<&Expr>,
        define: bool,
        x: &Expr,
        body: &Block,
    ) -> R<()> {
        let m = self.mark();
        let label = self.fs().label.take();
        let xt = self.ety(x);
        let key = key.filter(|k| !matches!(&k.kind, ExprKind::Ident(id) if id.name == "_"));
        let value = value.filter(|k| !matches!(&k.kind, ExprKind::Ident(id) if id.name == "_"));
        // Assigns a loop variable (declared per iteration with :=).
        let u = self.t.under(xt).clone();
        let src = self.alloc();
        self.expr_to(x, src)?;
        self.fs().label = label;
        match u {
            Type::Basic(b) if b.is_integer() => {
                let i = self.alloc();
                self.emit(Op::LoadInt { dst: i, imm: 0 });
                let top = self.here();
                let c = self.alloc();
                self.emit(Op::LtS {
                    dst: c,
                    a: i,
                    b: src,
                });
                let exit = self.emit(Op::JumpIfFalse { cond: c, target: 0 });
                self.push_loop(Breakable::Loop);
                let bm = self.mark();
                self.bind_range_var(key, define, i)?;
                self.block(body);
                self.free_to(bm);
                let cont = self.here();
                self.emit(Op::AddImm {
                    dst: i,
                    a: i,
                    imm: 1,
                });
                self.emit(Op::Jump { target: top });
                self.patch(exit);
                self.pop_loop(cont);
            }
            Type::Basic(b) if b.is_string() => {
                let i = self.alloc();
                let n = self.alloc();
                let rw = self.alloc_n(2);
                self.emit(Op::LoadInt { dst: i, imm: 0 });
                self.emit(Op::Len { dst: n, src });
                let top = self.here();
                let c = self.alloc();
                self.emit(Op::LtS { dst: c, a: i, b: n });
                let exit = self.emit(Op::JumpIfFalse { cond: c, target: 0 });
                self.emit(Op::DecodeRune { dst: rw, s: src, i });
                self.push_loop(Breakable::Loop);
                let bm = self.mark();
                self.bind_range_vars(key, value, define, i, rw)?;
                self.block(body);
                self.free_to(bm);
                let cont = self.here();
                self.emit(Op::Add {
                    dst: i,
                    a: i,
                    b: Reg(rw.0 + 1),
                });
                self.emit(Op::Jump { target: top });
                self.patch(exit);
                self.pop_loop(cont);
            }
            Type::Slice(_) | Type::Array(..) | Type::Pointer(_) => {
                let elem_t = match &u {
                    Type::Slice(e) | Type::Array(e, _) => *e,
                    Type::Pointer(p) => match self.t.under(*p) {
                        Type::Array(e, _) => *e,
                        _ => INVALID,
                    },
                    _ => INVALID,
                };
                if matches!(u, Type::Array(..)) && value.is_some() {
                    // Ranging over an array ranges over a copy.
                    self.emit(Op::CopyVal { dst: src, src });
                }
                let i = self.alloc();
                let n = self.alloc();
                self.emit(Op::LoadInt { dst: i, imm: 0 });
                match &u {
                    Type::Slice(_) => {
                        self.emit(Op::Len { dst: n, src });
                    }
                    Type::Array(_, len) => {
                        self.load_const(&ConstVal::Int(*len as i128), INVALID, n)
                    }
                    Type::Pointer(p) => {
                        let len = match self.t.under(*p) {
                            Type::Array(_, l) => *l,
                            _ => 0,
                        };
                        self.load_const(&ConstVal::Int(len as i128), INVALID, n)
                    }
                    _ => {}
                }
                let top = self.here();
                let c = self.alloc();
                self.emit(Op::LtS { dst: c, a: i, b: n });
                let exit = self.emit(Op::JumpIfFalse { cond: c, target: 0 });
                self.push_loop(Breakable::Loop);
                let bm = self.mark();
                let v = self.alloc();
                if value.is_some() {
                    self.emit(Op::Index {
                        dst: v,
                        obj: src,
                        idx: i,
                    });
                    if self.is_agg(elem_t) {
                        self.emit(Op::CopyVal { dst: v, src: v });
                    }
                }
                self.bind_range_vars(key, value, define, i, v)?;
                self.block(body);
                self.free_to(bm);
                let cont = self.here();
                self.emit(Op::AddImm {
                    dst: i,
                    a: i,
                    imm: 1,
                });
                self.emit(Op::Jump { target: top });
                self.patch(exit);
                self.pop_loop(cont);
            }
            Type::Map(_, vt) => {
                let it = self.alloc();
                self.emit(Op::MapIter { dst: it, map: src });
                let nx = self.alloc_n(3);
                let top = self.here();
                self.emit(Op::MapNext { dst: nx, it });
                let exit = self.emit(Op::JumpIfFalse {
                    cond: nx,
                    target: 0,
                });
                self.push_loop(Breakable::Loop);
                let bm = self.mark();
                if value.is_some() && self.is_agg(vt) {
                    self.emit(Op::CopyVal {
                        dst: Reg(nx.0 + 2),
                        src: Reg(nx.0 + 2),
                    });
                }
                self.bind_range_vars(key, value, define, Reg(nx.0 + 1), Reg(nx.0 + 2))?;
                self.block(body);
                self.free_to(bm);
                self.emit(Op::Jump { target: top });
                self.patch(exit);
                self.pop_loop(top);
            }
            Type::Chan(..) => {
                let rv = self.alloc_n(2);
                let top = self.here();
                self.emit(Op::RecvOk { dst: rv, ch: src });
                let exit = self.emit(Op::JumpIfFalse {
                    cond: Reg(rv.0 + 1),
                    target: 0,
                });
                self.push_loop(Breakable::Loop);
                let bm = self.mark();
                self.bind_range_var(key, define, rv)?;
                self.block(body);
                self.free_to(bm);
                self.emit(Op::Jump { target: top });
                self.patch(exit);
                self.pop_loop(top);
            }
            _ => return Err(()),
        }
        self.free_to(m);
        Ok(())
    }

    /// `for k, v = range x` assigns as `k, v = key, value` does: both places'
    /// operands first (so `for i, x[i] = range y` indexes with the old i),
    /// then the stores, left to right.
    fn bind_range_vars(
        &mut self,
        key: Option<&Expr>,
        value: Option<&Expr>,
        define: bool,
        ksrc: Reg,
        vsrc: Reg,
    ) -> R<()> {
        if define || key.is_none() || value.is_none() {
            self.bind_range_var(key, define, ksrc)?;
            return self.bind_range_var(value, define, vsrc);
        }
        let (Some(k), Some(v)) = (key, value) else {
            return Ok(());
        };
        let pk = self.place(k)?;
        let pv = self.place(v)?;
        self.store_place(pk, ksrc)?;
        self.store_place(pv, vsrc)
    }

    fn bind_range_var(&mut self, v: Option<&Expr>, define: bool, src: Reg) -> R<()> {
        let Some(v) = v else { return Ok(()) };
        if define {
            if let ExprKind::Ident(id) = &v.kind {
                if let Some(&o) = self.info.objs.get(&id.id) {
                    let loc = self.new_local_loc(o);
                    self.init_loc(loc, src);
                }
            }
            return Ok(());
        }
        let p = self.place(v)?;
        self.store_place(p, src)
    }

    pub(super) fn switch_stmt(
        &mut self,
        init: Option<&Stmt>,
        tag: Option<&Expr>,
        clauses: &[CaseClause],
    ) -> R<()> {
        let m = self.mark();
        let label = self.fs().label.take();
        if let Some(i) = init {
            self.stmt(i)?;
        }
        let tag_r = match tag {
            Some(t) => {
                let r = self.alloc();
                self.expr_to(t, r)?;
                Some((r, self.ety(t)))
            }
            None => None,
        };
        self.fs().label = label;
        let mut to_body: Vec<Vec<u32>> = vec![Vec::new(); clauses.len()];
        let mut default = None;
        for (ci, c) in clauses.iter().enumerate() {
            let Some(list) = &c.list else {
                default = Some(ci);
                continue;
            };
            for e in list {
                self.pos = self.bpos(e.pos);
                match tag_r {
                    Some((tr, tt)) => {
                        let mm = self.mark();
                        let v = self.expr_as(e, tt)?;
                        let et = self.ety(e);
                        let ct = if self.t.is_interface(tt) || self.t.is_interface(et) {
                            if self.t.is_interface(tt) {
                                tt
                            } else {
                                et
                            }
                        } else {
                            tt
                        };
                        let c = self.alloc();
                        self.compare(Tok::Eql, c, tr, v, ct);
                        let j = self.emit(Op::JumpIfTrue { cond: c, target: 0 });
                        to_body[ci].push(j);
                        self.free_to(mm);
                    }
                    None => {
                        let js = self.cond_jump(e, JumpIf::True)?;
                        to_body[ci].extend(js);
                    }
                }
            }
        }
        let jdefault = self.jump();
        self.push_loop(Breakable::Switch);
        let mut ends = Vec::new();
        let mut pending_ft: Vec<u32> = Vec::new();
        let mut default_start = None;
        for (ci, c) in clauses.iter().enumerate() {
            let start = self.here();
            for j in pending_ft.drain(..) {
                self.fs().f.patch_jump(j, start);
            }
            for j in &to_body[ci] {
                self.fs().f.patch_jump(*j, start);
            }
            if Some(ci) == default {
                default_start = Some(start);
            }
            let bm = self.mark();
            let saved_ft = std::mem::take(&mut self.fs().fallthrough);
            self.stmts(&c.body);
            pending_ft = std::mem::replace(&mut self.fs().fallthrough, saved_ft);
            self.free_to(bm);
            if pending_ft.is_empty() {
                ends.push(self.jump());
            }
        }
        let end = self.here();
        for j in pending_ft {
            self.fs().f.patch_jump(j, end);
        }
        let dt = default_start.unwrap_or(end);
        self.fs().f.patch_jump(jdefault, dt);
        for j in ends {
            self.patch(j);
        }
        self.pop_loop(end);
        self.free_to(m);
        Ok(())
    }

    pub(super) fn type_switch(
        &mut self,
        init: Option<&Stmt>,
        bind: Option<&Ident>,
        x: &Expr,
        clauses: &[CaseClause],
    ) -> R<()> {
        let m = self.mark();
        let label = self.fs().label.take();
        if let Some(i) = init {
            self.stmt(i)?;
        }
        let xr = self.alloc();
        self.expr_to(x, xr)?;
        self.fs().label = label;
        let tmp = self.alloc_n(2);
        let zero = self.alloc();
        self.emit(Op::LoadInt { dst: zero, imm: 0 });
        let mut to_body: Vec<Vec<u32>> = vec![Vec::new(); clauses.len()];
        let mut default = None;
        for (ci, c) in clauses.iter().enumerate() {
            let Some(list) = &c.list else {
                default = Some(ci);
                continue;
            };
            for e in list {
                if self.emode(e) == Mode::Nil {
                    self.emit(Op::Eq {
                        dst: tmp,
                        a: xr,
                        b: zero,
                    });
                    let j = self.emit(Op::JumpIfTrue {
                        cond: tmp,
                        target: 0,
                    });
                    to_body[ci].push(j);
                    continue;
                }
                let t = self.ety(e);
                let bt = self.btype(t);
                self.emit(Op::TypeAssertOk {
                    dst: tmp,
                    src: xr,
                    ty: bt,
                });
                let j = self.emit(Op::JumpIfTrue {
                    cond: Reg(tmp.0 + 1),
                    target: 0,
                });
                to_body[ci].push(j);
            }
        }
        let jdefault = self.jump();
        self.push_loop(Breakable::Switch);
        let mut ends = Vec::new();
        let mut default_start = None;
        for (ci, c) in clauses.iter().enumerate() {
            let start = self.here();
            for j in &to_body[ci] {
                self.fs().f.patch_jump(*j, start);
            }
            if Some(ci) == default {
                default_start = Some(start);
            }
            let bm = self.mark();
            if bind.is_some() {
                if let Some(&o) = self.info.implicits.get(&c.bind_id) {
                    let ot = self.obj_ty(o);
                    let single = c
                        .list
                        .as_ref()
                        .is_some_and(|l| l.len() == 1 && self.emode(&l[0]) != Mode::Nil);
                    let v = self.alloc_n(2);
                    if single {
                        let bt = self.btype(ot);
                        self.emit(Op::TypeAssertOk {
                            dst: v,
                            src: xr,
                            ty: bt,
                        });
                    } else {
                        self.emit(Op::Move { dst: v, src: xr });
                    }
                    let loc = self.new_local_loc(o);
                    self.init_loc(loc, v);
                }
            }
            self.stmts(&c.body);
            self.free_to(bm);
            ends.push(self.jump());
        }
        let end = self.here();
        self.fs()
            .f
            .patch_jump(jdefault, default_start.unwrap_or(end));
        for j in ends {
            self.patch(j);
        }
        self.pop_loop(end);
        self.free_to(m);
        Ok(())
    }

    pub(super) fn select_stmt(&mut self, clauses: &[CommClause]) -> R<()> {
        let bool_t = self.t.basic_id(Basic::Bool);
        let m = self.mark();
        let mut desc = bc::SelectDesc::default();
        // (receive destination, clause, element type) for the bodies.
        let mut recv_dst: Vec<Option<(Reg, &Stmt, TypeId)>> = Vec::new();
        for c in clauses {
            let Some(comm) = &c.comm else {
                desc.has_default = true;
                recv_dst.push(None);
                continue;
            };
            match &comm.kind {
                StmtKind::Send(ch, v) => {
                    let elem = match self.t.under(self.ety(ch)) {
                        Type::Chan(_, e) => *e,
                        _ => INVALID,
                    };
                    let cr = self.alloc();
                    self.expr_to(ch, cr)?;
                    let vr = self.alloc();
                    self.expr_to_as(v, vr, elem)?;
                    desc.cases.push(bc::SelectCase::Send { ch: cr, val: vr });
                    recv_dst.push(None);
                }
                StmtKind::Expr(_) | StmtKind::Assign { .. } => {
                    let recv_e = match &comm.kind {
                        StmtKind::Expr(e) => e,
                        StmtKind::Assign { rhs, .. } => &rhs[0],
                        _ => return Err(()),
                    };
                    let ExprKind::Unary(Tok::Arrow, ch) = &recv_e.unparen().kind else {
                        return Err(());
                    };
                    let elem = match self.t.under(self.ety(ch)) {
                        Type::Chan(_, e) => *e,
                        _ => INVALID,
                    };
                    let cr = self.alloc();
                    self.expr_to(ch, cr)?;
                    let dst = self.alloc_n(2);
                    let with_ok =
                        matches!(&comm.kind, StmtKind::Assign { lhs, .. } if lhs.len() == 2);
                    desc.cases.push(bc::SelectCase::Recv {
                        ch: cr,
                        dst,
                        with_ok,
                    });
                    recv_dst.push(Some((dst, comm, elem)));
                }
                _ => return Err(()),
            }
        }
        let di = self.fs().f.selects.len() as u32;
        self.fs().f.selects.push(desc.clone());
        let chosen = self.alloc();
        self.emit(Op::Select {
            dst: chosen,
            desc: di,
        });
        self.push_loop(Breakable::Switch);
        let mut case_idx = 0i32;
        let mut ends = Vec::new();
        for (ci, c) in clauses.iter().enumerate() {
            let idx = if c.comm.is_none() {
                -1
            } else {
                case_idx += 1;
                case_idx - 1
            };
            let k = self.alloc();
            self.emit(Op::LoadInt { dst: k, imm: idx });
            let cmp = self.alloc();
            self.emit(Op::Eq {
                dst: cmp,
                a: chosen,
                b: k,
            });
            let skip = self.emit(Op::JumpIfFalse {
                cond: cmp,
                target: 0,
            });
            let bm = self.mark();
            if let Some((dst, comm, elem)) = recv_dst[ci] {
                if let StmtKind::Assign { lhs, op, .. } = &comm.kind {
                    for (i, l) in lhs.iter().enumerate() {
                        let src = Reg(dst.0 + i as u16);
                        if *op == Tok::Define {
                            if let ExprKind::Ident(id) = &l.kind {
                                if id.name != "_" {
                                    if let Some(&o) = self.info.objs.get(&id.id) {
                                        let loc = self.new_local_loc(o);
                                        self.init_loc(loc, src);
                                    }
                                }
                            }
                        } else {
                            // `case i = <-c` with `i interface{}`: box the
                            // element (or the ok flag) as an assignment does.
                            let from = if i == 0 { elem } else { bool_t };
                            let p = self.place(l)?;
                            let v = match p.ty() {
                                Some(to)
                                    if self.t.is_interface(to) && !self.t.is_interface(from) =>
                                {
                                    let r = self.alloc();
                                    self.coerce(src, from, to, r);
                                    r
                                }
                                _ => src,
                            };
                            self.store_place(p, v)?;
                        }
                    }
                }
            }
            self.stmts(&c.body);
            self.free_to(bm);
            ends.push(self.jump());
            self.patch(skip);
        }
        let end = self.here();
        for j in ends {
            self.patch(j);
        }
        self.pop_loop(end);
        self.free_to(m);
        Ok(())
    }
}
