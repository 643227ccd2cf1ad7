//! The type checker: Go 1.19 semantics for the subset, diagnostics with
//! `types2`'s wording.
//!
//! It resolves every identifier to an [`Object`], gives every expression a
//! type (and a constant value where it has one), and records selections and
//! conversions in [`Info`] side tables keyed by node id; the code generator
//! reads only these tables and the tree. Package-level declarations are
//! resolved in phases (types, methods, signatures, then constants and
//! variables on demand, then bodies) so declaration order does not matter,
//! and the dependencies of package variables are recorded for Go's
//! initialization order.

use crate::ast::*;
use crate::lexer::{self, Tok};
use crate::library::{Library, Member};
use crate::types::*;
use std::collections::{HashMap, HashSet};

mod call;
mod expr;

pub(crate) use expr::const_compare as expr_const_compare;

pub type ObjId = u32;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Builtin {
    Len,
    Cap,
    Make,
    New,
    Append,
    Copy,
    Delete,
    Close,
    Panic,
    Recover,
    Min,
    Max,
    Print,
    Println,
}

#[derive(Clone, Debug)]
pub enum ObjKind {
    /// A variable; `global` is its index among package variables.
    Var {
        global: Option<u32>,
    },
    Const(ConstVal),
    TypeName,
    /// A top-level function: index into [`Info::funcs`].
    Func(usize),
    Builtin(Builtin),
    /// An imported package: its import path.
    Package(String),
    Nil,
    /// A library function implemented by a runtime native.
    Native(String),
}

#[derive(Clone, Debug)]
pub struct Object {
    pub name: String,
    pub kind: ObjKind,
    pub ty: TypeId,
    pub pos: Pos,
    /// Referenced from a function literal other than the declaring function.
    pub captured: bool,
    /// Its address is taken (`&x`, or a pointer-receiver method call).
    pub addr_taken: bool,
    pub used: bool,
    /// The function (decl or literal) that declares it; 0 for package level.
    pub func: u32,
}

/// How a selector expression `x.f` was resolved.
#[derive(Clone, Debug)]
pub enum Selection {
    /// A struct field `index`, reached from x through the embedded fields
    /// `path` (empty unless promoted); `ptr`: x is a pointer to the struct.
    Field {
        index: usize,
        ptr: bool,
        path: Vec<usize>,
    },
    /// A method of a named type, called statically, on the value reached
    /// from x through embedded fields `path`. `recv_ptr`: that value has
    /// pointer type.
    Method {
        named: TypeId,
        def: MethodDef,
        recv_ptr: bool,
        path: Vec<usize>,
    },
    /// An interface method, dispatched dynamically, on x or on the embedded
    /// interface value reached through `path`.
    IfaceMethod { name: String, path: Vec<usize> },
    /// A package member (`fmt.Println`): the object.
    Pkg(ObjId),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Invalid,
    NoValue,
    Value,
    /// An addressable variable.
    Var,
    MapIndex,
    /// A receive or a type assertion (may be used as `v, ok`).
    CommaOk,
    Const,
    Type,
    Builtin(Builtin),
    Package,
    Nil,
}

#[derive(Clone, Debug)]
pub struct TypeAndValue {
    pub mode: Mode,
    pub ty: TypeId,
    pub val: Option<ConstVal>,
}

/// What the checker found out, for the code generator.
pub struct Info {
    pub types: HashMap<NodeId, TypeAndValue>,
    /// Identifier (use or declaration) → object. Blank `_` has no object.
    pub objs: HashMap<NodeId, ObjId>,
    /// Type switch clause `bind_id` → the clause's implicit variable.
    pub implicits: HashMap<NodeId, ObjId>,
    pub selections: HashMap<NodeId, Selection>,
    pub objects: Vec<Object>,
    /// Top-level function declarations (index = `ObjKind::Func` index),
    /// with their object and func type; methods come after functions.
    pub funcs: Vec<FuncInfo>,
    /// Package variables in Go's initialization order: (decl index, spec index).
    pub init_order: Vec<(usize, usize)>,
    /// Package variable objects by global index.
    pub globals: Vec<ObjId>,
    /// Function literal node id → its function id (see `Object::func`).
    pub lit_ids: HashMap<NodeId, u32>,
}

