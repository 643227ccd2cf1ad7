//! Generics, compiled by instantiation.
//!
//! A generic function or type is not checked or compiled as such. Each
//! distinct list of type arguments it is used with gets an *instance*: a
//! copy of the declaration (with fresh node ids, see `crate::fresh`) that
//! is checked with its type parameters bound to those types, and compiled
//! like any other function or named type. Go's own compiler shares code
//! between instances with the same shapes (GC shape stenciling); a copy per
//! instance is simpler and runs at the speed of hand-written code, which is
//! what the step-by-step views need.
//!
//! Type arguments left out of a call are inferred as Go does: by unifying
//! each parameter's type (as written) with its argument's type, then giving
//! untyped constant arguments their default type, then from core types of
//! constraints (`S ~[]E` gives E from S). A type argument must satisfy its
//! constraint: its methods, `comparable`, and a type set such as
//! `~int | ~float64`.

use super::*;
use std::rc::Rc;

/// A generic function or type and its instances.
pub(super) struct Generic {
    /// Index of its declaration in `File::decls`.
    pub(super) decl: usize,
    /// For a generic type: the spec in that declaration.
    spec: Option<usize>,
    /// For a generic type: the declarations of its methods.
    methods: Vec<usize>,
    /// Type arguments → the instance: a function object or a named type.
    instances: Vec<(Vec<TypeId>, u32)>,
}

/// What a constraint allows: types with these methods, comparable ones
/// if `comparable`, and only those in `terms` (`~int`: any type whose
/// underlying type is int) unless it is None (every type).
#[derive(Clone, Debug, Default)]
pub(super) struct TypeSet {
    pub methods: Vec<(String, TypeId)>,
    pub terms: Option<Vec<(bool, TypeId)>>,
    pub comparable: bool,
}

impl TypeSet {
    /// The type set of one type used as a constraint term: that type.
    pub(super) fn of_type(t: TypeId) -> TypeSet {
        TypeSet {
            terms: Some(vec![(false, t)]),
            ..TypeSet::default()
        }
    }
}

/// Instantiations nest at most this deep while types and signatures are
/// resolved (`type L[T any] struct{ next *L[[]T] }` would otherwise recurse
/// without end: each level is a host stack frame)...
const MAX_INST_DEPTH: u32 = 12;
/// ...and through the bodies of instances (`F[T]` calling `F[[]T]`).
const MAX_INST_LEVEL: u32 = 64;

impl<'a> Checker<'a> {
    /// The predeclared constraint `comparable`.
    pub(super) fn declare_comparable(&mut self) {
        let any = self.lib.any;
        let t = self.t.new_named("comparable", "", any);
        self.constraints.insert(
            t,
            TypeSet {
                comparable: true,
                ..TypeSet::default()
            },
        );
        let o = self.new_obj("comparable", ObjKind::TypeName, t, 0);
        self.scopes[0].insert("comparable".into(), o);
    }

    pub(super) fn declare_generic(&mut self, decl: usize, spec: Option<usize>, name: &Ident) {
        let g = self.generics.len();
        self.generics.push(Generic {
            decl,
            spec,
            methods: Vec::new(),
            instances: Vec::new(),
        });
        let o = self.new_obj(&name.name, ObjKind::Generic(g), INVALID, name.pos);
        self.declare_pkg(name, o);
    }

