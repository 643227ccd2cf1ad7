//! The state shared by all goroutines of a run: the program, the heap, the
//! type table (the program's types plus the runtime's own, such as
//! `*errors.errorString`), the resolved natives, interned constants, the
//! random source. Also the type-directed value operations the VM owns:
//! zero values, deep copies of aggregates, `==`, map keys.

use crate::heap::{GoMap, Handle, Heap, MapKey, Obj, Shape};
use crate::natives::{self, NativeFn};
use crate::Config;
use golab_bytecode::{
    opaque_type_words, Callee, Const, IntKind, Method, Program, TypeDesc, TypeId, TypeKind,
};
use std::sync::atomic::Ordering::Relaxed;
use std::sync::Arc;

/// Why an instruction or native could not complete normally.
pub(crate) enum Trap {
    /// A Go runtime error (becomes a panic with a `runtime.Error` value).
    Runtime(RtErr),
    /// A panic with the given interface value.
    Panic(u64),
    /// A fatal error: the complete message after `fatal error: `.
    Fatal(String),
    /// `os.Exit(code)`.
    Exit(i32),
    /// `runtime.Goexit()`: run the G's deferred calls, then end it.
    Goexit,
    /// A native asks to call Go code first: the func value and arguments.
    /// The native is re-executed afterwards with the results in `G::cb`.
    Call(u64, Vec<u64>),
    /// The G must stop for the scheduler (park, yield, syscall...).
    Sched(crate::sched::SchedReq),
}

/// Runtime errors, with Go's texts.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum RtErr {
    Index(i64, u64),
    NilDeref,
    DivideByZero,
    NilMap,
    /// `interface conversion: ...` (full text after the prefix).
    TypeAssert(String),
    /// slice bounds text after `slice bounds out of range `.
    SliceBounds(String),
    NegativeShift,
    Uncomparable(String),
    /// A map key (or part of one) of this type cannot be hashed.
    Unhashable(String),
    MakeSliceLen,
    MakeSliceCap,
    /// Other message after `runtime error: `.
    Other(String),
    /// A `runtime.plainError` (no `runtime error: ` prefix), e.g.
    /// `send on closed channel`.
    Plain(String),
    /// `==` or a map key's hash met more parts than this host's memory
    /// could hold unshared (see [`Machine::parts_limit`]); a fatal error,
    /// not a panic.
    TooLarge(&'static str),
}

impl RtErr {
    /// The text of `Error()`.
    pub fn text(&self) -> String {
        match self {
            RtErr::Index(i, _) if *i < 0 => {
                format!("runtime error: index out of range [{i}]")
            }
            RtErr::Index(i, n) => {
                format!("runtime error: index out of range [{i}] with length {n}")
            }
            RtErr::NilDeref => {
                "runtime error: invalid memory address or nil pointer dereference".into()
            }
            RtErr::DivideByZero => "runtime error: integer divide by zero".into(),
            RtErr::NilMap => "assignment to entry in nil map".into(),
            RtErr::TypeAssert(s) => format!("interface conversion: {s}"),
            RtErr::SliceBounds(s) => format!("runtime error: slice bounds out of range {s}"),
            RtErr::NegativeShift => "runtime error: negative shift amount".into(),
            RtErr::Uncomparable(t) => format!("runtime error: comparing uncomparable type {t}"),
            RtErr::Unhashable(t) => format!("runtime error: hash of unhashable type {t}"),
            RtErr::MakeSliceLen => "runtime error: makeslice: len out of range".into(),
            RtErr::MakeSliceCap => "runtime error: makeslice: cap out of range".into(),
            RtErr::Other(s) => format!("runtime error: {s}"),
            RtErr::Plain(s) => s.clone(),
            RtErr::TooLarge(what) => format!(
                "{what}: value too large for this host (parts shared over and over; Go would run for a very long time)"
            ),
        }
    }

    /// The dynamic type name Go gives the panic value.
    pub fn type_name(&self) -> &'static str {
        match self {
            RtErr::Index(..) | RtErr::SliceBounds(_) => "runtime.boundsError",
            RtErr::TypeAssert(_) => "*runtime.TypeAssertionError",
            RtErr::NilMap | RtErr::Plain(_) => "runtime.plainError",
            _ => "runtime.errorString",
        }
    }
}

