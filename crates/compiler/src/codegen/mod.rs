//! Lowers the checked tree to `golab_bytecode` register code.
//!
//! Registers are allocated like a stack (Lua style): locals get a register
//! when declared and keep it until their block ends; temporaries sit above
//! them and are released after each statement, so a call always happens at
//! the top of the registers in use, as the calling convention requires.
//! Variables resolve to a location at compile time (`Loc`): a register,
//! a heap cell (for variables captured by closures or whose address is
//! taken), a closure capture, or a global. Every instruction is stamped with
//! the position of the statement or expression being compiled, so run-time
//! panics can name `prog.go:LINE`.
//!
//! This module holds the generator's state, register allocation and
//! emission; the lowering is split by what is lowered: `typedesc`, `func`
//! (bodies and variable locations), `stmt`, `flow` (loops, switches,
//! `select`), `place`, `expr`, `literal`, `call` and `go_defer`.

use crate::ast::*;
use crate::check::{Builtin, CheckResult, Info, Mode, ObjId, ObjKind, Selection};
use crate::lexer::{LineIndex, Tok};
use crate::types::{Basic, ConstVal, Dir, MethodImpl, Type, TypeId, TypeStyle, Types, INVALID};
use golab_bytecode as bc;
use golab_bytecode::{ConvKind, IntKind, Op, Reg};
use std::collections::HashMap;

mod call;
mod expr;
mod flow;
mod func;
mod go_defer;
mod literal;
mod place;
mod regmap;
mod stmt;
mod typedesc;

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

/// Which value of a condition `cond_jump`'s jumps are taken on.
#[derive(Clone, Copy, PartialEq, Eq)]
enum JumpIf {
    True,
    False,
}

impl std::ops::Not for JumpIf {
    type Output = JumpIf;
    fn not(self) -> JumpIf {
        match self {
            JumpIf::True => JumpIf::False,
            JumpIf::False => JumpIf::True,
        }
    }
}

struct LoopCtx {
    label: Option<String>,
    breaks: Vec<u32>,
    continues: Vec<u32>,
    kind: Breakable,
}

struct FnState {
    /// The function's id in the program.
    id: u32,
    /// The collector's kinds of the parameter registers, from their types.
    param_kinds: Vec<bc::SlotKind>,
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
    /// Label name → its statement's first instruction, for `goto`.
    labels: HashMap<String, u32>,
    /// `goto` jumps and their labels, patched when the function ends (a
    /// label may come after its goto; the checker made sure it exists).
    gotos: Vec<(u32, String)>,
}

pub struct Gen<'a> {
    file: &'a File,
    info: &'a Info,
    t: &'a Types,
    li: LineIndex,
    /// Where the library packages' text starts (`golib`): their code has no
    /// line in the reader's program, so it gets line 0.
    lib_start: u32,
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
    /// Function id → the collector's kinds of its parameter registers
    /// (functions compiled from Go source; thunks have none).
    param_kinds: HashMap<u32, Vec<bc::SlotKind>>,
}

type R<T> = Result<T, ()>;

pub fn generate(
    path: &str,
    src: &[u8],
    lib_start: usize,
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
        lib_start: lib_start as u32,
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
        param_kinds: HashMap::new(),
    };
    g.program();
    // Register maps last: every type descriptor is final by now.
    for (id, f) in g.prog.functions.iter_mut().enumerate() {
        let params = g.param_kinds.get(&(id as u32)).map_or(&[][..], |p| p);
        f.reg_kinds = regmap::reg_kinds(f, &g.prog.types, &g.prog.globals, params);
    }
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
        for i in 0..self.info.funcs.len() {
            let fi = &self.info.funcs[i];
            let Some(f) = self.func_decl_of(i) else {
                continue;
            };
            if fi.check_only {
                // Nothing calls it: a generic body checked with stand-ins.
                self.func_ids.push(u32::MAX);
                continue;
            }
            let pkg = self.file.unit_name(self.file.unit_of(fi.decl));
            // An instance of generic code is named as Go's tracebacks name
            // it: `main.Map[...]`, `main.(*Stack[...]).Push`.
            let targs = if fi.inst.is_some() { "[...]" } else { "" };
            let name = match fi.recv {
                None => format!("{pkg}.{}{targs}", f.name.name),
                Some((named, ptr)) => {
                    let tn = self
                        .t
                        .named_info(named)
                        .map_or("?".to_string(), |n| format!("{}{targs}", n.name));
                    if ptr {
                        format!("{pkg}.(*{tn}).{}", f.name.name)
                    } else {
                        format!("{pkg}.{tn}.{}", f.name.name)
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
            if fi.inst.is_none() {
                self.decl_func.insert(fi.decl, i);
            }
        }
        // init functions are named main.init.0, main.init.1, ...
        let mut n_init = 0;
        let mut inits = Vec::new();
        for (i, fi) in self.info.funcs.iter().enumerate() {
            let Decl::Func(f) = &self.file.decls[fi.decl] else {
                continue;
            };
            if fi.inst.is_some() {
                continue;
            }
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
        if p >= self.lib_start {
            return bc::Pos { line: 0, col: 0 };
        }
        let (line, col) = self.li.line_col(p);
        bc::Pos { line, col }
    }

    fn err(&mut self, p: Pos, msg: impl Into<String>) {
        self.errors.push((p, msg.into()));
    }

    fn begin_fn(&mut self, id: u32) {
        self.fns.push(FnState {
            id,
            param_kinds: Vec::new(),
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
            labels: HashMap::new(),
            gotos: Vec::new(),
        });
    }

    fn end_fn(&mut self) -> bc::Function {
        let st = self.fns.pop().unwrap();
        let mut f = st.f;
        for (at, name) in &st.gotos {
            if let Some(&target) = st.labels.get(name) {
                f.patch_jump(*at, target);
            }
        }
        if st.max_reg > u16::MAX as u32 - 8 {
            self.errors
                .push((0, "function too large: too many registers".into()));
        }
        f.num_regs = (st.max_reg + 1).min(u16::MAX as u32) as u16;
        self.param_kinds.insert(st.id, st.param_kinds);
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
}
