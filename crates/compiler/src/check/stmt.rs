//! Statements: blocks, assignments, `return`, loops, switches, `select`,
//! branch targets, and the spec's "terminating statement" rule behind
//! "missing return".

use super::*;

impl<'a> Checker<'a> {
    // ---- statements ----

    pub(super) fn stmts(&mut self, list: &[Stmt]) {
        for s in list {
            self.stmt(s);
        }
    }

    fn block(&mut self, b: &Block) {
        self.push_scope();
        self.stmts(&b.stmts);
        self.pop_scope();
    }

    pub(super) fn stmt(&mut self, s: &Stmt) {
        if self.guard.exceeded() {
            if !self.too_deep {
                self.too_deep = true;
                self.error(s.pos, "program too deeply nested");
            }
            return;
        }
        match &s.kind {
            StmtKind::Empty | StmtKind::Bad => {}
            StmtKind::Expr(e) => {
                let x = self.expr(e, None);
                let call = matches!(e.unparen().kind, ExprKind::Call { .. });
                let recv = matches!(e.unparen().kind, ExprKind::Unary(Tok::Arrow, _));
                if x.mode == Mode::Invalid {
                    return;
                }
                if call && x.mode != Mode::Type {
                    if let Mode::Builtin(b) = self
                        .info
                        .types
                        .get(&callee_id(e))
                        .map(|t| t.mode)
                        .unwrap_or(Mode::Invalid)
                    {
                        if matches!(
                            b,
                            Builtin::Len
                                | Builtin::Cap
                                | Builtin::Make
                                | Builtin::New
                                | Builtin::Append
                                | Builtin::Min
                                | Builtin::Max
                        ) {
                            let d = self.expr_string(e);
                            self.error(
                                e.pos,
                                format!(
                                    "{d} (value of type {}) is not used",
                                    self.t.type_string(x.ty, TypeStyle::Diagnostic)
                                ),
                            );
                        }
                    }
                    return;
                }
                if recv {
                    return;
                }
                let d = self.describe(e, &x);
                self.error(e.pos, format!("{d} is not used"));
            }
            StmtKind::Send(ch, v) => {
                let c = self.expr(ch, None);
                let mut x = self.expr(v, None);
                if c.mode == Mode::Invalid {
                    return;
                }
                match self.t.under(c.ty).clone() {
                    Type::Chan(dir, elem) => {
                        if dir == Dir::Recv {
                            let d = self.describe(ch, &c);
                            self.error(
                                s.pos,
                                format!(
                                    "invalid operation: cannot send to receive-only channel {d}"
                                ),
                            );
                            return;
                        }
                        self.assignment(&mut x, elem, "send", v);
                    }
                    _ => {
                        let d = self.describe(ch, &c);
                        self.error(
                            s.pos,
                            format!("invalid operation: cannot send to non-channel {d}"),
                        );
                    }
                }
            }
            StmtKind::IncDec(x, inc) => {
                let op = self.expr(x, None);
                if op.mode == Mode::Invalid {
                    return;
                }
                if !self.t.is_numeric(op.ty) {
                    let d = self.describe(x, &op);
                    let o = if *inc { "++" } else { "--" };
                    self.error(
                        x.pos,
                        format!(
                            "invalid operation: {}{o} (non-numeric type {})",
                            d.split(" (").next().unwrap_or(""),
                            self.t.type_string(op.ty, TypeStyle::Diagnostic)
                        ),
                    );
                    return;
                }
                self.check_assignable(x, &op);
            }
            StmtKind::Assign {
                lhs,
                op,
                rhs,
                op_pos,
            } => self.assign_stmt(s, lhs, *op, rhs, *op_pos),
            StmtKind::Go(e) | StmtKind::Defer(e) => {
                let what = if matches!(s.kind, StmtKind::Go(_)) {
                    "go"
                } else {
                    "defer"
                };
                match &e.unparen().kind {
                    ExprKind::Call { .. } => {
                        let x = self.expr(e, None);
                        if x.mode == Mode::Type {
                            self.error(
                                e.pos,
                                format!("{what} requires function call, not conversion"),
                            );
                        }
                        if let Some(Mode::Builtin(b)) =
                            self.info.types.get(&callee_id(e)).map(|t| t.mode)
                        {
                            if matches!(
                                b,
                                Builtin::Len
                                    | Builtin::Cap
                                    | Builtin::Make
                                    | Builtin::New
                                    | Builtin::Append
                                    | Builtin::Min
                                    | Builtin::Max
                            ) {
                                let d = self.expr_string(e);
                                self.error(e.pos, format!("{what} discards result of {d}"));
                            }
                        }
                    }
                    _ => {
                        self.expr(e, None);
                        self.error(e.pos, format!("expression in {what} must be function call"));
                    }
                }
            }
            StmtKind::Return(results) => self.return_stmt(s, results),
            StmtKind::Break(label) | StmtKind::Continue(label) => {
                let is_break = matches!(s.kind, StmtKind::Break(_));
                let kw = if is_break { "break" } else { "continue" };
                let fc = self.fstack.last_mut().unwrap();
                match label {
                    Some(l) => {
                        let found = fc
                            .targets
                            .iter()
                            .rev()
                            .find(|(_, lb)| lb.as_deref() == Some(&l.name))
                            .cloned();
                        if let Some(u) = fc.labels.get_mut(&l.name) {
                            u.1 = true;
                        }
                        match found {
                            None => {
                                if fc.labels.contains_key(&l.name) {
                                    self.branch_error(
                                        l.pos,
                                        format!("invalid {kw} label {}", l.name),
                                    );
                                } else {
                                    self.branch_error(
                                        l.pos,
                                        format!("{kw} label not defined: {}", l.name),
                                    );
                                }
                            }
                            Some((kind, _)) => {
                                if !is_break && kind != Breakable::Loop {
                                    self.branch_error(
                                        l.pos,
                                        format!("invalid continue label {}", l.name),
                                    );
                                }
                            }
                        }
                    }
                    None => {
                        if is_break {
                            if fc.targets.is_empty() {
                                self.branch_error(
                                    s.pos,
                                    "break is not in a loop, switch, or select",
                                );
                            }
                        } else if !fc.targets.iter().any(|t| t.0 == Breakable::Loop) {
                            self.branch_error(s.pos, "continue is not in a loop");
                        }
                    }
                }
            }
            // Checked once the whole body is (`check_gotos`): the label may
            // come later.
            StmtKind::Goto(_) => {}
            StmtKind::Fallthrough => {
                // Validity is checked by the switch (it must end a clause).
            }
            StmtKind::Block(b) => self.block(b),
            StmtKind::If {
                init,
                cond,
                then,
                els,
            } => {
                self.push_scope();
                if let Some(i) = init {
                    self.stmt(i);
                }
                self.condition(cond, "if statement");
                self.block(then);
                if let Some(e) = els {
                    self.stmt(e);
                }
                self.pop_scope();
            }
            StmtKind::For {
                init,
                cond,
                post,
                body,
            } => {
                self.push_scope();
                if let Some(i) = init {
                    self.stmt(i);
                }
                if let Some(c) = cond {
                    self.condition(c, "for loop");
                }
                if let Some(p) = post {
                    if let StmtKind::Assign {
                        op: Tok::Define, ..
                    } = p.kind
                    {
                        self.error(p.pos, "cannot declare in post statement of for loop");
                    }
                    self.stmt(p);
                }
                self.loop_body(body, s);
                self.pop_scope();
            }
            StmtKind::Range {
                key,
                value,
                define,
                x,
                body,
            } => self.range_stmt(s, key.as_ref(), value.as_ref(), *define, x, body),
            StmtKind::Labeled(l, inner) => {
                if self.fstack.last().unwrap().labels.contains_key(&l.name) {
                    self.branch_error(l.pos, format!("label {} already defined", l.name));
                }
                let fc = self.fstack.last_mut().unwrap();
                fc.labels.insert(l.name.clone(), (l.pos, false));
                if matches!(
                    inner.kind,
                    StmtKind::For { .. }
                        | StmtKind::Range { .. }
                        | StmtKind::Switch { .. }
                        | StmtKind::TypeSwitch { .. }
                        | StmtKind::Select { .. }
                ) {
                    self.pending_label = Some(l.name.clone());
                }
                self.stmt(inner);
                self.pending_label = None;
            }
            StmtKind::Switch {
                init, tag, clauses, ..
            } => self.switch_stmt(s, init.as_deref(), tag.as_ref(), clauses),
            StmtKind::TypeSwitch {
                init,
                bind,
                x,
                clauses,
                ..
            } => self.type_switch(s, init.as_deref(), bind.as_ref(), x, clauses),
            StmtKind::Select { clauses } => {
                self.push_target(s, Breakable::Switch);
                for c in clauses {
                    self.push_scope();
                    if let Some(comm) = &c.comm {
                        let ok = match &comm.kind {
                            StmtKind::Send(..) => true,
                            StmtKind::Expr(e) => {
                                matches!(e.unparen().kind, ExprKind::Unary(Tok::Arrow, _))
                            }
                            StmtKind::Assign { rhs, lhs, op, .. } => {
                                rhs.len() == 1
                                    && lhs.len() <= 2
                                    && matches!(op, Tok::Define | Tok::Assign)
                                    && matches!(
                                        rhs[0].unparen().kind,
                                        ExprKind::Unary(Tok::Arrow, _)
                                    )
                            }
                            _ => false,
                        };
                        if !ok {
                            self.error(
                                comm.pos,
                                "select case must be receive, send or assign recv",
                            );
                        } else {
                            self.stmt(comm);
                        }
                    }
                    self.stmts(&c.body);
                    self.pop_scope();
                }
                self.fstack.last_mut().unwrap().targets.pop();
            }
            StmtKind::Decl(d) => self.local_decl(d),
        }
    }

