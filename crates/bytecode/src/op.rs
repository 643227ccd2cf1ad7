//! The instruction set: one enum, defined once by a macro that also derives
//! the mnemonic, the textual form used by the disassembler and its parser
//! (so a round-trip test keeps the documentation and the encoding honest).
//!
//! Conventions in the docs below: `rX` is register X of the current frame;
//! "ref" means a reference word (see the crate docs); `ty` operands are
//! indices into [`crate::Program::types`]; jump targets are absolute
//! instruction indices in the current function. Instructions that can panic
//! say so; the runtime produces Go's exact panic text.

use std::fmt;

/// A register index within the current frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Reg(pub u16);

/// An integer type's width and signedness, for truncation and conversions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum IntKind {
    /// int8
    I8,
    /// int16
    I16,
    /// int32, rune
    I32,
    /// int64, int
    #[default]
    I64,
    /// uint8, byte
    U8,
    /// uint16
    U16,
    /// uint32
    U32,
    /// uint64, uint, uintptr
    U64,
}

impl IntKind {
    /// Whether the type is signed.
    pub fn signed(self) -> bool {
        matches!(
            self,
            IntKind::I8 | IntKind::I16 | IntKind::I32 | IntKind::I64
        )
    }
    /// Width in bits.
    pub fn bits(self) -> u32 {
        match self {
            IntKind::I8 | IntKind::U8 => 8,
            IntKind::I16 | IntKind::U16 => 16,
            IntKind::I32 | IntKind::U32 => 32,
            IntKind::I64 | IntKind::U64 => 64,
        }
    }
    /// Wraps a 64-bit word to this type's width (sign- or zero-extending),
    /// which is how every integer is kept in a word.
    #[inline]
    pub fn wrap(self, v: u64) -> u64 {
        match self {
            IntKind::I8 => v as i8 as i64 as u64,
            IntKind::I16 => v as i16 as i64 as u64,
            IntKind::I32 => v as i32 as i64 as u64,
            IntKind::I64 | IntKind::U64 => v,
            IntKind::U8 => v as u8 as u64,
            IntKind::U16 => v as u16 as u64,
            IntKind::U32 => v as u32 as u64,
        }
    }
    const ALL: [(IntKind, &'static str); 8] = [
        (IntKind::I8, "i8"),
        (IntKind::I16, "i16"),
        (IntKind::I32, "i32"),
        (IntKind::I64, "i64"),
        (IntKind::U8, "u8"),
        (IntKind::U16, "u16"),
        (IntKind::U32, "u32"),
        (IntKind::U64, "u64"),
    ];
}

/// Conversions that change representation (see [`Op::Convert`]).
/// Integer-to-integer conversions are [`Op::Trunc`]; numeric to interface is
/// [`Op::MakeIface`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum ConvKind {
    /// signed integer word → float64 bits
    #[default]
    IntToFloat,
    /// unsigned integer word → float64 bits
    UintToFloat,
    /// float64 bits → int64 (truncation toward zero; then `Trunc` for narrower)
    FloatToInt,
    /// float64 bits → uint64
    FloatToUint,
    /// float64 bits → float64 bits rounded to float32 precision
    FloatToF32,
    /// `string(rune)`: integer → UTF-8 string (invalid → U+FFFD)
    RuneToStr,
    /// `string(b)` for `[]byte`
    BytesToStr,
    /// `[]byte(s)`
    StrToBytes,
    /// `string(r)` for `[]rune`
    RunesToStr,
    /// `[]rune(s)`
    StrToRunes,
}

