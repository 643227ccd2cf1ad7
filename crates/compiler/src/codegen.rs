//! Lowers the checked tree to `golab_bytecode` register code.
//!
//! Registers are allocated like a stack (Lua style): locals get a register
//! when declared and keep it until their block ends; temporaries sit above
//! them and are released after each statement, so a call always happens at
//! the top of the registers in use, as the calling convention requires.
//! Variables resolve to a location at compile time ([`Loc`]): a register,
//! a heap cell (for variables captured by closures or whose address is
//! taken), a closure capture, or a global. Every instruction is stamped with
//! the position of the statement or expression being compiled, so run-time
//! panics can name `prog.go:LINE`.

use crate::ast::*;
use crate::check::{Builtin, CheckResult, Info, Mode, ObjId, ObjKind, Selection};
use crate::lexer::{LineIndex, Tok};
use crate::types::{Basic, ConstVal, Dir, MethodImpl, Type, TypeId, Types, INVALID};
use golab_bytecode as bc;
use golab_bytecode::{ConvKind, IntKind, Op, Reg};
use std::collections::HashMap;

/// Where a variable lives.
#[derive(Clone, Copy, Debug)]
enum Loc {
    /// Its value is in this register.
    Reg(Reg),
    /// This register holds a pointer to a one-word heap cell with the value.
    Cell(Reg),
    /// Capture `idx` of the running closure; `cell`: the capture is a cell
    /// pointer (otherwise it is the value itself, e.g. an aggregate ref).
    Upval(u16, bool),
    Global(u32),
}

struct LoopCtx {
    label: Option<String>,
    breaks: Vec<u32>,
    continues: Vec<u32>,
    is_loop: bool,
}

struct FnState {
    f: bc::Function,
    next_reg: u32,
    max_reg: u32,
    vars: HashMap<ObjId, Loc>,
    /// Captured objects of this closure, in capture order.
    upvals: Vec<ObjId>,
    loops: Vec<LoopCtx>,
    /// For functions with defers: registers or variables holding results.
    result_locs: Vec<Loc>,
    has_defer: bool,
    epilogue_jumps: Vec<u32>,
    lit_counter: u32,
    /// Pending label for the next loop/switch/select.
    label: Option<String>,
    /// Jumps to the next case body (fallthrough), patched by switch.
    fallthrough: Vec<u32>,
}

pub struct Gen<'a> {
    file: &'a File,
    info: &'a Info,
    t: &'a Types,
    li: LineIndex,
    path: String,
    prog: bc::Program,
    type_map: HashMap<TypeId, u32>,
    /// Descriptors given an id by `btype` but not filled in yet.
    btype_pending: Vec<(TypeId, u32)>,
    /// Whether a `btype` call up the stack is filling them in.
    btype_filling: bool,
    /// FuncInfo index → bytecode function id.
    func_ids: Vec<u32>,
    /// Decl index → FuncInfo index (for methods).
    decl_func: HashMap<usize, usize>,
    fns: Vec<FnState>,
    pos: bc::Pos,
    errors: Vec<(Pos, String)>,
    any_t: TypeId,
    thunks: HashMap<String, u32>,
    /// Result types of the functions being compiled (innermost last).
    cur_sig_results: Vec<Vec<TypeId>>,
}

type R<T> = Result<T, ()>;

pub fn generate(
    path: &str,
    src: &[u8],
    file: &File,
    res: &CheckResult,
) -> Result<bc::Program, Vec<(Pos, String)>> {
    let any_t = res
        .types
        .list
        .iter()
        .position(|t| matches!(t, Type::Interface(m) if m.is_empty()))
        .unwrap_or(0) as TypeId;
    let mut g = Gen {
        file,
        info: &res.info,
        t: &res.types,
        li: LineIndex::new(src),
        path: path.to_string(),
        prog: bc::Program::default(),
        type_map: HashMap::new(),
        btype_pending: Vec::new(),
        btype_filling: false,
        func_ids: Vec::new(),
        decl_func: HashMap::new(),
        fns: Vec::new(),
        pos: bc::Pos { line: 1, col: 1 },
        errors: Vec::new(),
        any_t,
        thunks: HashMap::new(),
        cur_sig_results: Vec::new(),
    };
    g.program();
    if g.errors.is_empty() {
        if let Err(e) = g.prog.validate() {
            g.errors.push((0, format!("internal compiler error: {e}")));
        }
    }
    if g.errors.is_empty() {
        Ok(g.prog)
    } else {
        Err(g.errors)
    }
}

fn int_kind(b: Basic) -> IntKind {
    match b {
        Basic::Int8 => IntKind::I8,
        Basic::Int16 => IntKind::I16,
        Basic::Int32 | Basic::UntypedRune => IntKind::I32,
        Basic::Uint8 => IntKind::U8,
        Basic::Uint16 => IntKind::U16,
        Basic::Uint32 => IntKind::U32,
        Basic::Uint | Basic::Uint64 | Basic::Uintptr => IntKind::U64,
        _ => IntKind::I64,
    }
}

impl<'a> Gen<'a> {
    // ---- program structure ----

    fn program(&mut self) {
        // Function ids for all declared functions and methods first, so
        // calls and method tables can refer to them.
        for (i, fi) in self.info.funcs.iter().enumerate() {
            let Decl::Func(f) = &self.file.decls[fi.decl] else {
                continue;
            };
            let name = match fi.recv {
                None => format!("main.{}", f.name.name),
                Some((named, ptr)) => {
                    let tn = self
                        .t
                        .named_info(named)
                        .map_or("?".to_string(), |n| n.name.clone());
                    if ptr {
                        format!("main.(*{tn}).{}", f.name.name)
                    } else {
                        format!("main.{tn}.{}", f.name.name)
                    }
                }
            };
            let id = self.prog.functions.len() as u32;
            let line = self.li.line(f.pos);
            self.prog.functions.push(bc::Function {
                name,
                file: self.path.clone(),
                decl_line: line,
                ..Default::default()
            });
            self.func_ids.push(id);
            self.decl_func.insert(fi.decl, i);
        }
        // init functions are named main.init.0, main.init.1, ...
        let mut n_init = 0;
        let mut inits = Vec::new();
        for (i, fi) in self.info.funcs.iter().enumerate() {
            let Decl::Func(f) = &self.file.decls[fi.decl] else {
                continue;
            };
            if fi.recv.is_none() && f.name.name == "init" {
                self.prog.functions[self.func_ids[i] as usize].name = format!("main.init.{n_init}");
                n_init += 1;
                inits.push(self.func_ids[i]);
            }
            if fi.recv.is_none() && f.name.name == "main" {
                self.prog.main = self.func_ids[i];
            }
        }
        // Globals.
        for &o in &self.info.globals {
            let ob = &self.info.objects[o as usize];
            let ty = self.btype(ob.ty);
            self.prog.globals.push(bc::Global {
                name: format!("main.{}", ob.name),
                ty,
            });
        }
        // Bodies.
        for i in 0..self.info.funcs.len() {
            self.func_decl(i);
        }
        // The package initializer.
        if !self.info.init_order.is_empty() || !inits.is_empty() {
            let id = self.prog.functions.len() as u32;
            self.prog.functions.push(bc::Function {
                name: "main.init".into(),
                file: self.path.clone(),
                ..Default::default()
            });
            self.begin_fn(id);
            let order = self.info.init_order.clone();
            for (di, si) in order {
                let Decl::Var(specs) = &self.file.decls[di] else {
                    continue;
                };
                let spec = &specs[si];
                self.pos = self.bpos(spec.pos);
                let _ = self.var_spec(spec);
                self.free_to(0);
            }
            for f in inits {
                let base = self.top();
                self.emit(Op::Call {
                    func: f,
                    base,
                    nargs: 0,
                    nret: 0,
                });
            }
            let r = self.top();
            self.emit(Op::Return { src: r, n: 0 });
            let f = self.end_fn();
            self.prog.functions[id as usize] = f;
            self.prog.init = Some(id);
        }
    }