/// Type ids the runtime itself needs.
#[allow(dead_code)]
pub(crate) struct RtTypes {
    pub int: TypeId,
    pub string: TypeId,
    pub bool_: TypeId,
    pub float64: TypeId,
    pub any: TypeId,
    pub byte: TypeId,
    pub rune: TypeId,
    /// `error` and the `errors`/`fmt` error types (see `errors`).
    pub errors: crate::errors::ErrorTypes,
    pub m_error: u32,
    pub m_string: u32,
    pub m_gostring: u32,
}

/// Shared run state.
pub(crate) struct Machine {
    pub prog: Arc<Program>,
    pub heap: Heap,
    pub types: Vec<TypeDesc>,
    pub method_names: Vec<String>,
    /// Resolved natives; `None` for names this runtime does not implement
    /// yet (calling one is a fatal error naming it, loading is fine).
    pub natives: Vec<Option<NativeFn>>,
    pub native_names: Vec<String>,
    pub const_words: Arc<Vec<Vec<u64>>>,
    pub globals: Handle,
    pub rt: RtTypes,
    /// The Go program's randomness (`runtime.rand`, behind the top-level
    /// functions of `math/rand` and `math/rand/v2`), seeded from the run's
    /// seed apart from the scheduler's choices.
    pub rand: crate::gorand::RuntimeRand,
    pub config: Config,
    /// Instructions executed so far.
    pub steps: u64,
    /// The scheduler: Gs, Ps, Ms, run queues, timers, virtual time.
    pub sched: crate::sched::Sched,
    /// `runtime.GC` was called: collect at the next instruction boundary.
    pub gc_requested: bool,
    /// Output on its way to the host's sink (see `output`).
    pub stdio: crate::output::Stdio,
    /// First of the trampolines that run `go f(args)` for a library `f`
    /// (one per argument count, see [`with_go_native_trampolines`]).
    pub go_native_base: u32,
    /// Heap size that triggers the next collection.
    pub gc_goal: usize,
    /// A collection just ran for an allocation that is being retried.
    pub gc_just_ran: bool,
    /// Collector statistics.
    pub gc_stats: crate::gc::GcStats,
    /// Runtime types by name (e.g. `runtime.boundsError`) created lazily.
    pub rt_named: Vec<(String, TypeId)>,
    /// Race detector (see `race`): `race_on` is the one flag the
    /// interpreter tests per memory instruction.
    pub race_on: bool,
    /// The race detector's state when `Config::race` is on.
    pub race: Option<Box<crate::race::Detector>>,
}

