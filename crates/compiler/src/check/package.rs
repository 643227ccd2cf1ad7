//! The universe and the package: predeclared names, package-level objects
//! resolved in phases so declaration order does not matter, invalid
//! recursive types, methods, and Go's package initialization order.

use super::*;

impl<'a> Checker<'a> {
    // ---- universe and package ----

    pub(super) fn universe(&mut self) {
        use Basic::*;
        for (n, b) in [
            ("bool", Bool),
            ("int", Int),
            ("int8", Int8),
            ("int16", Int16),
            ("int32", Int32),
            ("rune", Int32),
            ("int64", Int64),
            ("uint", Uint),
            ("uint8", Uint8),
            ("byte", Uint8),
            ("uint16", Uint16),
            ("uint32", Uint32),
            ("uint64", Uint64),
            ("uintptr", Uintptr),
            ("float32", Float32),
            ("float64", Float64),
            ("string", String),
        ] {
            let t = self.t.basic(b);
            let o = self.new_obj(n, ObjKind::TypeName, t, 0);
            self.scopes[0].insert(n.into(), o);
        }
        let any = self.lib.any;
        let o = self.new_obj("any", ObjKind::TypeName, any, 0);
        self.scopes[0].insert("any".into(), o);
        let err = self.lib.error;
        let o = self.new_obj("error", ObjKind::TypeName, err, 0);
        self.scopes[0].insert("error".into(), o);
        let ub = self.t.basic(UntypedBool);
        for (n, v) in [("true", true), ("false", false)] {
            let o = self.new_obj(n, ObjKind::Const(ConstVal::Bool(v)), ub, 0);
            self.scopes[0].insert(n.into(), o);
        }
        let ui = self.t.basic(UntypedInt);
        let o = self.new_obj("iota", ObjKind::Const(ConstVal::Int(0)), ui, 0);
        self.scopes[0].insert("iota".into(), o);
        self.declare_comparable();
        let un = self.t.basic(UntypedNil);
        let o = self.new_obj("nil", ObjKind::Nil, un, 0);
        self.scopes[0].insert("nil".into(), o);
        use Builtin as B;
        for (n, b) in [
            ("len", B::Len),
            ("cap", B::Cap),
            ("make", B::Make),
            ("new", B::New),
            ("append", B::Append),
            ("copy", B::Copy),
            ("delete", B::Delete),
            ("close", B::Close),
            ("panic", B::Panic),
            ("recover", B::Recover),
            ("min", B::Min),
            ("max", B::Max),
            ("clear", B::Clear),
            ("print", B::Print),
            ("println", B::Println),
        ] {
            let o = self.new_obj(n, ObjKind::Builtin(b), INVALID, 0);
            self.scopes[0].insert(n.into(), o);
        }
    }