#[derive(Clone, Debug)]
pub struct FuncInfo {
    /// Index into `File::decls`.
    pub decl: usize,
    pub ty: TypeId,
    /// For methods: the named receiver type and whether the receiver is a pointer.
    pub recv: Option<(TypeId, bool)>,
    /// Objects of receiver, params and results in order (None for `_`/unnamed).
    pub params: Vec<Option<ObjId>>,
    pub results: Vec<Option<ObjId>>,
    pub func_id: u32,
}

#[derive(Clone, Debug)]
struct Operand {
    mode: Mode,
    ty: TypeId,
    val: Option<ConstVal>,
}

impl Operand {
    fn invalid() -> Operand {
        Operand {
            mode: Mode::Invalid,
            ty: INVALID,
            val: None,
        }
    }
}

struct FuncCtx {
    id: u32,
    results: Vec<TypeId>,
    named_results: bool,
    /// Locals declared in this function (for "declared but not used").
    locals: Vec<ObjId>,
    /// Enclosing breakable statements: (is_loop, is_switch_or_select, label).
    targets: Vec<(bool, Option<String>)>,
    labels: HashMap<String, (Pos, bool)>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum GState {
    Pending,
    Busy,
    Done,
}

/// Where a package-level object is declared.
#[derive(Clone, Copy)]
enum GDecl {
    Const {
        decl: usize,
        spec: usize,
        idx: usize,
    },
    Var {
        decl: usize,
        spec: usize,
    },
    Type {
        decl: usize,
        spec: usize,
    },
    Func,
}

pub struct Checker<'a> {
    src: &'a [u8],
    file: &'a File,
    pub t: Types,
    lib: Library,
    errs: Vec<(Pos, String)>,
    pub info: Info,
    scopes: Vec<HashMap<String, ObjId>>,
    fstack: Vec<FuncCtx>,
    next_func_id: u32,
    gdecl: HashMap<ObjId, (GDecl, GState)>,
    /// Package-level dependency edges (var/func object → objects it uses).
    deps: HashMap<ObjId, HashSet<ObjId>>,
    /// The package-level object whose declaration is being checked.
    cur_decl: Option<ObjId>,
    iota: Option<i64>,
    imports: Vec<(ObjId, String, Pos, bool)>,
    guard: crate::StackGuard,
    too_deep: bool,
    /// The label of a labeled statement about to be checked.
    pending_label: Option<String>,
    branch_errs: Vec<(Pos, String)>,
}

pub struct CheckResult {
    pub info: Info,
    pub types: Types,
    pub errors: Vec<(Pos, String)>,
}

pub fn check_file(src: &[u8], file: &File) -> CheckResult {
    let mut t = Types::new();
    let lib = Library::new(&mut t);
    let mut c = Checker {
        src,
        file,
        t,
        lib,
        errs: Vec::new(),
        info: Info {
            types: HashMap::new(),
            objs: HashMap::new(),
            implicits: HashMap::new(),
            selections: HashMap::new(),
            objects: Vec::new(),
            funcs: Vec::new(),
            init_order: Vec::new(),
            globals: Vec::new(),
            lit_ids: HashMap::new(),
        },
        scopes: vec![HashMap::new()],
        fstack: Vec::new(),
        next_func_id: 1,
        gdecl: HashMap::new(),
        deps: HashMap::new(),
        cur_decl: None,
        iota: None,
        imports: Vec::new(),
        guard: crate::StackGuard::new(),
        too_deep: false,
        pending_label: None,
        branch_errs: Vec::new(),
    };
    c.universe();
    c.package();
    let mut errors = std::mem::take(&mut c.branch_errs);
    errors.sort_by_key(|e| e.0);
    errors.extend(c.errs);
    CheckResult {
        info: c.info,
        types: c.t,
        errors,
    }
}

fn is_blank(name: &str) -> bool {
    name == "_"
}

impl<'a> Checker<'a> {
    // ---- errors and objects ----

    fn error(&mut self, pos: Pos, msg: impl Into<String>) {
        self.errs.push((pos, msg.into()));
    }

