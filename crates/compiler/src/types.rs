//! Go types for the checker: an interning table, so identical unnamed types
//! share one [`TypeId`] and type identity is an integer comparison; named
//! types are unique per declaration. Also constant values and the type
//! relations of the spec (identity, assignability, method sets).

use std::collections::HashMap;
use std::fmt::Write;

pub type TypeId = u32;

/// How [`Types::type_string`] spells a type: Go spells the same type
/// differently at compile time and at run time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TypeStyle {
    /// types2's spelling, for diagnostics: the program's own types bare
    /// (`T`), `struct{X int}`, `interface{}`.
    Diagnostic,
    /// reflect's spelling, for `%T` and run-time type names: `main.T`,
    /// `struct { X int }`, `interface {}`.
    Runtime,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Basic {
    Invalid,
    Bool,
    Int,
    Int8,
    Int16,
    Int32,
    Int64,
    Uint,
    Uint8,
    Uint16,
    Uint32,
    Uint64,
    Uintptr,
    Float32,
    Float64,
    String,
    UntypedBool,
    UntypedInt,
    UntypedRune,
    UntypedFloat,
    UntypedString,
    UntypedNil,
}

impl Basic {
    pub fn name(self) -> &'static str {
        use Basic::*;
        match self {
            Invalid => "invalid type",
            Bool => "bool",
            Int => "int",
            Int8 => "int8",
            Int16 => "int16",
            Int32 => "int32",
            Int64 => "int64",
            Uint => "uint",
            Uint8 => "uint8",
            Uint16 => "uint16",
            Uint32 => "uint32",
            Uint64 => "uint64",
            Uintptr => "uintptr",
            Float32 => "float32",
            Float64 => "float64",
            String => "string",
            UntypedBool => "untyped bool",
            UntypedInt => "untyped int",
            UntypedRune => "untyped rune",
            UntypedFloat => "untyped float",
            UntypedString => "untyped string",
            UntypedNil => "untyped nil",
        }
    }
    pub fn is_untyped(self) -> bool {
        use Basic::*;
        matches!(
            self,
            UntypedBool | UntypedInt | UntypedRune | UntypedFloat | UntypedString | UntypedNil
        )
    }
    pub fn is_integer(self) -> bool {
        use Basic::*;
        matches!(
            self,
            Int | Int8
                | Int16
                | Int32
                | Int64
                | Uint
                | Uint8
                | Uint16
                | Uint32
                | Uint64
                | Uintptr
                | UntypedInt
                | UntypedRune
        )
    }
    pub fn is_unsigned(self) -> bool {
        use Basic::*;
        matches!(self, Uint | Uint8 | Uint16 | Uint32 | Uint64 | Uintptr)
    }
    pub fn is_float(self) -> bool {
        matches!(self, Basic::Float32 | Basic::Float64 | Basic::UntypedFloat)
    }
    pub fn is_numeric(self) -> bool {
        self.is_integer() || self.is_float()
    }
    pub fn is_string(self) -> bool {
        matches!(self, Basic::String | Basic::UntypedString)
    }
    pub fn is_bool(self) -> bool {
        matches!(self, Basic::Bool | Basic::UntypedBool)
    }
    /// Range of an integer type, as (min, max).
    pub fn int_range(self) -> Option<(i128, i128)> {
        use Basic::*;
        Some(match self {
            Int | Int64 => (i64::MIN as i128, i64::MAX as i128),
            Int8 => (i8::MIN as i128, i8::MAX as i128),
            Int16 => (i16::MIN as i128, i16::MAX as i128),
            Int32 => (i32::MIN as i128, i32::MAX as i128),
            Uint | Uint64 | Uintptr => (0, u64::MAX as i128),
            Uint8 => (0, u8::MAX as i128),
            Uint16 => (0, u16::MAX as i128),
            Uint32 => (0, u32::MAX as i128),
            _ => return None,
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Dir {
    Both,
    Send,
    Recv,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FieldT {
    pub name: String,
    pub ty: TypeId,
    pub embedded: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Type {
    Basic(Basic),
    /// Index into [`Types::named`].
    Named(u32),
    Pointer(TypeId),
    Slice(TypeId),
    Array(TypeId, u64),
    Map(TypeId, TypeId),
    Chan(Dir, TypeId),
    Struct(Vec<FieldT>),
    Func {
        params: Vec<TypeId>,
        results: Vec<TypeId>,
        variadic: bool,
    },
    /// Methods sorted by name: (name, func type without receiver).
    Interface(Vec<(String, TypeId)>),
    Tuple(Vec<TypeId>),
}

/// How a method is implemented.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MethodImpl {
    /// Index of the method's declaration among the file's function decls.
    Decl(usize),
    /// A runtime native, e.g. `strings.(*Builder).WriteString`.
    Native(String),
    /// A method of an instance of a generic type: the index of its
    /// instantiated copy among the checker's functions.
    Inst(usize),
}

#[derive(Clone, Debug)]
pub struct MethodDef {
    pub name: String,
    /// The method's func type without the receiver.
    pub sig: TypeId,
    pub ptr_recv: bool,
    pub imp: MethodImpl,
}

#[derive(Clone, Debug)]
pub struct NamedInfo {
    pub name: String,
    /// "main" for user types, the package name for library types, "" for
    /// predeclared `error`.
    pub pkg: String,
    pub underlying: TypeId,
    pub methods: Vec<MethodDef>,
    /// A library type whose layout the runtime owns.
    pub opaque: bool,
    /// An instance of a generic type (`List[int]`): its type arguments,
    /// which its name is spelled with.
    pub targs: Vec<TypeId>,
}

pub struct Types {
    pub list: Vec<Type>,
    map: HashMap<Type, TypeId>,
    pub named: Vec<NamedInfo>,
}

pub const INVALID: TypeId = 0;

impl Default for Types {
    fn default() -> Self {
        Self::new()
    }
}

impl Types {
    pub fn new() -> Types {
        let mut t = Types {
            list: Vec::new(),
            map: HashMap::new(),
            named: Vec::new(),
        };
        use Basic::*;
        for b in [
            Invalid,
            Bool,
            Int,
            Int8,
            Int16,
            Int32,
            Int64,
            Uint,
            Uint8,
            Uint16,
            Uint32,
            Uint64,
            Uintptr,
            Float32,
            Float64,
            String,
            UntypedBool,
            UntypedInt,
            UntypedRune,
            UntypedFloat,
            UntypedString,
            UntypedNil,
        ] {
            t.intern(Type::Basic(b));
        }
        t
    }

    pub fn intern(&mut self, ty: Type) -> TypeId {
        if let Some(&id) = self.map.get(&ty) {
            return id;
        }
        let id = self.list.len() as TypeId;
        self.list.push(ty.clone());
        self.map.insert(ty, id);
        id
    }

    pub fn basic(&mut self, b: Basic) -> TypeId {
        self.intern(Type::Basic(b))
    }

    /// A basic type's id once the checker has interned it (the universe
    /// scope interns every predeclared one), for passes that only read.
    pub fn basic_id(&self, b: Basic) -> TypeId {
        self.map.get(&Type::Basic(b)).copied().unwrap_or(INVALID)
    }

    pub fn new_named(&mut self, name: &str, pkg: &str, underlying: TypeId) -> TypeId {
        let idx = self.named.len() as u32;
        self.named.push(NamedInfo {
            name: name.into(),
            pkg: pkg.into(),
            underlying,
            methods: Vec::new(),
            opaque: false,
            targs: Vec::new(),
        });
        self.intern(Type::Named(idx))
    }

    pub fn get(&self, t: TypeId) -> &Type {
        &self.list[t as usize]
    }

    pub fn named_info(&self, t: TypeId) -> Option<&NamedInfo> {
        match self.get(t) {
            Type::Named(i) => Some(&self.named[*i as usize]),
            _ => None,
        }
    }

    pub fn named_info_mut(&mut self, t: TypeId) -> Option<&mut NamedInfo> {
        match self.list[t as usize] {
            Type::Named(i) => Some(&mut self.named[i as usize]),
            _ => None,
        }
    }

    pub fn underlying(&self, mut t: TypeId) -> TypeId {
        for _ in 0..100 {
            match self.get(t) {
                Type::Named(i) => t = self.named[*i as usize].underlying,
                _ => return t,
            }
        }
        INVALID
    }

    pub fn under(&self, t: TypeId) -> &Type {
        self.get(self.underlying(t))
    }

    pub fn basic_of(&self, t: TypeId) -> Option<Basic> {
        match self.under(t) {
            Type::Basic(b) => Some(*b),
            _ => None,
        }
    }

    pub fn is_invalid(&self, t: TypeId) -> bool {
        self.basic_of(t) == Some(Basic::Invalid)
    }

    pub fn is_untyped(&self, t: TypeId) -> bool {
        matches!(self.get(t), Type::Basic(b) if b.is_untyped())
    }

    pub fn is_named(&self, t: TypeId) -> bool {
        matches!(self.get(t), Type::Named(_))
            || matches!(self.get(t), Type::Basic(b) if !b.is_untyped())
    }

    pub fn is_interface(&self, t: TypeId) -> bool {
        matches!(self.under(t), Type::Interface(_))
    }

    pub fn is_integer(&self, t: TypeId) -> bool {
        self.basic_of(t).is_some_and(|b| b.is_integer())
    }
    pub fn is_unsigned(&self, t: TypeId) -> bool {
        self.basic_of(t).is_some_and(|b| b.is_unsigned())
    }
    pub fn is_float(&self, t: TypeId) -> bool {
        self.basic_of(t).is_some_and(|b| b.is_float())
    }
    pub fn is_numeric(&self, t: TypeId) -> bool {
        self.basic_of(t).is_some_and(|b| b.is_numeric())
    }
    pub fn is_string(&self, t: TypeId) -> bool {
        self.basic_of(t).is_some_and(|b| b.is_string())
    }
    pub fn is_bool(&self, t: TypeId) -> bool {
        self.basic_of(t).is_some_and(|b| b.is_bool())
    }

    /// Struct, array or opaque library type: a reference to a mutable
    /// object at run time, copied explicitly.
    pub fn is_aggregate(&self, t: TypeId) -> bool {
        if self.named_info(t).is_some_and(|n| n.opaque) {
            return true;
        }
        matches!(self.under(t), Type::Struct(_) | Type::Array(..))
    }

    /// Whether a value of this type is a reference word for the collector.
    pub fn is_ref(&self, t: TypeId) -> bool {
        !matches!(self.under(t), Type::Basic(b) if !b.is_string() && *b != Basic::UntypedNil)
    }

    pub fn func_sig(&self, t: TypeId) -> Option<(&[TypeId], &[TypeId], bool)> {
        match self.under(t) {
            Type::Func {
                params,
                results,
                variadic,
            } => Some((params, results, *variadic)),
            _ => None,
        }
    }

    /// Whether values of the type can be compared with `==`: no slice, map
    /// or func in it by value. Iterative, each type once: named types can
    /// nest thousands deep, and forty struct types each holding the
    /// previous one twice would take 2^40 steps as a plain recursion.
    pub fn comparable(&self, t: TypeId) -> bool {
        if !matches!(self.under(t), Type::Struct(_) | Type::Array(..)) {
            return !matches!(
                self.under(t),
                Type::Slice(_) | Type::Map(..) | Type::Func { .. }
            );
        }
        let mut todo = vec![t];
        let mut seen = std::collections::HashSet::from([t]);
        while let Some(t) = todo.pop() {
            match self.under(t) {
                Type::Slice(_) | Type::Map(..) | Type::Func { .. } => return false,
                Type::Struct(fs) => {
                    todo.extend(fs.iter().map(|f| f.ty).filter(|&f| seen.insert(f)));
                }
                Type::Array(e, _) if seen.insert(*e) => todo.push(*e),
                _ => {}
            }
        }
        true
    }

    /// The default type of an untyped type.
    pub fn default_type(&mut self, t: TypeId) -> TypeId {
        match self.get(t) {
            Type::Basic(Basic::UntypedBool) => self.basic(Basic::Bool),
            Type::Basic(Basic::UntypedInt) => self.basic(Basic::Int),
            Type::Basic(Basic::UntypedRune) => self.basic(Basic::Int32),
            Type::Basic(Basic::UntypedFloat) => self.basic(Basic::Float64),
            Type::Basic(Basic::UntypedString) => self.basic(Basic::String),
            _ => t,
        }
    }

    /// A type's name, spelled as the checker's messages or as `%T` spell it.
    pub fn type_string(&self, t: TypeId, style: TypeStyle) -> String {
        let mut s = String::new();
        self.write_type(&mut s, t, style == TypeStyle::Runtime, 0);
        s
    }

    fn write_type(&self, s: &mut String, t: TypeId, q: bool, depth: u32) {
        if depth > 50 {
            s.push_str("...");
            return;
        }
        let d = depth + 1;
        match self.get(t) {
            Type::Basic(b) => {
                // byte and rune print as uint8 and int32, as Go does.
                s.push_str(b.name())
            }
            Type::Named(i) => {
                let n = &self.named[*i as usize];
                if (q || n.pkg != "main") && !n.pkg.is_empty() {
                    s.push_str(&n.pkg);
                    s.push('.');
                }
                s.push_str(&n.name);
                // reflect spells `main.Pair[string,int]`, types2 `Pair[string, int]`.
                for (k, &a) in n.targs.iter().enumerate() {
                    s.push_str(match (k, q) {
                        (0, _) => "[",
                        (_, true) => ",",
                        (_, false) => ", ",
                    });
                    self.write_type(s, a, q, d);
                }
                if !n.targs.is_empty() {
                    s.push(']');
                }
            }
            Type::Pointer(e) => {
                s.push('*');
                self.write_type(s, *e, q, d);
            }
            Type::Slice(e) => {
                s.push_str("[]");
                self.write_type(s, *e, q, d);
            }
            Type::Array(e, n) => {
                let _ = write!(s, "[{n}]");
                self.write_type(s, *e, q, d);
            }
            Type::Map(k, v) => {
                s.push_str("map[");
                self.write_type(s, *k, q, d);
                s.push(']');
                self.write_type(s, *v, q, d);
            }
            Type::Chan(dir, e) => {
                s.push_str(match dir {
                    Dir::Both => "chan ",
                    Dir::Send => "chan<- ",
                    Dir::Recv => "<-chan ",
                });
                self.write_type(s, *e, q, d);
            }
            Type::Struct(fs) => {
                // %T prints `struct { X int }`; diagnostics print `struct{X int}`.
                s.push_str(if q { "struct {" } else { "struct{" });
                for (i, f) in fs.iter().enumerate() {
                    s.push_str(if i > 0 {
                        "; "
                    } else if q {
                        " "
                    } else {
                        ""
                    });
                    if !f.embedded {
                        s.push_str(&f.name);
                        s.push(' ');
                    }
                    self.write_type(s, f.ty, q, d);
                }
                s.push_str(if q && !fs.is_empty() { " }" } else { "}" });
            }
            Type::Func { .. } => {
                s.push_str("func");
                self.write_sig(s, t, q, d);
            }
            Type::Interface(ms) => {
                if ms.is_empty() {
                    s.push_str(if q { "interface {}" } else { "interface{}" });
                } else {
                    s.push_str(if q { "interface { " } else { "interface{" });
                    for (i, (name, sig)) in ms.iter().enumerate() {
                        if i > 0 {
                            s.push_str("; ");
                        }
                        s.push_str(name);
                        self.write_sig(s, *sig, q, d);
                    }
                    s.push_str(if q { " }" } else { "}" });
                }
            }
            Type::Tuple(ts) => {
                s.push('(');
                for (i, t) in ts.iter().enumerate() {
                    if i > 0 {
                        s.push_str(", ");
                    }
                    self.write_type(s, *t, q, d);
                }
                s.push(')');
            }
        }
    }

    fn write_sig(&self, s: &mut String, t: TypeId, q: bool, d: u32) {
        if let Type::Func {
            params,
            results,
            variadic,
        } = self.get(t)
        {
            s.push('(');
            for (i, p) in params.iter().enumerate() {
                if i > 0 {
                    s.push_str(", ");
                }
                if *variadic && i + 1 == params.len() {
                    s.push_str("...");
                    if let Type::Slice(e) = self.get(*p) {
                        self.write_type(s, *e, q, d);
                        continue;
                    }
                }
                self.write_type(s, *p, q, d);
            }
            s.push(')');
            match results.len() {
                0 => {}
                1 => {
                    s.push(' ');
                    self.write_type(s, results[0], q, d);
                }
                _ => {
                    s.push_str(" (");
                    for (i, r) in results.iter().enumerate() {
                        if i > 0 {
                            s.push_str(", ");
                        }
                        self.write_type(s, *r, q, d);
                    }
                    s.push(')');
                }
            }
        }
    }

    /// Looks up a method of a named type `t` (not through pointers).
    pub fn method_of(&self, t: TypeId, name: &str) -> Option<&MethodDef> {
        self.named_info(t)?.methods.iter().find(|m| m.name == name)
    }

    /// The methods of an interface type.
    pub fn iface_methods(&self, t: TypeId) -> &[(String, TypeId)] {
        match self.under(t) {
            Type::Interface(ms) => ms,
            _ => &[],
        }
    }

    /// Checks whether `t` implements interface `iface`; on failure returns
    /// Go's explanation, e.g. "(missing M method)".
    pub fn implements(&self, t: TypeId, iface: TypeId) -> Result<(), String> {
        let need = self.iface_methods(iface);
        if self.is_interface(t) {
            let have = self.iface_methods(t);
            for (name, sig) in need {
                match have.iter().find(|(n, _)| n == name) {
                    Some((_, s)) if s == sig => {}
                    Some(_) => return Err(format!("(wrong type for {name} method)")),
                    None => return Err(format!("(missing {name} method)")),
                }
            }
            return Ok(());
        }
        for (name, sig) in need {
            match self.method_set_sig(t, name) {
                Ok(s) if s == *sig => {}
                Ok(_) => return Err(format!("(wrong type for {name} method)")),
                Err(why) => return Err(why),
            }
        }
        Ok(())
    }
}

/// A constant value (untyped constants are arbitrary precision in Go; i128
/// and f64 are enough for the programs of the book).
#[derive(Clone, Debug, PartialEq)]
pub enum ConstVal {
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(Vec<u8>),
}

impl ConstVal {
    pub fn to_f64(&self) -> Option<f64> {
        match self {
            ConstVal::Int(i) => Some(*i as f64),
            ConstVal::Float(f) => Some(*f),
            _ => None,
        }
    }

    /// The value as an exact integer, if it is one.
    pub fn to_int(&self) -> Option<i128> {
        match self {
            ConstVal::Int(i) => Some(*i),
            ConstVal::Float(f) if f.fract() == 0.0 && f.abs() < 1.7e38 => Some(*f as i128),
            _ => None,
        }
    }

    /// Go's formatting of constant values in diagnostics.
    pub fn display(&self) -> String {
        match self {
            ConstVal::Bool(b) => b.to_string(),
            ConstVal::Int(i) => i.to_string(),
            ConstVal::Float(f) => {
                if f.fract() == 0.0 && f.abs() < 1e21 {
                    format!("{}", *f as i128)
                } else {
                    let s = format!("{f}");
                    if s.len() > 12 {
                        format!("{f:e}")
                    } else {
                        s
                    }
                }
            }
            ConstVal::Str(s) => format!("{:?}", String::from_utf8_lossy(s)),
        }
    }
}

/// The result of looking up a field or method name in a type, following
/// embedded fields breadth-first as the spec's selector rules say.
#[derive(Clone, Debug)]
pub enum Lookup {
    None,
    Ambiguous,
    /// A field; `path` is the field indices from the outer struct (embedded
    /// steps, then the field itself).
    Field {
        path: Vec<usize>,
        ty: TypeId,
    },
    /// A method of `named`, on the value reached through the embedded
    /// fields `path`; `recv_ty` is that value's type (`T` or `*T`).
    Method {
        path: Vec<usize>,
        named: TypeId,
        def: MethodDef,
        recv_ty: TypeId,
    },
    /// A method of an embedded (or the) interface value reached through `path`.
    IfaceMethod {
        path: Vec<usize>,
        sig: TypeId,
    },
}

impl Types {
    pub fn lookup(&self, t: TypeId, name: &str) -> Lookup {
        let mut level: Vec<(TypeId, Vec<usize>)> = vec![(t, vec![])];
        for _depth in 0..8 {
            let mut found: Vec<Lookup> = Vec::new();
            let mut next = Vec::new();
            for (typ, path) in &level {
                let (base, is_ptr) = match self.get(*typ) {
                    Type::Pointer(b) => (*b, true),
                    _ => (*typ, false),
                };
                if !self.is_interface(base) {
                    if let Some(m) = self.method_of(base, name) {
                        found.push(Lookup::Method {
                            path: path.clone(),
                            named: base,
                            def: m.clone(),
                            recv_ty: *typ,
                        });
                        continue;
                    }
                }
                match self.under(base) {
                    Type::Interface(ms) if !is_ptr => {
                        if let Some((_, sig)) = ms.iter().find(|(n, _)| n == name) {
                            found.push(Lookup::IfaceMethod {
                                path: path.clone(),
                                sig: *sig,
                            });
                        }
                    }
                    Type::Struct(fs) => {
                        for (i, f) in fs.iter().enumerate() {
                            let mut p = path.clone();
                            p.push(i);
                            if f.name == name {
                                found.push(Lookup::Field {
                                    path: p.clone(),
                                    ty: f.ty,
                                });
                            }
                            if f.embedded {
                                next.push((f.ty, p));
                            }
                        }
                    }
                    _ => {}
                }
            }
            match found.len() {
                0 => {}
                1 => return found.pop().unwrap(),
                _ => return Lookup::Ambiguous,
            }
            if next.is_empty() {
                return Lookup::None;
            }
            level = next;
        }
        Lookup::None
    }

    /// Whether method `name` is in the method set of `t` (with promoted
    /// methods); returns its signature or Go's reason.
    pub fn method_set_sig(&self, t: TypeId, name: &str) -> Result<TypeId, String> {
        let top_ptr = matches!(self.get(t), Type::Pointer(_));
        match self.lookup(t, name) {
            Lookup::Method {
                path, def, recv_ty, ..
            } => {
                let reached_ptr =
                    top_ptr || (!path.is_empty() && matches!(self.get(recv_ty), Type::Pointer(_)));
                if def.ptr_recv && !reached_ptr {
                    return Err(format!("({name} method has pointer receiver)"));
                }
                Ok(def.sig)
            }
            Lookup::IfaceMethod { sig, .. } => Ok(sig),
            _ => Err(format!("(missing {name} method)")),
        }
    }

    /// The type of the value reached from `t` through the field indices
    /// `path` (dereferencing pointers to structs on the way).
    pub fn path_type(&self, mut t: TypeId, path: &[usize]) -> TypeId {
        for &i in path {
            let base = match self.get(t) {
                Type::Pointer(b) => *b,
                _ => t,
            };
            match self.under(base) {
                Type::Struct(fs) => t = fs.get(i).map_or(INVALID, |f| f.ty),
                _ => return INVALID,
            }
        }
        t
    }

    /// Names of all methods promoted into struct type `t` through embedded
    /// fields (candidates; resolve each with [`Types::lookup`]).
    pub fn promoted_method_names(&self, t: TypeId) -> Vec<String> {
        let mut out = Vec::new();
        let mut stack = vec![(t, 0)];
        while let Some((typ, depth)) = stack.pop() {
            if depth > 8 {
                continue;
            }
            let base = match self.get(typ) {
                Type::Pointer(b) => *b,
                _ => typ,
            };
            if depth > 0 {
                if let Some(ni) = self.named_info(base) {
                    if !self.is_interface(base) {
                        out.extend(ni.methods.iter().map(|m| m.name.clone()));
                    }
                }
                if self.is_interface(base) {
                    out.extend(self.iface_methods(base).iter().map(|m| m.0.clone()));
                }
            }
            if let Type::Struct(fs) = self.under(base) {
                for f in fs {
                    if f.embedded {
                        stack.push((f.ty, depth + 1));
                    }
                }
            }
        }
        out.sort_unstable(); // equal names are the same: order is all there is
        out.dedup();
        out
    }
}