    pub(super) fn package(&mut self) {
        let file = self.file;
        if file.package.name != "main" && file.package.id != 0 {
            self.error(
                file.package.pos,
                format!(
                    "package {} is not a main package; only package main can be run",
                    file.package.name
                ),
            );
        }
        // File scope: imports.
        self.push_scope(); // package scope (1)
        self.push_scope(); // file scope (2)
        self.unit_scopes = vec![Default::default(); file.units.len() + 1];
        for (i, u) in file.units.iter().enumerate() {
            self.source_pkgs.insert(u.path.clone(), i + 1);
        }
        for u in 0..=file.units.len() {
            self.enter_unit(u);
            let imports = if u == 0 {
                &file.imports
            } else {
                &file.units[u - 1].imports
            };
            self.imports_of_unit(imports);
            if u > 0 {
                self.declare_native_members(&file.units[u - 1].path);
            }
        }
        self.enter_unit(0);
        // Phase A: declare package-level names.
        let mut func_decls = Vec::new();
        let mut native_decls = Vec::new();
        let mut methods = Vec::new();
        for (di, d) in file.decls.iter().enumerate() {
            let unit = self.unit_of(di);
            self.enter_unit(unit);
            match d {
                Decl::Func(f) => {
                    if f.recv.is_some() {
                        methods.push(di);
                        continue;
                    }
                    if (f.name.name == "init" || f.name.name == "main")
                        && (!f.ty.params.is_empty() || !f.ty.results.is_empty())
                    {
                        self.error(
                            f.name.pos,
                            format!(
                                "func {} must have no arguments and no return values",
                                f.name.name
                            ),
                        );
                    }
                    if f.body.is_none() && unit > 0 {
                        // A library function the runtime implements, declared
                        // in Go without a body: `func Sin(x float64) float64`
                        // is the native `math.Sin`.
                        let native = format!("{}.{}", self.file.unit_name(unit), f.name.name);
                        let o = self.new_obj(
                            &f.name.name,
                            ObjKind::Native(native),
                            INVALID,
                            f.name.pos,
                        );
                        self.obj_mut(o).used = true;
                        self.declare_pkg(&f.name, o);
                        native_decls.push((di, o));
                        continue;
                    }
                    if f.body.is_none() {
                        self.error(f.name.pos, "missing function body");
                    }
                    if !f.tparams.is_empty() {
                        if f.name.name == "init" || f.name.name == "main" {
                            self.error(
                                f.name.pos,
                                format!("func {} must have no type parameters", f.name.name),
                            );
                        }
                        self.declare_generic(di, None, &f.name);
                        continue;
                    }
                    let idx = self.info.funcs.len();
                    self.push_func(di, INVALID, None);
                    if f.name.name == "init" {
                        let o = self.new_obj("init", ObjKind::Func(idx), INVALID, f.name.pos);
                        self.info.objs.insert(f.name.id, o);
                        func_decls.push((idx, o));
                        continue;
                    }
                    let o = self.new_obj(&f.name.name, ObjKind::Func(idx), INVALID, f.name.pos);
                    self.declare_pkg(&f.name, o);
                    self.gdecl.insert(o, (GDecl::Func, GState::Done));
                    func_decls.push((idx, o));
                }
                Decl::Const(specs) => {
                    for (si, s) in specs.iter().enumerate() {
                        for (i, n) in s.names.iter().enumerate() {
                            let o = self.new_obj(
                                &n.name,
                                ObjKind::Const(ConstVal::Int(0)),
                                INVALID,
                                n.pos,
                            );
                            self.declare_pkg(n, o);
                            self.gdecl.insert(
                                o,
                                (
                                    GDecl::Const {
                                        decl: di,
                                        spec: si,
                                        idx: i,
                                    },
                                    GState::Pending,
                                ),
                            );
                        }
                    }
                }
                Decl::Var(specs) => {
                    for (si, s) in specs.iter().enumerate() {
                        for n in &s.names {
                            let g = self.info.globals.len() as u32;
                            let o = self.new_obj(
                                &n.name,
                                ObjKind::Var { global: Some(g) },
                                INVALID,
                                n.pos,
                            );
                            self.info.globals.push(o);
                            self.declare_pkg(n, o);
                            self.gdecl
                                .insert(o, (GDecl::Var { decl: di, spec: si }, GState::Pending));
                        }
                    }
                }
                Decl::Type(specs) => {
                    for (si, s) in specs.iter().enumerate() {
                        if !s.tparams.is_empty() {
                            self.declare_generic(di, Some(si), &s.name);
                            continue;
                        }
                        let ty = if s.alias {
                            INVALID
                        } else {
                            let pkg = self.file.unit_name(unit).to_string();
                            self.t.new_named(&s.name.name, &pkg, INVALID)
                        };
                        let o = self.new_obj(&s.name.name, ObjKind::TypeName, ty, s.name.pos);
                        self.declare_pkg(&s.name, o);
                        self.gdecl
                            .insert(o, (GDecl::Type { decl: di, spec: si }, GState::Pending));
                    }
                }
            }
        }
        self.enter_unit(0);
        // Methods of generic types are declared on each instance.
        methods.retain(|&di| {
            let prev = self.enter_unit(self.unit_of(di));
            let generic = self.attach_generic_method(di);
            self.enter_unit(prev);
            !generic
        });
        // Phase B: type declarations.
        let type_objs: Vec<ObjId> = self
            .gdecl
            .iter()
            .filter(|(_, (d, _))| matches!(d, GDecl::Type { .. }))
            .map(|(o, _)| *o)
            .collect();
        let mut type_objs = type_objs;
        type_objs.sort_unstable();
        for &o in &type_objs {
            self.resolve_global(o);
        }
        self.check_recursive_types(&type_objs);
        // Phase C: methods.
        for di in methods {
            let prev = self.enter_unit(self.unit_of(di));
            self.declare_method(di);
            self.enter_unit(prev);
        }
        // Phase D: function signatures.
        for &(idx, o) in &func_decls {
            let di = self.info.funcs[idx].decl;
            let Decl::Func(f) = &file.decls[di] else {
                continue;
            };
            let prev = self.enter_unit(self.unit_of(di));
            let ty = self.func_type(&f.ty);
            self.enter_unit(prev);
            self.info.funcs[idx].ty = ty;
            self.obj_mut(o).ty = ty;
        }
        for (di, o) in native_decls {
            let Decl::Func(f) = &file.decls[di] else {
                continue;
            };
            let prev = self.enter_unit(self.unit_of(di));
            let ty = self.func_type(&f.ty);
            self.enter_unit(prev);
            self.obj_mut(o).ty = ty;
        }
        // Phase E: constants and variables, in source order (dependencies on demand).
        let mut pending: Vec<ObjId> = self
            .gdecl
            .iter()
            .filter(|(_, (_, s))| *s == GState::Pending)
            .map(|(o, _)| *o)
            .collect();
        pending.sort_unstable();
        for o in pending {
            self.resolve_global(o);
        }
        // Generic bodies, checked once with stand-ins for their type parameters.
        self.check_generic_bodies();
        // Phase F: bodies, and those of the instances of generic code that
        // they (and the instances) instantiate.
        let mut idx = 0;
        while idx < self.info.funcs.len() {
            let prev = self.enter_unit(self.unit_of(self.info.funcs[idx].decl));
            self.func_body(idx);
            self.enter_unit(prev);
            idx += 1;
        }
        if self.stand_in_errs == 0 {
            let found = std::mem::take(&mut self.inst_errs);
            self.errs.extend(found);
        }
        // Unused imports.
        for (o, path, pos, named) in self.imports.clone() {
            if !self.obj(o).used {
                let msg = if named {
                    format!("imported and not used: {:?} as {}", path, self.obj(o).name)
                } else {
                    format!("imported and not used: {path:?}")
                };
                self.error(pos, msg);
            }
        }
        if self
            .lookup_pkg("main")
            .is_none_or(|o| !matches!(self.obj(o).kind, ObjKind::Func(_)))
            && self.errs.is_empty()
        {
            self.error(0, "function main is undeclared in the main package");
        }
        self.compute_init_order();
    }