    fn push_target(&mut self, s: &Stmt, kind: Breakable) {
        let _ = s;
        let label = self.pending_label.take();
        self.fstack.last_mut().unwrap().targets.push((kind, label));
    }

    fn loop_body(&mut self, body: &Block, s: &Stmt) {
        self.push_target(s, Breakable::Loop);
        self.block(body);
        self.fstack.last_mut().unwrap().targets.pop();
    }

    fn condition(&mut self, e: &Expr, what: &str) {
        let mut x = self.expr(e, None);
        self.single_value(e, &mut x);
        if x.mode != Mode::Invalid && !self.t.is_bool(x.ty) {
            let _ = what;
            self.error(e.pos, format!("non-boolean condition in {what}"));
        } else if x.mode != Mode::Invalid {
            let b = self.t.basic(Basic::Bool);
            self.convert_untyped(&mut x, b, e);
        }
    }

    fn local_decl(&mut self, d: &Decl) {
        match d {
            Decl::Var(specs) => {
                for s in specs {
                    let nerr = self.errs.len();
                    let types = {
                        let ty = s.ty.as_ref().map(|t| self.type_expr(t));
                        if s.values.is_empty() {
                            vec![ty.unwrap_or(INVALID); s.names.len()]
                        } else {
                            self.assign_values(
                                &s.names.iter().map(|n| n.pos).collect::<Vec<_>>(),
                                ty,
                                &s.values,
                                "variable declaration",
                                s.names[0].pos,
                            )
                        }
                    };
                    let failed = self.errs.len() > nerr;
                    for (n, t) in s.names.iter().zip(types) {
                        let o = self.declare_local(n, t);
                        // Like types2: a variable whose initialization failed
                        // counts as used (no follow-up error).
                        if t == INVALID || failed {
                            self.obj_mut(o).used = true;
                        }
                    }
                }
            }
            Decl::Const(specs) => {
                for s in specs {
                    self.const_spec(s, None, Level::Local);
                }
            }
            Decl::Type(specs) => {
                for s in specs {
                    if s.alias {
                        let t = self.type_expr(&s.ty);
                        let o = self.new_obj(&s.name.name, ObjKind::TypeName, t, s.name.pos);
                        self.declare(&s.name, o);
                        continue;
                    }
                    let pkg = self.file.unit_name(self.unit).to_string();
                    let named = self.t.new_named(&s.name.name, &pkg, INVALID);
                    let o = self.new_obj(&s.name.name, ObjKind::TypeName, named, s.name.pos);
                    self.declare(&s.name, o);
                    let u = self.type_expr(&s.ty);
                    let uu = self.t.underlying(u);
                    if let Some(n) = self.t.named_info_mut(named) {
                        n.underlying = uu;
                    }
                    self.check_recursive_types(&[o]);
                }
            }
            Decl::Func(_) => {}
        }
    }

