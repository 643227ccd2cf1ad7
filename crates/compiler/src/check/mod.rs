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
//!
//! This module holds the checker's state, objects, scopes and errors, and
//! function bodies; the rest is split by what is checked: `package` (the
//! universe, package-level resolution, init order), `decl`, `stmt`, `expr`
//! (with `ops`, `selector`, `composite`, `call`) and `typexpr`.

use crate::ast::*;
use crate::lexer::{self, Tok};
use crate::library::{Library, Member};
use crate::types::*;
use std::collections::{HashMap, HashSet};

mod call;
mod clear;
mod composite;
mod decl;
mod expr;
mod generic;
mod infer;
mod labels;
mod methodexpr;
mod ops;
mod package;
mod rangefunc;
mod selector;
mod stmt;
mod typexpr;

pub(crate) use ops::const_compare as expr_const_compare;

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
    Clear,
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
    /// A generic function or type: index into the checker's generics. Only
    /// its instances are compiled.
    Generic(usize),
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
    /// A generic function or type not instantiated yet: its index.
    Generic(usize),
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
    /// `F[int]` (an index expression instantiating a generic function) →
    /// the instance's object.
    pub insts: HashMap<NodeId, ObjId>,
    /// Statements the checker rewrote into simpler Go, compiled in their
    /// place: a range over a function (keyed by its range expression's
    /// id, see `rangefunc`) and `clear(x)` (keyed by the call's id).
    pub rewrites: HashMap<NodeId, std::rc::Rc<Stmt>>,
    /// Expressions rewritten the same way, compiled in their place: a
    /// method expression `T.M` and `new(expr)` (see `methodexpr`).
    pub expr_rewrites: HashMap<NodeId, std::rc::Rc<Expr>>,
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
    /// An instance of generic code: the checker's copy of the declaration
    /// (with its own node ids) that it checked and that is compiled.
    pub inst: Option<std::rc::Rc<FuncDecl>>,
    /// The instance's type parameters and the types bound to them.
    pub tbind: Vec<(String, TypeId)>,
    /// Checked but never compiled: a generic body with its type parameters
    /// bound to stand-ins (see `check::generic`).
    pub check_only: bool,
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
    /// Enclosing breakable statements: (kind, label).
    targets: Vec<(Breakable, Option<String>)>,
    labels: HashMap<String, (Pos, bool)>,
}

/// Whether a binary operation is an expression (`x + y`) or an assignment
/// operator (`x += y`), which Go's messages quote as such.
#[derive(Clone, Copy, PartialEq, Eq)]
enum BinaryForm {
    Expr,
    AssignOp,
}

