//! Statements: blocks, declarations, assignments and `return`. Loops,
//! switches and `select` are in `flow`, `go` and `defer` in `go_defer`.

use super::expr::mentions;
use super::place::Place;
use super::*;

impl<'a> Gen<'a> {
    // ---- statements ----

    pub(super) fn stmts(&mut self, list: &[Stmt]) {
        for s in list {
            let n = self.errors.len();
            if self.stmt(s).is_err() && self.errors.len() == n {
                // Never emit half-compiled code silently.
                self.err(
                    s.pos,
                    "internal compiler error: cannot compile this statement",
                );
            }
        }
    }

    pub(super) fn block(&mut self, b: &Block) {
        let m = self.mark();
        self.stmts(&b.stmts);
        self.free_to(m);
    }

    pub(super) fn stmt(&mut self, s: &Stmt) -> R<()> {
        self.pos = self.bpos(s.pos);
        let keep = self.mark();
        let r = self.stmt_inner(s);
        // Temporaries die at the end of a statement; declarations keep
        // their registers (they were allocated below the temps).
        if !matches!(
            s.kind,
            StmtKind::Decl(_)
                | StmtKind::Assign {
                    op: Tok::Define,
                    ..
                }
        ) {
            self.free_to(keep);
        }
        r
    }

    fn stmt_inner(&mut self, s: &Stmt) -> R<()> {
        match &s.kind {
            StmtKind::Empty | StmtKind::Bad => {}
            // `clear(x)`: the loop the checker rewrote it to.
            StmtKind::Expr(e) if self.info.rewrites.contains_key(&e.unparen().id) => {
                let info: &'a Info = self.info;
                self.stmt(&info.rewrites[&e.unparen().id])?
            }
            StmtKind::Expr(e) => {
                let m = self.mark();
                self.expr_discard(e)?;
                self.free_to(m);
            }
            StmtKind::Send(ch, v) => {
                let c = self.expr(ch)?;
                let elem = match self.t.under(self.ety(ch)) {
                    Type::Chan(_, e) => *e,
                    _ => INVALID,
                };
                let vr = self.expr_as(v, elem)?;
                self.pos = self.bpos(s.pos);
                self.emit(Op::Send { ch: c, src: vr });
            }
            StmtKind::IncDec(x, inc) => {
                let p = self.place(x)?;
                let t = p.ty().unwrap_or(INVALID);
                if let (Place::Var(_, Loc::Reg(r), _), false) = (&p, self.t.is_float(t)) {
                    let r = *r;
                    self.emit(Op::AddImm {
                        dst: r,
                        a: r,
                        imm: if *inc { 1 } else { -1 },
                    });
                    self.trunc(r, t);
                    return Ok(());
                }
                let cur = self.alloc();
                self.load_place(&p, cur)?;
                if self.t.is_float(t) {
                    let k = self.konst(bc::Const::Float(1.0));
                    let one = self.alloc();
                    self.emit(Op::LoadConst { dst: one, idx: k });
                    self.arith(if *inc { Tok::Add } else { Tok::Sub }, cur, cur, one, t, t);
                } else {
                    self.emit(Op::AddImm {
                        dst: cur,
                        a: cur,
                        imm: if *inc { 1 } else { -1 },
                    });
                    self.trunc(cur, t);
                }
                self.store_place(p, cur)?;
            }
            StmtKind::Assign { lhs, op, rhs, .. } => match op {
                Tok::Define => self.define(lhs, rhs)?,
                Tok::Assign => self.assign(lhs, rhs)?,
                _ => self.op_assign(&lhs[0], op.assign_op().unwrap(), &rhs[0])?,
            },
            StmtKind::Go(e) | StmtKind::Defer(e) => {
                self.go_defer(e, matches!(s.kind, StmtKind::Go(_)))?
            }
            StmtKind::Return(results) => self.return_stmt(results)?,
            StmtKind::Break(label) | StmtKind::Continue(label) => {
                let is_break = matches!(s.kind, StmtKind::Break(_));
                let j = self.jump();
                let fs = self.fs();
                let target = match label {
                    Some(l) => fs
                        .loops
                        .iter_mut()
                        .rev()
                        .find(|c| c.label.as_deref() == Some(&l.name)),
                    None => {
                        if is_break {
                            fs.loops.last_mut()
                        } else {
                            fs.loops
                                .iter_mut()
                                .rev()
                                .find(|c| c.kind == Breakable::Loop)
                        }
                    }
                };
                if let Some(t) = target {
                    if is_break {
                        t.breaks.push(j);
                    } else {
                        t.continues.push(j);
                    }
                }
            }
            StmtKind::Goto(l) => {
                let j = self.jump();
                self.fs().gotos.push((j, l.name.clone()));
            }
            StmtKind::Fallthrough => {
                let j = self.jump();
                self.fs().fallthrough.push(j);
            }
            StmtKind::Block(b) => self.block(b),
            StmtKind::If {
                init,
                cond,
                then,
                els,
            } => {
                let m = self.mark();
                if let Some(i) = init {
                    self.stmt(i)?;
                }
                self.pos = self.bpos(cond.pos);
                let jf = self.cond_jump(cond, JumpIf::False)?;
                self.block(then);
                match els {
                    Some(e) => {
                        let jend = self.jump();
                        for j in jf {
                            self.patch(j);
                        }
                        self.stmt(e)?;
                        self.patch(jend);
                    }
                    None => {
                        for j in jf {
                            self.patch(j);
                        }
                    }
                }
                self.free_to(m);
            }
            StmtKind::For {
                init,
                cond,
                post,
                body,
            } => self.for_stmt(init.as_deref(), cond.as_ref(), post.as_deref(), body)?,
            // A range over a function: the call the checker rewrote it to.
            StmtKind::Range { x, .. } if self.info.rewrites.contains_key(&x.id) => {
                self.fs().label = None;
                let info: &'a Info = self.info;
                self.stmt(&info.rewrites[&x.id])?
            }
            StmtKind::Range {
                key,
                value,
                define,
                x,
                body,
            } => self.range_stmt(key.as_ref(), value.as_ref(), *define, x, body)?,
            StmtKind::Labeled(l, inner) => {
                let pc = self.here();
                self.fs().labels.insert(l.name.clone(), pc);
                self.fs().label = Some(l.name.clone());
                self.stmt(inner)?;
                self.fs().label = None;
            }
            StmtKind::Switch {
                init, tag, clauses, ..
            } => self.switch_stmt(init.as_deref(), tag.as_ref(), clauses)?,
            StmtKind::TypeSwitch {
                init,
                bind,
                x,
                clauses,
                ..
            } => self.type_switch(init.as_deref(), bind.as_ref(), x, clauses)?,
            StmtKind::Select { clauses } => self.select_stmt(clauses)?,
            StmtKind::Decl(d) => {
                // Local constants and types need no code.
                if let Decl::Var(specs) = d {
                    for sp in specs {
                        self.var_spec(sp)?;
                    }
                }
            }
        }
        Ok(())
    }