impl Machine {
    /// Loads a program: resolves natives, interns constants, zeroes globals.
    pub fn new(prog: Arc<Program>, config: Config) -> Result<Machine, String> {
        prog.validate()?;
        let (prog, go_native_base) = with_go_native_trampolines(&prog);
        let mut types = prog.types.clone();
        let mut method_names = prog.method_names.clone();
        let mut native_names = prog.natives.clone();
        let find_or_add = |types: &mut Vec<TypeDesc>, desc: TypeDesc| -> TypeId {
            if let Some(i) = types
                .iter()
                .position(|t| t.name == desc.name && t.kind == desc.kind)
            {
                return i as TypeId;
            }
            types.push(desc);
            (types.len() - 1) as TypeId
        };
        let int = find_or_add(
            &mut types,
            TypeDesc::new("int", TypeKind::Int(IntKind::I64)),
        );
        let string = find_or_add(&mut types, TypeDesc::new("string", TypeKind::String));
        let bool_ = find_or_add(&mut types, TypeDesc::new("bool", TypeKind::Bool));
        let float64 = find_or_add(&mut types, TypeDesc::new("float64", TypeKind::Float64));
        let byte = find_or_add(
            &mut types,
            TypeDesc::new("uint8", TypeKind::Int(IntKind::U8)),
        );
        let rune = find_or_add(
            &mut types,
            TypeDesc::new("int32", TypeKind::Int(IntKind::I32)),
        );
        let any = find_or_add(
            &mut types,
            TypeDesc::new("interface {}", TypeKind::Interface(vec![])),
        );
        let m_error = intern(&mut method_names, "Error");
        let m_string = intern(&mut method_names, "String");
        let errors = crate::errors::add_types(
            &mut types,
            &mut method_names,
            &mut native_names,
            string,
            m_error,
        );
        let m_gostring = intern(&mut method_names, "GoString");
        let mut resolved = Vec::with_capacity(native_names.len());
        for name in &native_names {
            resolved.push(natives::lookup(name));
        }
        let mut heap = Heap::new();
        let const_words: Vec<Vec<u64>> = prog
            .functions
            .iter()
            .map(|f| {
                f.consts
                    .iter()
                    .map(|c| match c {
                        Const::Int(i) => *i as u64,
                        Const::Float(x) => x.to_bits(),
                        Const::Str(s) => heap.alloc_str(s.as_bytes()),
                    })
                    .collect()
            })
            .collect();
        let globals = heap.alloc_words(Shape::Globals, 0, prog.globals.len());
        let mut sched = crate::sched::Sched::new(config.gomaxprocs, config.seed);
        sched.trace_limit = config.max_trace_events;
        let mut m = Machine {
            prog: prog.clone(),
            heap,
            types,
            method_names,
            natives: resolved,
            native_names,
            const_words: Arc::new(const_words),
            globals,
            rt: RtTypes {
                int,
                string,
                bool_,
                float64,
                any,
                byte,
                rune,
                errors,
                m_error,
                m_string,
                m_gostring,
            },
            rand: crate::gorand::RuntimeRand::new(config.seed),
            config,
            steps: 0,
            sched,
            gc_requested: false,
            stdio: Default::default(),
            go_native_base,
            gc_goal: crate::gc::MIN_HEAP_GOAL,
            gc_just_ran: false,
            gc_stats: Default::default(),
            rt_named: Vec::new(),
            race_on: false,
            race: None,
        };
        if m.config.race {
            // Go 1.19 built with -race has one more runtime goroutine: the
            // first user goroutine is 7, as its race reports show.
            m.sched.next_goid += 1;
            m.race_on = true;
            m.race = Some(Box::new(crate::race::Detector::new(&m.native_names)));
        }
        for (i, gl) in prog.globals.iter().enumerate() {
            let z = m.zero(gl.ty);
            m.heap.words(m.globals as u64).unwrap()[i].store(z, Relaxed);
        }
        Ok(m)
    }

    /// The type id of a runtime-made named type whose values carry a string
    /// (runtime errors), created on first use.
    pub fn rt_error_type(&mut self, name: &str) -> TypeId {
        if let Some((_, id)) = self.rt_named.iter().find(|(n, _)| n == name) {
            return *id;
        }
        let native = intern(&mut self.native_names, "runtime.errorText");
        if native as usize >= self.natives.len() {
            self.natives.push(natives::lookup("runtime.errorText"));
        }
        let mut d = TypeDesc::new(name, TypeKind::Pointer(self.rt.string));
        d.methods.push(Method {
            name: self.rt.m_error,
            callee: Callee::Native(native),
            deref: false,
        });
        // The runtime's own errors are runtime.Errors: they have the marker
        // method RuntimeError (a no-op, as in Go), so `r.(runtime.Error)`
        // holds for what a failed index or nil map write panics with.
        if name.trim_start_matches('*').starts_with("runtime.") {
            let marker = intern(&mut self.native_names, "runtime.runtimeErrorMark");
            if marker as usize >= self.natives.len() {
                self.natives
                    .push(natives::lookup("runtime.runtimeErrorMark"));
            }
            d.methods.push(Method {
                name: intern(&mut self.method_names, "RuntimeError"),
                callee: Callee::Native(marker),
                deref: false,
            });
        }
        self.types.push(d);
        let id = (self.types.len() - 1) as TypeId;
        self.rt_named.push((name.to_string(), id));
        id
    }

    /// Builds the interface value Go panics with for a runtime error.
    pub fn runtime_error_value(&mut self, e: &RtErr) -> u64 {
        let ty = self.rt_error_type(e.type_name());
        let s = self.heap.alloc_str(e.text().as_bytes());
        self.heap.alloc_iface(ty, s)
    }

    /// An error value of a runtime-made type whose word is its text
    /// (`*strconv.NumError`, `*fs.PathError`; see `rt_error_type`).
    pub fn new_error(&mut self, ty: TypeId, text: &str) -> u64 {
        let s = self.heap.alloc_str(text.as_bytes());
        self.heap.alloc_iface(ty, s)
    }