    fn assign_stmt(&mut self, s: &Stmt, lhs: &[Expr], op: Tok, rhs: &[Expr], op_pos: Pos) {
        match op {
            Tok::Define => {
                // Short variable declaration: at least one new non-blank name.
                let mut new_any = false;
                let mut idents = Vec::new();
                for l in lhs {
                    match &l.kind {
                        ExprKind::Ident(id) => {
                            let existing = self.scopes.last().unwrap().get(&id.name).copied();
                            if existing.is_none() && !is_blank(&id.name) {
                                new_any = true;
                            }
                            idents.push(Some((id.clone(), existing)));
                        }
                        _ => {
                            self.expr(l, None);
                            let d = self.expr_string(l);
                            self.error(l.pos, format!("non-name {d} on left side of :="));
                            idents.push(None);
                        }
                    }
                }
                let nerr = self.errs.len();
                let types = self.assign_values(
                    &lhs.iter().map(|l| l.pos).collect::<Vec<_>>(),
                    None,
                    rhs,
                    "assignment",
                    s.pos,
                );
                let failed = self.errs.len() > nerr;
                if !new_any && idents.iter().all(|i| i.is_some()) {
                    self.error(op_pos, "no new variables on left side of :=");
                }
                for (i, t) in idents.into_iter().zip(types) {
                    let Some((id, existing)) = i else { continue };
                    match existing {
                        Some(o) if !is_blank(&id.name) => {
                            self.info.objs.insert(id.id, o);
                            let ot = self.obj(o).ty;
                            if t != INVALID && ot != INVALID && !self.assignable_type(t, ot) {
                                let ts = self.t.type_string(t, TypeStyle::Diagnostic);
                                let os = self.t.type_string(ot, TypeStyle::Diagnostic);
                                self.error(
                                    id.pos,
                                    format!(
                                        "cannot use value of type {ts} as type {os} in assignment"
                                    ),
                                );
                            }
                        }
                        _ => {
                            let o = self.declare_local(&id, t);
                            if t == INVALID || failed {
                                self.obj_mut(o).used = true;
                            }
                        }
                    }
                }
            }
            Tok::Assign => {
                if lhs.len() != rhs.len() && rhs.len() == 1 {
                    let x = self.expr(&rhs[0], None);
                    let tys: Option<Vec<TypeId>> = match (self.t.get(x.ty).clone(), x.mode) {
                        (Type::Tuple(ts), _) if ts.len() == lhs.len() => Some(ts),
                        (_, Mode::MapIndex | Mode::CommaOk) if lhs.len() == 2 => {
                            self.mark_comma_ok(&rhs[0]);
                            Some(vec![x.ty, self.t.basic(Basic::Bool)])
                        }
                        _ => None,
                    };
                    let Some(tys) = tys else {
                        if x.mode != Mode::Invalid {
                            let k = match self.t.get(x.ty) {
                                Type::Tuple(ts) => ts.len(),
                                _ => 1,
                            };
                            self.assign_mismatch(s.pos, lhs.len(), k, &rhs[0], &x);
                        }
                        for l in lhs {
                            self.lhs_expr(l);
                        }
                        return;
                    };
                    for (l, t) in lhs.iter().zip(tys) {
                        if let Some(lt) = self.lhs_expr(l) {
                            let mut op = Operand {
                                mode: Mode::Value,
                                ty: t,
                                val: None,
                            };
                            self.assignment(&mut op, lt, "assignment", &rhs[0]);
                        }
                    }
                    return;
                }
                if lhs.len() != rhs.len() {
                    for r in rhs {
                        self.expr(r, None);
                    }
                    self.error(
                        s.pos,
                        format!(
                            "assignment mismatch: {} variable{} but {} value{}",
                            lhs.len(),
                            plural(lhs.len()),
                            rhs.len(),
                            plural(rhs.len())
                        ),
                    );
                    return;
                }
                for (l, r) in lhs.iter().zip(rhs) {
                    // Like types2: the value first; with an invalid value the
                    // target is only resolved, not checked.
                    let mut x = self.expr(r, None);
                    if lhs.len() == 1 && self.call_mismatch(1, r, &x) {
                        self.use_lhs(l);
                        continue;
                    }
                    self.single_value(r, &mut x);
                    if x.mode == Mode::Invalid {
                        self.use_lhs(l);
                        continue;
                    }
                    let lt = self.lhs_expr(l);
                    match lt {
                        Some(t) => {
                            self.assignment(&mut x, t, "assignment", r);
                        }
                        None => {
                            if x.mode == Mode::Nil {
                                self.error(r.pos, "use of untyped nil in assignment");
                            } else if x.mode != Mode::Invalid {
                                let dt = self.t.default_type(x.ty);
                                self.assignment(&mut x, dt, "assignment", r);
                            }
                        }
                    }
                }
            }
            _ => {
                // op=
                let bop = op.assign_op().unwrap();
                let l = &lhs[0];
                let r = &rhs[0];
                let x = self.expr(l, None);
                if x.mode == Mode::Invalid {
                    self.expr(r, None);
                    return;
                }
                let y = self.expr(r, None);
                let res = self.binary_op(s.pos, l, r, bop, x.clone(), y, BinaryForm::AssignOp);
                if res.mode != Mode::Invalid {
                    self.check_assignable(l, &x);
                    let mut res = res;
                    let fake = Expr {
                        id: r.id,
                        pos: r.pos,
                        kind: ExprKind::Bad,
                    };
                    let _ = fake;
                    if self.t.is_untyped(res.ty) {
                        self.convert_untyped(&mut res, x.ty, r);
                    }
                }
            }
        }
    }