impl ConvKind {
    const ALL: [(ConvKind, &'static str); 10] = [
        (ConvKind::IntToFloat, "int_to_float"),
        (ConvKind::UintToFloat, "uint_to_float"),
        (ConvKind::FloatToInt, "float_to_int"),
        (ConvKind::FloatToUint, "float_to_uint"),
        (ConvKind::FloatToF32, "float_to_f32"),
        (ConvKind::RuneToStr, "rune_to_str"),
        (ConvKind::BytesToStr, "bytes_to_str"),
        (ConvKind::StrToBytes, "str_to_bytes"),
        (ConvKind::RunesToStr, "runes_to_str"),
        (ConvKind::StrToRunes, "str_to_runes"),
    ];
}

/// An operand type that prints and parses itself in the textual form.
trait Operand: Sized {
    fn fmt_operand(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result;
    fn parse_operand(s: &str) -> Option<Self>;
    /// A non-default value used by the round-trip test.
    fn sample() -> Self;
}

impl Operand for Reg {
    fn fmt_operand(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "r{}", self.0)
    }
    fn parse_operand(s: &str) -> Option<Self> {
        s.strip_prefix('r')?.parse().ok().map(Reg)
    }
    fn sample() -> Self {
        Reg(7)
    }
}

macro_rules! int_operand {
    ($($t:ty = $sample:expr),*) => {$(
        impl Operand for $t {
            fn fmt_operand(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self)
            }
            fn parse_operand(s: &str) -> Option<Self> {
                s.parse().ok()
            }
            fn sample() -> Self {
                $sample
            }
        }
    )*};
}
int_operand!(u8 = 3, u16 = 300, u32 = 70000, i32 = -5, bool = true);

macro_rules! enum_operand {
    ($($t:ty = $sample:expr),*) => {$(
        impl Operand for $t {
            fn fmt_operand(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let name = <$t>::ALL.iter().find(|(k, _)| k == self).map(|(_, n)| *n).unwrap_or("?");
                f.write_str(name)
            }
            fn parse_operand(s: &str) -> Option<Self> {
                <$t>::ALL.iter().find(|(_, n)| *n == s).map(|(k, _)| *k)
            }
            fn sample() -> Self {
                $sample
            }
        }
    )*};
}
enum_operand!(IntKind = IntKind::U16, ConvKind = ConvKind::StrToRunes);

/// Why a textual instruction did not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseOpError(pub String);

impl fmt::Display for ParseOpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn parse_field<T: Operand>(
    parts: &mut std::str::SplitWhitespace<'_>,
    name: &str,
) -> Result<T, ParseOpError> {
    let part = parts
        .next()
        .ok_or_else(|| ParseOpError(format!("missing operand {name}")))?;
    let value = part
        .strip_prefix(name)
        .and_then(|p| p.strip_prefix('='))
        .ok_or_else(|| ParseOpError(format!("expected {name}=..., found {part}")))?;
    T::parse_operand(value).ok_or_else(|| ParseOpError(format!("bad value for {name}: {value}")))
}

