//! A compiled program: functions (code + constants + line table + register
//! map), globals, type descriptors, natives and method names.

use crate::op::{IntKind, Op, Reg};

/// Index into [`Program::functions`].
pub type FuncId = u32;
/// Index into [`Program::types`].
pub type TypeId = u32;

/// Whether a word may hold a reference the collector must follow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SlotKind {
    /// bool, integers, floats: never a reference.
    #[default]
    Scalar,
    /// Strings, slices, maps, chans, funcs, interfaces, pointers, structs,
    /// arrays: a reference word (0 = nil).
    Ref,
}

/// A source position (1-based line and column in [`Function::file`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Pos {
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub col: u32,
}

/// A constant of a function's constant pool.
#[derive(Clone, Debug, PartialEq)]
pub enum Const {
    /// An integer (any width, already wrapped to its type).
    Int(i64),
    /// A float64 (float32 constants already rounded).
    Float(f64),
    /// A string constant.
    Str(String),
}

/// One case of a `select` statement.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum SelectCase {
    /// `case rch <- rval:`
    Send {
        /// Channel register.
        ch: Reg,
        /// Value register.
        val: Reg,
    },
    /// `case rdst, rdst+1 = <-rch:` (`with_ok`: also write ok to rdst+1).
    Recv {
        /// Channel register.
        ch: Reg,
        /// Destination of the received value.
        dst: Reg,
        /// Whether rdst+1 receives the ok flag.
        with_ok: bool,
    },
}

/// A `select` statement's cases, referenced by [`Op::Select`].
#[derive(Clone, Debug, PartialEq, Default)]
pub struct SelectDesc {
    /// The cases in source order (the case index is what `Select` returns).
    pub cases: Vec<SelectCase>,
    /// Whether there is a `default` case (chosen as -1 when nothing is ready).
    pub has_default: bool,
}

/// A compiled function.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Function {
    /// Go's qualified name as tracebacks print it: `main.main`, `main.f`,
    /// `main.(*T).M`, `main.T.M`, `main.main.func1`.
    pub name: String,
    /// Source file name as tracebacks print it, e.g. `/prog.go` or `prog.go`.
    pub file: String,
    /// Line of the `func` keyword.
    pub decl_line: u32,
    /// The instructions.
    pub code: Vec<Op>,
    /// Source position of each instruction (same length as `code`).
    pub lines: Vec<Pos>,
    /// Constant pool for `LoadConst`.
    pub consts: Vec<Const>,
    /// Number of parameters (registers `0..num_params`, receiver first).
    pub num_params: u16,
    /// Number of results.
    pub num_results: u16,
    /// Registers used by the frame (parameters included).
    pub num_regs: u16,
    /// The register map for the collector: `reg_kinds[r]` says whether
    /// register `r` may hold a reference at any point of the function (a
    /// register must not hold a reference at one point and a scalar that
    /// looks like one at another). Length `num_regs`; missing entries count
    /// as `Ref`, which is safe but keeps garbage alive. The compiler derives
    /// it from the instructions: `Scalar` only if every write is a scalar.
    pub reg_kinds: Vec<SlotKind>,
    /// Where a frame resumes after one of its deferred calls recovered a
    /// panic: the function's epilogue (`RunDefers`, load results, `Return`).
    /// Required when the function contains `Defer`.
    pub epilogue: Option<u32>,
    /// `select` statements of this function.
    pub selects: Vec<SelectDesc>,
}

impl Function {
    /// Appends an instruction stamped with its source position; returns its index.
    pub fn emit(&mut self, op: Op, pos: Pos) -> u32 {
        self.code.push(op);
        self.lines.push(pos);
        (self.code.len() - 1) as u32
    }

    /// Sets the target of the jump at `at` (emitted with a placeholder) to `target`.
    pub fn patch_jump(&mut self, at: u32, target: u32) {
        match &mut self.code[at as usize] {
            Op::Jump { target: t }
            | Op::JumpIfTrue { target: t, .. }
            | Op::JumpIfFalse { target: t, .. } => *t = target,
            other => panic!("patch_jump: instruction {at} is {other}, not a jump"),
        }
    }

    /// The source line of instruction `pc` (0 if unknown).
    pub fn line_at(&self, pc: usize) -> u32 {
        self.lines.get(pc).map(|p| p.line).unwrap_or(0)
    }

    /// The kind of register `r` for the collector.
    pub fn reg_kind(&self, r: usize) -> SlotKind {
        self.reg_kinds.get(r).copied().unwrap_or(SlotKind::Ref)
    }
}

/// What a method-table entry or a func value calls.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Callee {
    /// A compiled function.
    Func(FuncId),
    /// A native, index into [`Program::natives`].
    Native(u32),
}