    /// Resolves an assignment target without checking it (after an
    /// invalid value), so undefined names are still reported.
    fn use_lhs(&mut self, l: &Expr) {
        if let ExprKind::Ident(id) = &l.unparen().kind {
            if is_blank(&id.name) {
                return;
            }
            match self.lookup(&id.name) {
                Some(o) => {
                    self.info.objs.insert(id.id, o);
                }
                None => self.error(id.pos, format!("undefined: {}", id.name)),
            }
            return;
        }
        self.expr(l, None);
    }

    /// Checks an assignment target; returns its type (None for `_`).
    fn lhs_expr(&mut self, l: &Expr) -> Option<TypeId> {
        if let ExprKind::Ident(id) = &l.unparen().kind {
            if is_blank(&id.name) {
                self.info.types.insert(
                    l.id,
                    TypeAndValue {
                        mode: Mode::Var,
                        ty: INVALID,
                        val: None,
                    },
                );
                return None;
            }
            // Assigning to a variable does not count as using it.
            if let Some(o) = self.lookup(&id.name) {
                if let ObjKind::Var { .. } = self.obj(o).kind {
                    let was_used = self.obj(o).used;
                    let x = self.expr(l, None);
                    self.obj_mut(o).used = was_used;
                    if x.mode == Mode::Invalid {
                        return Some(INVALID);
                    }
                    return Some(x.ty);
                }
            }
        }
        let x = self.expr(l, None);
        if x.mode == Mode::Invalid {
            return Some(INVALID);
        }
        if !self.check_assignable(l, &x) {
            return Some(INVALID);
        }
        Some(x.ty)
    }