    pub(super) fn push_loop(&mut self, kind: Breakable) {
        let label = self.fs().label.take();
        self.fs().loops.push(LoopCtx {
            label,
            breaks: vec![],
            continues: vec![],
            kind,
        });
    }

    pub(super) fn pop_loop(&mut self, continue_target: u32) {
        let lc = self.fs().loops.pop().unwrap();
        for j in lc.continues {
            self.fs().f.patch_jump(j, continue_target);
        }
        for j in lc.breaks {
            self.patch(j);
        }
    }

    /// `var a, b T = x, y` (local or global).
    pub(super) fn var_spec(&mut self, sp: &VarSpec) -> R<()> {
        let objs: Vec<Option<ObjId>> = sp
            .names
            .iter()
            .map(|n| {
                if n.name == "_" {
                    None
                } else {
                    self.info.objs.get(&n.id).copied()
                }
            })
            .collect();
        let targets: Vec<Option<(ObjId, TypeId)>> = objs
            .iter()
            .map(|o| o.map(|o| (o, self.obj_ty(o))))
            .collect();
        let global = objs.iter().flatten().any(|o| {
            matches!(
                self.info.objects[*o as usize].kind,
                ObjKind::Var { global: Some(_) }
            )
        });
        if sp.values.is_empty() {
            for o in objs.into_iter().flatten() {
                if !global {
                    self.declare_var(o, None);
                }
            }
            return Ok(());
        }
        let locs: Vec<Option<Loc>> = if global {
            vec![]
        } else {
            objs.iter()
                .map(|o| o.map(|o| self.new_local_loc(o)))
                .collect()
        };
        let m = self.mark();
        let vals = self.values_for(
            &targets.iter().map(|t| t.map(|x| x.1)).collect::<Vec<_>>(),
            &sp.values,
        )?;
        for (i, (t, v)) in targets.iter().zip(vals).enumerate() {
            let Some((o, ty)) = t else { continue };
            if global {
                let l = self.var_loc(*o);
                self.store_loc(l, v, *ty, Some(*o));
            } else if let Some(Some(l)) = locs.get(i) {
                self.init_loc(*l, v);
            }
        }
        self.free_to(m);
        Ok(())
    }

