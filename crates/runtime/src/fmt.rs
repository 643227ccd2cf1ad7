//! Go's `fmt` formatting of values (`%v %+v %d %s %q %c %t %f %e %g %x %X
//! %T %%`, width, precision, `-`, `+`, `0` flags), written against the
//! output of Go 1.19: floats with the shortest representation, maps with
//! sorted keys, `&{...}` for pointers at top level, `<nil>`, `%!d(string=x)`
//! for bad verbs, `%!d(MISSING)` and `%!(EXTRA ...)`.
//!
//! Methods: `Error()` and `String()` written in Go are called back through
//! the native callback protocol: formatting restarts from scratch after each
//! Go call with the results so far (`calls`), so the formatter stays a pure
//! function and output is written only once formatting completes.

use crate::heap::{handle, offset, Obj};
use crate::machine::{Machine, Trap};
use golab_bytecode::{Callee, IntKind, TypeId, TypeKind};
use std::sync::atomic::Ordering::Relaxed;

/// Formatting state for one native call.
pub(crate) struct Printer<'a> {
    pub m: &'a mut Machine,
    pub calls: &'a [Vec<u64>],
    pub next_call: usize,
    pub buf: Vec<u8>,
    /// `fmt.Errorf`: `%w` takes an error operand (elsewhere it is a bad verb).
    pub wrap_errs: bool,
    /// The operand indices `%w` was used with, in order (Go's `wrappedErrs`).
    pub wrapped: Vec<usize>,
    /// Pending work of the current walk (see [`Printer::walk`]), kept to
    /// reuse its allocation.
    work: Vec<Work>,
}

/// How deep Go 1.19's fmt gets before its goroutine stack (1 GB) runs out:
/// `printValue` recurses once per level (an interface and the value in it
/// are two levels). Measured: `[]interface{}` nested 540 600 times (depth
/// 1 081 200) prints, 543 800 times is `fatal error: stack overflow`; the
/// same for `[1]interface{}`. Only a value that contains itself, or one
/// nearly that deep, gets here.
pub(crate) const MAX_PRINT_DEPTH: u32 = 1_084_000;

/// One value to format: a level of Go's `printValue`.
#[derive(Clone, Copy)]
struct Item {
    ty: TypeId,
    word: u64,
    /// Go's `depth`: 0 for an operand, one more for each element, field,
    /// map key or value, pointee and interface payload.
    depth: u32,
    /// Below an unexported field: reflect's `CanInterface` is false there,
    /// for everything reached from the field, so Go calls no methods.
    ro: bool,
    /// Whether `Error()`/`String()` may be called for this value.
    methods: bool,
    /// A separator to write first (b' ' between elements, b':' between a
    /// map key and its value, b',' for `%#v`'s ", "), or 0.
    sep: u8,
}

impl Item {
    /// A top-level operand.
    fn operand(ty: TypeId, word: u64) -> Item {
        Item {
            ty,
            word,
            depth: 0,
            ro: false,
            methods: true,
            sep: 0,
        }
    }

    /// A value inside this one.
    fn child(&self, ty: TypeId, word: u64, sep: u8) -> Item {
        Item {
            ty,
            word,
            depth: self.depth + 1,
            ro: self.ro,
            methods: !self.ro,
            sep,
        }
    }
}