    /// A package both native and written in Go (`sync`): its native members
    /// are objects of the unit's package scope, so its Go code names them
    /// (`Mutex`, and methods on `WaitGroup`) and the program finds both kinds
    /// the same way.
    fn declare_native_members(&mut self, path: &str) {
        let Some((_, members)) = self.lib.packages.get(path) else {
            return;
        };
        let mut members: Vec<(String, Member)> = members
            .iter()
            .map(|(n, m)| (n.clone(), m.clone()))
            .collect();
        members.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        for (name, m) in members {
            let (kind, ty) = match m {
                Member::Func { native, sig } => (ObjKind::Native(native), sig),
                Member::Const { val, ty } => (ObjKind::Const(val), ty),
                Member::Type(t) => (ObjKind::TypeName, t),
            };
            let o = self.new_obj(&name, kind, ty, 0);
            self.obj_mut(o).used = true;
            self.scopes[1].insert(name, o);
        }
    }

    /// Declares the imports of the current unit in its file scope.
    fn imports_of_unit(&mut self, imports: &[Import]) {
        for imp in imports {
            let pname = match self.lib.packages.get(imp.path.as_str()) {
                Some((pname, _)) => pname.to_string(),
                None => match self.source_pkgs.get(&imp.path) {
                    Some(&u) => self.file.unit_name(u).to_string(),
                    None => {
                        self.error(imp.pos, crate::library::missing_package(&imp.path));
                        // Declared anyway, so that its uses (`http.Get`) add
                        // no "undefined" errors after the one that says why.
                        let last = imp.path.rsplit('/').next().unwrap_or(&imp.path);
                        let name = imp
                            .name
                            .as_ref()
                            .map_or(last.to_string(), |n| n.name.clone());
                        let o = self.new_obj(
                            &name,
                            ObjKind::Package(imp.path.clone()),
                            INVALID,
                            imp.pos,
                        );
                        self.obj_mut(o).used = true;
                        if !is_blank(&name) && !self.scopes[2].contains_key(&name) {
                            self.scopes[2].insert(name, o);
                        }
                        continue;
                    }
                },
            };
            let name = imp.name.as_ref().map_or(pname, |n| n.name.clone());
            if name == "." {
                self.error(imp.pos, "dot imports are not supported yet");
                continue;
            }
            let o = self.new_obj(&name, ObjKind::Package(imp.path.clone()), INVALID, imp.pos);
            if is_blank(&name) {
                continue;
            }
            if self.scopes[2].contains_key(&name) {
                self.error(imp.pos, format!("{name} redeclared in this block"));
                continue;
            }
            self.scopes[2].insert(name.clone(), o);
            // The library's imports are known to be used (its generic
            // code is only checked where a program instantiates it).
            if self.unit == 0 {
                self.imports
                    .push((o, imp.path.clone(), imp.pos, imp.name.is_some()));
            }
        }
    }