    fn check_assignable(&mut self, l: &Expr, x: &Operand) -> bool {
        match x.mode {
            Mode::Var | Mode::MapIndex => true,
            Mode::Invalid => false,
            _ => {
                if let ExprKind::Selector(base, _) = &l.unparen().kind {
                    if let Some(tv) = self.info.types.get(&base.id) {
                        if tv.mode == Mode::MapIndex {
                            let d = self.expr_string(l);
                            self.error(l.pos, format!("cannot assign to struct field {d} in map"));
                            return false;
                        }
                    }
                }
                let d = self.describe(l, x);
                let what = if matches!(l.unparen().kind, ExprKind::Index(..))
                    && self.t.is_string(
                        self.info
                            .types
                            .get(&index_base(l))
                            .map_or(INVALID, |t| t.ty),
                    ) {
                    let s = self.expr_string(l);
                    format!("cannot assign to {s} (value of type byte)")
                } else {
                    format!("cannot assign to {d}")
                };
                self.error(l.pos, what);
                false
            }
        }
    }

    fn return_stmt(&mut self, s: &Stmt, results: &[Expr]) {
        let fc = self.fstack.last().unwrap();
        let want = fc.results.clone();
        let named = fc.named_results;
        if results.is_empty() {
            if !want.is_empty() && !named {
                self.error(
                    s.pos,
                    format!(
                        "not enough return values\n\thave ()\n\twant {}",
                        self.tuple_string(&want)
                    ),
                );
            }
            return;
        }
        if results.len() == 1 && want.len() > 1 {
            let x = self.expr(&results[0], None);
            if let Type::Tuple(ts) = self.t.get(x.ty).clone() {
                if ts.len() == want.len() {
                    for (t, w) in ts.iter().zip(&want) {
                        let mut op = Operand {
                            mode: Mode::Value,
                            ty: *t,
                            val: None,
                        };
                        self.assignment(&mut op, *w, "return statement", &results[0]);
                    }
                    return;
                }
            }
            if x.mode != Mode::Invalid {
                let have = self.have_string(&[x]);
                self.error(
                    results[0].pos,
                    format!(
                        "not enough return values\n\thave {have}\n\twant {}",
                        self.tuple_string(&want)
                    ),
                );
            }
            return;
        }
        let mut ops = Vec::new();
        for r in results {
            let mut x = self.expr(r, None);
            self.single_value(r, &mut x);
            ops.push(x);
        }
        if results.len() != want.len() {
            if ops.iter().any(|o| o.mode == Mode::Invalid) {
                return;
            }
            let have = self.have_string(&ops);
            let (msg, pos) = if results.len() > want.len() {
                ("too many return values", results[want.len()].pos)
            } else {
                ("not enough return values", results[0].pos)
            };
            let pos = if results.len() > want.len() {
                pos
            } else {
                s.pos.max(pos)
            };
            self.error(
                pos,
                format!("{msg}\n\thave {have}\n\twant {}", self.tuple_string(&want)),
            );
            return;
        }
        for ((r, mut x), w) in results.iter().zip(ops).zip(want) {
            self.assignment(&mut x, w, "return statement", r);
        }
    }

    fn tuple_string(&self, ts: &[TypeId]) -> String {
        let v: Vec<String> = ts
            .iter()
            .map(|t| self.t.type_string(*t, TypeStyle::Diagnostic))
            .collect();
        format!("({})", v.join(", "))
    }

    /// Go's "have (number, string)" rendering of argument types.
    pub(super) fn have_string(&self, ops: &[Operand]) -> String {
        let v: Vec<String> = ops
            .iter()
            .map(|o| {
                if o.mode == Mode::Const && self.t.is_untyped(o.ty) && self.t.is_numeric(o.ty) {
                    "number".to_string()
                } else if self.t.is_untyped(o.ty) && o.mode != Mode::Nil {
                    let b = self.t.basic_of(o.ty).unwrap();
                    b.name().trim_start_matches("untyped ").to_string()
                } else if o.mode == Mode::Nil {
                    "nil".to_string()
                } else {
                    self.t.type_string(o.ty, TypeStyle::Diagnostic)
                }
            })
            .collect();
        format!("({})", v.join(", "))
    }