    /// The type parameters of a generic declaration.
    pub(super) fn tparams_of(&self, g: usize) -> &'a [Field] {
        let file: &'a File = self.file;
        let gen = &self.generics[g];
        match (&file.decls[gen.decl], gen.spec) {
            (Decl::Func(f), _) => &f.tparams,
            (Decl::Type(specs), Some(s)) => &specs[s].tparams,
            _ => &[],
        }
    }

    pub(super) fn tparam_names(&self, g: usize) -> Vec<String> {
        self.tparams_of(g)
            .iter()
            .flat_map(|f| f.names.iter().map(|n| n.name.clone()))
            .collect()
    }

    /// How Go names a generic in messages: `function Map`, `type List[T any]`.
    pub(super) fn generic_string(&self, g: usize) -> String {
        let file = self.file;
        let gen = &self.generics[g];
        match (&file.decls[gen.decl], gen.spec) {
            (Decl::Type(specs), Some(s)) => {
                let mut out = format!("type {}", specs[s].name.name);
                for (k, f) in specs[s].tparams.iter().enumerate() {
                    out.push_str(if k == 0 { "[" } else { ", " });
                    let names: Vec<&str> = f.names.iter().map(|n| n.name.as_str()).collect();
                    out.push_str(&format!("{} {}", names.join(", "), self.expr_string(&f.ty)));
                }
                out.push(']');
                out
            }
            (Decl::Func(f), _) => format!("function {}", f.name.name),
            _ => String::new(),
        }
    }

    /// Declares type parameter names as the types bound to them.
    pub(super) fn declare_tparams(&mut self, bind: &[(String, TypeId)], pos: Pos) {
        for (name, t) in bind {
            let o = self.new_obj(name, ObjKind::TypeName, *t, pos);
            self.obj_mut(o).used = true;
            self.scopes.last_mut().unwrap().insert(name.clone(), o);
        }
    }

    /// Runs `f` at package level of unit `u` (not in the function that
    /// instantiates), with the type parameters bound.
    fn in_generic_scope<R>(
        &mut self,
        u: usize,
        bind: &[(String, TypeId)],
        f: impl FnOnce(&mut Self) -> R,
    ) -> R {
        let saved_f = std::mem::take(&mut self.fstack);
        let saved_scopes = self.scopes.split_off(3.min(self.scopes.len()));
        let saved_c = std::mem::replace(&mut self.in_constraint, false);
        let prev = self.enter_unit(u);
        self.push_scope();
        self.declare_tparams(bind, 0);
        let r = f(self);
        self.pop_scope();
        self.enter_unit(prev);
        self.in_constraint = saved_c;
        self.scopes.extend(saved_scopes);
        self.fstack = saved_f;
        r
    }

    /// A method declared on a generic type (`func (s *Stack[T]) Push(x T)`)
    /// is kept for its instances; returns whether `di` is one.
    pub(super) fn attach_generic_method(&mut self, di: usize) -> bool {
        let file: &'a File = self.file;
        let Decl::Func(f) = &file.decls[di] else {
            return false;
        };
        let Some(recv) = &f.recv else { return false };
        let mut base = recv.ty.unparen();
        if let ExprKind::Star(x) = &base.kind {
            base = x.unparen();
        }
        let (ExprKind::Index(b, _) | ExprKind::IndexList(b, _)) = &base.kind else {
            return false;
        };
        let ExprKind::Ident(tn) = &b.kind else {
            self.error(recv.ty.pos, "invalid receiver type");
            return true;
        };
        match self.lookup(&tn.name).map(|o| self.obj(o).kind.clone()) {
            Some(ObjKind::Generic(g)) if self.generics[g].spec.is_some() => {
                self.generics[g].methods.push(di);
            }
            Some(_) => self.error(tn.pos, format!("{} is not a generic type", tn.name)),
            None => self.error(tn.pos, format!("undefined: {}", tn.name)),
        }
        true
    }

    /// `F[int]` or `List[int]`: an explicit instantiation.
    pub(super) fn instantiate(&mut self, e: &Expr, g: usize, args: &[Expr]) -> Operand {
        let mut targs = Vec::new();
        for a in args {
            let t = self.type_expr(a);
            if t == INVALID {
                return Operand::invalid();
            }
            targs.push(t);
        }
        let n = self.tparam_names(g).len();
        if targs.len() > n {
            let what = self.generic_string(g);
            self.error(
                args[n].pos,
                format!(
                    "got {} type arguments but {what} has {n} type parameters",
                    targs.len()
                ),
            );
            return Operand::invalid();
        }
        if self.generics[g].spec.is_some() {
            if targs.len() < n {
                let what = self.generic_string(g);
                self.error(
                    e.pos,
                    format!(
                        "not enough type arguments for {what}: have {}, want {n}",
                        targs.len()
                    ),
                );
                return Operand::invalid();
            }
            let t = self.instance_type(g, targs, e.pos);
            if t == INVALID {
                return Operand::invalid();
            }
            return Operand {
                mode: Mode::Type,
                ty: t,
                val: None,
            };
        }
        if targs.len() < n {
            // The call infers the rest.
            self.partial.insert(e.id, targs);
            return Operand {
                mode: Mode::Generic(g),
                ty: INVALID,
                val: None,
            };
        }
        let Some(o) = self.instance_func(g, targs, e.pos) else {
            return Operand::invalid();
        };
        self.info.insts.insert(e.id, o);
        Operand {
            mode: Mode::Value,
            ty: self.obj(o).ty,
            val: None,
        }
    }

    /// A call of a generic function, with type arguments inferred.
    pub(super) fn generic_call(
        &mut self,
        e: &Expr,
        fun: &Expr,
        g: usize,
        args: &[Expr],
        ellipsis: bool,
    ) -> Operand {
        let fu = fun.unparen();
        let explicit = self.partial.remove(&fu.id).unwrap_or_default();
        if self.generics[g].spec.is_some() {
            let what = self.generic_string(g);
            self.error(
                fun.pos,
                format!("cannot use generic {what} without instantiation"),
            );
            return Operand::invalid();
        }
        let Some(ops) = self.arg_operands(args, ellipsis) else {
            return Operand::invalid();
        };
        let fname = self.expr_string(fun);
        // "in call to G", also for G[int](...).
        let gname = match &fu.kind {
            ExprKind::Index(x, _) | ExprKind::IndexList(x, _) => self.expr_string(x),
            _ => fname.clone(),
        };
        let Some(targs) = self.infer(e, &gname, g, explicit, &ops, args, ellipsis) else {
            return Operand::invalid();
        };
        let Some(o) = self.instance_func(g, targs, self.lparen(e)) else {
            return Operand::invalid();
        };
        // The callee now names the instance, for the code generator.
        match &fu.kind {
            ExprKind::Ident(id) => {
                self.info.objs.insert(id.id, o);
            }
            ExprKind::Selector(_, sel) => {
                self.info.objs.insert(sel.id, o);
                self.info.selections.insert(fu.id, Selection::Pkg(o));
            }
            _ => {
                self.info.insts.insert(fu.id, o);
            }
        }
        let sig = self.obj(o).ty;
        let x = Operand {
            mode: Mode::Value,
            ty: sig,
            val: None,
        };
        self.record(fu, &x);
        let Some((params, results, variadic)) = self
            .t
            .func_sig(sig)
            .map(|(a, b, c)| (a.to_vec(), b.to_vec(), c))
        else {
            return Operand::invalid();
        };
        self.arguments(e, &fname, args, ops, &params, variadic, ellipsis);
        self.call_result(results)
    }

    /// Checks the type arguments against their constraints.
    fn satisfied(&mut self, g: usize, targs: &[TypeId], pos: Pos) -> bool {
        // Type parameters of an enclosing generic body: their type sets
        // would have to be compared, which this checker does not do.
        if targs.iter().any(|&t| self.has_stand_in(t, 0)) {
            return true;
        }
        let names = self.tparam_names(g);
        let bind: Vec<(String, TypeId)> = names.into_iter().zip(targs.iter().copied()).collect();
        let u = self.unit_of(self.generics[g].decl);
        let mut k = 0;
        for f in self.tparams_of(g) {
            for _ in &f.names {
                let t = targs[k];
                k += 1;
                let set = self.in_generic_scope(u, &bind, |c| c.type_set(&f.ty));
                if let Err(why) = self.satisfies(t, &set) {
                    let ts = self.t.type_string(t, TypeStyle::Diagnostic);
                    let cs = self.expr_string(&f.ty);
                    self.error(pos, format!("{ts} does not satisfy {cs}{why}"));
                    return false;
                }
            }
        }
        true
    }

    fn satisfies(&self, t: TypeId, set: &TypeSet) -> Result<(), String> {
        for (name, sig) in &set.methods {
            match self.t.method_set_sig(t, name) {
                Ok(s) if s == *sig => {}
                Ok(_) => return Err(format!(" (wrong type for method {name})")),
                Err(_) => return Err(format!(" (missing method {name})")),
            }
        }
        if set.comparable && !self.t.comparable(t) {
            return Err(String::new());
        }
        if let Some(terms) = &set.terms {
            if !terms.iter().any(|&term| self.term_has(term, t)) {
                let ts = self.t.type_string(t, TypeStyle::Diagnostic);
                let list: Vec<String> = terms
                    .iter()
                    .map(|&(tilde, x)| {
                        let s = self.t.type_string(x, TypeStyle::Diagnostic);
                        if tilde {
                            format!("~{s}")
                        } else {
                            s
                        }
                    })
                    .collect();
                return Err(format!(" ({ts} missing in {})", list.join(" | ")));
            }
        }
        Ok(())
    }

    /// Whether type `t` is in the type set of one term.
    fn term_has(&self, (tilde, x): (bool, TypeId), t: TypeId) -> bool {
        t == x || (tilde && self.t.underlying(t) == self.t.underlying(x))
    }

    /// Both constraints at once (an interface embedding two type sets).
    pub(super) fn intersect(&self, a: Option<TypeSet>, b: TypeSet) -> TypeSet {
        let Some(mut a) = a else { return b };
        a.comparable |= b.comparable;
        a.terms = match (a.terms, b.terms) {
            (None, t) | (t, None) => t,
            (Some(x), Some(y)) => Some(
                x.into_iter()
                    .filter(|&(tx, t)| {
                        y.iter()
                            .any(|&yt| self.term_has(yt, t) || (tx && yt == (true, t)))
                    })
                    .collect(),
            ),
        };
        a
    }

    /// The type set of a constraint expression.
    pub(super) fn type_set(&mut self, e: &Expr) -> TypeSet {
        let saved = std::mem::replace(&mut self.in_constraint, true);
        let set = match &e.unparen().kind {
            ExprKind::Union(terms) => {
                let mut out = Vec::new();
                for (tilde, te) in terms {
                    let t = self.type_expr(te);
                    if t == INVALID {
                        continue;
                    }
                    match self.constraints.get(&t) {
                        // A named constraint in a union: its terms.
                        Some(s) => out.extend(s.terms.clone().unwrap_or_default()),
                        None => out.push((*tilde, t)),
                    }
                }
                TypeSet {
                    terms: Some(out),
                    ..TypeSet::default()
                }
            }
            _ => {
                self.last_type_set = None;
                let t = self.type_expr(e);
                let literal = self.last_type_set.take();
                if t == INVALID {
                    TypeSet::default()
                } else if let Some(s) = self.constraints.get(&t) {
                    s.clone()
                } else if let Some(s) = literal {
                    s
                } else if self.t.is_interface(t) {
                    TypeSet {
                        methods: self.t.iface_methods(t).to_vec(),
                        ..TypeSet::default()
                    }
                } else {
                    TypeSet::of_type(t)
                }
            }
        };
        self.in_constraint = saved;
        set
    }

    /// Checks every generic function, and the methods of every generic
    /// type, once on their own, as Go does even when they are never used:
    /// each type parameter is bound to a stand-in, a named type called
    /// like the parameter whose underlying type is a term of its
    /// constraint (`~int | ~float64`: int, then float64, in turn), or an
    /// interface with the constraint's methods. A body that uses an
    /// operation not every type of the type set has (`%` on a float, `+`
    /// on `any`) fails in one of these checks. The stand-in instances are
    /// never compiled.
    pub(super) fn check_generic_bodies(&mut self) {
        for g in 0..self.generics.len() {
            let names = self.tparam_names(g);
            let u = self.unit_of(self.generics[g].decl);
            if u != 0 {
                // The library's generic code is known to be right.
                continue;
            }
            let cons: Vec<&Expr> = self
                .tparams_of(g)
                .iter()
                .flat_map(|p| std::iter::repeat_n(&p.ty, p.names.len()))
                .collect();
            let mut rounds = 1;
            let mut r = 0;
            while r < rounds {
                let reps: Vec<TypeId> = names
                    .iter()
                    .map(|n| self.t.new_named(n, "", INVALID))
                    .collect();
                let bind: Vec<(String, TypeId)> =
                    names.iter().cloned().zip(reps.iter().copied()).collect();
                for (k, &rep) in reps.iter().enumerate() {
                    let set = self.in_generic_scope(u, &bind, |c| c.type_set(cons[k]));
                    let under = match &set.terms {
                        Some(ts) if !ts.is_empty() => {
                            rounds = rounds.max(ts.len());
                            self.t.underlying(ts[r % ts.len()].1)
                        }
                        _ => {
                            let mut ms = set.methods.clone();
                            ms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
                            self.t.intern(Type::Interface(ms))
                        }
                    };
                    if let Some(n) = self.t.named_info_mut(rep) {
                        n.underlying = under;
                        // `interface{ ~int; String() string }`: the stand-in
                        // has the methods too (never called: not compiled).
                        if set.terms.as_ref().is_some_and(|t| !t.is_empty()) {
                            n.methods = set
                                .methods
                                .iter()
                                .map(|(name, sig)| MethodDef {
                                    name: name.clone(),
                                    sig: *sig,
                                    ptr_recv: false,
                                    imp: MethodImpl::Native(String::new()),
                                })
                                .collect();
                        }
                    }
                    let c = self.expr_string(cons[k]);
                    self.stand_ins.insert(rep, c);
                }
                if self.generics[g].spec.is_some() {
                    self.instance_type(g, reps, 0);
                } else {
                    self.instance_func(g, reps, 0);
                }
                r += 1;
            }
        }
    }

    /// Whether a type is, or is made from, a stand-in for a type parameter.
    fn has_stand_in(&self, t: TypeId, depth: u32) -> bool {
        if depth > 20 {
            return false;
        }
        let d = depth + 1;
        if self.stand_ins.contains_key(&t) {
            return true;
        }
        match self.t.get(t) {
            Type::Named(_) => self
                .t
                .named_info(t)
                .is_some_and(|n| n.targs.iter().any(|&a| self.has_stand_in(a, d))),
            Type::Pointer(e) | Type::Slice(e) | Type::Array(e, _) | Type::Chan(_, e) => {
                self.has_stand_in(*e, d)
            }
            Type::Map(k, v) => self.has_stand_in(*k, d) || self.has_stand_in(*v, d),
            Type::Func {
                params, results, ..
            } => params
                .iter()
                .chain(results.iter())
                .any(|&x| self.has_stand_in(x, d)),
            Type::Tuple(ts) => ts.iter().any(|&x| self.has_stand_in(x, d)),
            Type::Struct(fs) => fs.iter().any(|f| self.has_stand_in(f.ty, d)),
            _ => false,
        }
    }

    /// Instances that keep making bigger ones (`F[T]` calling `F[[]T]`):
    /// reported, as Go does, at the first type parameter.
    fn instantiation_cycle(&mut self, g: usize, pos: Pos) {
        let at = self
            .tparams_of(g)
            .first()
            .and_then(|f| f.names.first())
            .map_or(pos, |n| n.pos);
        self.error(at, "instantiation cycle");
    }

    /// The instance of generic function `g` for `targs`: its object.
    fn instance_func(&mut self, g: usize, targs: Vec<TypeId>, pos: Pos) -> Option<ObjId> {
        if let Some((_, o)) = self.generics[g].instances.iter().find(|(a, _)| *a == targs) {
            return Some(*o);
        }
        let level = self.cur_inst_level + 1;
        if self.inst_depth >= MAX_INST_DEPTH || level > MAX_INST_LEVEL {
            self.instantiation_cycle(g, pos);
            return None;
        }
        if !self.satisfied(g, &targs, pos) {
            return None;
        }
        let file: &'a File = self.file;
        let di = self.generics[g].decl;
        let Decl::Func(f) = &file.decls[di] else {
            return None;
        };
        let check_only = targs.iter().any(|&t| self.has_stand_in(t, 0));
        let mut copy = f.clone();
        crate::fresh::Renumber {
            next: &mut self.next_id,
        }
        .func_decl(&mut copy);
        let copy = Rc::new(copy);
        let bind: Vec<(String, TypeId)> = self
            .tparam_names(g)
            .into_iter()
            .zip(targs.iter().copied())
            .collect();
        let idx = self.info.funcs.len();
        self.inst_levels.insert(idx, level);
        let o = self.new_obj(&f.name.name, ObjKind::Func(idx), INVALID, f.name.pos);
        self.obj_mut(o).used = true;
        self.generics[g].instances.push((targs, o));
        self.push_func(di, INVALID, None);
        self.set_instance(idx, copy.clone(), bind.clone(), check_only);
        self.inst_depth += 1;
        let ty = self.in_generic_scope(self.unit_of(di), &bind, |c| c.func_type(&copy.ty));
        self.inst_depth -= 1;
        self.info.funcs[idx].ty = ty;
        self.obj_mut(o).ty = ty;
        Some(o)
    }

    /// The instance of generic type `g` for `targs`: a named type with its
    /// own copy of the methods.
    fn instance_type(&mut self, g: usize, targs: Vec<TypeId>, pos: Pos) -> TypeId {
        if let Some((_, t)) = self.generics[g].instances.iter().find(|(a, _)| *a == targs) {
            return *t;
        }
        if self.inst_depth >= MAX_INST_DEPTH || self.cur_inst_level + 1 > MAX_INST_LEVEL {
            self.instantiation_cycle(g, pos);
            return INVALID;
        }
        if !self.satisfied(g, &targs, pos) {
            return INVALID;
        }
        let file: &'a File = self.file;
        let (di, si) = (self.generics[g].decl, self.generics[g].spec.unwrap_or(0));
        let Decl::Type(specs) = &file.decls[di] else {
            return INVALID;
        };
        let u = self.unit_of(di);
        let pkg = self.file.unit_name(u).to_string();
        let named = self.t.new_named(&specs[si].name.name, &pkg, INVALID);
        self.t.named_info_mut(named).unwrap().targs = targs.clone();
        self.generics[g].instances.push((targs.clone(), named));
        self.inst_of.insert(named, (g, targs.clone()));
        let mut spec = specs[si].clone();
        crate::fresh::Renumber {
            next: &mut self.next_id,
        }
        .type_spec(&mut spec);
        let bind: Vec<(String, TypeId)> = self
            .tparam_names(g)
            .into_iter()
            .zip(targs.iter().copied())
            .collect();
        self.inst_depth += 1;
        let under = self.in_generic_scope(u, &bind, |c| c.type_expr(&spec.ty));
        let opaque = self.t.named_info(under).is_some_and(|n| n.opaque);
        let uu = self.t.underlying(under);
        if let Some(n) = self.t.named_info_mut(named) {
            n.underlying = if uu == named { INVALID } else { uu };
            n.opaque = opaque;
        }
        for di in self.generics[g].methods.clone() {
            self.instance_method(named, di, &targs);
        }
        self.inst_depth -= 1;
        named
    }

    /// Declares a method of a generic type on one of its instances.
    fn instance_method(&mut self, named: TypeId, di: usize, targs: &[TypeId]) {
        let file: &'a File = self.file;
        let Decl::Func(f) = &file.decls[di] else {
            return;
        };
        let mut copy = f.clone();
        crate::fresh::Renumber {
            next: &mut self.next_id,
        }
        .func_decl(&mut copy);
        let Some(recv) = &copy.recv else { return };
        let (base, ptr) = match &recv.ty.unparen().kind {
            ExprKind::Star(x) => (x.unparen(), true),
            _ => (recv.ty.unparen(), false),
        };
        // The receiver names the type parameters anew: `func (l *List[E])`.
        let names: Vec<&Expr> = match &base.kind {
            ExprKind::Index(_, i) => vec![&**i],
            ExprKind::IndexList(_, args) => args.iter().collect(),
            _ => vec![],
        };
        let mut bind = Vec::new();
        for (k, n) in names.iter().enumerate() {
            match (&n.kind, targs.get(k)) {
                (ExprKind::Ident(id), Some(&t)) => bind.push((id.name.clone(), t)),
                _ => {
                    self.error(n.pos, "receiver type parameter must be an identifier");
                    return;
                }
            }
        }
        if bind.len() != targs.len() {
            self.error(
                base.pos,
                format!(
                    "got {} type parameters, but receiver base type declares {}",
                    bind.len(),
                    targs.len()
                ),
            );
            return;
        }
        let copy = Rc::new(copy);
        let idx = self.info.funcs.len();
        self.inst_levels.insert(idx, self.cur_inst_level + 1);
        let check_only = targs.iter().any(|&t| self.has_stand_in(t, 0));
        self.push_func(di, INVALID, Some((named, ptr)));
        self.set_instance(idx, copy.clone(), bind.clone(), check_only);
        let sig = self.in_generic_scope(self.unit_of(di), &bind, |c| c.func_type(&copy.ty));
        self.info.funcs[idx].ty = sig;
        if let Some(n) = self.t.named_info_mut(named) {
            n.methods.push(MethodDef {
                name: copy.name.name.clone(),
                sig,
                ptr_recv: ptr,
                imp: MethodImpl::Inst(idx),
            });
        }
    }
}