    /// `invalid recursive type T`: a type that contains itself by value
    /// (through struct fields or array elements, not pointers, slices, maps,
    /// channels or functions) has no size. Reported once per cycle at its
    /// first declared type, with Go's "refers to" lines; the cycle is then
    /// cut (the type's underlying type becomes invalid) so that nothing
    /// later recurses through it forever.
    pub(super) fn check_recursive_types(&mut self, type_objs: &[ObjId]) {
        let mut reported: HashSet<TypeId> = HashSet::new();
        let roots: Vec<TypeId> = type_objs.iter().map(|&o| self.obj(o).ty).collect();
        let cyclic = self.cyclic_components(&roots);
        for &root in &roots {
            if reported.contains(&root) || self.t.named_info(root).is_none() {
                continue;
            }
            let Some(cycle) = self.find_cycle(root, &cyclic) else {
                continue;
            };
            let names: Vec<(String, Pos)> = cycle
                .iter()
                .map(|&t| {
                    let name = self
                        .t
                        .named_info(t)
                        .map_or(String::new(), |n| n.name.clone());
                    let pos = type_objs
                        .iter()
                        .map(|&o| self.obj(o))
                        .find(|ob| ob.ty == t)
                        .map_or(0, |ob| ob.pos);
                    (name, pos)
                })
                .collect();
            let mut msg = format!("invalid recursive type {}", names[0].0);
            for (name, pos) in &names {
                msg.push_str(&format!("\n\t{}{name} refers to", self.pos_prefix(*pos)));
            }
            msg.push_str(&format!(
                "\n\t{}{}",
                self.pos_prefix(names[0].1),
                names[0].0
            ));
            self.error(names[0].1, msg);
            reported.extend(cycle.iter().copied());
            if let Some(n) = self.t.named_info_mut(root) {
                n.underlying = INVALID;
            }
        }
    }

    /// The `i`th type that `t` contains by value (struct fields, array
    /// elements), for main's types: library types contain none of main's.
    fn value_part(&self, t: TypeId, i: usize) -> Option<TypeId> {
        let under = match self.t.named_info(t) {
            Some(n) if n.pkg != "main" => return None,
            Some(n) => n.underlying,
            None => t,
        };
        match self.t.get(under) {
            Type::Struct(fs) => fs.get(i).map(|f| f.ty),
            Type::Array(e, _) if i == 0 => Some(*e),
            _ => None,
        }
    }