/// An entry of a type's method table (for interface dispatch).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Method {
    /// Index into [`Program::method_names`].
    pub name: u32,
    /// The implementation; its first parameter is the receiver.
    pub callee: Callee,
    /// The type is `*T` and the method has a value receiver `T`: the runtime
    /// dereferences (and for aggregates copies) the pointer before the call.
    pub deref: bool,
}

/// A struct field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    /// Field name as `%+v` prints it.
    pub name: String,
    /// Field type.
    pub ty: TypeId,
    /// Whether the field is embedded.
    pub embedded: bool,
}

/// Channel direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChanDir {
    /// `chan T`
    Both,
    /// `chan<- T`
    Send,
    /// `<-chan T`
    Recv,
}

/// The underlying structure of a type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TypeKind {
    /// bool
    Bool,
    /// Integer types (`int` is I64, `uint`/`uintptr` U64, `byte` U8, `rune` I32).
    Int(IntKind),
    /// float32 (stored as f64 bits)
    Float32,
    /// float64
    Float64,
    /// string
    String,
    /// `*T`
    Pointer(TypeId),
    /// `[]T`
    Slice(TypeId),
    /// `[N]T`
    Array(TypeId, u32),
    /// `map[K]V`
    Map(TypeId, TypeId),
    /// `chan T`
    Chan(TypeId, ChanDir),
    /// A func type.
    Func,
    /// An interface; its method names (indices into `method_names`), sorted.
    Interface(Vec<u32>),
    /// A struct with one word per field.
    Struct(Vec<Field>),
    /// A library type whose layout the runtime owns (`sync.Mutex`,
    /// `sync.WaitGroup`, `strings.Builder`, `atomic.Int64`...), named by
    /// `TypeDesc::name`; see [`opaque_type_words`].
    Opaque,
}

/// A type descriptor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeDesc {
    /// The name `%T` prints: `int`, `main.T`, `*main.T`, `[]int`,
    /// `map[string]int`, `func(int) string`, `interface {}`, `error`.
    pub name: String,
    /// The underlying structure (for a named type, its underlying type's).
    pub kind: TypeKind,
    /// Method table, sorted by `Method::name` (empty for unnamed types
    /// except pointers to named types).
    pub methods: Vec<Method>,
}

impl TypeDesc {
    /// A type without methods.
    pub fn new(name: impl Into<String>, kind: TypeKind) -> TypeDesc {
        TypeDesc {
            name: name.into(),
            kind,
            methods: Vec::new(),
        }
    }

    /// Whether words of this type are references (see [`SlotKind`]).
    pub fn slot_kind(&self) -> SlotKind {
        match self.kind {
            TypeKind::Bool | TypeKind::Int(_) | TypeKind::Float32 | TypeKind::Float64 => {
                SlotKind::Scalar
            }
            _ => SlotKind::Ref,
        }
    }

    /// Whether values of this type are aggregates (struct, array, opaque):
    /// a register holds a ref to a mutable object and copies are explicit.
    pub fn is_aggregate(&self) -> bool {
        matches!(
            self.kind,
            TypeKind::Struct(_) | TypeKind::Array(..) | TypeKind::Opaque
        )
    }

    /// Looks up a method by name id.
    pub fn method(&self, name: u32) -> Option<&Method> {
        self.methods
            .binary_search_by_key(&name, |m| m.name)
            .ok()
            .map(|i| &self.methods[i])
    }
}

/// Words of each opaque library type (all scalar except where noted):
/// the runtime and compiler agree on these names.
pub fn opaque_type_words(name: &str) -> Option<(usize, &'static [SlotKind])> {
    use SlotKind::*;
    Some(match name {
        "sync.Mutex" => (2, &[Scalar, Scalar]),
        "sync.RWMutex" => (4, &[Scalar, Scalar, Scalar, Scalar]),
        "sync.WaitGroup" => (2, &[Scalar, Scalar]),
        "sync.Once" => (2, &[Scalar, Scalar]),
        "atomic.Int32" | "atomic.Int64" | "atomic.Uint32" | "atomic.Uint64" | "atomic.Bool" => {
            (1, &[Scalar])
        }
        // A ref to the runtime's growable byte buffer.
        "strings.Builder" => (1, &[Ref]),
        // [C, id, f]: f is `AfterFunc`'s function (nil for a channel timer).
        "time.Timer" => (3, &[Ref, Scalar, Ref]),
        "time.Time" => (1, &[Scalar]),
        _ => return None,
    })
}

/// A package-level variable.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Global {
    /// `main.x`
    pub name: String,
    /// Its type (aggregates are zeroed to fresh objects before init runs).
    pub ty: TypeId,
}