/// Pending formatting work (see [`Printer::walk`]).
enum Work {
    Value(Item),
    /// A closing bracket.
    Text(&'static [u8]),
    /// `Name:` before a field under `%+v` and `%#v` (field `idx` of
    /// struct `ty`), after separator `sep` (as `Item::sep`).
    FieldName {
        ty: TypeId,
        idx: u32,
        sep: u8,
    },
}

#[derive(Clone, Copy, Default)]
struct Spec {
    minus: bool,
    plus: bool,
    plus_v: bool,
    /// `%#v`: Go syntax.
    sharp_v: bool,
    zero: bool,
    space: bool,
    sharp: bool,
    width: Option<usize>,
    prec: Option<usize>,
    verb: char,
}

/// Go's size in bytes of a value of `ty` (used by `append`'s growth rule).
pub(crate) fn go_size(m: &Machine, ty: TypeId) -> usize {
    size_align(m, ty).0
}

/// Go's size and alignment of `ty` on a 64-bit machine.
///
/// Iterative, each type once: named types can nest thousands deep (`type
/// T1 [1]T0`, ...), and a struct with two fields of the previous type,
/// forty times over, would take 2^40 steps without the memo.
fn size_align(m: &Machine, ty: TypeId) -> (usize, usize) {
    let scalar = |t: TypeId| match &m.types[t as usize].kind {
        TypeKind::Bool => Some((1, 1)),
        TypeKind::Int(k) => Some((k.bits() as usize / 8, k.bits() as usize / 8)),
        TypeKind::Float32 => Some((4, 4)),
        TypeKind::Float64 => Some((8, 8)),
        TypeKind::String | TypeKind::Interface(_) => Some((16, 8)),
        TypeKind::Slice(_) => Some((24, 8)),
        TypeKind::Array(..) | TypeKind::Struct(_) => None,
        _ => Some((8, 8)),
    };
    if let Some(r) = scalar(ty) {
        return r;
    }
    let mut memo: std::collections::HashMap<TypeId, (usize, usize)> = Default::default();
    // (type, whether its parts are done): a type is pushed again, done,
    // above its parts, and computed from the memo once they are.
    let mut todo = vec![(ty, false)];
    let mut entered = std::collections::HashSet::new();
    while let Some((t, parts_done)) = todo.pop() {
        if memo.contains_key(&t) || (!parts_done && !entered.insert(t)) {
            continue;
        }
        if let Some(r) = scalar(t) {
            memo.insert(t, r);
            continue;
        }
        let parts: &[TypeId] = match &m.types[t as usize].kind {
            TypeKind::Array(e, _) => std::slice::from_ref(e),
            _ => &[],
        };
        let fields = match &m.types[t as usize].kind {
            TypeKind::Struct(fields) => &fields[..],
            _ => &[],
        };
        if !parts_done {
            todo.push((t, true));
            todo.extend(parts.iter().map(|&p| (p, false)));
            todo.extend(fields.iter().map(|f| (f.ty, false)));
            continue;
        }
        let r = match &m.types[t as usize].kind {
            TypeKind::Array(e, n) => {
                let (s, a) = memo.get(e).copied().unwrap_or((8, 8));
                (s.saturating_mul(*n as usize), a)
            }
            _ => {
                let mut size = 0usize;
                let mut maxal = 1usize;
                for f in fields {
                    // (A type that contains itself cannot run; 8 if one did.)
                    let (s, al) = memo.get(&f.ty).copied().unwrap_or((8, 8));
                    maxal = maxal.max(al);
                    size = size.div_ceil(al).saturating_mul(al).saturating_add(s);
                }
                (size.div_ceil(maxal).saturating_mul(maxal), maxal)
            }
        };
        memo.insert(t, r);
    }
    memo[&ty]
}

/// Shortest decimal digits and decimal exponent of a finite float:
/// x = 0.d1d2... × 10^dp.
fn shortest(x: f64, f32_: bool) -> (String, i32) {
    let s = if f32_ {
        format!("{:e}", x.abs() as f32)
    } else {
        format!("{:e}", x.abs())
    };
    let (mant, exp) = s.split_once('e').unwrap();
    let digits: String = mant.chars().filter(|c| *c != '.').collect();
    let exp: i32 = exp.parse().unwrap();
    (digits, exp + 1)
}

fn exp_suffix(e: i32) -> String {
    let sign = if e < 0 { '-' } else { '+' };
    format!("e{sign}{:02}", e.abs())
}

/// `strconv.FormatFloat(x, 'x', prec, bits)` (`fmtX`): `0x1.cp+01`.
pub(crate) fn format_hex_float(x: f64, upper: bool, prec: Option<usize>, f32_: bool) -> String {
    if x.is_nan() {
        return "NaN".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "+Inf" } else { "-Inf" }.into();
    }
    let (bits, mantbits, expbits, bias) = if f32_ {
        ((x as f32).to_bits() as u64, 23u32, 8u32, -127i64)
    } else {
        (x.to_bits(), 52, 11, -1023)
    };
    let neg = bits >> (mantbits + expbits) != 0;
    let mut exp = ((bits >> mantbits) & ((1 << expbits) - 1)) as i64;
    let mut mant = bits & ((1u64 << mantbits) - 1);
    if exp == 0 {
        exp += 1;
    } else {
        mant |= 1u64 << mantbits;
    }
    exp += bias;
    if mant == 0 {
        exp = 0;
    }
    mant <<= 60 - mantbits;
    while mant != 0 && mant & (1 << 60) == 0 {
        mant <<= 1;
        exp -= 1;
    }
    if let Some(p) = prec.filter(|&p| p < 15) {
        let shift = (p * 4) as u32;
        let extra = (mant << shift) & ((1u64 << 60) - 1);
        mant >>= 60 - shift;
        if extra | (mant & 1) > 1 << 59 {
            mant += 1;
        }
        mant <<= 60 - shift;
        if mant & (1 << 61) != 0 {
            mant >>= 1;
            exp += 1;
        }
    }
    let hex: &[u8; 16] = if upper {
        b"0123456789ABCDEF"
    } else {
        b"0123456789abcdef"
    };
    let mut s = String::new();
    if neg {
        s.push('-');
    }
    s.push('0');
    s.push(if upper { 'X' } else { 'x' });
    s.push((b'0' + ((mant >> 60) & 1) as u8) as char);
    mant <<= 4;
    match prec {
        None if mant != 0 => {
            s.push('.');
            while mant != 0 {
                s.push(hex[((mant >> 60) & 15) as usize] as char);
                mant <<= 4;
            }
        }
        Some(p) if p > 0 => {
            s.push('.');
            for _ in 0..p {
                s.push(hex[((mant >> 60) & 15) as usize] as char);
                mant <<= 4;
            }
        }
        _ => {}
    }
    s.push(if upper { 'P' } else { 'p' });
    s.push(if exp < 0 { '-' } else { '+' });
    s.push_str(&format!("{:02}", exp.abs()));
    s
}

/// Formats a float like strconv.FormatFloat with Go's fmt rules.
pub(crate) fn format_float(x: f64, verb: char, prec: Option<usize>, f32_: bool) -> String {
    if x.is_nan() {
        return "NaN".into();
    }
    if x.is_infinite() {
        return if x > 0.0 {
            "+Inf".into()
        } else {
            "-Inf".into()
        };
    }
    let neg = x.is_sign_negative() && x != 0.0 || (x == 0.0 && x.is_sign_negative() && verb != 'v');
    let sign = if neg { "-" } else { "" };
    let body = match verb {
        'f' | 'F' => format!("{:.*}", prec.unwrap_or(6), x.abs()),
        'e' | 'E' => {
            let s = format!("{:.*e}", prec.unwrap_or(6), x.abs());
            let (m, e) = s.split_once('e').unwrap();
            format!("{m}{}", exp_suffix(e.parse().unwrap()))
        }
        _ => {
            // %v and %g.
            if x == 0.0 {
                "0".to_string()
            } else {
                let (digits, dp) = match prec {
                    Some(p) => {
                        let p = p.max(1);
                        let s = format!("{:.*e}", p - 1, x.abs());
                        let (m, e) = s.split_once('e').unwrap();
                        let d: String = m.chars().filter(|c| *c != '.').collect();
                        let d = d.trim_end_matches('0').to_string();
                        (
                            if d.is_empty() { "0".into() } else { d },
                            e.parse::<i32>().unwrap() + 1,
                        )
                    }
                    None => shortest(x, f32_),
                };
                let eprec = match prec {
                    Some(p) => {
                        let p = p.max(1) as i32;
                        if p > digits.len() as i32 && digits.len() as i32 >= dp {
                            digits.len() as i32
                        } else {
                            p
                        }
                    }
                    None => 6,
                };
                let exp = dp - 1;
                if exp < -4 || exp >= eprec {
                    let mut m = digits[..1].to_string();
                    if digits.len() > 1 {
                        m.push('.');
                        m.push_str(&digits[1..]);
                    }
                    format!("{m}{}", exp_suffix(exp))
                } else if dp <= 0 {
                    format!("0.{}{}", "0".repeat((-dp) as usize), digits)
                } else if dp as usize >= digits.len() {
                    format!("{}{}", digits, "0".repeat(dp as usize - digits.len()))
                } else {
                    format!("{}.{}", &digits[..dp as usize], &digits[dp as usize..])
                }
            }
        }
    };
    format!("{sign}{body}")
}