    /// Errors of break/continue/labels: cmd/compile finds them while
    /// parsing, so they are reported before all type errors.
    fn branch_error(&mut self, pos: Pos, msg: impl Into<String>) {
        self.branch_errs.push((pos, msg.into()));
    }

    fn new_obj(&mut self, name: &str, kind: ObjKind, ty: TypeId, pos: Pos) -> ObjId {
        let func = self.fstack.last().map_or(0, |f| f.id);
        self.info.objects.push(Object {
            name: name.into(),
            kind,
            ty,
            pos,
            captured: false,
            addr_taken: false,
            used: false,
            func,
        });
        (self.info.objects.len() - 1) as ObjId
    }

    fn obj(&self, o: ObjId) -> &Object {
        &self.info.objects[o as usize]
    }

    fn obj_mut(&mut self, o: ObjId) -> &mut Object {
        &mut self.info.objects[o as usize]
    }

    /// Declares `name` in the innermost scope, reporting redeclarations.
    fn declare(&mut self, id: &Ident, o: ObjId) {
        self.info.objs.insert(id.id, o);
        if is_blank(&id.name) {
            return;
        }
        let scope = self.scopes.last_mut().unwrap();
        if let Some(&prev) = scope.get(&id.name) {
            let pp = self.obj(prev).pos;
            let (l, c) = lexer::LineIndex::new(self.src).line_col(pp);
            let _ = (l, c);
            let msg = format!(
                "{} redeclared in this block\n\t{}other declaration of {}",
                id.name,
                self.pos_prefix(pp),
                id.name
            );
            self.error(id.pos, msg);
            self.obj_mut(o).used = true;
            return;
        }
        scope.insert(id.name.clone(), o);
    }

    /// "path:line:col: " for a position in a secondary line of a message;
    /// filled in by [`crate::Diagnostics`] (the checker does not know the path).
    fn pos_prefix(&self, pos: Pos) -> String {
        format!("\u{0}{pos}\u{0}")
    }

    fn lookup(&self, name: &str) -> Option<ObjId> {
        for s in self.scopes.iter().rev() {
            if let Some(&o) = s.get(name) {
                return Some(o);
            }
        }
        None
    }

    fn push_scope(&mut self) {
        self.scopes.push(HashMap::new());
    }

    fn pop_scope(&mut self) {
        self.scopes.pop();
    }

    fn record(&mut self, e: &Expr, x: &Operand) {
        self.info.types.insert(
            e.id,
            TypeAndValue {
                mode: x.mode,
                ty: x.ty,
                val: x.val.clone(),
            },
        );
    }

    // ---- universe and package ----