macro_rules! define_ops {
    ($(
        $(#[doc = $doc:literal])*
        $name:ident $({ $($field:ident : $fty:ty),* $(,)? })? => $text:literal
    ),* $(,)?) => {
        /// One instruction. See each variant for its operands and effect.
        #[derive(Clone, Copy, Debug, PartialEq)]
        pub enum Op {
            $(
                $(#[doc = $doc])*
                $name $({ $(#[allow(missing_docs)] $field: $fty),* })?,
            )*
        }

        impl Op {
            /// The instruction's mnemonic, as the disassembler prints it.
            pub fn mnemonic(&self) -> &'static str {
                match self {
                    $(Op::$name { .. } => $text,)*
                }
            }

            /// One instance of every opcode with non-default operands (used by
            /// the round-trip test and handy for tooling).
            pub fn samples() -> Vec<Op> {
                vec![$(Op::$name $({ $($field: <$fty as Operand>::sample()),* })?,)*]
            }

            /// Parses the textual form printed by `Display`.
            pub fn parse(text: &str) -> Result<Op, ParseOpError> {
                let mut parts = text.split_whitespace();
                let mnemonic = parts.next().ok_or_else(|| ParseOpError("empty instruction".into()))?;
                let op = match mnemonic {
                    $($text => Op::$name $({ $($field: parse_field(&mut parts, stringify!($field))?),* })?,)*
                    other => return Err(ParseOpError(format!("unknown mnemonic {other}"))),
                };
                if let Some(extra) = parts.next() {
                    return Err(ParseOpError(format!("unexpected operand {extra}")));
                }
                Ok(op)
            }
        }

        impl fmt::Display for Op {
            #[allow(unused_variables)]
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self {
                    $(Op::$name $({ $($field),* })? => {
                        f.write_str($text)?;
                        $($(
                            write!(f, " {}=", stringify!($field))?;
                            $field.fmt_operand(f)?;
                        )*)?
                        Ok(())
                    })*
                }
            }
        }
    };
}

define_ops! {
    // ---- moves and constants ----
    /// No operation.
    Nop => "nop",
    /// `rdst = rsrc` (one word; aggregates are shared, see `CopyVal`).
    Move { dst: Reg, src: Reg } => "move",
    /// `rdst = imm` sign-extended to 64 bits (small integer constants, `true`=1, `false`=0, nil=0).
    LoadInt { dst: Reg, imm: i32 } => "load_int",
    /// `rdst = consts[idx]` of the current function: Int → word, Float → f64 bits,
    /// Str → a string ref (allocated once at load time).
    LoadConst { dst: Reg, idx: u32 } => "load_const",
    /// `rdst = func value` of function `func` (no captures).
    LoadFunc { dst: Reg, func: u32 } => "load_func",
    /// `rdst = func value` of native `native` (index into `Program::natives`).
    LoadNative { dst: Reg, native: u32 } => "load_native",
    /// `rdst = closure` of function `func` capturing the words `rbase .. rbase+n`.
    MakeClosure { dst: Reg, func: u32, base: Reg, n: u16 } => "make_closure",
    /// `rdst = capture idx` of the running closure.
    Upval { dst: Reg, idx: u16 } => "upval",
    /// `rdst = globals[idx]`.
    GetGlobal { dst: Reg, idx: u32 } => "get_global",
    /// `globals[idx] = rsrc`.
    SetGlobal { idx: u32, src: Reg } => "set_global",
    /// `rdst = &globals[idx]` (a pointer usable with Load/Store).
    GlobalAddr { dst: Reg, idx: u32 } => "global_addr",

    // ---- integer arithmetic (64-bit wrapping; narrower types add `Trunc`) ----
    /// `rdst = ra + rb` (wrapping).
    Add { dst: Reg, a: Reg, b: Reg } => "add",
    /// `rdst = ra + imm` (wrapping).
    AddImm { dst: Reg, a: Reg, imm: i32 } => "add_imm",
    /// `rdst = ra - rb` (wrapping).
    Sub { dst: Reg, a: Reg, b: Reg } => "sub",
    /// `rdst = ra * rb` (wrapping).
    Mul { dst: Reg, a: Reg, b: Reg } => "mul",
    /// `rdst = ra / rb` signed. Panics: integer divide by zero. MinInt / -1 wraps.
    DivS { dst: Reg, a: Reg, b: Reg } => "div_s",
    /// `rdst = ra / rb` unsigned. Panics: integer divide by zero.
    DivU { dst: Reg, a: Reg, b: Reg } => "div_u",
    /// `rdst = ra % rb` signed (sign of dividend, as Go). Panics: integer divide by zero.
    RemS { dst: Reg, a: Reg, b: Reg } => "rem_s",
    /// `rdst = ra % rb` unsigned. Panics: integer divide by zero.
    RemU { dst: Reg, a: Reg, b: Reg } => "rem_u",
    /// `rdst = -ra` (wrapping).
    Neg { dst: Reg, a: Reg } => "neg",
    /// `rdst = ra & rb`.
    And { dst: Reg, a: Reg, b: Reg } => "and",
    /// `rdst = ra | rb`.
    Or { dst: Reg, a: Reg, b: Reg } => "or",
    /// `rdst = ra ^ rb`.
    Xor { dst: Reg, a: Reg, b: Reg } => "xor",
    /// `rdst = ra &^ rb`.
    AndNot { dst: Reg, a: Reg, b: Reg } => "and_not",
    /// `rdst = ^ra`.
    BitNot { dst: Reg, a: Reg } => "bit_not",
    /// `rdst = ra << rb`; counts >= 64 give 0. `signed_count`: a negative
    /// count panics `negative shift amount`.
    Shl { dst: Reg, a: Reg, b: Reg, signed_count: bool } => "shl",
    /// `rdst = ra >> rb` arithmetic (signed left operand).
    ShrS { dst: Reg, a: Reg, b: Reg, signed_count: bool } => "shr_s",
    /// `rdst = ra >> rb` logical (unsigned left operand).
    ShrU { dst: Reg, a: Reg, b: Reg, signed_count: bool } => "shr_u",
    /// `rdst = wrap(rsrc)` to `kind`'s width: after arithmetic on narrow
    /// integer types and for integer→integer conversions.
    Trunc { dst: Reg, src: Reg, kind: IntKind } => "trunc",

    // ---- comparisons (result: 1 or 0) ----
    /// `rdst = ra == rb` on words (ints, bools, pointers, chans, floats need `EqF`).
    Eq { dst: Reg, a: Reg, b: Reg } => "eq",
    /// `rdst = ra != rb` on words.
    Ne { dst: Reg, a: Reg, b: Reg } => "ne",
    /// `rdst = ra < rb` signed.
    LtS { dst: Reg, a: Reg, b: Reg } => "lt_s",
    /// `rdst = ra <= rb` signed.
    LeS { dst: Reg, a: Reg, b: Reg } => "le_s",
    /// `rdst = ra < rb` unsigned.
    LtU { dst: Reg, a: Reg, b: Reg } => "lt_u",
    /// `rdst = ra <= rb` unsigned.
    LeU { dst: Reg, a: Reg, b: Reg } => "le_u",
    /// `rdst = !ra` (booleans).
    Not { dst: Reg, a: Reg } => "not",
    /// `rdst = ra == rb` deep, for values of type `ty` (strings, structs,
    /// arrays, interfaces). Panics: comparing uncomparable type (interfaces
    /// holding slices, maps, funcs).
    EqVal { dst: Reg, a: Reg, b: Reg, ty: u32 } => "eq_val",

    // ---- floats (f64 bits; float32 adds Convert FloatToF32) ----
    /// `rdst = ra + rb`.
    AddF { dst: Reg, a: Reg, b: Reg } => "add_f",
    /// `rdst = ra - rb`.
    SubF { dst: Reg, a: Reg, b: Reg } => "sub_f",
    /// `rdst = ra * rb`.
    MulF { dst: Reg, a: Reg, b: Reg } => "mul_f",
    /// `rdst = ra / rb` (IEEE: no panic).
    DivF { dst: Reg, a: Reg, b: Reg } => "div_f",
    /// `rdst = -ra`.
    NegF { dst: Reg, a: Reg } => "neg_f",
    /// `rdst = ra == rb` (IEEE).
    EqF { dst: Reg, a: Reg, b: Reg } => "eq_f",
    /// `rdst = ra < rb`.
    LtF { dst: Reg, a: Reg, b: Reg } => "lt_f",
    /// `rdst = ra <= rb`.
    LeF { dst: Reg, a: Reg, b: Reg } => "le_f",
    /// `rdst = convert(rsrc)`, see [`ConvKind`].
    Convert { dst: Reg, src: Reg, conv: ConvKind } => "convert",

    // ---- strings ----
    /// `rdst = ra + rb` (new string).
    Concat { dst: Reg, a: Reg, b: Reg } => "concat",
    /// `rdst = ra == rb` on string contents.
    EqStr { dst: Reg, a: Reg, b: Reg } => "eq_str",
    /// `rdst = ra < rb` bytewise.
    LtStr { dst: Reg, a: Reg, b: Reg } => "lt_str",
    /// `rdst = ra <= rb` bytewise.
    LeStr { dst: Reg, a: Reg, b: Reg } => "le_str",
    /// Decodes the rune at byte index ri of string rs (for `range s`):
    /// `rdst = rune` (U+FFFD for invalid UTF-8), `rdst+1 = its width in bytes`.
    DecodeRune { dst: Reg, s: Reg, i: Reg } => "decode_rune",

    // ---- builtins on containers ----
    /// `rdst = len(rsrc)` for strings, slices, maps, chans (nil → 0).
    Len { dst: Reg, src: Reg } => "len",
    /// `rdst = cap(rsrc)` for slices and chans.
    Cap { dst: Reg, src: Reg } => "cap",
    /// `rdst = robj[ridx]` for strings (a byte), slices and arrays (the
    /// element word; for aggregate elements this is the element's ref).
    /// Panics: index out of range \[i\] with length n; nil deref for a nil array pointer.
    Index { dst: Reg, obj: Reg, idx: Reg } => "index",
    /// `robj[ridx] = rsrc` for slices and arrays. Panics as `Index`.
    SetIndex { obj: Reg, idx: Reg, src: Reg } => "set_index",
    /// `rdst = &robj[ridx]` (pointer to a scalar element). Panics as `Index`.
    IndexAddr { dst: Reg, obj: Reg, idx: Reg } => "index_addr",
    /// `rdst = rsrc[lo:hi:max]` for strings, slices, arrays (array refs /
    /// pointers to arrays give a slice sharing the array). `rbase`, `rbase+1`,
    /// `rbase+2` hold lo, hi, max; bit 0/1/2 of `has` says which are present.
    /// Panics: slice bounds out of range (Go's texts).
    SliceExpr { dst: Reg, src: Reg, base: Reg, has: u8 } => "slice_expr",
    /// `rdst = make([]elem, rlen, rcap)`; `elem` is the element type id.
    /// Panics: makeslice: len out of range / cap out of range.
    MakeSlice { dst: Reg, elem: u32, len: Reg, cap: Reg } => "make_slice",
    /// `rdst = []elem{rbase, .., rbase+n-1}` (also builds variadic arguments).
    SliceLit { dst: Reg, elem: u32, base: Reg, n: u16 } => "slice_lit",
    /// `rdst = append(rslice, rbase .. rbase+n-1)`; grows as Go 1.19 does.
    Append { dst: Reg, slice: Reg, elem: u32, base: Reg, n: u16 } => "append",
    /// `rdst = append(rslice, rother...)`; `rother` may be a string when the
    /// slice is `[]byte`.
    AppendSlice { dst: Reg, slice: Reg, elem: u32, other: Reg } => "append_slice",
    /// `rdst = copy(ra, rb)` (rb may be a string).
    CopySlice { dst: Reg, a: Reg, b: Reg } => "copy_slice",

    // ---- maps ----
    /// `rdst = make(map type ty, rhint)`.
    MakeMap { dst: Reg, ty: u32, hint: Reg } => "make_map",
    /// `rdst = rmap[rkey]`, the zero value when absent (nil map reads are fine).
    MapGet { dst: Reg, map: Reg, key: Reg } => "map_get",
    /// `rdst = rmap[rkey]`, `rdst+1 = present`.
    MapGetOk { dst: Reg, map: Reg, key: Reg } => "map_get_ok",
    /// `rmap[rkey] = rval`. Panics: assignment to entry in nil map.
    MapSet { map: Reg, key: Reg, val: Reg } => "map_set",
    /// `delete(rmap, rkey)`.
    MapDelete { map: Reg, key: Reg } => "map_delete",
    /// `rdst = iterator` over rmap (for `range`); the order is a seeded shuffle.
    MapIter { dst: Reg, map: Reg } => "map_iter",
    /// Advances iterator `rit`: `rdst = more` (0 at the end), `rdst+1 = key`,
    /// `rdst+2 = value`. Entries deleted during the loop are skipped.
    MapNext { dst: Reg, it: Reg } => "map_next",

    // ---- structs, pointers, aggregates ----
    /// `rdst = zero value of ty`: 0 for scalars and ref types, a fresh zeroed
    /// object for structs, arrays and opaque library types.
    Zero { dst: Reg, ty: u32 } => "zero",
    /// `rdst = new(ty)`: a pointer to a fresh zero value of `ty` (for
    /// aggregates, the fresh object's ref; otherwise a one-word cell).
    New { dst: Reg, ty: u32 } => "new",
    /// `rdst = robj.field` (word `field` of a struct object or of the struct a
    /// pointer points to). Panics: nil pointer dereference.
    GetField { dst: Reg, obj: Reg, field: u16 } => "get_field",
    /// `robj.field = rsrc`. Panics: nil pointer dereference.
    SetField { obj: Reg, field: u16, src: Reg } => "set_field",
    /// `rdst = &robj.field` (pointer to a scalar field). Panics: nil deref.
    FieldAddr { dst: Reg, obj: Reg, field: u16 } => "field_addr",
    /// `rdst = *rptr` (one word). Panics: nil pointer dereference.
    Load { dst: Reg, ptr: Reg } => "load",
    /// `*rptr = rsrc` (one word). Panics: nil pointer dereference.
    Store { ptr: Reg, src: Reg } => "store",
    /// `rdst = deep copy of the aggregate rsrc` (struct/array value copy).
    /// Panics: nil pointer dereference (copying `*p` with p nil).
    CopyVal { dst: Reg, src: Reg } => "copy_val",
    /// Panics (nil pointer dereference) if rptr is nil; otherwise nothing.
    /// `*p` of an aggregate names the pointee without copying it (a copy is
    /// made where the value is used, as for any variable), so `(*p).x = 1`
    /// writes through p; this keeps Go's panic for a nil p.
    NilCheck { ptr: Reg } => "nil_check",
    /// Overwrites the aggregate object rdst with a deep copy of rsrc's
    /// contents (`*p = v`, `s = t`). Panics: nil pointer dereference.
    CopyInto { dst: Reg, src: Reg } => "copy_into",

    // ---- interfaces ----
    /// `rdst = interface holding rsrc with dynamic type ty` (aggregates are
    /// copied by the runtime). Converting interface to interface is a `Move`.
    MakeIface { dst: Reg, src: Reg, ty: u32 } => "make_iface",
    /// `rdst = rsrc.(ty)`; `iface` is the static interface type of rsrc (for
    /// the message). Works for concrete and interface `ty`. Panics:
    /// interface conversion: I is X, not T / missing method M.
    TypeAssert { dst: Reg, src: Reg, ty: u32, iface: u32 } => "type_assert",
    /// `rdst, rdst+1 = rsrc.(ty)` (comma-ok form, never panics; also the
    /// building block of type switches).
    TypeAssertOk { dst: Reg, src: Reg, ty: u32 } => "type_assert_ok",

    // ---- control flow ----
    /// `pc = target`.
    Jump { target: u32 } => "jump",
    /// `if rcond != 0 { pc = target }`.
    JumpIfTrue { cond: Reg, target: u32 } => "jump_if_true",
    /// `if rcond == 0 { pc = target }`.
    JumpIfFalse { cond: Reg, target: u32 } => "jump_if_false",

    // ---- calls ----
    /// Calls function `func` with arguments `rbase..rbase+nargs`; results land
    /// in `rbase..rbase+nret` (see the crate docs).
    Call { func: u32, base: Reg, nargs: u8, nret: u8 } => "call",
    /// Calls the func value in rcallee (closure or native). Panics: nil deref.
    CallValue { callee: Reg, base: Reg, nargs: u8, nret: u8 } => "call_value",
    /// Calls native `native` (index into `Program::natives`).
    CallNative { native: u32, base: Reg, nargs: u8, nret: u8 } => "call_native",
    /// Calls interface method `method` (index into `Program::method_names`)
    /// on the interface in rbase; rbase is replaced by the receiver (copied
    /// for value receivers), further arguments follow. Panics: nil deref.
    CallIface { method: u32, base: Reg, nargs: u8, nret: u8 } => "call_iface",
    /// Returns: copies `rsrc .. rsrc+n` to `r0 .. rn` and pops the frame.
    Return { src: Reg, n: u16 } => "return",
    /// Runs the deferred calls of this frame, newest first (the runtime
    /// re-executes this instruction until none is left).
    RunDefers => "run_defers",
    /// Records a deferred call of the func value rcallee with the arguments
    /// `rbase .. rbase+nargs` (evaluated now).
    Defer { callee: Reg, base: Reg, nargs: u8 } => "defer",
    /// `go rcallee(rbase .. rbase+nargs)`: starts a goroutine.
    Go { callee: Reg, base: Reg, nargs: u8 } => "go",
    /// `panic(rsrc)`; rsrc is an interface value.
    Panic { src: Reg } => "panic",
    /// `rdst = recover()` (an interface value, nil unless called directly by
    /// a deferred function while panicking).
    Recover { dst: Reg } => "recover",

    // ---- channels ----
    /// `rdst = make(chan elem, rsize)`. Panics: makechan: size out of range.
    MakeChan { dst: Reg, elem: u32, size: Reg } => "make_chan",
    /// `rch <- rsrc` (may block); the send copies an aggregate value, so no
    /// `CopyVal` is needed first. Panics: send on closed channel.
    Send { ch: Reg, src: Reg } => "send",
    /// `rdst = <-rch` (may block).
    Recv { dst: Reg, ch: Reg } => "recv",
    /// `rdst, rdst+1 = <-rch` (value, ok).
    RecvOk { dst: Reg, ch: Reg } => "recv_ok",
    /// `close(rch)`. Panics: close of nil channel / close of closed channel.
    Close { ch: Reg } => "close",
    /// Runs select `desc` (index into `Function::selects`): `rdst = index of
    /// the chosen case`, or -1 for `default`. Received values and ok flags
    /// are written to the registers named in the case.
    Select { dst: Reg, desc: u32 } => "select",
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_opcode_round_trips_through_text() {
        let samples = Op::samples();
        assert!(samples.len() > 90, "only {} opcodes", samples.len());
        let mut seen = std::collections::HashSet::new();
        for op in samples {
            assert!(
                seen.insert(op.mnemonic()),
                "duplicate mnemonic {}",
                op.mnemonic()
            );
            let text = op.to_string();
            assert_eq!(Op::parse(&text), Ok(op), "{text}");
        }
    }

    #[test]
    fn instructions_stay_small() {
        assert!(
            std::mem::size_of::<Op>() <= 16,
            "{}",
            std::mem::size_of::<Op>()
        );
    }

    #[test]
    fn parse_reports_errors() {
        assert!(Op::parse("frobnicate").is_err());
        assert!(Op::parse("move dst=r1").is_err());
        assert!(Op::parse("move dst=r1 src=x").is_err());
        assert!(Op::parse("move dst=r1 src=r2 extra").is_err());
        assert_eq!(
            Op::parse("add_imm dst=r1 a=r2 imm=-3"),
            Ok(Op::AddImm {
                dst: Reg(1),
                a: Reg(2),
                imm: -3
            })
        );
    }

    #[test]
    fn int_kinds_wrap_at_their_width() {
        assert_eq!(IntKind::I8.wrap(127u64.wrapping_add(1)) as i64, -128);
        assert_eq!(IntKind::U8.wrap(255 + 1), 0);
        assert_eq!(IntKind::U32.wrap(u64::MAX), u32::MAX as u64);
        assert_eq!(IntKind::I32.wrap(1 << 31) as i64, i32::MIN as i64);
    }
}