/// Go's strconv.Quote.
pub(crate) fn quote(b: &[u8]) -> String {
    let mut s = String::from("\"");
    let mut i = 0;
    while i < b.len() {
        let (r, w) = crate::interp::decode_rune(&b[i..]);
        if r == 0xFFFD && w == 1 && !b[i..].starts_with("\u{FFFD}".as_bytes()) {
            s.push_str(&format!("\\x{:02x}", b[i]));
            i += 1;
            continue;
        }
        let c = char::from_u32(r).unwrap_or('\u{FFFD}');
        quote_char(&mut s, c, '"');
        i += w;
    }
    s.push('"');
    s
}

fn quote_char(s: &mut String, c: char, q: char) {
    match c {
        '\x07' => s.push_str("\\a"),
        '\x08' => s.push_str("\\b"),
        '\x0c' => s.push_str("\\f"),
        '\n' => s.push_str("\\n"),
        '\r' => s.push_str("\\r"),
        '\t' => s.push_str("\\t"),
        '\x0b' => s.push_str("\\v"),
        '\\' => s.push_str("\\\\"),
        c if c == q => {
            s.push('\\');
            s.push(c);
        }
        c if (c as u32) < 0x20 || c as u32 == 0x7f => s.push_str(&format!("\\x{:02x}", c as u32)),
        c if !is_print(c) => {
            if (c as u32) < 0x10000 {
                s.push_str(&format!("\\u{:04x}", c as u32))
            } else {
                s.push_str(&format!("\\U{:08x}", c as u32))
            }
        }
        c => s.push(c),
    }
}

/// Go's `strconv.IsPrint`, which `%q` escapes by: letters, marks, numbers,
/// punctuation, symbols and the ASCII space. Rust has no general category,
/// so this lists what is not printable instead: controls, every space but
/// U+0020 (Zs, Zl, Zp), the format characters (Cf), surrogates and private
/// use. Unassigned code points (Cn), which Go also escapes, pass as printable.
pub(crate) fn is_print(c: char) -> bool {
    let u = c as u32;
    if c == ' ' {
        return true;
    }
    if c.is_control() || c.is_whitespace() {
        return false;
    }
    !matches!(u,
        0x00AD | 0x0600..=0x0605 | 0x061C | 0x06DD | 0x070F | 0x0890..=0x0891 | 0x08E2
        | 0x180E | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064 | 0x2066..=0x206F
        | 0xE000..=0xF8FF | 0xFEFF | 0xFFF9..=0xFFFB | 0x110BD | 0x110CD | 0x13430..=0x1343F
        | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A | 0xE0001 | 0xE0020..=0xE007F
        | 0xF0000..=0x10FFFF)
}

/// Go's `strconv.IsGraphic`: printable, or a space of category Zs.
pub(crate) fn is_graphic(c: char) -> bool {
    is_print(c) || (c.is_whitespace() && !c.is_control() && !matches!(c, '\u{2028}' | '\u{2029}'))
}

/// Go's strconv.QuoteRune.
pub(crate) fn quote_rune(r: i64) -> String {
    let c = u32::try_from(r)
        .ok()
        .and_then(char::from_u32)
        .unwrap_or('\u{FFFD}');
    let mut s = String::from("'");
    quote_char(&mut s, c, '\'');
    s.push('\'');
    s
}

fn fake_addr(w: u64) -> String {
    format!("0xc{:09x}", handle(w) as u64 * 16 + offset(w) as u64 * 8)
}