    /// A string word.
    pub fn str(&mut self, s: &str) -> u64 {
        self.heap.alloc_str(s.as_bytes())
    }

    /// Whether values of `ty` are aggregates (their word is a ref to a
    /// mutable object with value semantics).
    pub fn is_aggregate(&self, ty: TypeId) -> bool {
        self.types[ty as usize].is_aggregate()
    }

    /// The zero value of `ty` (a fresh object for aggregates, with fresh
    /// objects for the aggregates nested in it).
    ///
    /// Iterative: named types can nest thousands deep (`type T1 [1]T0`,
    /// `type T2 [1]T1`, ...), which recursion here would follow on the host
    /// stack. Objects are allocated in the order the recursive definition
    /// would (each nested aggregate's objects before its next sibling's).
    pub fn zero(&mut self, ty: TypeId) -> u64 {
        let root = self.zero_object(ty);
        // Slots still to fill: (object, word index, type).
        let mut todo: Vec<(u64, usize, TypeId)> = Vec::new();
        self.push_aggregate_slots(root, ty, &mut todo);
        while let Some((obj, i, ty)) = todo.pop() {
            let z = self.zero_object(ty);
            self.heap.words(obj).unwrap()[i].store(z, Relaxed);
            self.push_aggregate_slots(z, ty, &mut todo);
        }
        root
    }

    /// A fresh object for a value of `ty` with every word 0 (nested
    /// aggregates not made yet); 0 for a type that is not an aggregate.
    fn zero_object(&mut self, ty: TypeId) -> u64 {
        match &self.types[ty as usize].kind {
            TypeKind::Struct(fields) => {
                let n = fields.len();
                self.heap.alloc_words(Shape::Struct, ty, n) as u64
            }
            TypeKind::Array(elem, n) => {
                let (elem, n) = (*elem, *n as usize);
                self.heap.alloc_words(Shape::Array, elem, n) as u64
            }
            TypeKind::Opaque => {
                let n = opaque_type_words(&self.types[ty as usize].name)
                    .map(|(n, _)| n)
                    .unwrap_or(1);
                self.heap.alloc_words(Shape::Struct, ty, n) as u64
            }
            _ => 0,
        }
    }

    /// Pushes the words of `obj` (a value of `ty`) that hold nested
    /// aggregates, last first, so that they are filled in order.
    fn push_aggregate_slots(&self, obj: u64, ty: TypeId, todo: &mut Vec<(u64, usize, TypeId)>) {
        match &self.types[ty as usize].kind {
            TypeKind::Struct(fields) => {
                for (i, f) in fields.iter().enumerate().rev() {
                    if self.is_aggregate(f.ty) {
                        todo.push((obj, i, f.ty));
                    }
                }
            }
            TypeKind::Array(elem, n) if self.is_aggregate(*elem) => {
                for i in (0..*n as usize).rev() {
                    todo.push((obj, i, *elem));
                }
            }
            _ => {}
        }
    }

    /// A deep copy of the aggregate object `w` (nested aggregates copied,
    /// everything else shared). None if `w` is nil.
    ///
    /// Iterative, for the same reason as [`Machine::zero`], with the
    /// objects allocated in the same order as a recursive copy would.
    pub fn copy_val(&mut self, w: u64) -> Option<u64> {
        let root = match self.copy_object(w)? {
            Some(c) => c,
            None => return Some(w),
        };
        // Words of copies that still point to an original nested aggregate.
        let mut todo: Vec<(u64, usize)> = Vec::new();
        self.push_nested_words(root, &mut todo);
        while let Some((obj, i)) = todo.pop() {
            let words = self.heap.words(obj).unwrap();
            let orig = words[i].load(Relaxed);
            let c = match self.copy_object(orig) {
                Some(Some(c)) => c,
                Some(None) => orig,
                None => 0,
            };
            self.heap.words(obj).unwrap()[i].store(c, Relaxed);
            if c != orig {
                self.push_nested_words(c, &mut todo);
            }
        }
        Some(root)
    }