/// Where a declaration is: package-level objects exist before their specs
/// are checked; local ones are created and declared by them.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Level {
    Package,
    Local,
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
    /// The unit (program or linked library package, see [`ast::Unit`])
    /// whose package and file scopes are `scopes[1]` and `scopes[2]`.
    unit: usize,
    /// The other units' package and file scopes, while not entered.
    unit_scopes: Vec<(HashMap<String, ObjId>, HashMap<String, ObjId>)>,
    /// Import path of a library package written in Go → its unit.
    source_pkgs: HashMap<String, usize>,
    /// Generic functions and types, with their instances.
    generics: Vec<generic::Generic>,
    /// Instance of a generic type → (generic, type arguments).
    inst_of: HashMap<TypeId, (usize, Vec<TypeId>)>,
    /// Named constraint interfaces (`comparable`, `type Number interface
    /// { ~int | ~float64 }`): their type sets.
    constraints: HashMap<TypeId, generic::TypeSet>,
    /// Resolving a constraint, where interfaces with type sets are allowed.
    in_constraint: bool,
    /// The type set of the interface literal just resolved, if it has one.
    last_type_set: Option<generic::TypeSet>,
    /// `F[int]` with fewer type arguments than F has: the explicit ones,
    /// for the call to infer the rest.
    partial: HashMap<NodeId, Vec<TypeId>>,
    /// How deep instantiations nest (bounded: `F[T]` may call `F[[]T]`):
    /// in type and signature resolution, and through the bodies of
    /// instances (`inst_levels`: an instance's level, one more than that of
    /// the body that instantiated it; `cur_inst_level`: the body's).
    inst_depth: u32,
    inst_levels: HashMap<usize, u32>,
    cur_inst_level: u32,
    /// Where copies of generic declarations get fresh node ids.
    next_id: NodeId,
    /// Stand-in types for type parameters → their constraint as written.
    stand_ins: HashMap<TypeId, String>,
    /// Errors found in generic bodies checked with stand-ins, and those
    /// found in real instances (shown only if there are none of the first:
    /// they are the same mistakes in the instances' types).
    stand_in_errs: usize,
    inst_errs: Vec<(Pos, String)>,
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
            insts: HashMap::new(),
            rewrites: HashMap::new(),
            expr_rewrites: HashMap::new(),
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
        unit: 0,
        unit_scopes: Vec::new(),
        source_pkgs: HashMap::new(),
        generics: Vec::new(),
        inst_of: HashMap::new(),
        constraints: HashMap::new(),
        in_constraint: false,
        last_type_set: None,
        partial: HashMap::new(),
        inst_depth: 0,
        inst_levels: HashMap::new(),
        cur_inst_level: 0,
        next_id: file.next_id,
        stand_ins: HashMap::new(),
        stand_in_errs: 0,
        inst_errs: Vec::new(),
    };
    c.universe();
    c.package();
    let mut errors = std::mem::take(&mut c.branch_errs);
    crate::sort_by_position(&mut errors);
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

    /// Adds a function (or method) declared at `decl`, with a new function
    /// id; its params and results are filled in when its body is checked.
    fn push_func(&mut self, decl: usize, ty: TypeId, recv: Option<(TypeId, bool)>) -> usize {
        let func_id = self.next_func_id;
        self.next_func_id += 1;
        self.info.funcs.push(FuncInfo {
            decl,
            ty,
            recv,
            params: vec![],
            results: vec![],
            func_id,
            inst: None,
            tbind: vec![],
            check_only: false,
        });
        self.info.funcs.len() - 1
    }

    /// Makes function `idx` an instance of generic code: the copy it is
    /// checked and compiled from, and its type parameters' bindings.
    fn set_instance(
        &mut self,
        idx: usize,
        decl: std::rc::Rc<FuncDecl>,
        tbind: Vec<(String, TypeId)>,
        check_only: bool,
    ) {
        let fi = &mut self.info.funcs[idx];
        fi.inst = Some(decl);
        fi.tbind = tbind;
        fi.check_only = check_only;
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

    // ---- function bodies ----

    fn func_body(&mut self, idx: usize) {
        let file = self.file;
        let fi = self.info.funcs[idx].clone();
        let f: &FuncDecl = match (&fi.inst, &file.decls[fi.decl]) {
            (Some(inst), _) => inst,
            (None, Decl::Func(f)) => f,
            _ => return,
        };
        let Some(body) = &f.body else { return };
        // An instance's type parameters name the types bound to them.
        self.push_scope();
        self.declare_tparams(&fi.tbind, f.pos);
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
        let before = self.errs.len();
        self.cur_inst_level = self.inst_levels.get(&idx).copied().unwrap_or(0);
        self.body(body, sig, f.ty.results.iter().any(|r| !r.names.is_empty()));
        self.cur_inst_level = 0;
        self.pop_scope();
        self.finish_func();
        self.pop_scope();
        self.cur_decl = None;
        if fi.check_only {
            self.stand_in_errs += self.errs.len() - before;
        } else if fi.inst.is_some() {
            let found = self.errs.split_off(before);
            self.inst_errs.extend(found);
        }
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
        self.check_gotos(body);
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

    /// Makes unit `u`'s package and file scopes the current ones; returns
    /// the unit that was current, to enter again after.
    pub(super) fn enter_unit(&mut self, u: usize) -> usize {
        let prev = self.unit;
        if u != prev && u < self.unit_scopes.len() {
            let (p, f) = std::mem::take(&mut self.unit_scopes[u]);
            let old_p = std::mem::replace(&mut self.scopes[1], p);
            let old_f = std::mem::replace(&mut self.scopes[2], f);
            self.unit_scopes[prev] = (old_p, old_f);
            self.unit = u;
        }
        prev
    }

    /// The unit of the package-level declaration `di`.
    pub(super) fn unit_of(&self, di: usize) -> usize {
        self.file.unit_of(di)
    }

    fn declare_local(&mut self, id: &Ident, ty: TypeId) -> ObjId {
        let o = self.new_obj(&id.name, ObjKind::Var { global: None }, ty, id.pos);
        self.declare(id, o);
        if let Some(f) = self.fstack.last_mut() {
            f.locals.push(o);
        }
        o
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