    fn universe(&mut self) {
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
            ("print", B::Print),
            ("println", B::Println),
        ] {
            let o = self.new_obj(n, ObjKind::Builtin(b), INVALID, 0);
            self.scopes[0].insert(n.into(), o);
        }
    }

    fn package(&mut self) {
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
        for imp in &file.imports {
            let Some((pname, _)) = self.lib.packages.get(imp.path.as_str()) else {
                self.error(
                    imp.pos,
                    format!("package {} is not in std (or not supported yet)", imp.path),
                );
                continue;
            };
            let name = imp
                .name
                .as_ref()
                .map_or(pname.to_string(), |n| n.name.clone());
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
            self.imports
                .push((o, imp.path.clone(), imp.pos, imp.name.is_some()));
        }
        // Phase A: declare package-level names.
        let mut func_decls = Vec::new();
        let mut methods = Vec::new();
        for (di, d) in file.decls.iter().enumerate() {
            match d {
                Decl::Func(f) => {
                    if f.recv.is_some() {
                        methods.push(di);
                        continue;
                    }
                    if f.name.name == "init" || f.name.name == "main" {
                        if !f.ty.params.is_empty() || !f.ty.results.is_empty() {
                            self.error(
                                f.name.pos,
                                format!(
                                    "func {} must have no arguments and no return values",
                                    f.name.name
                                ),
                            );
                        }
                    }
                    if f.body.is_none() {
                        self.error(f.name.pos, "missing function body");
                    }
                    let idx = self.info.funcs.len();
                    let fid = self.next_func_id;
                    self.next_func_id += 1;
                    self.info.funcs.push(FuncInfo {
                        decl: di,
                        ty: INVALID,
                        recv: None,
                        params: vec![],
                        results: vec![],
                        func_id: fid,
                    });
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
                        let ty = if s.alias {
                            INVALID
                        } else {
                            self.t.new_named(&s.name.name, "main", INVALID)
                        };
                        let o = self.new_obj(&s.name.name, ObjKind::TypeName, ty, s.name.pos);
                        self.declare_pkg(&s.name, o);
                        self.gdecl
                            .insert(o, (GDecl::Type { decl: di, spec: si }, GState::Pending));
                    }
                }
            }
        }
        // Phase B: type declarations.
        let type_objs: Vec<ObjId> = self
            .gdecl
            .iter()
            .filter(|(_, (d, _))| matches!(d, GDecl::Type { .. }))
            .map(|(o, _)| *o)
            .collect();
        let mut type_objs = type_objs;
        type_objs.sort();
        for &o in &type_objs {
            self.resolve_global(o);
        }
        self.check_recursive_types(&type_objs);
        // Phase C: methods.
        for di in methods {
            self.declare_method(di);
        }
        // Phase D: function signatures.
        for &(idx, o) in &func_decls {
            let di = self.info.funcs[idx].decl;
            let Decl::Func(f) = &file.decls[di] else {
                continue;
            };
            let ty = self.func_type(&f.ty);
            self.info.funcs[idx].ty = ty;
            self.obj_mut(o).ty = ty;
        }
        // Phase E: constants and variables, in source order (dependencies on demand).
        let mut pending: Vec<ObjId> = self
            .gdecl
            .iter()
            .filter(|(_, (_, s))| *s == GState::Pending)
            .map(|(o, _)| *o)
            .collect();
        pending.sort();
        for o in pending {
            self.resolve_global(o);
        }
        // Phase F: bodies.
        for idx in 0..self.info.funcs.len() {
            self.func_body(idx);
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

    /// `invalid recursive type T`: a type that contains itself by value
    /// (through struct fields or array elements, not pointers, slices, maps,
    /// channels or functions) has no size. Reported once per cycle at its
    /// first declared type, with Go's "refers to" lines; the cycle is then
    /// cut (the type's underlying type becomes invalid) so that nothing
    /// later recurses through it forever.
    fn check_recursive_types(&mut self, type_objs: &[ObjId]) {
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

    fn lookup_pkg(&self, name: &str) -> Option<ObjId> {
        self.scopes[1].get(name).copied()
    }

    fn declare_pkg(&mut self, id: &Ident, o: ObjId) {
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
    fn resolve_global(&mut self, o: ObjId) {
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
        match d {
            GDecl::Type { decl, spec } => {
                let Decl::Type(specs) = &file.decls[decl] else {
                    unreachable!()
                };
                let s = &specs[spec];
                let under = self.type_expr(&s.ty);
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
                self.const_spec(&specs[spec], Some(idx), true);
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
        let is_local_named = self.t.named_info(named).is_some_and(|n| n.pkg == "main")
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
            let tname = self.t.type_string(named, false);
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
        let fid = self.next_func_id;
        self.next_func_id += 1;
        self.info.funcs.push(FuncInfo {
            decl: di,
            ty: sig,
            recv: Some((named, ptr)),
            params: vec![],
            results: vec![],
            func_id: fid,
        });
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
            ds.sort();
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

    fn note_dep(&mut self, o: ObjId) {
        if let Some(cur) = self.cur_decl {
            if matches!(
                self.obj(o).kind,
                ObjKind::Var { global: Some(_) } | ObjKind::Func(_)
            ) {
                self.deps.entry(cur).or_default().insert(o);
            }
        }
    }

    // ---- declarations ----

    fn const_spec(&mut self, s: &ConstSpec, only: Option<usize>, global: bool) {
        let saved = self.iota.replace(s.iota);
        let ty = s.ty.as_ref().map(|t| self.type_expr(t));
        if let Some(t) = ty {
            if !self.t.is_invalid(t) && !matches!(self.t.under(t), Type::Basic(_)) {
                let ts = self.t.type_string(t, false);
                self.error(
                    s.ty.as_ref().unwrap().pos,
                    format!("invalid constant type {ts}"),
                );
            }
        }
        if s.values.is_empty() {
            self.error(s.names[0].pos, "missing init expr for const declaration");
        }
        for (i, n) in s.names.iter().enumerate() {
            if let Some(k) = only {
                if k != i {
                    continue;
                }
            }
            let Some(e) = s.values.get(i) else {
                if i == s.values.len() && !s.values.is_empty() {
                    self.error(n.pos, "missing init expr for const declaration");
                }
                continue;
            };
            let mut x = self.expr(e, None);
            if x.mode != Mode::Invalid && x.mode != Mode::Const {
                let d = self.describe(e, &x);
                self.error(e.pos, format!("{d} is not constant"));
                x = Operand::invalid();
            }
            if let (Some(t), Mode::Const) = (ty, x.mode) {
                self.assignment(&mut x, t, "constant declaration", e);
            }
            let o = if global {
                self.info.objs.get(&n.id).copied()
            } else {
                let o = self.new_obj(&n.name, ObjKind::Const(ConstVal::Int(0)), INVALID, n.pos);
                Some(o)
            };
            if let Some(o) = o {
                self.obj_mut(o).ty = x.ty;
                self.obj_mut(o).kind = ObjKind::Const(x.val.clone().unwrap_or(ConstVal::Int(0)));
                self.obj_mut(o).used = true;
                if !global {
                    self.declare(n, o);
                }
            }
        }
        if s.values.len() > s.names.len() {
            self.error(s.values[s.names.len()].pos, "extra init expr");
        }
        self.iota = saved;
    }

    /// Types and checks a var spec's values; sets the objects' types.
    fn var_spec_types(&mut self, s: &VarSpec, objs: &[Option<ObjId>]) {
        let ty = s.ty.as_ref().map(|t| self.type_expr(t));
        if s.values.is_empty() {
            for o in objs.iter().flatten() {
                self.obj_mut(*o).ty = ty.unwrap_or(INVALID);
            }
            return;
        }
        let types = self.assign_values(
            &s.names.iter().map(|n| n.pos).collect::<Vec<_>>(),
            ty,
            &s.values,
            "variable declaration",
            s.names[0].pos,
        );
        for (o, t) in objs.iter().zip(types) {
            if let Some(o) = o {
                self.obj_mut(*o).ty = t;
                if t == INVALID {
                    self.obj_mut(*o).used = true;
                }
            }
        }
    }

    /// Checks `n` names = values (var decl or :=), with optional declared
    /// type; returns the type of each name.
    fn assign_values(
        &mut self,
        names: &[Pos],
        ty: Option<TypeId>,
        values: &[Expr],
        ctx: &str,
        pos: Pos,
    ) -> Vec<TypeId> {
        let n = names.len();
        if values.len() == 1 && n > 1 {
            // v1, v2 = f() / m[k] / <-ch / x.(T)
            let x = self.expr(&values[0], None);
            let tys: Vec<TypeId> = match (self.t.get(x.ty).clone(), x.mode) {
                (Type::Tuple(ts), _) => ts,
                (_, Mode::MapIndex | Mode::CommaOk) if n == 2 => {
                    let b = self.t.basic(Basic::Bool);
                    self.mark_comma_ok(&values[0]);
                    vec![x.ty, b]
                }
                _ => {
                    if x.mode != Mode::Invalid {
                        self.assign_mismatch(pos, n, 1, &values[0], &x);
                    }
                    return vec![INVALID; n];
                }
            };
            if tys.len() != n {
                self.assign_mismatch(pos, n, tys.len(), &values[0], &x);
                return vec![INVALID; n];
            }
            return tys
                .into_iter()
                .map(|t| {
                    if let Some(dt) = ty {
                        let mut op = Operand {
                            mode: Mode::Value,
                            ty: t,
                            val: None,
                        };
                        self.assignment(&mut op, dt, ctx, &values[0]);
                        dt
                    } else {
                        t
                    }
                })
                .collect();
        }
        if values.len() != n {
            let mut out = Vec::new();
            for v in values {
                let x = self.expr(v, None);
                if let Type::Tuple(ts) = self.t.get(x.ty) {
                    if values.len() == 1 {
                        let k = ts.len();
                        self.assign_mismatch(pos, n, k, v, &x);
                        return vec![INVALID; n];
                    }
                }
            }
            self.error(
                values[0].pos,
                format!(
                    "assignment mismatch: {} variable{} but {} value{}",
                    n,
                    plural(n),
                    values.len(),
                    plural(values.len())
                ),
            );
            out.resize(n, INVALID);
            return out;
        }
        let mut out = Vec::new();
        for v in values {
            let mut x = self.expr(v, None);
            self.single_value(v, &mut x);
            match ty {
                Some(t) => {
                    self.assignment(&mut x, t, ctx, v);
                    out.push(t);
                }
                None => {
                    if x.mode == Mode::Nil {
                        self.error(v.pos, format!("use of untyped nil in {ctx}"));
                        out.push(INVALID);
                        continue;
                    }
                    if x.mode == Mode::Invalid {
                        out.push(INVALID);
                        continue;
                    }
                    let dt = self.t.default_type(x.ty);
                    self.assignment(&mut x, dt, ctx, v);
                    out.push(if x.mode == Mode::Invalid { INVALID } else { dt });
                }
            }
        }
        out
    }

    fn assign_mismatch(&mut self, pos: Pos, n: usize, k: usize, v: &Expr, x: &Operand) {
        if let ExprKind::Call { fun, .. } = &v.unparen().kind {
            let fs = self.expr_string(fun);
            self.error(
                v.pos,
                format!(
                    "assignment mismatch: {} variable{} but {} returns {} value{}",
                    n,
                    plural(n),
                    fs,
                    k,
                    plural(k)
                ),
            );
        } else {
            let _ = (x, pos);
            self.error(
                v.pos,
                format!(
                    "assignment mismatch: {} variable{} but {} value{}",
                    n,
                    plural(n),
                    k,
                    plural(k)
                ),
            );
        }
    }

    /// Records that a map index / receive / assertion is used in comma-ok form.
    fn mark_comma_ok(&mut self, e: &Expr) {
        let b = self.t.basic(Basic::Bool);
        if let Some(tv) = self.info.types.get(&e.id).cloned() {
            let tup = self.t.intern(Type::Tuple(vec![tv.ty, b]));
            self.info.types.insert(
                e.id,
                TypeAndValue {
                    mode: tv.mode,
                    ty: tup,
                    val: None,
                },
            );
        }
    }

    fn func_type(&mut self, ft: &FuncType) -> TypeId {
        let mut params = Vec::new();
        for (i, f) in ft.params.iter().enumerate() {
            let mut t = self.type_expr(&f.ty);
            if ft.variadic && i + 1 == ft.params.len() {
                t = self.t.intern(Type::Slice(t));
            }
            for _ in 0..f.names.len().max(1) {
                params.push(t);
            }
        }
        let mut results = Vec::new();
        for f in &ft.results {
            let t = self.type_expr(&f.ty);
            for _ in 0..f.names.len().max(1) {
                results.push(t);
            }
        }
        self.t.intern(Type::Func {
            params,
            results,
            variadic: ft.variadic,
        })
    }

    // ---- function bodies ----

    fn func_body(&mut self, idx: usize) {
        let file = self.file;
        let fi = self.info.funcs[idx].clone();
        let Decl::Func(f) = &file.decls[fi.decl] else {
            return;
        };
        let Some(body) = &f.body else { return };
        let o = self.lookup_pkg(&f.name.name);
        self.cur_decl = if f.recv.is_none() { o } else { None };
        let sig = fi.ty;
        self.fstack.push(FuncCtx {
            id: fi.func_id,
            results: vec![],
            named_results: false,
            locals: vec![],
            targets: vec![],
            labels: HashMap::new(),
        });
        self.push_scope();
        let mut params = Vec::new();
        if let Some(r) = &f.recv {
            let (named, ptr) = fi.recv.unwrap();
            let rt = if ptr {
                self.t.intern(Type::Pointer(named))
            } else {
                named
            };
            match r.names.first() {
                Some(n) => {
                    let o = self.new_obj(&n.name, ObjKind::Var { global: None }, rt, n.pos);
                    self.obj_mut(o).used = true;
                    self.declare(n, o);
                    params.push(if is_blank(&n.name) { None } else { Some(o) });
                }
                None => params.push(None),
            }
        }
        let (ps, rs) = self.declare_params(&f.ty, sig);
        params.extend(ps);
        self.info.funcs[idx].params = params;
        self.info.funcs[idx].results = rs;
        self.body(body, sig, f.ty.results.iter().any(|r| !r.names.is_empty()));
        self.pop_scope();
        self.finish_func();
        self.cur_decl = None;
    }

    fn declare_params(
        &mut self,
        ft: &FuncType,
        sig: TypeId,
    ) -> (Vec<Option<ObjId>>, Vec<Option<ObjId>>) {
        let Some((pt, rt, _)) = self
            .t
            .func_sig(sig)
            .map(|(a, b, c)| (a.to_vec(), b.to_vec(), c))
        else {
            return (vec![], vec![]);
        };
        let mut params = Vec::new();
        let mut k = 0;
        for f in &ft.params {
            if f.names.is_empty() {
                params.push(None);
                k += 1;
            }
            for n in &f.names {
                let o = self.new_obj(
                    &n.name,
                    ObjKind::Var { global: None },
                    pt.get(k).copied().unwrap_or(INVALID),
                    n.pos,
                );
                self.obj_mut(o).used = true;
                self.declare(n, o);
                params.push(Some(o));
                k += 1;
            }
        }
        let mut results = Vec::new();
        k = 0;
        for f in &ft.results {
            if f.names.is_empty() {
                results.push(None);
                k += 1;
            }
            for n in &f.names {
                let o = self.new_obj(
                    &n.name,
                    ObjKind::Var { global: None },
                    rt.get(k).copied().unwrap_or(INVALID),
                    n.pos,
                );
                self.obj_mut(o).used = true;
                self.declare(n, o);
                results.push(Some(o));
                k += 1;
            }
        }
        let fc = self.fstack.last_mut().unwrap();
        fc.results = rt;
        (params, results)
    }

    fn body(&mut self, body: &Block, sig: TypeId, named_results: bool) {
        let _ = sig;
        self.fstack.last_mut().unwrap().named_results = named_results;
        self.stmts(&body.stmts);
        let has_results = !self.fstack.last().unwrap().results.is_empty();
        if has_results && !self.terminating_list(&body.stmts) {
            self.error(body.rbrace, "missing return");
        }
    }

    fn finish_func(&mut self) {
        let fc = self.fstack.pop().unwrap();
        for o in fc.locals {
            let ob = self.obj(o);
            if !ob.used && !is_blank(&ob.name) {
                let (p, n) = (ob.pos, ob.name.clone());
                self.error(p, format!("{n} declared but not used"));
            }
        }
        for (name, (pos, used)) in fc.labels {
            if !used {
                self.branch_error(pos, format!("label {name} defined and not used"));
            }
        }
    }

    fn declare_local(&mut self, id: &Ident, ty: TypeId) -> ObjId {
        let o = self.new_obj(&id.name, ObjKind::Var { global: None }, ty, id.pos);
        self.declare(id, o);
        if let Some(f) = self.fstack.last_mut() {
            f.locals.push(o);
        }
        o
    }

    // ---- statements ----

    fn stmts(&mut self, list: &[Stmt]) {
        for s in list {
            self.stmt(s);
        }
    }

    fn block(&mut self, b: &Block) {
        self.push_scope();
        self.stmts(&b.stmts);
        self.pop_scope();
    }

    fn stmt(&mut self, s: &Stmt) {
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
                                    self.t.type_string(x.ty, false)
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
                            self.t.type_string(op.ty, false)
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
                            Some((is_loop, _)) => {
                                if !is_break && !is_loop {
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
                        } else if !fc.targets.iter().any(|t| t.0) {
                            self.branch_error(s.pos, "continue is not in a loop");
                        }
                    }
                }
            }
            StmtKind::Goto(l) => {
                self.branch_error(l.pos, "goto is not supported yet");
            }
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
                self.push_target(s, false);
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

    fn push_target(&mut self, s: &Stmt, is_loop: bool) {
        let _ = s;
        let label = self.pending_label.take();
        self.fstack
            .last_mut()
            .unwrap()
            .targets
            .push((is_loop, label));
    }

    fn loop_body(&mut self, body: &Block, s: &Stmt) {
        self.push_target(s, true);
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
                    self.const_spec(s, None, false);
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
                    let named = self.t.new_named(&s.name.name, "main", INVALID);
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
                                let ts = self.t.type_string(t, false);
                                let os = self.t.type_string(ot, false);
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
                let res = self.binary_op(s.pos, l, r, bop, x.clone(), y, true);
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
        let v: Vec<String> = ts.iter().map(|t| self.t.type_string(*t, false)).collect();
        format!("({})", v.join(", "))
    }

    /// Go's "have (number, string)" rendering of argument types.
    fn have_string(&self, ops: &[Operand]) -> String {
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
                    self.t.type_string(o.ty, false)
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
                    if value.is_some() {
                        self.error(
                            value.unwrap().pos,
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
        self.push_target(s, false);
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
                                    self.error(e.pos, format!("invalid case {d} in switch (mismatched types {} and bool)", self.t.type_string(x.ty, false)));
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
        self.push_target(s, false);
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
                            let ts = self.t.type_string(t, false);
                            let is = self.t.type_string(iface, false);
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

    fn terminating_list(&self, list: &[Stmt]) -> bool {
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
                cond.is_none() && !has_break(&body.stmts, label, true)
            }
            StmtKind::Labeled(l, inner) => self.terminating(inner, Some(&l.name)),
            StmtKind::Switch { clauses, .. } | StmtKind::TypeSwitch { clauses, .. } => {
                clauses.iter().any(|c| c.list.is_none())
                    && clauses.iter().all(|c| {
                        !has_break(&c.body, label, true)
                            && (self.terminating_list(&c.body)
                                || c.body
                                    .last()
                                    .is_some_and(|l| matches!(l.kind, StmtKind::Fallthrough)))
                    })
            }
            StmtKind::Select { clauses } => clauses
                .iter()
                .all(|c| !has_break(&c.body, label, true) && self.terminating_list(&c.body)),
            _ => false,
        }
    }
}

/// Whether `list` contains a break that targets the enclosing statement
/// (unlabeled at the top nesting level, or labeled with `label`).
fn has_break(list: &[Stmt], label: Option<&str>, top: bool) -> bool {
    list.iter().any(|s| stmt_has_break(s, label, top))
}

fn stmt_has_break(s: &Stmt, label: Option<&str>, top: bool) -> bool {
    match &s.kind {
        StmtKind::Break(None) => top,
        StmtKind::Break(Some(l)) => Some(l.name.as_str()) == label,
        StmtKind::Block(b) => has_break(&b.stmts, label, top),
        StmtKind::If { then, els, .. } => {
            has_break(&then.stmts, label, top)
                || els.as_ref().is_some_and(|e| stmt_has_break(e, label, top))
        }
        StmtKind::Labeled(_, inner) => stmt_has_break(inner, label, top),
        StmtKind::For { body, .. } | StmtKind::Range { body, .. } => {
            has_break(&body.stmts, label, false)
        }
        StmtKind::Switch { clauses, .. } | StmtKind::TypeSwitch { clauses, .. } => {
            clauses.iter().any(|c| has_break(&c.body, label, false))
        }
        StmtKind::Select { clauses } => clauses.iter().any(|c| has_break(&c.body, label, false)),
        _ => false,
    }
}

fn callee_id(e: &Expr) -> NodeId {
    match &e.unparen().kind {
        ExprKind::Call { fun, .. } => fun.unparen().id,
        _ => 0,
    }
}

fn index_base(e: &Expr) -> NodeId {
    match &e.unparen().kind {
        ExprKind::Index(x, _) => x.id,
        _ => 0,
    }
}

pub(crate) fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