    /// Evaluates `values` for targets of the given types (None = blank),
    /// returning one register per target (temps, already converted/copied).
    fn values_for(&mut self, tys: &[Option<TypeId>], values: &[Expr]) -> R<Vec<Reg>> {
        let n = tys.len();
        if values.len() == 1 && n > 1 {
            let v = &values[0];
            let vt = self.ety(v);
            let base = self.alloc_n(n as u32);
            match &v.unparen().kind {
                ExprKind::Call { .. } if self.emode(v) != Mode::CommaOk => {
                    let rb = self.call(v, n)?;
                    for i in 0..n {
                        self.emit(Op::Move {
                            dst: Reg(base.0 + i as u16),
                            src: Reg(rb.0 + i as u16),
                        });
                    }
                    if let Type::Tuple(ts) = self.t.get(vt).clone() {
                        for (i, t) in ts.iter().enumerate() {
                            if let Some(Some(target)) = tys.get(i) {
                                let r = Reg(base.0 + i as u16);
                                self.coerce(r, *t, *target, r);
                            }
                        }
                    }
                }
                _ => {
                    self.comma_ok(v, base)?;
                    if let (Some(Some(target)), Type::Tuple(ts)) =
                        (tys.first(), self.t.get(vt).clone())
                    {
                        self.coerce(base, ts[0], *target, base);
                    }
                }
            }
            return Ok((0..n).map(|i| Reg(base.0 + i as u16)).collect());
        }
        let mut regs = Vec::new();
        for (i, v) in values.iter().enumerate() {
            let target = tys.get(i).copied().flatten();
            let r = self.alloc();
            match target {
                Some(t) => self.expr_to_as(v, r, t)?,
                None => self.expr_discard_to(v, r)?,
            }
            regs.push(r);
        }
        Ok(regs)
    }

    fn define(&mut self, lhs: &[Expr], rhs: &[Expr]) -> R<()> {
        // Targets: new variables or existing ones (redeclared in :=).
        let mut tys = Vec::new();
        let mut targets = Vec::new();
        for l in lhs {
            let o = match &l.kind {
                ExprKind::Ident(id) if id.name != "_" => self.info.objs.get(&id.id).copied(),
                _ => None,
            };
            tys.push(o.map(|o| self.obj_ty(o)));
            targets.push(o);
        }
        // x := v with a register variable: compute v right into it.
        if lhs.len() == 1 && rhs.len() == 1 {
            if let Some(o) = targets[0] {
                if !self.fs().vars.contains_key(&o) {
                    let t = self.obj_ty(o);
                    if let Loc::Reg(r) = self.new_local_loc(o) {
                        let m = self.mark();
                        self.expr_to_as(&rhs[0], r, t)?;
                        self.free_to(m);
                        return Ok(());
                    }
                    // A cell: store the value.
                    let loc = self.var_loc(o);
                    let m = self.mark();
                    let v = self.expr_as(&rhs[0], t)?;
                    self.init_loc(loc, v);
                    self.free_to(m);
                    return Ok(());
                }
            }
        }
        // New variables get their registers before the values are computed,
        // so the temporaries above them can be released afterwards.
        let mut locs = Vec::new();
        for o in &targets {
            let loc = match o {
                Some(o) if !self.fs().vars.contains_key(o) => {
                    Some((*o, self.new_local_loc(*o), true))
                }
                Some(o) => Some((*o, self.var_loc(*o), false)),
                None => None,
            };
            locs.push(loc);
        }
        let m = self.mark();
        let vals = self.values_for(&tys, rhs)?;
        for (l, v) in locs.into_iter().zip(vals) {
            let Some((o, loc, is_new)) = l else { continue };
            if is_new {
                self.init_loc(loc, v);
            } else {
                let t = self.obj_ty(o);
                self.store_loc(loc, v, t, Some(o));
            }
        }
        self.free_to(m);
        Ok(())
    }

    pub(super) fn init_loc(&mut self, loc: Loc, v: Reg) {
        match loc {
            Loc::Reg(r) => {
                if r != v {
                    self.emit(Op::Move { dst: r, src: v });
                }
            }
            Loc::Cell(c) => {
                self.emit(Op::Store { ptr: c, src: v });
            }
            _ => {}
        }
    }