    fn range_stmt(
        &mut self,
        s: &Stmt,
        key: Option<&Expr>,
        value: Option<&Expr>,
        define: bool,
        x: &Expr,
        body: &Block,
    ) {
        self.push_scope();
        let mut xo = self.expr(x, None);
        self.single_value(x, &mut xo);
        if let Some(yields) = self
            .yield_params(xo.ty)
            .filter(|_| xo.mode != Mode::Invalid)
        {
            let n = [key, value].iter().filter(|v| v.is_some()).count();
            if n > yields.len() {
                let d = self.describe(x, &xo);
                let what = match yields.len() {
                    0 => "permits no iteration variables",
                    _ => "permits only one iteration variable",
                };
                let at = if yields.is_empty() { key } else { value };
                self.error(
                    at.map_or(x.pos, |e| e.pos),
                    format!("range over {d} {what}"),
                );
            } else {
                self.range_func(s, key, value, define, x, body, &yields);
            }
            self.pop_scope();
            return;
        }
        let (kt, vt): (TypeId, Option<TypeId>) = if xo.mode == Mode::Invalid {
            (INVALID, Some(INVALID))
        } else {
            let int = self.t.basic(Basic::Int);
            match self.t.under(xo.ty).clone() {
                Type::Basic(b) if b.is_string() => {
                    if xo.mode == Mode::Const {
                        let st = self.t.basic(Basic::String);
                        self.convert_untyped(&mut xo, st, x);
                    }
                    (int, Some(self.t.basic(Basic::Int32)))
                }
                Type::Basic(b) if b.is_integer() => {
                    if xo.mode == Mode::Const && self.t.is_untyped(xo.ty) {
                        self.convert_untyped(&mut xo, int, x);
                    }
                    if let Some(value) = value {
                        self.error(
                            value.pos,
                            format!(
                                "range over {} permits only one iteration variable",
                                self.describe(x, &xo)
                            ),
                        );
                    }
                    (xo.ty, None)
                }
                Type::Slice(e) => (int, Some(e)),
                Type::Array(e, _) => (int, Some(e)),
                Type::Pointer(p) if matches!(self.t.under(p), Type::Array(..)) => {
                    let Type::Array(e, _) = self.t.under(p).clone() else {
                        unreachable!()
                    };
                    (int, Some(e))
                }
                Type::Map(k, v) => (k, Some(v)),
                Type::Chan(dir, e) => {
                    if dir == Dir::Send {
                        let d = self.describe(x, &xo);
                        self.error(
                            x.pos,
                            format!("invalid operation: range {d} receive from send-only channel"),
                        );
                    }
                    if let Some(v) = value {
                        self.error(
                            v.pos,
                            format!(
                                "range over {} permits only one iteration variable",
                                self.describe(x, &xo)
                            ),
                        );
                    }
                    (e, None)
                }
                _ => {
                    let d = self.describe(x, &xo);
                    self.error(x.pos, format!("cannot range over {d}"));
                    (INVALID, Some(INVALID))
                }
            }
        };
        let vars = [(key, kt), (value, vt.unwrap_or(INVALID))];
        if define {
            let mut any_new = false;
            for (e, t) in vars {
                let Some(e) = e else { continue };
                if let ExprKind::Ident(id) = &e.kind {
                    let o = self.declare_local(id, t);
                    if t == INVALID {
                        self.obj_mut(o).used = true;
                    }
                    any_new = true;
                    self.info.types.insert(
                        e.id,
                        TypeAndValue {
                            mode: Mode::Var,
                            ty: t,
                            val: None,
                        },
                    );
                } else {
                    let d = self.expr_string(e);
                    self.error(e.pos, format!("non-name {d} on left side of :="));
                }
            }
            let _ = any_new;
        } else {
            for (e, t) in vars {
                let Some(e) = e else { continue };
                if let Some(lt) = self.lhs_expr(e) {
                    let mut op = Operand {
                        mode: Mode::Value,
                        ty: t,
                        val: None,
                    };
                    if t != INVALID {
                        self.assignment(&mut op, lt, "range", e);
                    }
                }
            }
        }
        self.loop_body(body, s);
        self.pop_scope();
    }

    /// `func(yield func(K, V) bool)`, which a for loop ranges over (Go
    /// 1.23): the yield function's parameters.
    fn yield_params(&self, t: TypeId) -> Option<Vec<TypeId>> {
        let Type::Func {
            params, results, ..
        } = self.t.under(t)
        else {
            return None;
        };
        let [y] = params.as_slice() else { return None };
        if !results.is_empty() {
            return None;
        }
        let Type::Func {
            params: ys,
            results: yr,
            variadic: false,
        } = self.t.under(*y)
        else {
            return None;
        };
        (ys.len() <= 2 && yr.len() == 1 && self.t.basic_of(yr[0]) == Some(Basic::Bool))
            .then(|| ys.clone())
    }