/// A whole compiled program.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Program {
    /// All functions.
    pub functions: Vec<Function>,
    /// `main.main`.
    pub main: FuncId,
    /// The package initializer run before `main.main`, if any: initializes
    /// globals in dependency order, then calls the `init` functions.
    pub init: Option<FuncId>,
    /// Package-level variables (zeroed by the runtime before `init`).
    pub globals: Vec<Global>,
    /// Type descriptors; ids are canonical.
    pub types: Vec<TypeDesc>,
    /// Native functions used, by stable name (`"fmt.Println"`).
    pub natives: Vec<String>,
    /// Interned method names for interface dispatch (`"String"`, `"Error"`).
    pub method_names: Vec<String>,
}

impl Program {
    /// Id of a native name, adding it if new (for code generators).
    pub fn native_id(&mut self, name: &str) -> u32 {
        intern(&mut self.natives, name)
    }

    /// Id of a method name, adding it if new (for code generators).
    pub fn method_name_id(&mut self, name: &str) -> u32 {
        intern(&mut self.method_names, name)
    }

    /// Id of a type with this exact descriptor, adding it if new.
    pub fn type_id(&mut self, desc: TypeDesc) -> TypeId {
        if let Some(i) = self.types.iter().position(|t| *t == desc) {
            return i as TypeId;
        }
        self.types.push(desc);
        (self.types.len() - 1) as TypeId
    }

    /// Finds a function by name.
    pub fn function_named(&self, name: &str) -> Option<FuncId> {
        self.functions
            .iter()
            .position(|f| f.name == name)
            .map(|i| i as FuncId)
    }

    /// Checks structural invariants the runtime relies on (operands in
    /// range, line table parallel to code, epilogues where defers are).
    /// Returns a description of the first problem.
    pub fn validate(&self) -> Result<(), String> {
        if self.main as usize >= self.functions.len() {
            return Err(format!("main function {} out of range", self.main));
        }
        for f in &self.functions {
            if f.lines.len() != f.code.len() {
                return Err(format!("{}: line table length differs from code", f.name));
            }
            if f.num_params > f.num_regs {
                return Err(format!("{}: more params than registers", f.name));
            }
            let has_defer = f.code.iter().any(|op| matches!(op, Op::Defer { .. }));
            if has_defer && f.epilogue.is_none() {
                return Err(format!("{}: defer without epilogue", f.name));
            }
            for (pc, op) in f.code.iter().enumerate() {
                // The mnemonic, not the whole instruction: `Display for Op` is a
                // large function, and this message only names where to look.
                let bad = |what: &str| Err(format!("{}+{pc}: {}: {what}", f.name, op.mnemonic()));
                match *op {
                    Op::Jump { target }
                    | Op::JumpIfTrue { target, .. }
                    | Op::JumpIfFalse { target, .. }
                        if target as usize >= f.code.len() =>
                    {
                        return bad("jump out of range")
                    }
                    Op::LoadConst { idx, .. } if idx as usize >= f.consts.len() => {
                        return bad("constant out of range")
                    }
                    Op::Call { func, .. }
                    | Op::LoadFunc { func, .. }
                    | Op::MakeClosure { func, .. }
                        if func as usize >= self.functions.len() =>
                    {
                        return bad("function out of range")
                    }
                    Op::CallNative { native, .. } | Op::LoadNative { native, .. }
                        if native as usize >= self.natives.len() =>
                    {
                        return bad("native out of range")
                    }
                    Op::GetGlobal { idx, .. }
                    | Op::SetGlobal { idx, .. }
                    | Op::GlobalAddr { idx, .. }
                        if idx as usize >= self.globals.len() =>
                    {
                        return bad("global out of range")
                    }
                    Op::Select { desc, .. } if desc as usize >= f.selects.len() => {
                        return bad("select out of range")
                    }
                    Op::CallIface { method, .. } if method as usize >= self.method_names.len() => {
                        return bad("method name out of range")
                    }
                    _ => {}
                }
                if let Some(ty) = type_operand(op) {
                    if ty as usize >= self.types.len() {
                        return bad("type out of range");
                    }
                }
            }
        }
        Ok(())
    }
}

fn type_operand(op: &Op) -> Option<TypeId> {
    match *op {
        Op::EqVal { ty, .. }
        | Op::MakeMap { ty, .. }
        | Op::Zero { ty, .. }
        | Op::New { ty, .. }
        | Op::MakeIface { ty, .. }
        | Op::TypeAssertOk { ty, .. } => Some(ty),
        Op::TypeAssert { ty, iface, .. } => Some(ty.max(iface)),
        Op::MakeSlice { elem, .. }
        | Op::SliceLit { elem, .. }
        | Op::Append { elem, .. }
        | Op::AppendSlice { elem, .. }
        | Op::MakeChan { elem, .. } => Some(elem),
        _ => None,
    }
}

fn intern(list: &mut Vec<String>, name: &str) -> u32 {
    if let Some(i) = list.iter().position(|n| n == name) {
        return i as u32;
    }
    list.push(name.to_string());
    (list.len() - 1) as u32
}