    fn assign(&mut self, lhs: &[Expr], rhs: &[Expr]) -> R<()> {
        // x = v for a register variable not mentioned in v: compute in place.
        if lhs.len() == 1 && rhs.len() == 1 {
            if let ExprKind::Ident(id) = &lhs[0].unparen().kind {
                if let Some(&o) = self.info.objs.get(&id.id) {
                    let t = self.obj_ty(o);
                    if !self.is_agg(t) && !mentions(&rhs[0], o, self.info) {
                        if let Loc::Reg(r) = self.var_loc(o) {
                            return self.expr_to_as(&rhs[0], r, t);
                        }
                    }
                }
            }
        }
        // Evaluate place operands, then values, then store (Go's order).
        let mut places = Vec::new();
        for l in lhs {
            places.push(self.place(l)?);
        }
        let tys: Vec<Option<TypeId>> = places.iter().map(|p| p.ty()).collect();
        let vals = self.values_for(&tys, rhs)?;
        for (p, v) in places.into_iter().zip(vals) {
            self.store_place(p, v)?;
        }
        Ok(())
    }

    fn op_assign(&mut self, l: &Expr, op: Tok, r: &Expr) -> R<()> {
        let p = self.place(l)?;
        let t = p.ty().unwrap_or(INVALID);
        let cur = match p {
            Place::Var(_, Loc::Reg(reg), _) => reg,
            _ => {
                let c = self.alloc();
                self.load_place(&p, c)?;
                c
            }
        };
        let rv = if matches!(op, Tok::Shl | Tok::Shr) {
            self.expr(r)?
        } else {
            self.expr_as(r, t)?
        };
        let rt = if r.id == u32::MAX { t } else { self.ety(r) };
        self.arith(op, cur, cur, rv, t, rt);
        self.store_place(p, cur)
    }

    fn return_stmt(&mut self, results: &[Expr]) -> R<()> {
        let rtys: Vec<TypeId> = self.cur_result_types();
        let has_defer = self.fs().has_defer;
        if has_defer {
            if !results.is_empty() {
                let tys: Vec<Option<TypeId>> = rtys.iter().map(|t| Some(*t)).collect();
                let vals = self.values_for(&tys, results)?;
                let locs = self.fs().result_locs.clone();
                for ((l, v), t) in locs.iter().zip(vals).zip(&rtys) {
                    self.store_loc(*l, v, *t, None);
                }
            }
            let j = self.jump();
            self.fs().epilogue_jumps.push(j);
            return Ok(());
        }
        if results.is_empty() {
            let locs = self.fs().result_locs.clone();
            if locs.is_empty() {
                let r = self.top();
                self.emit(Op::Return { src: r, n: 0 });
            } else {
                self.emit_result_return();
            }
            return Ok(());
        }
        let tys: Vec<Option<TypeId>> = rtys.iter().map(|t| Some(*t)).collect();
        let vals = self.values_for(&tys, results)?;
        // values_for returns consecutive temps.
        let base = vals.first().copied().unwrap_or(Reg(0));
        let contiguous = vals
            .iter()
            .enumerate()
            .all(|(i, r)| r.0 == base.0 + i as u16);
        if contiguous {
            self.emit(Op::Return {
                src: base,
                n: vals.len() as u16,
            });
        } else {
            let b = self.alloc_n(vals.len() as u32);
            for (i, v) in vals.iter().enumerate() {
                self.emit(Op::Move {
                    dst: Reg(b.0 + i as u16),
                    src: *v,
                });
            }
            self.emit(Op::Return {
                src: b,
                n: vals.len() as u16,
            });
        }
        Ok(())
    }

    fn cur_result_types(&self) -> Vec<TypeId> {
        // The result types are recorded on the FnState by the caller of
        // function_body through result_locs for named results; for unnamed
        // results we look them up from the function's signature.
        self.cur_sig_results.last().cloned().unwrap_or_default()
    }
}

pub(super) fn contains_defer(list: &[Stmt]) -> bool {
    list.iter().any(stmt_contains_defer)
}

fn stmt_contains_defer(s: &Stmt) -> bool {
    match &s.kind {
        StmtKind::Defer(_) => true,
        StmtKind::Block(b) => contains_defer(&b.stmts),
        StmtKind::If { then, els, .. } => {
            contains_defer(&then.stmts) || els.as_ref().is_some_and(|e| stmt_contains_defer(e))
        }
        StmtKind::For { body, .. } | StmtKind::Range { body, .. } => contains_defer(&body.stmts),
        StmtKind::Labeled(_, i) => stmt_contains_defer(i),
        StmtKind::Switch { clauses, .. } | StmtKind::TypeSwitch { clauses, .. } => {
            clauses.iter().any(|c| contains_defer(&c.body))
        }
        StmtKind::Select { clauses } => clauses.iter().any(|c| contains_defer(&c.body)),
        _ => false,
    }
}