    fn bpos(&self, p: Pos) -> bc::Pos {
        let (line, col) = self.li.line_col(p);
        bc::Pos { line, col }
    }

    fn err(&mut self, p: Pos, msg: impl Into<String>) {
        self.errors.push((p, msg.into()));
    }

    fn begin_fn(&mut self, _id: u32) {
        self.fns.push(FnState {
            f: bc::Function::default(),
            next_reg: 0,
            max_reg: 0,
            vars: HashMap::new(),
            upvals: Vec::new(),
            loops: Vec::new(),
            result_locs: Vec::new(),
            has_defer: false,
            epilogue_jumps: Vec::new(),
            lit_counter: 0,
            label: None,
            fallthrough: Vec::new(),
        });
    }

    fn end_fn(&mut self) -> bc::Function {
        let st = self.fns.pop().unwrap();
        let mut f = st.f;
        if st.max_reg > u16::MAX as u32 - 8 {
            self.errors
                .push((0, "function too large: too many registers".into()));
        }
        f.num_regs = (st.max_reg + 1).min(u16::MAX as u32) as u16;
        f
    }

    fn fs(&mut self) -> &mut FnState {
        self.fns.last_mut().unwrap()
    }

    fn emit(&mut self, op: Op) -> u32 {
        let pos = self.pos;
        self.fs().f.emit(op, pos)
    }

    fn here(&mut self) -> u32 {
        self.fs().f.code.len() as u32
    }

    fn patch(&mut self, at: u32) {
        let target = self.here();
        self.fs().f.patch_jump(at, target);
    }

    fn jump(&mut self) -> u32 {
        self.emit(Op::Jump { target: 0 })
    }

    fn top(&mut self) -> Reg {
        Reg(self.fs().next_reg.min(u16::MAX as u32) as u16)
    }

    fn alloc(&mut self) -> Reg {
        self.alloc_n(1)
    }

    fn alloc_n(&mut self, n: u32) -> Reg {
        let fs = self.fs();
        let r = fs.next_reg;
        fs.next_reg += n;
        if fs.next_reg > fs.max_reg {
            fs.max_reg = fs.next_reg;
        }
        Reg(r.min(u16::MAX as u32) as u16)
    }

    fn mark(&mut self) -> u32 {
        self.fs().next_reg
    }

    fn free_to(&mut self, m: u32) {
        self.fs().next_reg = m;
    }

    fn konst(&mut self, c: bc::Const) -> u32 {
        let f = &mut self.fs().f;
        if let Some(i) = f.consts.iter().position(|x| *x == c) {
            return i as u32;
        }
        f.consts.push(c);
        (f.consts.len() - 1) as u32
    }

    fn obj_ty(&self, o: ObjId) -> TypeId {
        self.info.objects[o as usize].ty
    }

    fn ety(&self, e: &Expr) -> TypeId {
        self.info.types.get(&e.id).map_or(INVALID, |t| t.ty)
    }

    fn emode(&self, e: &Expr) -> Mode {
        self.info.types.get(&e.id).map_or(Mode::Invalid, |t| t.mode)
    }

    fn is_agg(&self, t: TypeId) -> bool {
        self.t.is_aggregate(t)
    }

    // ---- types ----

    fn btype(&mut self, t: TypeId) -> u32 {
        let t = match self.t.get(t) {
            Type::Basic(b) if b.is_untyped() => match b {
                Basic::UntypedBool => self.basic_id(Basic::Bool),
                Basic::UntypedInt => self.basic_id(Basic::Int),
                Basic::UntypedRune => self.basic_id(Basic::Int32),
                Basic::UntypedFloat => self.basic_id(Basic::Float64),
                Basic::UntypedString => self.basic_id(Basic::String),
                _ => self.any_t,
            },
            _ => t,
        };
        if let Some(&id) = self.type_map.get(&t) {
            return id;
        }
        let id = self.prog.types.len() as u32;
        self.prog
            .types
            .push(bc::TypeDesc::new("", bc::TypeKind::Bool));
        self.type_map.insert(t, id);
        // The descriptor is filled in by the outermost call, from a work
        // list: a descriptor names its parts by id only, and filling them
        // in recursively would follow named types nesting thousands deep
        // (`type T1 [1]T0`, `type T2 [1]T1`, ...) on the host stack.
        self.btype_pending.push((t, id));
        if !self.btype_filling {
            self.btype_filling = true;
            while let Some((t, id)) = self.btype_pending.pop() {
                let name = self.type_name(t);
                let opaque = self.t.named_info(t).is_some_and(|n| n.opaque);
                let kind = if opaque {
                    bc::TypeKind::Opaque
                } else {
                    self.type_kind(self.t.underlying(t))
                };
                let methods = self.method_table(t);
                self.prog.types[id as usize] = bc::TypeDesc {
                    name,
                    kind,
                    methods,
                };
            }
            self.btype_filling = false;
        }
        id
    }

    fn basic_id(&self, b: Basic) -> TypeId {
        self.t
            .list
            .iter()
            .position(|x| *x == Type::Basic(b))
            .unwrap_or(0) as TypeId
    }

    fn type_name(&self, t: TypeId) -> String {
        match self.t.get(t) {
            Type::Basic(Basic::Uint8) => "uint8".into(),
            Type::Basic(Basic::Int32) => "int32".into(),
            _ => self.t.type_string(t, true),
        }
    }