    /// The types on a cycle of `value_part` reachable from `roots`, each
    /// with the number of its strongly connected component (Tarjan's
    /// algorithm). Iterative, and linear: a program can declare ten
    /// thousand types each containing the previous one (recursion would
    /// overflow the host stack), or forty types each containing the
    /// previous one twice (a search of all paths would take 2^40 steps).
    fn cyclic_components(&self, roots: &[TypeId]) -> HashMap<TypeId, usize> {
        let mut index: HashMap<TypeId, (usize, usize)> = HashMap::new(); // (index, lowlink)
        let mut on_stack: HashSet<TypeId> = HashSet::new();
        let mut stack: Vec<TypeId> = Vec::new();
        let mut comp: HashMap<TypeId, usize> = HashMap::new();
        let mut ncomp = 0;
        for &r in roots {
            if index.contains_key(&r) {
                continue;
            }
            // The DFS: (type, next part to visit).
            let mut calls: Vec<(TypeId, usize)> = vec![(r, 0)];
            index.insert(r, (index.len(), index.len()));
            stack.push(r);
            on_stack.insert(r);
            while let Some(&mut (v, ref mut next)) = calls.last_mut() {
                if let Some(w) = self.value_part(v, *next) {
                    *next += 1;
                    match index.get(&w) {
                        None => {
                            let n = index.len();
                            index.insert(w, (n, n));
                            stack.push(w);
                            on_stack.insert(w);
                            calls.push((w, 0));
                        }
                        Some(&(wi, _)) if on_stack.contains(&w) => {
                            let e = index.get_mut(&v).unwrap();
                            e.1 = e.1.min(wi);
                        }
                        Some(_) => {}
                    }
                    continue;
                }
                calls.pop();
                let (vi, vl) = index[&v];
                if let Some(&(u, _)) = calls.last() {
                    let e = index.get_mut(&u).unwrap();
                    e.1 = e.1.min(vl);
                }
                if vi == vl {
                    let at = stack.iter().rposition(|&x| x == v).unwrap();
                    let members = stack.split_off(at);
                    for m in &members {
                        on_stack.remove(m);
                    }
                    let self_loop = (0..).map_while(|i| self.value_part(v, i)).any(|p| p == v);
                    if members.len() > 1 || self_loop {
                        for m in members {
                            comp.insert(m, ncomp);
                        }
                    }
                    ncomp += 1;
                }
            }
        }
        comp
    }

    /// A cycle of main's named types back to `root`, contained by value:
    /// the named types on it, from `root`. Depth-first in field order,
    /// iterative, each type once, and only within `root`'s strongly
    /// connected component (`cyclic`), since nothing outside it leads back.
    fn find_cycle(&self, root: TypeId, cyclic: &HashMap<TypeId, usize>) -> Option<Vec<TypeId>> {
        let c = *cyclic.get(&root)?;
        let mut seen: HashSet<TypeId> = HashSet::from([root]);
        let mut calls: Vec<(TypeId, usize)> = vec![(root, 0)];
        while let Some(&mut (v, ref mut next)) = calls.last_mut() {
            let Some(e) = self.value_part(v, *next) else {
                calls.pop();
                continue;
            };
            *next += 1;
            if e == root {
                let named = calls
                    .iter()
                    .map(|&(t, _)| t)
                    .filter(|&t| t == root || self.t.named_info(t).is_some());
                return Some(named.collect());
            }
            if cyclic.get(&e) == Some(&c) && seen.insert(e) {
                calls.push((e, 0));
            }
        }
        None
    }

    pub(super) fn lookup_pkg(&self, name: &str) -> Option<ObjId> {
        self.scopes[1].get(name).copied()
    }

    pub(super) fn declare_pkg(&mut self, id: &Ident, o: ObjId) {
        self.info.objs.insert(id.id, o);
        if is_blank(&id.name) {
            return;
        }
        if let Some(&prev) = self.scopes[1].get(&id.name) {
            let pp = self.obj(prev).pos;
            let msg = format!(
                "{} redeclared in this block\n\t{}other declaration of {}",
                id.name,
                self.pos_prefix(pp),
                id.name
            );
            self.error(id.pos, msg);
            return;
        }
        self.scopes[1].insert(id.name.clone(), o);
    }