impl Printer<'_> {
    /// A printer for one native invocation.
    pub fn new<'a>(m: &'a mut Machine, calls: &'a [Vec<u64>]) -> Printer<'a> {
        Printer {
            m,
            calls,
            next_call: 0,
            buf: Vec::new(),
            wrap_errs: false,
            wrapped: Vec::new(),
            work: Vec::new(),
        }
    }

    fn type_name(&self, ty: TypeId) -> String {
        self.m.types[ty as usize].name.clone()
    }

    /// The result of calling the first of the methods `names` (`Error`,
    /// `String`, `GoString`) that the value has, or a callback request.
    fn method_text(
        &mut self,
        ty: TypeId,
        word: u64,
        names: &[u32],
    ) -> Result<Option<String>, Trap> {
        for &name in names {
            let Some(meth) = self.m.method(ty, name) else {
                continue;
            };
            let recv = if meth.deref {
                if self.m.heap.get(word).is_none() {
                    return Ok(Some("<nil>".into()));
                }
                match self.m.types[ty as usize].kind {
                    TypeKind::Pointer(t) if self.m.is_aggregate(t) => {
                        self.m.copy_val(word).unwrap_or(0)
                    }
                    _ => self.m.heap.load(word).unwrap_or(0),
                }
            } else {
                word
            };
            if ty == self.m.rt.errors.join_error && name == self.m.rt.m_error {
                // Its Error() calls its errors' Error(), which may be Go code.
                let errs = crate::errors::join_errors(self.m, recv);
                let text = self.join_text(&errs)?;
                return Ok(Some(String::from_utf8_lossy(&text).into_owned()));
            }
            return match meth.callee {
                Callee::Native(nid) => Ok(crate::natives::call_text_native(self.m, nid, recv)),
                Callee::Func(fid) => {
                    if let Some(r) = self.calls.get(self.next_call) {
                        self.next_call += 1;
                        let w = r.first().copied().unwrap_or(0);
                        return Ok(Some(self.m.heap.str_lossy(w)));
                    }
                    let fv = self.m.heap.alloc(Obj::Closure {
                        callee: Callee::Func(fid),
                        caps: Box::new([]),
                    }) as u64;
                    Err(Trap::Call(fv, vec![recv]))
                }
            };
        }
        Ok(None)
    }

    fn pad(&mut self, s: &str, spec: &Spec) {
        let n = s.chars().count();
        let w = spec.width.unwrap_or(0);
        if n >= w {
            self.buf.extend_from_slice(s.as_bytes());
        } else if spec.minus {
            self.buf.extend_from_slice(s.as_bytes());
            self.buf.extend(std::iter::repeat_n(b' ', w - n));
        } else if spec.zero && !matches!(spec.verb, 's' | 'q' | 'c' | 'v' | 't' | 'T') {
            let (sign, digits) = match s.strip_prefix('-') {
                Some(d) => ("-", d),
                None => match s.strip_prefix('+') {
                    Some(d) => ("+", d),
                    None => ("", s),
                },
            };
            self.buf.extend_from_slice(sign.as_bytes());
            self.buf.extend(std::iter::repeat_n(b'0', w - n));
            self.buf.extend_from_slice(digits.as_bytes());
        } else {
            self.buf.extend(std::iter::repeat_n(b' ', w - n));
            self.buf.extend_from_slice(s.as_bytes());
        }
    }

    /// `%!d(T=value)`: the value printed again with `%v`, as Go's `badVerb`
    /// does (`printValue(value, 'v', 0)`: at depth 0, so without calling
    /// its `String()` at the top). Only scalars take this path, and `%v`
    /// never does, so the nested walk nests no further.
    fn bad_verb(&mut self, spec: &Spec, ty: TypeId, word: u64) -> Result<(), Trap> {
        let name = self.type_name(ty);
        self.buf
            .extend_from_slice(format!("%!{}({name}=", spec.verb).as_bytes());
        let v = Spec {
            verb: 'v',
            ..Default::default()
        };
        let root = Item {
            methods: false,
            ..Item::operand(ty, word)
        };
        self.walk(root, &v)?;
        self.buf.push(b')');
        Ok(())
    }

    /// Formats an interface word (nil → `<nil>`) with `%v`.
    pub fn iface(&mut self, w: u64) -> Result<(), Trap> {
        let spec = Spec {
            verb: 'v',
            ..Default::default()
        };
        match self.m.heap.iface(w) {
            None => {
                self.buf.extend_from_slice(b"<nil>");
                Ok(())
            }
            Some((ty, word)) => self.walk(Item::operand(ty, word), &spec),
        }
    }

    /// Formats `root` and everything in it.
    ///
    /// Iterative on purpose: Go's `printValue` recurses once per nesting
    /// level, and a Go value may nest as deep as the heap allows (a slice
    /// holding a slice holding ..., 100 000 levels, prints fine in Go) or
    /// contain itself. Recursing here would overflow the host's stack (8 MB
    /// natively, 1 MB in wasm) long before Go's 1 GB one, so pending work is
    /// an explicit stack instead: a container writes its opening bracket,
    /// then pushes its closing bracket and its elements in reverse order.
    fn walk(&mut self, root: Item, spec: &Spec) -> Result<(), Trap> {
        // The stack is kept between operands (a bad verb's nested walk,
        // which runs while this one is in progress, gets a fresh one).
        let mut work = std::mem::take(&mut self.work);
        work.clear();
        let r = self.walk_with(root, spec, &mut work);
        self.work = work;
        r
    }

    fn walk_with(&mut self, root: Item, spec: &Spec, work: &mut Vec<Work>) -> Result<(), Trap> {
        self.one(root, spec, work)?;
        while let Some(w) = work.pop() {
            match w {
                Work::Value(it) => {
                    if it.depth > MAX_PRINT_DEPTH {
                        // Go's printValue would have used up its 1 GB stack
                        // (a value that contains itself gets here).
                        return Err(Trap::Fatal(crate::interp::STACK_OVERFLOW.into()));
                    }
                    if self.buf.len() > self.m.config.max_memory_bytes {
                        // A value shared many times over (x = []any{x, x},
                        // 40 times) prints exponentially long text; Go's
                        // buffer would run out of memory.
                        return Err(Trap::Fatal("runtime: out of memory".into()));
                    }
                    self.write_sep(it.sep);
                    self.one(it, spec, work)?;
                }
                Work::Text(t) => self.buf.extend_from_slice(t),
                Work::FieldName { ty, idx, sep } => {
                    self.write_sep(sep);
                    if let TypeKind::Struct(fields) = &self.m.types[ty as usize].kind {
                        self.buf
                            .extend_from_slice(fields[idx as usize].name.as_bytes());
                    }
                    self.buf.push(b':');
                }
            }
        }
        Ok(())
    }

    /// Formats one value: a scalar completely, a container by writing its
    /// opening bracket and pushing the rest onto `work`.
    fn one(&mut self, it: Item, spec: &Spec, work: &mut Vec<Work>) -> Result<(), Trap> {
        let Item { ty, word, .. } = it;
        let verb = spec.verb;
        if verb == 'T' {
            let n = self.type_name(ty);
            self.pad(&n, spec);
            return Ok(());
        }
        if it.methods && matches!(verb, 'v' | 's' | 'x' | 'X' | 'q') {
            // Go's handleMethods: `%#v` calls GoString() only.
            let names = if spec.sharp_v {
                vec![self.m.rt.m_gostring]
            } else {
                vec![self.m.rt.m_error, self.m.rt.m_string]
            };
            if let Some(text) = self.method_text(ty, word, &names)? {
                return self.string(text.as_bytes(), spec);
            }
        }
        if spec.sharp_v {
            if let Some(()) = self.go_syntax(it, spec, work)? {
                return Ok(());
            }
        }
        match self.m.types[ty as usize].kind {
            TypeKind::Bool => match verb {
                'v' | 't' => self.pad(if word != 0 { "true" } else { "false" }, spec),
                _ => self.bad_verb(spec, ty, word)?,
            },
            TypeKind::Int(k) => self.int(word, k, spec, ty)?,
            TypeKind::Float32 | TypeKind::Float64 => {
                let x = f64::from_bits(word);
                let f32_ = matches!(self.m.types[ty as usize].kind, TypeKind::Float32);
                let s = match verb {
                    'v' | 'g' | 'G' => format_float(x, 'g', spec.prec, f32_),
                    'f' | 'F' | 'e' | 'E' => format_float(x, verb, spec.prec, f32_),
                    'x' | 'X' => format_hex_float(x, verb == 'X', spec.prec, f32_),
                    _ => return self.bad_verb(spec, ty, word),
                };
                let s = if spec.plus && !s.starts_with('-') {
                    format!("+{s}")
                } else {
                    s
                };
                self.pad(&s, spec);
            }
            TypeKind::String => {
                let b = self.m.heap.str_bytes(word).to_vec();
                match verb {
                    'v' | 's' | 'q' | 'x' | 'X' => self.string(&b, spec)?,
                    _ => self.bad_verb(spec, ty, word)?,
                }
            }
            TypeKind::Interface(_) => match self.m.heap.iface(word) {
                None => self.pad("<nil>", spec),
                Some((dty, dw)) => work.push(Work::Value(it.child(dty, dw, 0))),
            },
            TypeKind::Pointer(t) => {
                if word == 0 {
                    self.pad("<nil>", spec);
                } else if it.depth == 0
                    && matches!(
                        self.m.types[t as usize].kind,
                        TypeKind::Struct(_)
                            | TypeKind::Array(..)
                            | TypeKind::Slice(_)
                            | TypeKind::Map(..)
                    )
                    && matches!(verb, 'v' | 'd' | 's' | 'x' | 'q')
                {
                    // `&{...}` at the top only: deeper pointers print as
                    // addresses, which is how Go avoids following cycles.
                    self.buf.push(b'&');
                    let inner = if self.m.is_aggregate(t) {
                        word
                    } else {
                        self.m.heap.load(word).unwrap_or(0)
                    };
                    work.push(Work::Value(it.child(t, inner, 0)));
                } else {
                    let a = fake_addr(word);
                    self.pad(&a, spec);
                }
            }
            TypeKind::Slice(elem) => {
                if elem_is_byte(self.m, elem) && matches!(verb, 's' | 'q' | 'x' | 'X') {
                    let b: Vec<u8> = self
                        .m
                        .heap
                        .slice_words(word)
                        .iter()
                        .map(|&c| c as u8)
                        .collect();
                    return self.string(&b, spec);
                }
                let words = self.m.heap.slice_words(word);
                list(
                    &mut self.buf,
                    it,
                    elem,
                    words.into_iter(),
                    work,
                    (b"[", b"]", b' '),
                );
            }
            TypeKind::Array(elem, _) => {
                let words = self.m.heap.words(word).unwrap_or(&[]);
                let words = words.iter().map(|a| a.load(Relaxed));
                list(&mut self.buf, it, elem, words, work, (b"[", b"]", b' '));
            }
            TypeKind::Map(k, v) => {
                let mut entries: Vec<(u64, u64)> = match self.m.heap.get(word) {
                    Some(Obj::Map(map)) => map.entries.iter().flatten().copied().collect(),
                    _ => Vec::new(),
                };
                crate::fmtsort::sort_entries(self.m, k, &mut entries);
                self.buf.extend_from_slice(b"map[");
                work.push(Work::Text(b"]"));
                for (i, &(kw, vw)) in entries.iter().enumerate().rev() {
                    work.push(Work::Value(it.child(v, vw, b':')));
                    let sep = if i > 0 { b' ' } else { 0 };
                    work.push(Work::Value(it.child(k, kw, sep)));
                }
            }
            TypeKind::Struct(ref fields) => {
                let words = self.m.heap.words(word).unwrap_or(&[]);
                self.buf.push(b'{');
                work.push(Work::Text(b"}"));
                for (i, (f, w)) in fields.iter().zip(words).enumerate().rev() {
                    let mut child = it.child(f.ty, w.load(Relaxed), b' ');
                    if i == 0 {
                        child.sep = 0;
                    }
                    // Below an unexported field reflect's CanInterface is
                    // false, so Go's fmt calls no Error()/String() there.
                    let exported = f.name.chars().next().is_some_and(|c| c.is_uppercase());
                    if !exported {
                        child.ro = true;
                        child.methods = false;
                    }
                    if spec.sharp_v && child.sep != 0 {
                        child.sep = b',';
                    }
                    if spec.plus_v || spec.sharp_v {
                        let sep = child.sep;
                        child.sep = 0;
                        work.push(Work::Value(child));
                        work.push(Work::FieldName {
                            ty,
                            idx: i as u32,
                            sep,
                        });
                    } else {
                        work.push(Work::Value(child));
                    }
                }
            }
            TypeKind::Chan(..) | TypeKind::Func => {
                if word == 0 {
                    self.pad("<nil>", spec);
                } else {
                    let a = fake_addr(word);
                    self.pad(&a, spec);
                }
            }
            TypeKind::Opaque => match crate::golayout::view(self.m, ty, word) {
                // Printed as Go's struct of that type is.
                Some((vt, vw)) => self.one(
                    Item {
                        ty: vt,
                        word: vw,
                        ..it
                    },
                    spec,
                    work,
                )?,
                None => {
                    let words: Vec<u64> = match self.m.heap.words(word) {
                        Some(ws) => ws.iter().map(|a| a.load(Relaxed)).collect(),
                        None => Vec::new(),
                    };
                    let s: Vec<String> = words.iter().map(|w| w.to_string()).collect();
                    self.buf
                        .extend_from_slice(format!("{{{}}}", s.join(" ")).as_bytes());
                }
            },
        }
        Ok(())
    }

    fn write_sep(&mut self, sep: u8) {
        match sep {
            0 => {}
            b',' => self.buf.extend_from_slice(b", "),
            c => self.buf.push(c),
        }
    }

    /// `%#v` where it differs from `%v` (Go's `printValue` under `sharpV`):
    /// Some(()) when the value is done, None to go on with `%v`'s code
    /// (a struct, after its type name).
    fn go_syntax(
        &mut self,
        it: Item,
        spec: &Spec,
        work: &mut Vec<Work>,
    ) -> Result<Option<()>, Trap> {
        let Item { ty, word, .. } = it;
        let name = self.type_name(ty);
        let nil_of = |p: &mut Self, paren: bool| {
            let s = if paren {
                format!("({name})(nil)")
            } else {
                format!("{name}(nil)")
            };
            p.pad(&s, spec);
        };
        match self.m.types[ty as usize].kind {
            TypeKind::Int(k) if !k.signed() => {
                let s = format!("0x{word:x}");
                self.pad(&s, spec);
            }
            TypeKind::String => {
                let b = self.m.heap.str_bytes(word).to_vec();
                let q = Spec { verb: 'q', ..*spec };
                self.string(&b, &q)?;
            }
            TypeKind::Interface(_) if self.m.heap.iface(word).is_none() => nil_of(self, false),
            TypeKind::Pointer(t) => {
                if word == 0 {
                    nil_of(self, true);
                } else if it.depth == 0
                    && matches!(
                        self.m.types[t as usize].kind,
                        TypeKind::Struct(_)
                            | TypeKind::Array(..)
                            | TypeKind::Slice(_)
                            | TypeKind::Map(..)
                    )
                {
                    return Ok(None);
                } else {
                    let s = format!("({name})({})", fake_addr(word));
                    self.pad(&s, spec);
                }
            }
            TypeKind::Chan(..) | TypeKind::Func => {
                if word == 0 {
                    nil_of(self, true);
                } else {
                    let s = format!("({name})({})", fake_addr(word));
                    self.pad(&s, spec);
                }
            }
            TypeKind::Slice(elem) => {
                if self.m.heap.get(word).is_none() {
                    nil_of(self, false);
                    return Ok(Some(()));
                }
                // printArg's `case []byte` names the operand's type so.
                let name = if it.depth == 0 && name == "[]uint8" {
                    "[]byte".to_string()
                } else {
                    name
                };
                self.buf.extend_from_slice(name.as_bytes());
                let words = self.m.heap.slice_words(word);
                list(
                    &mut self.buf,
                    it,
                    elem,
                    words.into_iter(),
                    work,
                    (b"{", b"}", b','),
                );
            }
            TypeKind::Array(elem, _) => {
                self.buf.extend_from_slice(name.as_bytes());
                let words = self.m.heap.words(word).unwrap_or(&[]);
                let words = words.iter().map(|a| a.load(Relaxed));
                list(&mut self.buf, it, elem, words, work, (b"{", b"}", b','));
            }
            TypeKind::Map(k, v) => {
                let mut entries: Vec<(u64, u64)> = match self.m.heap.get(word) {
                    Some(Obj::Map(map)) => map.entries.iter().flatten().copied().collect(),
                    _ => {
                        nil_of(self, false);
                        return Ok(Some(()));
                    }
                };
                crate::fmtsort::sort_entries(self.m, k, &mut entries);
                self.buf.extend_from_slice(name.as_bytes());
                self.buf.push(b'{');
                work.push(Work::Text(b"}"));
                for (i, &(kw, vw)) in entries.iter().enumerate().rev() {
                    work.push(Work::Value(it.child(v, vw, b':')));
                    let sep = if i > 0 { b',' } else { 0 };
                    work.push(Work::Value(it.child(k, kw, sep)));
                }
            }
            TypeKind::Struct(_) => {
                self.buf.extend_from_slice(name.as_bytes());
                return Ok(None);
            }
            _ => return Ok(None),
        }
        Ok(Some(()))
    }

    /// `errors.Join`'s message: the errors' `Error()` texts, one per line.
    pub fn join_text(&mut self, errs: &[u64]) -> Result<Vec<u8>, Trap> {
        let mut out = Vec::new();
        for (i, &e) in errs.iter().enumerate() {
            if i > 0 {
                out.push(b'\n');
            }
            if let Some((ty, w)) = self.m.heap.iface(e) {
                let m_error = self.m.rt.m_error;
                if let Some(t) = self.method_text(ty, w, &[m_error])? {
                    out.extend_from_slice(t.as_bytes());
                }
            }
        }
        Ok(out)
    }

    fn string(&mut self, b: &[u8], spec: &Spec) -> Result<(), Trap> {
        let b = match spec.prec {
            Some(p) if matches!(spec.verb, 's' | 'v' | 'q') => {
                let s = String::from_utf8_lossy(b);
                s.chars().take(p).collect::<String>().into_bytes()
            }
            _ => b.to_vec(),
        };
        let s = match spec.verb {
            'q' => quote(&b),
            'x' => b.iter().map(|c| format!("{c:02x}")).collect(),
            'X' => b.iter().map(|c| format!("{c:02X}")).collect(),
            _ => String::from_utf8_lossy(&b).into_owned(),
        };
        if spec.width.is_none() {
            self.buf
                .extend_from_slice(if spec.verb == 's' || spec.verb == 'v' {
                    &b
                } else {
                    s.as_bytes()
                });
            return Ok(());
        }
        self.pad(&s, spec);
        Ok(())
    }

    fn int(&mut self, w: u64, k: IntKind, spec: &Spec, ty: TypeId) -> Result<(), Trap> {
        let neg = k.signed() && (w as i64) < 0;
        let mag = if neg { (w as i64).unsigned_abs() } else { w };
        let mut s = match spec.verb {
            'v' | 'd' => mag.to_string(),
            'x' => format!("{mag:x}"),
            'X' => format!("{mag:X}"),
            'o' => format!("{mag:o}"),
            'b' => format!("{mag:b}"),
            'c' => {
                let c = u32::try_from(w as i64)
                    .ok()
                    .and_then(char::from_u32)
                    .unwrap_or('\u{FFFD}');
                self.pad(&c.to_string(), spec);
                return Ok(());
            }
            'q' => {
                let q = quote_rune(w as i64);
                self.pad(&q, spec);
                return Ok(());
            }
            'U' => format!("U+{mag:04X}"),
            _ => return self.bad_verb(spec, ty, w),
        };
        if let Some(p) = spec.prec {
            while s.len() < p {
                s.insert(0, '0');
            }
        }
        if neg {
            s.insert(0, '-');
        } else if spec.plus {
            s.insert(0, '+');
        } else if spec.space {
            s.insert(0, ' ');
        }
        if spec.sharp && spec.verb == 'x' {
            s = s.replacen("", "0x", 1);
        }
        self.pad(&s, spec);
        Ok(())
    }

    /// `Sprintf(format, args...)` where args are interface words.
    pub fn printf(&mut self, format: &[u8], args: &[u64]) -> Result<(), Trap> {
        let mut argi = 0;
        let mut i = 0;
        while i < format.len() {
            let c = format[i];
            if c != b'%' {
                let start = i;
                while i < format.len() && format[i] != b'%' {
                    i += 1;
                }
                self.buf.extend_from_slice(&format[start..i]);
                continue;
            }
            i += 1;
            let mut spec = Spec::default();
            while i < format.len() {
                match format[i] {
                    b'-' => spec.minus = true,
                    b'+' => spec.plus = true,
                    b'0' => spec.zero = true,
                    b' ' => spec.space = true,
                    b'#' => spec.sharp = true,
                    _ => break,
                }
                i += 1;
            }
            let num = |i: &mut usize| -> Option<usize> {
                let start = *i;
                while *i < format.len() && format[*i].is_ascii_digit() {
                    *i += 1;
                }
                std::str::from_utf8(&format[start..*i]).ok()?.parse().ok()
            };
            if i < format.len() && format[i] == b'*' {
                i += 1;
                if let Some(&a) = args.get(argi) {
                    argi += 1;
                    if let Some((_, w)) = self.m.heap.iface(a) {
                        spec.width = Some(w as i64 as usize);
                    }
                }
            } else {
                spec.width = num(&mut i);
            }
            if i < format.len() && format[i] == b'.' {
                i += 1;
                spec.prec = Some(num(&mut i).unwrap_or(0));
            }
            if i >= format.len() {
                self.buf.extend_from_slice(b"%!(NOVERB)");
                break;
            }
            let (r, w) = crate::interp::decode_rune(&format[i..]);
            i += w.max(1);
            spec.verb = char::from_u32(r).unwrap_or('?');
            if spec.verb == '%' {
                self.buf.push(b'%');
                continue;
            }
            let Some(&a) = args.get(argi) else {
                self.buf
                    .extend_from_slice(format!("%!{}(MISSING)", spec.verb).as_bytes());
                continue;
            };
            if spec.verb == 'w' {
                self.wrapped.push(argi);
            }
            argi += 1;
            if spec.minus {
                spec.zero = false;
            }
            if matches!(spec.verb, 'v' | 'w') {
                // `%+v` asks for field names, not signs; `%#v` for Go syntax.
                spec.plus_v = spec.plus;
                spec.plus = false;
                spec.sharp_v = spec.sharp;
                spec.sharp = false;
            }
            if spec.verb == 'w' {
                // Only Errorf takes `%w`, and only with an error operand;
                // then it means `%v`.
                let is_error = self
                    .m
                    .heap
                    .iface(a)
                    .is_some_and(|(ty, _)| self.m.method(ty, self.m.rt.m_error).is_some());
                if self.wrap_errs && is_error {
                    spec.verb = 'v';
                } else if let Some((ty, w)) = self.m.heap.iface(a) {
                    self.bad_verb(&spec, ty, w)?;
                    continue;
                }
            }
            match self.m.heap.iface(a) {
                None => match spec.verb {
                    'T' | 'v' => self.pad("<nil>", &spec),
                    _ => self
                        .buf
                        .extend_from_slice(format!("%!{}(<nil>)", spec.verb).as_bytes()),
                },
                Some((ty, w)) => self.walk(Item::operand(ty, w), &spec)?,
            }
        }
        if argi < args.len() {
            self.buf.extend_from_slice(b"%!(EXTRA ");
            for (k, &a) in args[argi..].iter().enumerate() {
                if k > 0 {
                    self.buf.extend_from_slice(b", ");
                }
                match self.m.heap.iface(a) {
                    None => self.buf.extend_from_slice(b"<nil>"),
                    Some((ty, w)) => {
                        let n = self.type_name(ty);
                        self.buf.extend_from_slice(n.as_bytes());
                        self.buf.push(b'=');
                        let v = Spec {
                            verb: 'v',
                            ..Default::default()
                        };
                        self.walk(Item::operand(ty, w), &v)?;
                    }
                }
            }
            self.buf.push(b')');
        }
        Ok(())
    }

    /// `Sprint` (`spaces_always`: `Sprintln`'s rule, else spaces between
    /// operands when neither is a string).
    pub fn print(&mut self, args: &[u64], spaces_always: bool) -> Result<(), Trap> {
        let mut prev_string = false;
        for (i, &a) in args.iter().enumerate() {
            let is_string =
                self.m.heap.iface(a).is_some_and(|(ty, _)| {
                    matches!(self.m.types[ty as usize].kind, TypeKind::String)
                });
            if i > 0 && (spaces_always || (!is_string && !prev_string)) {
                self.buf.push(b' ');
            }
            self.iface(a)?;
            prev_string = is_string;
        }
        Ok(())
    }
}