    fn type_kind(&mut self, u: TypeId) -> bc::TypeKind {
        use bc::TypeKind as K;
        match self.t.get(u).clone() {
            Type::Basic(b) => match b {
                Basic::Bool | Basic::UntypedBool => K::Bool,
                Basic::Float32 => K::Float32,
                Basic::Float64 | Basic::UntypedFloat => K::Float64,
                Basic::String | Basic::UntypedString => K::String,
                b if b.is_integer() => K::Int(int_kind(b)),
                _ => K::Interface(vec![]),
            },
            Type::Named(_) => K::Bool,
            Type::Pointer(e) => K::Pointer(self.btype(e)),
            Type::Slice(e) => K::Slice(self.btype(e)),
            Type::Array(e, n) => K::Array(self.btype(e), n as u32),
            Type::Map(k, v) => K::Map(self.btype(k), self.btype(v)),
            Type::Chan(d, e) => K::Chan(
                self.btype(e),
                match d {
                    Dir::Both => bc::ChanDir::Both,
                    Dir::Send => bc::ChanDir::Send,
                    Dir::Recv => bc::ChanDir::Recv,
                },
            ),
            Type::Struct(fs) => K::Struct(
                fs.iter()
                    .map(|f| bc::Field {
                        name: f.name.clone(),
                        ty: self.btype(f.ty),
                        embedded: f.embedded,
                    })
                    .collect(),
            ),
            Type::Func { .. } => K::Func,
            Type::Interface(ms) => {
                let mut ids: Vec<u32> = ms
                    .iter()
                    .map(|(n, _)| self.prog.method_name_id(n))
                    .collect();
                ids.sort();
                K::Interface(ids)
            }
            Type::Tuple(_) => K::Func,
        }
    }

    fn method_table(&mut self, t: TypeId) -> Vec<bc::Method> {
        let (base, is_ptr) = match self.t.get(t) {
            Type::Pointer(b) if self.t.named_info(*b).is_some() => (*b, true),
            Type::Named(_) => (t, false),
            _ => return vec![],
        };
        if self.t.is_interface(base) {
            return vec![];
        }
        let Some(ni) = self.t.named_info(base) else {
            return vec![];
        };
        let mut out = Vec::new();
        for m in ni.methods.clone() {
            if m.ptr_recv && !is_ptr {
                continue;
            }
            let callee = match &m.imp {
                MethodImpl::Decl(di) => match self.decl_func.get(di) {
                    Some(&fi) => bc::Callee::Func(self.func_ids[fi]),
                    None => continue,
                },
                MethodImpl::Native(n) => bc::Callee::Native(self.prog.native_id(n)),
            };
            let name = self.prog.method_name_id(&m.name);
            out.push(bc::Method {
                name,
                callee,
                deref: is_ptr && !m.ptr_recv,
            });
        }
        // Methods promoted from embedded fields, through wrappers.
        for mname in self.t.promoted_method_names(base) {
            if self.t.method_of(base, &mname).is_some() || self.t.method_set_sig(t, &mname).is_err()
            {
                continue;
            }
            let Some(f) = self.promoted_wrapper(base, &mname) else {
                continue;
            };
            let name = self.prog.method_name_id(&mname);
            out.push(bc::Method {
                name,
                callee: bc::Callee::Func(f),
                deref: false,
            });
        }
        out.sort_by_key(|m| m.name);
        out
    }

    /// A function `(recv, args...)` that calls the method `name` promoted
    /// into struct type `base` on the embedded value, for interface dispatch.
    /// Values of `base` and `*base` are the same reference, so one wrapper
    /// serves both method tables.
    fn promoted_wrapper(&mut self, base: TypeId, name: &str) -> Option<u32> {
        let key = format!("promoted.{base}.{name}");
        if let Some(&f) = self.thunks.get(&key) {
            return Some(f);
        }
        let (path, target, sig, take_addr, deref, iface) = match self.t.lookup(base, name) {
            crate::types::Lookup::Method {
                path, def, recv_ty, ..
            } => {
                let recv_ptr = matches!(self.t.get(recv_ty), Type::Pointer(_));
                let target = match &def.imp {
                    MethodImpl::Decl(di) => {
                        bc::Callee::Func(self.func_ids[*self.decl_func.get(di)?])
                    }
                    MethodImpl::Native(n) => bc::Callee::Native(self.prog.native_id(n)),
                };
                (
                    path,
                    Some(target),
                    def.sig,
                    def.ptr_recv && !recv_ptr,
                    !def.ptr_recv && recv_ptr,
                    None,
                )
            }
            crate::types::Lookup::IfaceMethod { path, sig } => {
                let mid = self.prog.method_name_id(name);
                (path, None, sig, false, false, Some(mid))
            }
            _ => return None,
        };
        if path.is_empty() {
            return None;
        }
        let (nparams, nret) = self
            .t
            .func_sig(sig)
            .map_or((0, 0), |s| (s.0.len(), s.1.len()));
        let tname = self
            .t
            .named_info(base)
            .map_or("?".to_string(), |n| n.name.clone());
        let id = self.prog.functions.len() as u32;
        self.prog.functions.push(bc::Function::default());
        self.thunks.insert(key, id);
        let pos = self.pos;
        self.begin_fn(id);
        self.fs().f.name = format!("main.(*{tname}).{name}");
        self.fs().f.num_params = nparams as u16 + 1;
        self.fs().f.num_results = nret as u16;
        self.alloc_n(nparams as u32 + 1);
        let obj = self.walk(Reg(0), &path[..path.len() - 1]);
        let last = *path.last().unwrap() as u16;
        let ft = self.t.path_type(base, &path);
        let call_base = self.alloc_n(nparams as u32 + 1 + nret as u32);
        let r = call_base;
        if take_addr && !self.is_agg(ft) {
            self.emit(Op::FieldAddr {
                dst: r,
                obj,
                field: last,
            });
        } else {
            self.emit(Op::GetField {
                dst: r,
                obj,
                field: last,
            });
            if deref {
                let pointee = match self.t.get(ft) {
                    Type::Pointer(b) => *b,
                    _ => ft,
                };
                if self.is_agg(pointee) {
                    self.emit(Op::CopyVal { dst: r, src: r });
                } else {
                    self.emit(Op::Load { dst: r, ptr: r });
                }
            } else if !take_addr && self.is_agg(ft) && iface.is_none() {
                self.emit(Op::CopyVal { dst: r, src: r });
            }
        }
        for i in 0..nparams as u16 {
            self.emit(Op::Move {
                dst: Reg(r.0 + 1 + i),
                src: Reg(1 + i),
            });
        }
        let (na, nr) = (nparams as u8 + 1, nret as u8);
        match (iface, target) {
            (Some(m), _) => self.emit(Op::CallIface {
                method: m,
                base: r,
                nargs: na,
                nret: nr,
            }),
            (None, Some(bc::Callee::Func(f))) => self.emit(Op::Call {
                func: f,
                base: r,
                nargs: na,
                nret: nr,
            }),
            (None, Some(bc::Callee::Native(n))) => self.emit(Op::CallNative {
                native: n,
                base: r,
                nargs: na,
                nret: nr,
            }),
            _ => return None,
        };
        self.emit(Op::Return {
            src: r,
            n: nret as u16,
        });
        let mut f = self.end_fn();
        f.file = self.path.clone();
        self.prog.functions[id as usize] = f;
        self.pos = pos;
        Some(id)
    }