    /// Resolves a package-level const, var or type on first use.
    pub(super) fn resolve_global(&mut self, o: ObjId) {
        let Some(&(d, state)) = self.gdecl.get(&o) else {
            return;
        };
        match state {
            GState::Done => return,
            GState::Busy => {
                if matches!(d, GDecl::Type { .. }) {
                    return; // recursive types through named references are fine
                }
                let name = self.obj(o).name.clone();
                let pos = self.obj(o).pos;
                self.error(
                    pos,
                    format!("initialization cycle or invalid recursive reference to {name}"),
                );
                self.gdecl.insert(o, (d, GState::Done));
                return;
            }
            GState::Pending => {}
        }
        self.gdecl.insert(o, (d, GState::Busy));
        // Globals are checked at package level, outside any function.
        let saved_f = std::mem::take(&mut self.fstack);
        let saved_scopes = self.scopes.split_off(3.min(self.scopes.len()));
        let saved_decl = self.cur_decl;
        let saved_iota = self.iota.take();
        let file = self.file;
        let decl_of = match d {
            GDecl::Type { decl, .. } | GDecl::Const { decl, .. } | GDecl::Var { decl, .. } => {
                Some(decl)
            }
            GDecl::Func => None,
        };
        let saved_unit = decl_of.map(|di| self.enter_unit(self.unit_of(di)));
        match d {
            GDecl::Type { decl, spec } => {
                let Decl::Type(specs) = &file.decls[decl] else {
                    unreachable!()
                };
                let s = &specs[spec];
                // `type Number interface { ~int | ~float64 }` declares a
                // constraint: its type set is kept for instantiation.
                let iface = matches!(s.ty.unparen().kind, ExprKind::InterfaceType(_));
                let saved_c = std::mem::replace(&mut self.in_constraint, iface);
                self.last_type_set = None;
                let under = self.type_expr(&s.ty);
                self.in_constraint = saved_c;
                if let Some(set) = self.last_type_set.take() {
                    let t = self.obj(o).ty;
                    self.constraints.insert(t, set);
                }
                if s.alias {
                    self.obj_mut(o).ty = under;
                } else {
                    let named = self.obj(o).ty;
                    let u = self.t.underlying(under);
                    if u == named
                        || (self.t.named_info(under).is_some() && self.t.named_info(u).is_some())
                    {
                        self.error(
                            s.name.pos,
                            format!("invalid recursive type {}", s.name.name),
                        );
                    }
                    let opaque = self.t.named_info(under).is_some_and(|n| n.opaque);
                    if let Some(n) = self.t.named_info_mut(named) {
                        n.underlying = u;
                        n.opaque = opaque;
                    }
                }
            }
            GDecl::Const { decl, spec, idx } => {
                let Decl::Const(specs) = &file.decls[decl] else {
                    unreachable!()
                };
                self.const_spec(&specs[spec], Some(idx), Level::Package);
            }
            GDecl::Var { decl, spec } => {
                self.cur_decl = Some(o);
                let Decl::Var(specs) = &file.decls[decl] else {
                    unreachable!()
                };
                let s = &specs[spec];
                // All names of the spec are resolved together.
                let objs: Vec<Option<ObjId>> = s
                    .names
                    .iter()
                    .map(|n| self.info.objs.get(&n.id).copied())
                    .collect();
                for x in objs.iter().flatten() {
                    self.gdecl.insert(*x, (d, GState::Busy));
                    self.cur_decl = Some(*x);
                }
                self.cur_decl = objs.iter().flatten().next().copied();
                self.var_spec_types(s, &objs);
                // Every name of the spec depends on what the first one used.
                let first = objs.iter().flatten().next().copied();
                if let Some(f) = first {
                    let dset = self.deps.get(&f).cloned().unwrap_or_default();
                    for x in objs.iter().flatten() {
                        self.deps
                            .entry(*x)
                            .or_default()
                            .extend(dset.iter().copied());
                        self.gdecl.insert(*x, (d, GState::Done));
                    }
                }
            }
            GDecl::Func => {}
        }
        self.gdecl.insert(o, (d, GState::Done));
        if let Some(u) = saved_unit {
            self.enter_unit(u);
        }
        self.fstack = saved_f;
        self.scopes.extend(saved_scopes);
        self.cur_decl = saved_decl;
        self.iota = saved_iota;
    }