    /// A shallow copy of the words object `w`: `Some(Some(copy))`;
    /// `Some(None)` if `w` is another kind of object, None if it is nil.
    fn copy_object(&mut self, w: u64) -> Option<Option<u64>> {
        let (shape, ty, vals) = match self.heap.get(w)? {
            Obj::Words { shape, ty, w } => (
                *shape,
                *ty,
                w.iter().map(|a| a.load(Relaxed)).collect::<Vec<_>>(),
            ),
            _ => return Some(None),
        };
        let h = self.heap.alloc_words(shape, ty, vals.len());
        for (a, v) in self.heap.words(h as u64).unwrap().iter().zip(vals) {
            a.store(v, Relaxed);
        }
        Some(Some(h as u64))
    }

    /// Pushes the words of the words object `obj` that hold nested
    /// aggregates, last first.
    fn push_nested_words(&self, obj: u64, todo: &mut Vec<(u64, usize)>) {
        let Some(Obj::Words { shape, ty, w }) = self.heap.get(obj) else {
            return;
        };
        for i in (0..w.len()).rev() {
            if self.word_is_aggregate(*shape, *ty, i) {
                todo.push((obj, i));
            }
        }
    }

    /// Overwrites aggregate `dst` with a deep copy of `src`'s contents.
    pub fn copy_into(&mut self, dst: u64, src: u64) -> Option<()> {
        let copy = self.copy_val(src)?;
        let vals: Vec<u64> = self
            .heap
            .words(copy)?
            .iter()
            .map(|a| a.load(Relaxed))
            .collect();
        let d = self.heap.words(dst)?;
        for (a, v) in d.iter().zip(vals) {
            a.store(v, Relaxed);
        }
        Some(())
    }

    /// Whether word `i` of a words object holds a nested aggregate.
    pub fn word_is_aggregate(&self, shape: Shape, ty: TypeId, i: usize) -> bool {
        match shape {
            Shape::Struct => match &self.types[ty as usize].kind {
                TypeKind::Struct(fields) => fields.get(i).is_some_and(|f| self.is_aggregate(f.ty)),
                _ => false,
            },
            Shape::Array => self.is_aggregate(ty),
            _ => false,
        }
    }

    /// Copies `v` if values of type `ty` are aggregates (value semantics).
    pub fn copy_if_aggregate(&mut self, ty: TypeId, v: u64) -> u64 {
        if self.is_aggregate(ty) {
            self.copy_val(v).unwrap_or(v)
        } else {
            v
        }
    }

    /// Go's `==` on two values of type `ty`, in the order of Go's generated
    /// equality: fields and elements in order, stopping at the first
    /// difference; interfaces by dynamic type first, so that only two values
    /// of the same uncomparable type panic; NaN is not equal to itself.
    ///
    /// Iterative on purpose: an interface can hold an array holding an
    /// interface ..., nested as deep as the heap allows (Go compares a
    /// million levels), so the pairs still to compare are an explicit stack,
    /// not host recursion that would overflow (8 MB natively, 1 MB in wasm).
    pub fn equal(&self, ty: TypeId, a: u64, b: u64) -> Result<bool, RtErr> {
        // Popped in order: a struct's or array's parts are pushed reversed.
        let mut todo: Vec<(TypeId, u64, u64)> = Vec::new();
        let (mut ty, mut a, mut b) = (ty, a, b);
        let mut left = self.parts_limit();
        loop {
            left = left.checked_sub(1).ok_or(RtErr::TooLarge("=="))?;
            let desc = &self.types[ty as usize];
            let eq = match &desc.kind {
                TypeKind::Float32 | TypeKind::Float64 => f64::from_bits(a) == f64::from_bits(b),
                TypeKind::String => a == b || self.heap.str_bytes(a) == self.heap.str_bytes(b),
                TypeKind::Interface(_) => match (self.heap.iface(a), self.heap.iface(b)) {
                    (None, None) => true,
                    (Some((ta, wa)), Some((tb, wb))) if ta == tb => {
                        if !self.comparable(ta) {
                            let name = self.types[ta as usize].name.clone();
                            return Err(RtErr::Uncomparable(name));
                        }
                        todo.push((ta, wa, wb));
                        true
                    }
                    _ => false,
                },
                TypeKind::Struct(fields) => {
                    let wa = self.heap.words(a).ok_or(RtErr::NilDeref)?;
                    let wb = self.heap.words(b).ok_or(RtErr::NilDeref)?;
                    for ((f, x), y) in fields.iter().zip(wa).zip(wb).rev() {
                        todo.push((f.ty, x.load(Relaxed), y.load(Relaxed)));
                    }
                    true
                }
                TypeKind::Array(elem, _) => {
                    let wa = self.heap.words(a).ok_or(RtErr::NilDeref)?;
                    let wb = self.heap.words(b).ok_or(RtErr::NilDeref)?;
                    for (x, y) in wa.iter().zip(wb).rev() {
                        todo.push((*elem, x.load(Relaxed), y.load(Relaxed)));
                    }
                    true
                }
                TypeKind::Slice(_) | TypeKind::Map(..) | TypeKind::Func => {
                    return Err(RtErr::Uncomparable(desc.name.clone()))
                }
                TypeKind::Opaque => {
                    let wa = self.heap.words(a).ok_or(RtErr::NilDeref)?;
                    let wb = self.heap.words(b).ok_or(RtErr::NilDeref)?;
                    wa.iter()
                        .zip(wb)
                        .all(|(x, y)| x.load(Relaxed) == y.load(Relaxed))
                }
                _ => a == b,
            };
            if !eq {
                return Ok(false);
            }
            match todo.pop() {
                Some(next) => (ty, a, b) = next,
                None => return Ok(true),
            }
        }
    }