    // ---- functions ----

    fn func_decl(&mut self, idx: usize) {
        let fi = self.info.funcs[idx].clone();
        let Decl::Func(f) = &self.file.decls[fi.decl] else {
            return;
        };
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

    fn ptr_to(&self, t: TypeId) -> TypeId {
        self.t
            .list
            .iter()
            .position(|x| *x == Type::Pointer(t))
            .map_or(INVALID, |i| i as TypeId)
    }

    /// Compiles parameters, results and the body into the current FnState.
    fn function_body(
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

    fn emit_result_return(&mut self) {
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
    fn new_local_loc(&mut self, o: ObjId) -> Loc {
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
    fn var_loc(&mut self, o: ObjId) -> Loc {
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
    fn load_loc(&mut self, l: Loc, dst: Reg) {
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
    fn loc_word(&mut self, l: Loc, dst: Reg) {
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
    fn store_loc(&mut self, l: Loc, src: Reg, t: TypeId, o: Option<ObjId>) {
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
    fn declare_var(&mut self, o: ObjId, src: Option<Reg>) {
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

    // ---- statements ----

    fn stmts(&mut self, list: &[Stmt]) {
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

    fn block(&mut self, b: &Block) {
        let m = self.mark();
        self.stmts(&b.stmts);
        self.free_to(m);
    }

    fn stmt(&mut self, s: &Stmt) -> R<()> {
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
                            fs.loops.iter_mut().rev().find(|c| c.is_loop)
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
            StmtKind::Goto(_) => return Err(()),
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
                let jf = self.cond_jump(cond, false)?;
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
            StmtKind::Range {
                key,
                value,
                define,
                x,
                body,
            } => self.range_stmt(key.as_ref(), value.as_ref(), *define, x, body)?,
            StmtKind::Labeled(l, inner) => {
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
            StmtKind::Decl(d) => match d {
                Decl::Var(specs) => {
                    for sp in specs {
                        self.var_spec(sp)?;
                    }
                }
                _ => {}
            },
        }
        Ok(())
    }

    fn push_loop(&mut self, is_loop: bool) {
        let label = self.fs().label.take();
        self.fs().loops.push(LoopCtx {
            label,
            breaks: vec![],
            continues: vec![],
            is_loop,
        });
    }

    fn pop_loop(&mut self, continue_target: u32) {
        let lc = self.fs().loops.pop().unwrap();
        for j in lc.continues {
            self.fs().f.patch_jump(j, continue_target);
        }
        for j in lc.breaks {
            self.patch(j);
        }
    }

    /// `var a, b T = x, y` (local or global).
    fn var_spec(&mut self, sp: &VarSpec) -> R<()> {
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

    fn init_loc(&mut self, loc: Loc, v: Reg) {
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

fn contains_defer(list: &[Stmt]) -> bool {
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

/// An assignable location, with its operands already evaluated.
enum Place {
    Blank,
    Var(ObjId, Loc, TypeId),
    Field { obj: Reg, idx: u16, ty: TypeId },
    Index { obj: Reg, idx: Reg, ty: TypeId },
    MapEntry { map: Reg, key: Reg, ty: TypeId },
    Deref { ptr: Reg, ty: TypeId },
}

impl Place {
    fn ty(&self) -> Option<TypeId> {
        match self {
            Place::Blank => None,
            Place::Var(_, _, t)
            | Place::Field { ty: t, .. }
            | Place::Index { ty: t, .. }
            | Place::MapEntry { ty: t, .. }
            | Place::Deref { ty: t, .. } => Some(*t),
        }
    }
}

/// A method receiver: the expression, the embedded-field path to the
/// receiver value, take its address, dereference it.
type Recv<'a> = (&'a Expr, Vec<usize>, bool, bool);

/// What a call calls.
enum Target {
    Static(u32),
    Native(u32),
    Iface(u32),
    Value(Reg),
}

impl<'a> Gen<'a> {
    // ---- places ----

    fn place(&mut self, l: &Expr) -> R<Place> {
        let ty = self.ety(l);
        match &l.unparen().kind {
            ExprKind::Ident(id) => {
                if id.name == "_" {
                    return Ok(Place::Blank);
                }
                let Some(&o) = self.info.objs.get(&id.id) else {
                    return Ok(Place::Blank);
                };
                let loc = self.var_loc(o);
                Ok(Place::Var(o, loc, self.obj_ty(o)))
            }
            ExprKind::Selector(x, _) => {
                let Some(Selection::Field { index, path, .. }) =
                    self.info.selections.get(&l.unparen().id).cloned()
                else {
                    return Err(());
                };
                let base = self.expr_snap(x)?;
                let obj = self.walk(base, &path);
                Ok(Place::Field {
                    obj,
                    idx: index as u16,
                    ty,
                })
            }
            ExprKind::Index(x, i) => {
                let xt = self.ety(x);
                if let Type::Map(k, _) = self.t.under(xt).clone() {
                    let map = self.expr_snap(x)?;
                    let key = self.alloc();
                    self.expr_to_as(i, key, k)?;
                    return Ok(Place::MapEntry { map, key, ty });
                }
                let obj = self.expr_snap(x)?;
                let idx = self.expr_snap(i)?;
                Ok(Place::Index { obj, idx, ty })
            }
            ExprKind::Star(p) => {
                let ptr = self.expr_snap(p)?;
                Ok(Place::Deref { ptr, ty })
            }
            _ => Err(()),
        }
    }

    fn store_place(&mut self, p: Place, v: Reg) -> R<()> {
        match p {
            Place::Blank => {}
            Place::Var(o, loc, t) => self.store_loc(loc, v, t, Some(o)),
            Place::Field { obj, idx, ty } => {
                if self.is_agg(ty) {
                    let t = self.alloc();
                    self.emit(Op::GetField {
                        dst: t,
                        obj,
                        field: idx,
                    });
                    self.emit(Op::CopyInto { dst: t, src: v });
                } else {
                    self.emit(Op::SetField {
                        obj,
                        field: idx,
                        src: v,
                    });
                }
            }
            Place::Index { obj, idx, ty } => {
                if self.is_agg(ty) {
                    let t = self.alloc();
                    self.emit(Op::Index { dst: t, obj, idx });
                    self.emit(Op::CopyInto { dst: t, src: v });
                } else {
                    self.emit(Op::SetIndex { obj, idx, src: v });
                }
            }
            Place::MapEntry { map, key, .. } => {
                self.emit(Op::MapSet { map, key, val: v });
            }
            Place::Deref { ptr, ty } => {
                if self.is_agg(ty) {
                    self.emit(Op::CopyInto { dst: ptr, src: v });
                } else {
                    self.emit(Op::Store { ptr, src: v });
                }
            }
        }
        Ok(())
    }

    fn load_place(&mut self, p: &Place, dst: Reg) -> R<()> {
        match *p {
            Place::Blank => {}
            Place::Var(_, loc, _) => self.load_loc(loc, dst),
            Place::Field { obj, idx, .. } => {
                self.emit(Op::GetField {
                    dst,
                    obj,
                    field: idx,
                });
            }
            Place::Index { obj, idx, .. } => {
                self.emit(Op::Index { dst, obj, idx });
            }
            Place::MapEntry { map, key, .. } => {
                self.emit(Op::MapGet { dst, map, key });
            }
            Place::Deref { ptr, ty } => {
                if self.is_agg(ty) {
                    self.emit(Op::Move { dst, src: ptr });
                } else {
                    self.emit(Op::Load { dst, ptr });
                }
            }
        }
        Ok(())
    }

    // ---- expressions ----

    /// Evaluates `e` into some register (a variable's own register when
    /// possible: callers must not write to the result).
    fn expr(&mut self, e: &Expr) -> R<Reg> {
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
    fn expr_snap(&mut self, e: &Expr) -> R<Reg> {
        let r = self.alloc();
        self.expr_to(e, r)?;
        Ok(r)
    }

    /// Evaluates `e` as a value of type `target` (interface boxing, copies
    /// of aggregates read from variables).
    fn expr_as(&mut self, e: &Expr, target: TypeId) -> R<Reg> {
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

    fn expr_to_as(&mut self, e: &Expr, dst: Reg, target: TypeId) -> R<()> {
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

    fn coerce(&mut self, r: Reg, from: TypeId, to: TypeId, dst: Reg) {
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

    fn load_const(&mut self, v: &ConstVal, ty: TypeId, dst: Reg) {
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

    fn expr_discard(&mut self, e: &Expr) -> R<()> {
        let r = self.alloc();
        self.expr_discard_to(e, r)
    }

    fn expr_discard_to(&mut self, e: &Expr, r: Reg) -> R<()> {
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

    fn expr_to(&mut self, e: &Expr, dst: Reg) -> R<()> {
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
                    Some(Selection::Pkg(o)) => {
                        if let ObjKind::Native(n) = &self.info.objects[o as usize].kind {
                            let id = self.prog.native_id(n);
                            self.emit(Op::LoadNative { dst, native: id });
                        }
                    }
                    Some(Selection::Method {
                        def,
                        recv_ptr,
                        path,
                        ..
                    }) => {
                        // A method value: a closure over the receiver.
                        let target = match &def.imp {
                            MethodImpl::Decl(di) => {
                                bc::Callee::Func(self.func_ids[*self.decl_func.get(di).ok_or(())?])
                            }
                            MethodImpl::Native(n) => bc::Callee::Native(self.prog.native_id(n)),
                        };
                        let nparams = self.t.func_sig(def.sig).map_or(0, |s| s.0.len());
                        let nret = self.t.func_sig(def.sig).map_or(0, |s| s.1.len());
                        let f = self.bound_thunk(target, None, nparams, nret, &def.name);
                        let m = self.mark();
                        let rv = self.alloc();
                        self.receiver_to(
                            x,
                            &path,
                            def.ptr_recv && !recv_ptr,
                            !def.ptr_recv && recv_ptr,
                            rv,
                        )?;
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
                        self.receiver_to(x, &path, false, false, rv)?;
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
                    // The pointer is the aggregate's reference; check nil by
                    // reading through it.
                    self.emit(Op::CopyVal { dst, src: ptr });
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

    fn address_of(&mut self, x: &Expr, dst: Reg) -> R<()> {
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
                let Some(Selection::Field { index, path, .. }) =
                    self.info.selections.get(&x.unparen().id).cloned()
                else {
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

    fn trunc(&mut self, r: Reg, t: TypeId) {
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

    fn compare(&mut self, op: Tok, dst: Reg, a: Reg, b: Reg, t: TypeId) {
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

    fn arith(&mut self, op: Tok, dst: Reg, a: Reg, b: Reg, t: TypeId, bt: TypeId) {
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
        let needs_trunc = match op {
            Tok::Add | Tok::Sub | Tok::Mul | Tok::Quo | Tok::Shl => true,
            _ => false,
        };
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
    fn cond_jump(&mut self, e: &Expr, when: bool) -> R<Vec<u32>> {
        match &e.unparen().kind {
            ExprKind::Binary(Tok::LAnd, l, r) if self.emode(e) != Mode::Const => {
                if !when {
                    let mut j = self.cond_jump(l, false)?;
                    j.extend(self.cond_jump(r, false)?);
                    Ok(j)
                } else {
                    let jf = self.cond_jump(l, false)?;
                    let jt = self.cond_jump(r, true)?;
                    for j in jf {
                        self.patch(j);
                    }
                    Ok(jt)
                }
            }
            ExprKind::Binary(Tok::LOr, l, r) if self.emode(e) != Mode::Const => {
                if when {
                    let mut j = self.cond_jump(l, true)?;
                    j.extend(self.cond_jump(r, true)?);
                    Ok(j)
                } else {
                    let jt = self.cond_jump(l, true)?;
                    let jf = self.cond_jump(r, false)?;
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
                let j = if when {
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
    fn comma_ok(&mut self, v: &Expr, base: Reg) -> R<()> {
        self.expr_to(v, base)
    }

    // ---- composite literals and closures ----

    fn composite(&mut self, e: &Expr, elts: &[Element], dst: Reg) -> R<()> {
        let mut ty = self.ety(e);
        if let Type::Pointer(b) = self.t.get(ty).clone() {
            ty = b;
        }
        let bt = self.btype(ty);
        match self.t.under(ty).clone() {
            Type::Struct(fs) => {
                self.emit(Op::Zero { dst, ty: bt });
                for (i, el) in elts.iter().enumerate() {
                    let idx = match &el.key {
                        Some(k) => match self.info.selections.get(&k.id) {
                            Some(Selection::Field { index, .. }) => *index,
                            _ => continue,
                        },
                        None => i,
                    };
                    let m = self.mark();
                    let v = self.expr_as(&el.value, fs[idx].ty)?;
                    self.emit(Op::SetField {
                        obj: dst,
                        field: idx as u16,
                        src: v,
                    });
                    self.free_to(m);
                }
            }
            Type::Array(et, _) => {
                self.emit(Op::Zero { dst, ty: bt });
                let mut i: i64 = 0;
                for el in elts {
                    if let Some(k) = &el.key {
                        if let Some(v) = self.info.types.get(&k.id).and_then(|t| t.val.clone()) {
                            i = v.to_int().unwrap_or(0) as i64;
                        }
                    }
                    let m = self.mark();
                    let ir = self.alloc();
                    self.load_const(&ConstVal::Int(i as i128), INVALID, ir);
                    let v = self.expr_as(&el.value, et)?;
                    self.emit(Op::SetIndex {
                        obj: dst,
                        idx: ir,
                        src: v,
                    });
                    self.free_to(m);
                    i += 1;
                }
            }
            Type::Slice(et) => {
                let be = self.btype(et);
                if elts.iter().all(|el| el.key.is_none()) && elts.len() < 60000 {
                    let m = self.mark();
                    let base = self.alloc_n(elts.len() as u32);
                    for (i, el) in elts.iter().enumerate() {
                        self.expr_to_as(&el.value, Reg(base.0 + i as u16), et)?;
                    }
                    self.emit(Op::SliceLit {
                        dst,
                        elem: be,
                        base,
                        n: elts.len() as u16,
                    });
                    self.free_to(m);
                } else {
                    // Keyed: allocate max index + 1 and store.
                    let mut i: i64 = 0;
                    let mut idxs = Vec::new();
                    let mut maxn = 0;
                    for el in elts {
                        if let Some(k) = &el.key {
                            if let Some(v) = self.info.types.get(&k.id).and_then(|t| t.val.clone())
                            {
                                i = v.to_int().unwrap_or(0) as i64;
                            }
                        }
                        idxs.push(i);
                        i += 1;
                        maxn = maxn.max(i);
                    }
                    let m = self.mark();
                    let n = self.alloc();
                    self.load_const(&ConstVal::Int(maxn as i128), INVALID, n);
                    self.emit(Op::MakeSlice {
                        dst,
                        elem: be,
                        len: n,
                        cap: n,
                    });
                    for (el, ix) in elts.iter().zip(idxs) {
                        let m2 = self.mark();
                        let ir = self.alloc();
                        self.load_const(&ConstVal::Int(ix as i128), INVALID, ir);
                        let v = self.expr_as(&el.value, et)?;
                        self.emit(Op::SetIndex {
                            obj: dst,
                            idx: ir,
                            src: v,
                        });
                        self.free_to(m2);
                    }
                    self.free_to(m);
                }
            }
            Type::Map(kt, vt) => {
                let m = self.mark();
                let h = self.alloc();
                self.load_const(&ConstVal::Int(elts.len() as i128), INVALID, h);
                self.emit(Op::MakeMap {
                    dst,
                    ty: bt,
                    hint: h,
                });
                for el in elts {
                    let m2 = self.mark();
                    let Some(k) = &el.key else { continue };
                    let kr = self.expr_as(k, kt)?;
                    let vr = self.expr_as(&el.value, vt)?;
                    self.emit(Op::MapSet {
                        map: dst,
                        key: kr,
                        val: vr,
                    });
                    self.free_to(m2);
                }
                self.free_to(m);
            }
            _ => return Err(()),
        }
        Ok(())
    }

    fn func_lit(&mut self, e: &Expr, ft: &FuncType, body: &Block, dst: Reg) -> R<()> {
        let sig = self.ety(e);
        let parent_name = self.fs().f.name.clone();
        let parent_name = if parent_name.is_empty() {
            "main.func".to_string()
        } else {
            parent_name
        };
        self.fs().lit_counter += 1;
        let n = self.fs().lit_counter;
        let is_top = !parent_name.contains(".func");
        let name = if is_top {
            format!("{parent_name}.func{n}")
        } else {
            format!("{parent_name}.{n}")
        };
        let fid = self.prog.functions.len() as u32;
        let line = self.li.line(e.pos);
        self.prog.functions.push(bc::Function {
            name: name.clone(),
            file: self.path.clone(),
            decl_line: line,
            ..Default::default()
        });
        let saved_pos = self.pos;
        self.begin_fn(fid);
        self.fs().f.name = name.clone();
        let ids = |fields: &[Field], info: &Info| -> Vec<Option<ObjId>> {
            let mut v = Vec::new();
            for f in fields {
                if f.names.is_empty() {
                    v.push(None);
                }
                for n in &f.names {
                    v.push(if n.name == "_" {
                        None
                    } else {
                        info.objs.get(&n.id).copied()
                    });
                }
            }
            v
        };
        let params = ids(&ft.params, self.info);
        let results = ids(&ft.results, self.info);
        self.function_body(&params, &results, sig, body, None);
        let upvals = self.fs().upvals.clone();
        let mut f = self.end_fn();
        f.name = name;
        f.file = self.path.clone();
        f.decl_line = line;
        self.prog.functions[fid as usize] = f;
        self.pos = saved_pos;
        let m = self.mark();
        let base = self.alloc_n(upvals.len() as u32);
        for (i, o) in upvals.iter().enumerate() {
            let l = self.var_loc(*o);
            self.loc_word(l, Reg(base.0 + i as u16));
        }
        self.emit(Op::MakeClosure {
            dst,
            func: fid,
            base,
            n: upvals.len() as u16,
        });
        self.free_to(m.max(dst.0 as u32 + 1));
        Ok(())
    }
}

/// Whether `e` refers to object `o` anywhere (then `o` cannot be the
/// destination register while `e` is evaluated).
fn mentions(e: &Expr, o: ObjId, info: &Info) -> bool {
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
fn is_place(e: &Expr) -> bool {
    matches!(
        e.unparen().kind,
        ExprKind::Ident(_) | ExprKind::Selector(..) | ExprKind::Index(..) | ExprKind::Star(_)
    )
}

impl<'a> Gen<'a> {
    // ---- calls ----

    /// Resolves the callee of a call expression; evaluates a func value.
    /// Returns the target and the receiver expression (for methods) with
    /// how to pass it: (expr, take address, dereference).
    fn call_target(&mut self, fun: &Expr) -> R<(Target, Option<Recv<'a>>)>
    where
        'a: 'a,
    {
        let fu = fun.unparen();
        if let ExprKind::Ident(id) = &fu.kind {
            if let Some(&o) = self.info.objs.get(&id.id) {
                if let ObjKind::Func(idx) = self.info.objects[o as usize].kind {
                    return Ok((Target::Static(self.func_ids[idx]), None));
                }
            }
        }
        if let ExprKind::Selector(x, _) = &fu.kind {
            // SAFETY of lifetimes: the tree outlives the generator.
            let x: &'a Expr = unsafe { &*(x.as_ref() as *const Expr) };
            match self.info.selections.get(&fu.id).cloned() {
                Some(Selection::Pkg(o)) => {
                    if let ObjKind::Native(n) = &self.info.objects[o as usize].kind {
                        return Ok((Target::Native(self.prog.native_id(n)), None));
                    }
                }
                Some(Selection::Method {
                    def,
                    recv_ptr,
                    path,
                    ..
                }) => {
                    let target = match &def.imp {
                        MethodImpl::Decl(di) => {
                            Target::Static(self.func_ids[*self.decl_func.get(di).ok_or(())?])
                        }
                        MethodImpl::Native(n) => Target::Native(self.prog.native_id(n)),
                    };
                    let take_addr = def.ptr_recv && !recv_ptr;
                    let deref = !def.ptr_recv && recv_ptr;
                    return Ok((target, Some((x, path, take_addr, deref))));
                }
                Some(Selection::IfaceMethod { name, path }) => {
                    let id = self.prog.method_name_id(&name);
                    return Ok((Target::Iface(id), Some((x, path, false, false))));
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
    fn receiver_to(
        &mut self,
        x: &Expr,
        path: &[usize],
        take_addr: bool,
        deref: bool,
        dst: Reg,
    ) -> R<()> {
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
    fn walk(&mut self, base: Reg, path: &[usize]) -> Reg {
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
    fn push_receiver_and_args(
        &mut self,
        recv: Option<Recv<'a>>,
        args: &[Expr],
        ptys: &[TypeId],
        variadic: bool,
        ellipsis: bool,
    ) -> R<u32> {
        let mut n = 0;
        if let Some((x, path, addr, deref)) = recv {
            let r = self.alloc();
            self.receiver_to(x, &path, addr, deref, r)?;
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
                // f(g()) with several results: g's results land in place.
                let base = self.call(&args[0], ts.len())?;
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
    fn call(&mut self, e: &Expr, _want: usize) -> R<Reg> {
        let ExprKind::Call {
            fun,
            args,
            ellipsis,
            ..
        } = &e.unparen().kind
        else {
            return Err(());
        };
        // SAFETY of lifetimes: the tree outlives the generator.
        let fun: &'a Expr = unsafe { &*(fun.as_ref() as *const Expr) };
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

    fn conversion(&mut self, e: &Expr, a: &Expr, dst: Reg) -> R<()> {
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
                    if fk == tk || (tk.bits() == 64 && fk.bits() == 64) {
                        self.emit(Op::Move { dst, src });
                    } else if tk.bits() > fk.bits() && tk.signed() == fk.signed() {
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

    fn builtin(&mut self, e: &Expr, b: Builtin, args: &[Expr], ellipsis: bool, dst: Reg) -> R<()> {
        let ty = self.ety(e);
        match b {
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

    // ---- go and defer ----

    fn go_defer(&mut self, e: &Expr, is_go: bool) -> R<()> {
        let ExprKind::Call {
            fun,
            args,
            ellipsis,
            ..
        } = &e.unparen().kind
        else {
            return Err(());
        };
        let fun: &'a Expr = unsafe { &*(fun.as_ref() as *const Expr) };
        let callee = self.alloc();
        let base = self.top();
        let nargs;
        match self.emode(fun) {
            Mode::Builtin(b) => {
                // A thunk function performs the builtin on its parameters.
                let tys: Vec<TypeId> = args.iter().map(|a| self.ety(a)).collect();
                let any = self.any_t;
                let (ptys, key): (Vec<TypeId>, String) = match b {
                    Builtin::Panic => (vec![any], "panic".into()),
                    Builtin::Close => (tys.clone(), "close".into()),
                    Builtin::Print | Builtin::Println => {
                        let sl = self.any_slice();
                        (vec![sl], format!("{b:?}"))
                    }
                    Builtin::Delete => (
                        tys.clone(),
                        format!(
                            "delete{}",
                            self.btype(tys.first().copied().unwrap_or(INVALID))
                        ),
                    ),
                    Builtin::Recover => (vec![], "recover".into()),
                    _ => {
                        self.err(
                            e.pos,
                            format!(
                                "{} of built-in {:?} is not supported yet",
                                if is_go { "go" } else { "defer" },
                                b
                            ),
                        );
                        return Err(());
                    }
                };
                let f = self.builtin_thunk(b, &key, ptys.len());
                self.emit(Op::LoadFunc {
                    dst: callee,
                    func: f,
                });
                match b {
                    Builtin::Print | Builtin::Println => {
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
                        self.free_to(sl.0 as u32 + 1);
                        nargs = 1;
                    }
                    _ => {
                        for (i, a) in args.iter().enumerate() {
                            let r = self.alloc();
                            let pt = ptys.get(i).copied().unwrap_or(INVALID);
                            self.expr_to_as(a, r, pt)?;
                            self.free_to(r.0 as u32 + 1);
                        }
                        nargs = args.len() as u32;
                    }
                }
            }
            _ => {
                let sig = self.ety(fun);
                let Some((ptys, _, variadic)) = self
                    .t
                    .func_sig(sig)
                    .map(|(a, b, c)| (a.to_vec(), b.to_vec(), c))
                else {
                    return Err(());
                };
                let (target, recv) = self.call_target(fun)?;
                // call_target may have allocated the func value above callee.
                let base2 = self.top();
                let n = self.push_receiver_and_args(recv, args, &ptys, variadic, *ellipsis)?;
                match target {
                    Target::Static(f) => {
                        self.emit(Op::LoadFunc {
                            dst: callee,
                            func: f,
                        });
                    }
                    Target::Native(nid) => {
                        // Goroutines and deferred calls start in a compiled
                        // function, which then calls the library.
                        let f = self.native_thunk(nid, n as usize);
                        self.emit(Op::LoadFunc {
                            dst: callee,
                            func: f,
                        });
                    }
                    Target::Value(r) => {
                        self.emit(Op::Move {
                            dst: callee,
                            src: r,
                        });
                    }
                    Target::Iface(m) => {
                        let f = self.iface_thunk(m, n as usize);
                        self.emit(Op::LoadFunc {
                            dst: callee,
                            func: f,
                        });
                    }
                }
                self.pos = self.bpos(e.pos);
                if n > 255 {
                    self.err(e.pos, "too many arguments in call (limit 255)");
                    return Err(());
                }
                let nb = n as u8;
                if is_go {
                    self.emit(Op::Go {
                        callee,
                        base: base2,
                        nargs: nb,
                    });
                } else {
                    self.emit(Op::Defer {
                        callee,
                        base: base2,
                        nargs: nb,
                    });
                }
                return Ok(());
            }
        }
        self.pos = self.bpos(e.pos);
        let nb = nargs as u8;
        if is_go {
            self.emit(Op::Go {
                callee,
                base,
                nargs: nb,
            });
        } else {
            self.emit(Op::Defer {
                callee,
                base,
                nargs: nb,
            });
        }
        Ok(())
    }

    fn any_slice(&self) -> TypeId {
        self.t
            .list
            .iter()
            .position(|x| *x == Type::Slice(self.any_t))
            .map_or(INVALID, |i| i as TypeId)
    }

    /// A function `thunk(iface, args...)` that calls method `m` dynamically
    /// (for `defer x.M()` / `go x.M()` on interfaces).
    fn iface_thunk(&mut self, m: u32, nargs: usize) -> u32 {
        let name = format!("main.{}-fm", self.prog.method_names[m as usize]);
        let call = Op::CallIface {
            method: m,
            base: Reg(0),
            nargs: nargs as u8,
            nret: 0,
        };
        self.call_thunk(format!("iface.{m}.{nargs}"), name, nargs, 1, call)
    }

    /// A function `thunk(args...)` that calls native `nid` (for `go` and
    /// `defer` of library functions).
    fn native_thunk(&mut self, nid: u32, nargs: usize) -> u32 {
        let name = format!("{}-thunk", self.prog.natives[nid as usize]);
        // Natives may use a few registers above their arguments.
        let call = Op::CallNative {
            native: nid,
            base: Reg(0),
            nargs: nargs as u8,
            nret: 0,
        };
        self.call_thunk(format!("native.{nid}.{nargs}"), name, nargs, 8, call)
    }

    /// A synthesized function of `nargs` parameters whose body is the one
    /// call `call` on them, then `return`; made once per `key`.
    fn call_thunk(
        &mut self,
        key: String,
        name: String,
        nargs: usize,
        scratch: u16,
        call: Op,
    ) -> u32 {
        if let Some(&f) = self.thunks.get(&key) {
            return f;
        }
        let pos = self.pos;
        let mut f = bc::Function {
            name,
            file: self.path.clone(),
            num_params: nargs as u16,
            num_regs: nargs as u16 + scratch,
            ..Default::default()
        };
        f.emit(call, pos);
        f.emit(Op::Return { src: Reg(0), n: 0 }, pos);
        let id = self.prog.functions.len() as u32;
        self.prog.functions.push(f);
        self.thunks.insert(key, id);
        id
    }

    /// A function for a method value: calls the method with the receiver
    /// captured as upvalue 0 followed by its own parameters.
    fn bound_thunk(
        &mut self,
        target: bc::Callee,
        iface_method: Option<u32>,
        nparams: usize,
        nret: usize,
        mname: &str,
    ) -> u32 {
        let key = format!("bound.{target:?}.{iface_method:?}.{nparams}.{nret}");
        if let Some(&f) = self.thunks.get(&key) {
            return f;
        }
        let pos = self.pos;
        let n = nparams as u16;
        let mut f = bc::Function {
            name: format!("main.{mname}-fm"),
            file: self.path.clone(),
            num_params: n,
            num_results: nret as u16,
            ..Default::default()
        };
        f.emit(
            Op::Upval {
                dst: Reg(n),
                idx: 0,
            },
            pos,
        );
        for i in 0..n {
            f.emit(
                Op::Move {
                    dst: Reg(n + 1 + i),
                    src: Reg(i),
                },
                pos,
            );
        }
        let (na, nr) = (n as u8 + 1, nret as u8);
        match (iface_method, target) {
            (Some(m), _) => f.emit(
                Op::CallIface {
                    method: m,
                    base: Reg(n),
                    nargs: na,
                    nret: nr,
                },
                pos,
            ),
            (None, bc::Callee::Func(fid)) => f.emit(
                Op::Call {
                    func: fid,
                    base: Reg(n),
                    nargs: na,
                    nret: nr,
                },
                pos,
            ),
            (None, bc::Callee::Native(nid)) => f.emit(
                Op::CallNative {
                    native: nid,
                    base: Reg(n),
                    nargs: na,
                    nret: nr,
                },
                pos,
            ),
        };
        f.emit(
            Op::Return {
                src: Reg(n),
                n: nret as u16,
            },
            pos,
        );
        f.num_regs = 2 * n + 2 + nret as u16;
        let id = self.prog.functions.len() as u32;
        self.prog.functions.push(f);
        self.thunks.insert(key, id);
        id
    }

    fn builtin_thunk(&mut self, b: Builtin, key: &str, nparams: usize) -> u32 {
        if let Some(&f) = self.thunks.get(key) {
            return f;
        }
        let pos = self.pos;
        let mut f = bc::Function {
            name: format!("runtime.{}", key.to_lowercase()),
            file: self.path.clone(),
            num_params: nparams as u16,
            num_regs: nparams as u16 + 2,
            ..Default::default()
        };
        match b {
            Builtin::Panic => {
                f.emit(Op::Panic { src: Reg(0) }, pos);
            }
            Builtin::Close => {
                f.emit(Op::Close { ch: Reg(0) }, pos);
            }
            Builtin::Delete => {
                f.emit(
                    Op::MapDelete {
                        map: Reg(0),
                        key: Reg(1),
                    },
                    pos,
                );
            }
            Builtin::Recover => {
                f.emit(Op::Recover { dst: Reg(0) }, pos);
            }
            _ => {
                let name = if b == Builtin::Println {
                    "println"
                } else {
                    "print"
                };
                let nid = self.prog.native_id(name);
                f.emit(
                    Op::CallNative {
                        native: nid,
                        base: Reg(0),
                        nargs: 1,
                        nret: 0,
                    },
                    pos,
                );
            }
        }
        f.emit(Op::Return { src: Reg(0), n: 0 }, pos);
        let id = self.prog.functions.len() as u32;
        self.prog.functions.push(f);
        self.thunks.insert(key.to_string(), id);
        id
    }

    // ---- loops and switches ----

    fn for_stmt(
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
                self.cond_jump(c, false)?
            }
            None => vec![],
        };
        self.push_loop(true);
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

    fn range_stmt(
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
                self.push_loop(true);
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
                self.push_loop(true);
                let bm = self.mark();
                self.bind_range_var(key, define, i)?;
                self.bind_range_var(value, define, rw)?;
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
                self.push_loop(true);
                let bm = self.mark();
                self.bind_range_var(key, define, i)?;
                if value.is_some() {
                    let v = self.alloc();
                    self.emit(Op::Index {
                        dst: v,
                        obj: src,
                        idx: i,
                    });
                    if self.is_agg(elem_t) {
                        self.emit(Op::CopyVal { dst: v, src: v });
                    }
                    self.bind_range_var(value, define, v)?;
                }
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
                self.push_loop(true);
                let bm = self.mark();
                self.bind_range_var(key, define, Reg(nx.0 + 1))?;
                if value.is_some() && self.is_agg(vt) {
                    self.emit(Op::CopyVal {
                        dst: Reg(nx.0 + 2),
                        src: Reg(nx.0 + 2),
                    });
                }
                self.bind_range_var(value, define, Reg(nx.0 + 2))?;
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
                self.push_loop(true);
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

    fn switch_stmt(
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
                        let js = self.cond_jump(e, true)?;
                        to_body[ci].extend(js);
                    }
                }
            }
        }
        let jdefault = self.jump();
        self.push_loop(false);
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

    fn type_switch(
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
        self.push_loop(false);
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
                    if single && !self.t.is_interface(ot) {
                        let bt = self.btype(ot);
                        self.emit(Op::TypeAssertOk {
                            dst: v,
                            src: xr,
                            ty: bt,
                        });
                    } else if single {
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

    fn select_stmt(&mut self, clauses: &[CommClause]) -> R<()> {
        let m = self.mark();
        let mut desc = bc::SelectDesc::default();
        // (clause index, receive destination) for the bodies.
        let mut recv_dst: Vec<Option<(Reg, &Stmt)>> = Vec::new();
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
                    recv_dst.push(Some((dst, comm)));
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
        self.push_loop(false);
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
            if let Some((dst, comm)) = recv_dst[ci] {
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
                            let p = self.place(l)?;
                            self.store_place(p, src)?;
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