    fn declare_method(&mut self, di: usize) {
        let file = self.file;
        let Decl::Func(f) = &file.decls[di] else {
            return;
        };
        let recv = f.recv.as_ref().unwrap();
        let (base_expr, ptr) = match &recv.ty.unparen().kind {
            ExprKind::Star(x) => (&**x, true),
            _ => (&recv.ty, false),
        };
        let ExprKind::Ident(tn) = &base_expr.unparen().kind else {
            self.error(recv.ty.pos, "invalid receiver type");
            return;
        };
        let Some(to) = self.lookup(&tn.name) else {
            self.error(tn.pos, format!("undefined: {}", tn.name));
            return;
        };
        self.info.objs.insert(tn.id, to);
        let named = self.obj(to).ty;
        let pkg = self.file.unit_name(self.unit);
        let is_local_named = self.t.named_info(named).is_some_and(|n| n.pkg == pkg)
            && matches!(self.obj(to).kind, ObjKind::TypeName);
        if !is_local_named {
            self.error(
                recv.names.first().map_or(tn.pos, |n| n.pos),
                format!("cannot define new methods on non-local type {}", tn.name),
            );
            return;
        }
        if matches!(self.t.under(named), Type::Pointer(_) | Type::Interface(_)) {
            self.error(tn.pos, format!("invalid receiver type {}", tn.name));
            return;
        }
        let sig = self.func_type(&f.ty);
        let name = f.name.name.clone();
        if let Some(Type::Struct(fs)) = Some(self.t.under(named).clone()) {
            if fs.iter().any(|fl| fl.name == name) {
                self.error(
                    f.name.pos,
                    format!("field and method with the same name {name}"),
                );
                return;
            }
        }
        if let Some(prev) = self.t.method_of(named, &name) {
            let MethodImpl::Decl(pdi) = prev.imp else {
                return;
            };
            let Decl::Func(pf) = &file.decls[pdi] else {
                return;
            };
            let pp = pf.name.pos;
            let tname = self.t.type_string(named, TypeStyle::Diagnostic);
            let msg = format!(
                "{tname}.{name} redeclared in this block\n\t{}other declaration of {name}",
                self.pos_prefix(pp)
            );
            self.error(f.name.pos, msg);
            return;
        }
        if f.body.is_none() {
            self.error(f.name.pos, "missing function body");
        }
        self.t
            .named_info_mut(named)
            .unwrap()
            .methods
            .push(MethodDef {
                name,
                sig,
                ptr_recv: ptr,
                imp: MethodImpl::Decl(di),
            });
        self.push_func(di, sig, Some((named, ptr)));
    }

    fn compute_init_order(&mut self) {
        // Depth-first over dependencies, in declaration order, as the spec
        // requires: a variable is initialized after the variables it
        // (transitively, through functions) depends on.
        let file = self.file;
        let mut done: HashSet<ObjId> = HashSet::new();
        let mut emitted: HashSet<(usize, usize)> = HashSet::new();
        let mut order = Vec::new();
        let globals = self.info.globals.clone();
        for g in globals {
            self.visit_init(g, &mut done, &mut emitted, &mut order);
        }
        let _ = file;
        self.info.init_order = order;
    }

    /// Depth-first from `o` through its dependencies (in `ObjId` order),
    /// emitting variables after what they depend on. Iterative: a chain of
    /// ten thousand functions each calling the next is a valid program.
    fn visit_init(
        &self,
        o: ObjId,
        done: &mut HashSet<ObjId>,
        emitted: &mut HashSet<(usize, usize)>,
        order: &mut Vec<(usize, usize)>,
    ) {
        if done.contains(&o) {
            return;
        }
        let deps = |o: ObjId| -> Vec<ObjId> {
            let mut ds: Vec<ObjId> = self
                .deps
                .get(&o)
                .map_or(Vec::new(), |ds| ds.iter().copied().collect());
            ds.sort_unstable();
            ds
        };
        let mut visiting: HashSet<ObjId> = HashSet::from([o]);
        // (object, its dependencies, the next one to visit).
        let mut calls: Vec<(ObjId, Vec<ObjId>, usize)> = vec![(o, deps(o), 0)];
        while let Some((v, ds, next)) = calls.last_mut() {
            if let Some(&d) = ds.get(*next) {
                *next += 1;
                if !done.contains(&d) && visiting.insert(d) {
                    calls.push((d, deps(d), 0));
                }
                continue;
            }
            let v = *v;
            calls.pop();
            done.insert(v);
            if let Some((GDecl::Var { decl, spec }, _)) = self.gdecl.get(&v) {
                if emitted.insert((*decl, *spec)) {
                    order.push((*decl, *spec));
                }
            }
        }
    }

    pub(super) fn note_dep(&mut self, o: ObjId) {
        if let Some(cur) = self.cur_decl {
            if matches!(
                self.obj(o).kind,
                ObjKind::Var { global: Some(_) } | ObjKind::Func(_)
            ) {
                self.deps.entry(cur).or_default().insert(o);
            }
        }
    }
}