    /// The most parts (words, strings, interface values) one `==` or one
    /// map key may visit: a value with more parts than words fit in the
    /// memory limit must share parts (an interface copied shares its box),
    /// as `x = T{x, x}` done 60 times does, and Go's own `==` on it would
    /// run for centuries. Without a bound one instruction would hold the
    /// page's thread (or a worker) that long, past any Stop; with it, a
    /// fatal error ends the run after a few seconds. Counted, not timed,
    /// so a replay fails at the same point.
    pub fn parts_limit(&self) -> usize {
        self.config.max_memory_bytes / 8
    }

    /// Whether values of `ty` can be compared with `==` (Go's `t.equal !=
    /// nil`): no slice, map or func inside it by value. Iterative, each type
    /// once: named types can nest thousands deep, and a struct with two
    /// fields of the previous type, forty times over, is a small program.
    pub fn comparable(&self, ty: TypeId) -> bool {
        let mut todo = vec![ty];
        let mut seen = std::collections::HashSet::new();
        while let Some(t) = todo.pop() {
            match &self.types[t as usize].kind {
                TypeKind::Slice(_) | TypeKind::Map(..) | TypeKind::Func => return false,
                TypeKind::Struct(fields) => {
                    for f in fields {
                        if seen.insert(f.ty) {
                            todo.push(f.ty);
                        }
                    }
                }
                TypeKind::Array(elem, _) if seen.insert(*elem) => todo.push(*elem),
                _ => {}
            }
        }
        true
    }