    fn switch_stmt(
        &mut self,
        s: &Stmt,
        init: Option<&Stmt>,
        tag: Option<&Expr>,
        clauses: &[CaseClause],
    ) {
        self.push_scope();
        if let Some(i) = init {
            self.stmt(i);
        }
        let mut tx = match tag {
            Some(t) => {
                let mut x = self.expr(t, None);
                self.single_value(t, &mut x);
                if x.mode != Mode::Invalid && self.t.is_untyped(x.ty) {
                    let dt = self.t.default_type(x.ty);
                    self.convert_untyped(&mut x, dt, t);
                }
                Some(x)
            }
            None => None,
        };
        self.push_target(s, Breakable::Switch);
        let mut seen_default = false;
        let mut seen_consts: Vec<(ConstVal, Pos)> = Vec::new();
        for (ci, c) in clauses.iter().enumerate() {
            match &c.list {
                None => {
                    if seen_default {
                        self.error(c.pos, "multiple defaults in switch");
                    }
                    seen_default = true;
                }
                Some(list) => {
                    for e in list {
                        let mut x = self.expr(e, None);
                        self.single_value(e, &mut x);
                        if x.mode == Mode::Invalid {
                            continue;
                        }
                        match &mut tx {
                            Some(t) if t.mode != Mode::Invalid => {
                                // tag == e
                                let tagexpr = tag.unwrap();
                                let res = self.comparison(
                                    e.pos,
                                    e,
                                    tagexpr,
                                    Tok::Eql,
                                    x.clone(),
                                    t.clone(),
                                );
                                if res.mode != Mode::Invalid {
                                    if self.t.is_untyped(x.ty) {
                                        let tt = t.ty;
                                        self.convert_untyped(&mut x, tt, e);
                                    }
                                    if let Some(v) = &x.val {
                                        if let Some((_, p)) =
                                            seen_consts.iter().find(|(sv, _)| sv == v)
                                        {
                                            let d = self.expr_string(e);
                                            let msg = format!("duplicate case {d} in expression switch\n\t{}previous case", self.pos_prefix(*p));
                                            self.error(e.pos, msg);
                                        } else {
                                            seen_consts.push((v.clone(), e.pos));
                                        }
                                    }
                                }
                            }
                            Some(_) => {}
                            None => {
                                if !self.t.is_bool(x.ty) {
                                    let d = self.describe(e, &x);
                                    self.error(e.pos, format!("invalid case {d} in switch (mismatched types {} and bool)", self.t.type_string(x.ty, TypeStyle::Diagnostic)));
                                } else {
                                    let b = self.t.basic(Basic::Bool);
                                    self.convert_untyped(&mut x, b, e);
                                }
                            }
                        }
                    }
                }
            }
            self.push_scope();
            self.stmts(&c.body);
            // fallthrough must be the last statement of a non-final clause.
            for (si, st) in c.body.iter().enumerate() {
                if let StmtKind::Fallthrough = st.kind {
                    if si + 1 != c.body.len() {
                        self.error(st.pos, "fallthrough statement out of place");
                    } else if ci + 1 == clauses.len() {
                        self.error(st.pos, "cannot fallthrough final case in switch");
                    }
                }
            }
            self.pop_scope();
        }
        self.fstack.last_mut().unwrap().targets.pop();
        self.pop_scope();
    }

    fn type_switch(
        &mut self,
        s: &Stmt,
        init: Option<&Stmt>,
        bind: Option<&Ident>,
        x: &Expr,
        clauses: &[CaseClause],
    ) {
        self.push_scope();
        if let Some(i) = init {
            self.stmt(i);
        }
        let xo = self.expr(x, None);
        let mut iface = INVALID;
        if xo.mode != Mode::Invalid {
            if !self.t.is_interface(xo.ty) {
                let d = self.describe(x, &xo);
                self.error(x.pos, format!("{d} is not an interface"));
            } else {
                iface = xo.ty;
            }
        }
        self.push_target(s, Breakable::Switch);
        let mut bind_objs = Vec::new();
        for c in clauses {
            let mut single: Option<TypeId> = None;
            if let Some(list) = &c.list {
                for e in list {
                    if let ExprKind::Ident(id) = &e.kind {
                        if id.name == "nil"
                            && self
                                .lookup("nil")
                                .is_some_and(|o| matches!(self.obj(o).kind, ObjKind::Nil))
                        {
                            let un = self.t.basic(Basic::UntypedNil);
                            self.info.types.insert(
                                e.id,
                                TypeAndValue {
                                    mode: Mode::Nil,
                                    ty: un,
                                    val: None,
                                },
                            );
                            single = if list.len() == 1 { Some(iface) } else { None };
                            continue;
                        }
                    }
                    let t = self.type_expr(e);
                    if t != INVALID && iface != INVALID && !self.t.is_interface(t) {
                        if let Err(why) = self.t.implements(t, iface) {
                            let ts = self.t.type_string(t, TypeStyle::Diagnostic);
                            let is = self.t.type_string(iface, TypeStyle::Diagnostic);
                            let d = self.expr_string(x);
                            self.error(e.pos, format!("impossible type switch case: {d} (variable of type {is}) cannot have dynamic type {ts} {why}"));
                        }
                    }
                    if list.len() == 1 {
                        single = Some(t);
                    }
                }
            }
            self.push_scope();
            if let Some(b) = bind {
                let t = single.unwrap_or(iface);
                let o = self.new_obj(&b.name, ObjKind::Var { global: None }, t, b.pos);
                self.scopes.last_mut().unwrap().insert(b.name.clone(), o);
                self.info.implicits.insert(c.bind_id, o);
                bind_objs.push(o);
            }
            self.stmts(&c.body);
            self.pop_scope();
        }
        if let Some(b) = bind {
            let used = bind_objs.iter().any(|o| self.obj(*o).used);
            if !used {
                self.error(b.pos, format!("{} declared but not used", b.name));
            }
            // The binding ident itself maps to the first clause object (or none).
            if let Some(o) = bind_objs.first() {
                self.info.objs.insert(b.id, *o);
            }
        }
        self.fstack.last_mut().unwrap().targets.pop();
        self.pop_scope();
    }

