//! The bytecode shared by the compiler (which emits it) and the runtime
//! (which executes it). This crate is the contract between the two: it knows
//! nothing about Go syntax and nothing about the scheduler.
//!
//! # Value model: one word per Go value
//!
//! Every Go value occupies exactly **one 64-bit word**, in a register, in a
//! global, in a struct field or in an array element. Scalars (`bool`, all
//! integer widths, `float32`/`float64`) are stored directly in the word:
//! integers sign- or zero-extended to 64 bits according to their type, floats
//! as their `f64` bit pattern (`float32` values are rounded to `f32` precision
//! but stored as `f64` bits). Everything else is a *reference* word to a heap
//! object owned by the runtime:
//!
//! | Go type | word | zero value |
//! |---|---|---|
//! | string | immutable string object | `0` means `""` |
//! | slice | immutable slice header object (array, offset, len, cap) | `0` = nil slice |
//! | map, chan, func | the object | `0` = nil |
//! | interface | immutable box (dynamic type id, payload word) | `0` = nil interface |
//! | pointer | packed `handle | (word offset << 32)` | `0` = nil |
//! | struct, array | a *mutable* object with one word per field/element | a fresh zeroed object (use [`Op::Zero`]) |
//!
//! Why: one word per value means registers resolve at compile time to a
//! fixed index, a register file is a plain `[u64]` (no tags to check in the
//! hot loop), and a heap word can be an `AtomicU64` accessed with relaxed
//! ordering, so parallel mode can race on shared variables without undefined
//! behaviour in Rust. The collector finds pointers the way Go's does: each
//! function carries a *register map* ([`Function::reg_kinds`], like Go's stack
//! maps) saying which registers hold references; heap objects know their own
//! layout from their type.
//!
//! ## Struct and array values
//! Because a struct/array register holds a reference, *value semantics are
//! explicit*: when Go copies an aggregate (assignment to a new variable,
//! passing as an argument, storing in a slice/map/field, returning it), the
//! compiler emits [`Op::CopyVal`] (fresh deep copy of the flat storage; nested
//! struct/array fields are copied too, pointers/slices/maps are shared). When
//! Go assigns to an *existing* aggregate variable that may be aliased
//! (`s = t` where `&s` was taken), emit [`Op::CopyInto`]. The address of an
//! aggregate-typed place (`&s`, `&a[i]` of a struct element, `&x.inner`) is
//! just its reference word (offset 0): get it with [`Op::GetField`] /
//! [`Op::Index`] / the variable's register, not with `FieldAddr`.
//!
//! ## Escaping variables and closures
//! A local whose address is taken (`&x` of a scalar) or that is captured by a
//! closure lives in a heap cell: [`Op::New`] with the variable's type gives a
//! pointer; read and write it with [`Op::Load`] / [`Op::Store`]. Closures
//! capture *words*: [`Op::MakeClosure`] copies the given registers (normally
//! cell pointers, which gives capture by reference) and [`Op::Upval`] reads
//! capture `i` inside the closure body. (Aggregate locals already are
//! references, so capturing them needs no cell.)
//!
//! # Calling convention (register windows, Lua style)
//! A call `Call { func, base, nargs, nret }` passes arguments in the caller's
//! registers `base .. base+nargs`. The callee's frame *starts at* the caller's
//! register `base`: its parameters are its registers `0 .. nparams` (receiver
//! first for methods). The callee returns with `Return { src, n }`, which
//! copies its registers `src .. src+n` to its registers `0 .. n`, i.e. the
//! caller finds the results in `base .. base+nret`. Registers of the caller at
//! `base` and above are clobbered by the call: always call at the top of the
//! registers in use. Variadic parameters receive one slice argument (the
//! compiler builds it with [`Op::SliceLit`]).
//!
//! # Natives (library functions implemented in the runtime)
//! Library functions are identified by a stable string, listed once in
//! [`Program::natives`], e.g. `"fmt.Println"`, `"strings.Repeat"`,
//! `"strings.(*Builder).WriteString"`, `"sync.(*WaitGroup).Add"`,
//! `"time.Duration.String"`, `"println"` (the builtin). The runtime resolves
//! each name once at load time. A name it does not implement still loads:
//! calling it ends the run with `fatal error: NAME is not supported yet by
//! this runtime` (exit status 2), so a program that never reaches the call
//! runs as usual. [`Op::CallNative`] uses the same register window
//! convention as [`Op::Call`]; natives get exactly their declared Go
//! parameters (a variadic `...any` is one `[]any` slice of interfaces).
//! Methods are natives whose first argument is the receiver. Natives may
//! call back into Go (e.g. `sort.Slice` calling `less`, `fmt` calling
//! `String()`): that is the runtime's business, the compiler just calls
//! them. The list of names the runtime knows is
//! `golab_runtime::natives::NAMES`.
//!
//! One call may run its native more than once: a native that calls back
//! into Go is re-executed afterwards, and a blocked goroutine that must
//! retry when woken (a woken `Mutex.Lock` competing with newcomers, as in
//! Go) resumes with its pc back on the call instruction. So the argument
//! registers of a native call must still hold the arguments when the
//! instruction runs again. [`Op::CallNative`] and [`Op::CallValue`] leave
//! them alone; [`Op::CallIface`] replaces its receiver register with the
//! receiver, so a blocking library method must not be reached through
//! `CallIface` (the library has no `sync.Locker`; a program's own interface
//! with `Lock()` is the one way to get there).
//!
//! Library types with hidden state (`sync.Mutex`, `sync.WaitGroup`,
//! `strings.Builder`, `atomic.Int64`, ...) are [`TypeKind::Opaque`]: the
//! runtime owns their layout ([`opaque_type_words`]); like structs they are
//! aggregates, so `var mu sync.Mutex` needs [`Op::Zero`] and `&mu` is the
//! register itself.
//!
//! # defer, panic, recover
//! `defer f(args)`: evaluate `f` to a func value (use [`Op::LoadFunc`] /
//! [`Op::LoadNative`] for static callees) and the arguments into consecutive
//! registers, then [`Op::Defer`]. A function containing `defer` must have an
//! *epilogue* ([`Function::epilogue`]): `RunDefers`, then load the result
//! variables, then `Return`. Every `return` in such a function stores its
//! results into the result variables and jumps to the epilogue. When a
//! deferred call recovers a panic, the runtime resumes the deferring frame at
//! its epilogue, so named results changed by the deferred closure are
//! returned, as in Go.
//!
//! # Types
//! [`Program::types`] holds one [`TypeDesc`] per distinct Go type used at
//! run time; type ids are canonical (identical types have the same id),
//! since type assertions compare ids. `TypeDesc::name` is what `%T` prints.
//!
//! # Positions
//! [`Function::lines`] runs parallel to [`Function::code`]: every emitted
//! instruction carries a source position (use [`Function::emit`]).
#![deny(missing_docs)]
// Plain data and a disassembler: nothing here needs unsafe code.
#![forbid(unsafe_code)]

mod disasm;
mod op;
mod program;

pub use disasm::disassemble;
pub use op::{ConvKind, IntKind, Op, ParseOpError, Reg};
pub use program::*;