    /// The identity of a value of type `ty` as a map key: equal keys (under
    /// Go's `==`) and only they give equal `MapKey`s, except that a key
    /// containing NaN gives `MapKey::NaN`, which `map_set` makes unique.
    /// Go hashes every part of a key, so the first unhashable part, in
    /// field order, panics (`hash of unhashable type T`).
    ///
    /// A struct, array or interface is encoded flat, in field order: 8
    /// bytes per word-sized value, a string as its length and bytes, an
    /// interface as 0 (nil) or 1 and its dynamic type id, then its value.
    /// Every part's length follows from its type, so two keys of one static
    /// type have the same encoding only if they are equal. Iterative, as
    /// `equal` is, for keys nested as deep as the heap allows.
    pub fn key(&self, ty: TypeId, w: u64) -> Result<MapKey, RtErr> {
        match &self.types[ty as usize].kind {
            TypeKind::Float32 | TypeKind::Float64 => {
                let f = f64::from_bits(w);
                return Ok(if f.is_nan() {
                    MapKey::NaN
                } else {
                    MapKey::Word(if f == 0.0 { 0 } else { w })
                });
            }
            TypeKind::String => return Ok(MapKey::Str(self.heap.str_bytes(w).into())),
            TypeKind::Struct(_) | TypeKind::Array(..) | TypeKind::Interface(_) => {}
            TypeKind::Opaque => {}
            TypeKind::Slice(_) | TypeKind::Map(..) | TypeKind::Func => {
                return Err(RtErr::Unhashable(self.types[ty as usize].name.clone()))
            }
            _ => return Ok(MapKey::Word(w)),
        }
        let mut out: Vec<u8> = Vec::new();
        let mut nan = false;
        let mut todo: Vec<(TypeId, u64)> = vec![(ty, w)];
        let mut left = self.parts_limit();
        while let Some((ty, w)) = todo.pop() {
            left = left
                .checked_sub(1)
                .ok_or(RtErr::TooLarge("hash of map key"))?;
            if out.len() > self.config.max_memory_bytes {
                return Err(RtErr::TooLarge("hash of map key"));
            }
            let desc = &self.types[ty as usize];
            match &desc.kind {
                TypeKind::Float32 | TypeKind::Float64 => {
                    let f = f64::from_bits(w);
                    nan |= f.is_nan();
                    out.extend_from_slice(&(if f == 0.0 { 0 } else { w }).to_le_bytes());
                }
                TypeKind::String => {
                    let s = self.heap.str_bytes(w);
                    out.extend_from_slice(&(s.len() as u64).to_le_bytes());
                    out.extend_from_slice(s);
                }
                TypeKind::Interface(_) => match self.heap.iface(w) {
                    None => out.push(0),
                    Some((dty, dw)) => {
                        if !self.comparable(dty) {
                            let name = self.types[dty as usize].name.clone();
                            return Err(RtErr::Unhashable(name));
                        }
                        out.push(1);
                        out.extend_from_slice(&dty.to_le_bytes());
                        todo.push((dty, dw));
                    }
                },
                TypeKind::Struct(fields) => {
                    let ws = self.heap.words(w).ok_or(RtErr::NilDeref)?;
                    for (f, a) in fields.iter().zip(ws).rev() {
                        todo.push((f.ty, a.load(Relaxed)));
                    }
                }
                TypeKind::Array(elem, _) => {
                    let ws = self.heap.words(w).ok_or(RtErr::NilDeref)?;
                    for a in ws.iter().rev() {
                        todo.push((*elem, a.load(Relaxed)));
                    }
                }
                TypeKind::Opaque => {
                    let ws = self.heap.words(w).ok_or(RtErr::NilDeref)?;
                    for a in ws {
                        out.extend_from_slice(&a.load(Relaxed).to_le_bytes());
                    }
                }
                TypeKind::Slice(_) | TypeKind::Map(..) | TypeKind::Func => {
                    return Err(RtErr::Unhashable(desc.name.clone()))
                }
                _ => out.extend_from_slice(&w.to_le_bytes()),
            }
        }
        Ok(if nan {
            MapKey::NaN
        } else {
            MapKey::Flat(out.into())
        })
    }

    /// Looks up `key` in map `m` (nil map → None).
    pub fn map_get(&self, m: u64, key: u64) -> Result<Option<u64>, RtErr> {
        let Some(Obj::Map(map)) = self.heap.get(m) else {
            return Ok(None);
        };
        let k = self.key(map.key_ty, key)?;
        Ok(map
            .index
            .get(&k)
            .and_then(|&i| map.entries[i])
            .map(|(_, v)| v))
    }

    /// The value type of a map (for zero values of missing keys).
    pub fn map_types(&self, m: u64) -> Option<(TypeId, TypeId)> {
        match self.heap.get(m) {
            Some(Obj::Map(map)) => Some((map.key_ty, map.val_ty)),
            _ => None,
        }
    }

    /// `m[key] = val`.
    pub fn map_set(&mut self, m: u64, key: u64, val: u64) -> Result<(), RtErr> {
        let (kty, _) = self.map_types(m).ok_or(RtErr::NilMap)?;
        let mut k = self.key(kty, key)?;
        let Some(Obj::Map(map)) = self.heap.get_mut(m) else {
            return Err(RtErr::NilMap);
        };
        if k == MapKey::NaN {
            // Equal to no key: always a new entry.
            k = MapKey::Unique(map.entries.len());
        }
        match map.index.get(&k) {
            Some(&i) => map.entries[i] = Some((key, val)),
            None => {
                map.entries.push(Some((key, val)));
                map.index.insert(k, map.entries.len() - 1);
                map.len += 1;
                self.heap.bytes += 48;
            }
        }
        Ok(())
    }