    // ---- terminating statements (spec "Terminating statements") ----

    pub(super) fn terminating_list(&self, list: &[Stmt]) -> bool {
        // Trailing empty statements do not count.
        let mut i = list.len();
        while i > 0 && matches!(list[i - 1].kind, StmtKind::Empty) {
            i -= 1;
        }
        i > 0 && self.terminating(&list[i - 1], None)
    }

    fn terminating(&self, s: &Stmt, label: Option<&str>) -> bool {
        match &s.kind {
            StmtKind::Return(_) | StmtKind::Goto(_) => true,
            StmtKind::Expr(e) => {
                if let ExprKind::Call { fun, .. } = &e.unparen().kind {
                    if let ExprKind::Ident(id) = &fun.unparen().kind {
                        if let Some(o) = self.info.objs.get(&id.id) {
                            return matches!(self.obj(*o).kind, ObjKind::Builtin(Builtin::Panic));
                        }
                    }
                    if let ExprKind::Selector(_, sel) = &fun.unparen().kind {
                        if let Some(Selection::Pkg(o)) = self.info.selections.get(&fun.unparen().id)
                        {
                            let _ = sel;
                            return matches!(&self.obj(*o).kind, ObjKind::Native(n) if n == "os.Exit");
                        }
                    }
                }
                false
            }
            StmtKind::Block(b) => self.terminating_list(&b.stmts),
            StmtKind::If { then, els, .. } => {
                els.as_ref().is_some_and(|e| self.terminating(e, None))
                    && self.terminating_list(&then.stmts)
            }
            StmtKind::For { cond, body, .. } => {
                cond.is_none() && !has_break(&body.stmts, label, Depth::Top)
            }
            StmtKind::Labeled(l, inner) => self.terminating(inner, Some(&l.name)),
            StmtKind::Switch { clauses, .. } | StmtKind::TypeSwitch { clauses, .. } => {
                clauses.iter().any(|c| c.list.is_none())
                    && clauses.iter().all(|c| {
                        !has_break(&c.body, label, Depth::Top)
                            && (self.terminating_list(&c.body)
                                || c.body
                                    .last()
                                    .is_some_and(|l| matches!(l.kind, StmtKind::Fallthrough)))
                    })
            }
            StmtKind::Select { clauses } => clauses
                .iter()
                .all(|c| !has_break(&c.body, label, Depth::Top) && self.terminating_list(&c.body)),
            _ => false,
        }
    }
}

/// Where a `break` sits relative to the statement whose breaks we look for:
/// an unlabeled one leaves that statement only at the top level.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Depth {
    Top,
    Nested,
}

/// Whether `list` contains a break that targets the enclosing statement
/// (unlabeled at the top nesting level, or labeled with `label`).
fn has_break(list: &[Stmt], label: Option<&str>, top: Depth) -> bool {
    list.iter().any(|s| stmt_has_break(s, label, top))
}

fn stmt_has_break(s: &Stmt, label: Option<&str>, top: Depth) -> bool {
    match &s.kind {
        StmtKind::Break(None) => top == Depth::Top,
        StmtKind::Break(Some(l)) => Some(l.name.as_str()) == label,
        StmtKind::Block(b) => has_break(&b.stmts, label, top),
        StmtKind::If { then, els, .. } => {
            has_break(&then.stmts, label, top)
                || els.as_ref().is_some_and(|e| stmt_has_break(e, label, top))
        }
        StmtKind::Labeled(_, inner) => stmt_has_break(inner, label, top),
        StmtKind::For { body, .. } | StmtKind::Range { body, .. } => {
            has_break(&body.stmts, label, Depth::Nested)
        }
        StmtKind::Switch { clauses, .. } | StmtKind::TypeSwitch { clauses, .. } => clauses
            .iter()
            .any(|c| has_break(&c.body, label, Depth::Nested)),
        StmtKind::Select { clauses } => clauses
            .iter()
            .any(|c| has_break(&c.body, label, Depth::Nested)),
        _ => false,
    }
}