/// The error `fmt.Errorf` returns for message `text`, given its operands
/// and the indices `%w` was used with (Go 1.20's rule: none is an
/// `*errors.errorString`, one a `*fmt.wrapError` whose `err` is the operand
/// if it is an error, several a `*fmt.wrapErrors` of the error operands).
pub(crate) fn errorf_value(
    m: &mut Machine,
    text: &[u8],
    args: &[u64],
    mut wrapped: Vec<usize>,
) -> u64 {
    let is_error = |m: &Machine, a: u64| {
        m.heap
            .iface(a)
            .is_some_and(|(ty, _)| m.method(ty, m.rt.m_error).is_some())
    };
    let types = (m.rt.errors.wrap_error, m.rt.errors.wrap_errors);
    match wrapped.len() {
        0 => crate::errors::error_string(m, text),
        1 => {
            let a = args[wrapped[0]];
            let err = if is_error(m, a) { a } else { 0 };
            let msg = m.heap.alloc_str(text);
            crate::errors::new_error(m, types.0, &[msg, err])
        }
        _ => {
            wrapped.dedup();
            let errs: Vec<u64> = wrapped
                .iter()
                .map(|&i| args[i])
                .filter(|&a| is_error(m, a))
                .collect();
            let errs = crate::errors::error_slice(m, &errs);
            let msg = m.heap.alloc_str(text);
            crate::errors::new_error(m, types.1, &[msg, errs])
        }
    }
}