    /// `delete(m, key)`.
    pub fn map_delete(&mut self, m: u64, key: u64) -> Result<(), RtErr> {
        let Some((kty, _)) = self.map_types(m) else {
            return Ok(());
        };
        let k = self.key(kty, key)?;
        if let Some(Obj::Map(map)) = self.heap.get_mut(m) {
            if let Some(i) = map.index.remove(&k) {
                map.entries[i] = None;
                map.len -= 1;
            }
        }
        Ok(())
    }

    /// `make(map[K]V)`.
    pub fn make_map(&mut self, ty: TypeId) -> u64 {
        let (k, v) = match self.types[ty as usize].kind {
            TypeKind::Map(k, v) => (k, v),
            _ => (self.rt.int, self.rt.int),
        };
        self.heap.alloc(Obj::Map(Box::new(GoMap {
            key_ty: k,
            val_ty: v,
            ..Default::default()
        }))) as u64
    }

    /// Finds the method `name` of dynamic type `ty`.
    pub fn method(&self, ty: TypeId, name: u32) -> Option<Method> {
        let d = &self.types[ty as usize];
        d.method(name)
            .copied()
            .or_else(|| d.methods.iter().find(|m| m.name == name).copied())
    }

    /// Whether dynamic type `ty` implements interface type `iface`.
    pub fn implements(&self, ty: TypeId, iface: TypeId) -> Result<(), String> {
        if let TypeKind::Interface(ms) = &self.types[iface as usize].kind {
            for m in ms {
                if self.method(ty, *m).is_none() {
                    return Err(self.method_names[*m as usize].clone());
                }
            }
        }
        Ok(())
    }

    /// A new slice of `n` zero elements of type `elem` with capacity `cap`.
    pub fn new_slice(&mut self, elem: TypeId, len: usize, cap: usize) -> u64 {
        let arr = self.heap.alloc_words(Shape::Array, elem, cap);
        if self.is_aggregate(elem) {
            for i in 0..cap {
                let z = self.zero(elem);
                self.heap.words(arr as u64).unwrap()[i].store(z, Relaxed);
            }
        }
        self.heap.alloc_slice(arr, 0, len as u32, cap as u32)
    }

    /// The element type of a slice's backing array.
    pub fn slice_elem(&self, s: u64) -> Option<TypeId> {
        let (arr, ..) = self.heap.slice(s);
        match self.heap.get(arr as u64) {
            Some(Obj::Words { ty, .. }) => Some(*ty),
            _ => None,
        }
    }
}

/// Most arguments a `go` of a library function may pass.
pub(crate) const MAX_GO_NATIVE_ARGS: usize = 8;

/// The program plus one function per argument count `n` that calls the
/// func value in its register 0 with registers `1..=n` and returns: the
/// body of a goroutine started as `go fmt.Println(x)`.
fn with_go_native_trampolines(prog: &Arc<Program>) -> (Arc<Program>, u32) {
    use golab_bytecode::{Function, Op, Pos, Reg, SlotKind};
    let mut p = (**prog).clone();
    let base = p.functions.len() as u32;
    for n in 0..=MAX_GO_NATIVE_ARGS {
        let regs = (2 + n.max(4)) as u16;
        let mut f = Function {
            name: "runtime.goexit".into(),
            file: "runtime/asm.s".into(),
            num_params: n as u16 + 1,
            num_regs: regs,
            reg_kinds: vec![SlotKind::Ref; regs as usize],
            ..Default::default()
        };
        let pos = Pos { line: 1, col: 1 };
        f.emit(
            Op::CallValue {
                callee: Reg(0),
                base: Reg(1),
                nargs: n as u8,
                nret: 0,
            },
            pos,
        );
        f.emit(Op::Return { src: Reg(0), n: 0 }, pos);
        p.functions.push(f);
    }
    (Arc::new(p), base)
}

fn intern(list: &mut Vec<String>, name: &str) -> u32 {
    if let Some(i) = list.iter().position(|n| n == name) {
        return i as u32;
    }
    list.push(name.to_string());
    (list.len() - 1) as u32
}