/// `[a b c]`: writes the opening bracket, pushes the elements of a slice
/// or array (in `it`) and the closing bracket in reverse.
fn list(
    buf: &mut Vec<u8>,
    it: Item,
    elem: TypeId,
    words: impl DoubleEndedIterator<Item = u64> + ExactSizeIterator,
    work: &mut Vec<Work>,
    (open, close, sep): (&[u8], &'static [u8], u8),
) {
    buf.extend_from_slice(open);
    work.push(Work::Text(close));
    for (i, w) in words.enumerate().rev() {
        let sep = if i > 0 { sep } else { 0 };
        work.push(Work::Value(it.child(elem, w, sep)));
    }
}

fn elem_is_byte(m: &Machine, elem: TypeId) -> bool {
    matches!(m.types[elem as usize].kind, TypeKind::Int(IntKind::U8))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_floats_match_go() {
        assert_eq!(format_hex_float(3.5, false, None, false), "0x1.cp+01");
        assert_eq!(format_hex_float(1.0, false, None, false), "0x1p+00");
        assert_eq!(format_hex_float(0.0, false, None, false), "0x0p+00");
        assert_eq!(
            format_hex_float(-0.1, true, None, false),
            "-0X1.999999999999AP-04"
        );
        assert_eq!(
            format_hex_float(1e300, false, Some(3), false),
            "0x1.7e4p+996"
        );
        assert_eq!(format_hex_float(0.1, false, None, true), "0x1.99999ap-04");
    }

    #[test]
    fn floats_match_go() {
        let v = |x| format_float(x, 'v', None, false);
        assert_eq!(v(1.0), "1");
        assert_eq!(v(2.5), "2.5");
        assert_eq!(v(1e21), "1e+21");
        assert_eq!(v(1e20), "1e+20");
        assert_eq!(v(100000000.0), "1e+08");
        assert_eq!(v(1e-5), "1e-05");
        assert_eq!(v(123456789.0), "1.23456789e+08");
        assert_eq!(v(0.000001234), "1.234e-06");
        assert_eq!(v(2.0 / 3.0), "0.6666666666666666");
        assert_eq!(v(1e6), "1e+06");
        assert_eq!(v(123456.0), "123456");
        assert_eq!(format_float(0.1f32 as f64, 'v', None, true), "0.1");
        assert_eq!(format_float(1.23456, 'f', Some(2), false), "1.23");
        assert_eq!(format_float(1234.5678, 'e', None, false), "1.234568e+03");
        assert_eq!(format_float(0.1, 'g', None, false), "0.1");
    }

    #[test]
    fn quoting_matches_go() {
        assert_eq!(quote(b"hi\n"), "\"hi\\n\"");
        assert_eq!(quote(b"\x00\xff"), "\"\\x00\\xff\"");
        assert_eq!(quote("é\"".as_bytes()), "\"é\\\"\"");
        assert_eq!(quote_rune('x' as i64), "'x'");
    }
}
