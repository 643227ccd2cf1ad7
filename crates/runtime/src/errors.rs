//! Go's `errors` package (`New`, `Is`, `As`, `Unwrap`, `Join`) and the error
//! types behind it and `fmt.Errorf`, with Go's layouts so `%#v` and `%+v`
//! print them as Go does:
//!
//! - `*errors.errorString` `{s string}` (`errors.New`, `Errorf` without `%w`);
//! - `*fmt.wrapError` `{msg string; err error}` (`Errorf` with one `%w`);
//! - `*fmt.wrapErrors` `{msg string; errs []error}` (several `%w`, Go 1.20);
//! - `*errors.joinError` `{errs []error}` (`errors.Join`, Go 1.20).
//!
//! `Is` and `As` walk the tree of `Unwrap() error` / `Unwrap() []error`
//! methods depth first, as Go's `is`/`as` do, and call a user's `Is(error)
//! bool` / `As(any) bool`. A Go method is called through the native callback
//! protocol (`Trap::Call`): the native runs again from the start after each
//! call, replaying the results so far (`Replay`), so the walk stays a pure
//! function of the values and those results.
//!
//! Which `Unwrap` a user type has (`error` or `[]error`) is told by the
//! value it returns: an interface box or a slice header. Method identity in
//! this VM is the name alone, so that is all the runtime can know.

use crate::fmt::Printer;
use crate::heap::{Obj, Shape};
use crate::machine::{Machine, RtErr, Trap};
use crate::natives::{Ctx, NativeFn};
use golab_bytecode::{Callee, Field, Method, TypeDesc, TypeId, TypeKind};
use std::sync::atomic::Ordering::Relaxed;

/// The runtime's error types and the method names the walk looks for.
pub(crate) struct ErrorTypes {
    /// `error`.
    pub error: TypeId,
    pub error_string: TypeId,
    pub wrap_error: TypeId,
    pub wrap_errors: TypeId,
    pub join_error: TypeId,
    pub m_unwrap: u32,
    pub m_is: u32,
    pub m_as: u32,
}

/// Adds the error types to a program's type table (see the module doc).
pub(crate) fn add_types(
    types: &mut Vec<TypeDesc>,
    method_names: &mut Vec<String>,
    native_names: &mut Vec<String>,
    string: TypeId,
    m_error: u32,
) -> ErrorTypes {
    let mut add = |d: TypeDesc| -> TypeId {
        if let Some(i) = types.iter().position(|t| *t == d) {
            return i as TypeId;
        }
        types.push(d);
        (types.len() - 1) as TypeId
    };
    let error = add(TypeDesc::new("error", TypeKind::Interface(vec![m_error])));
    let errors = add(TypeDesc::new("[]error", TypeKind::Slice(error)));
    let m_unwrap = intern(method_names, "Unwrap");
    let field = |name: &str, ty| Field {
        name: name.into(),
        ty,
        embedded: false,
    };
    // (pointer type name, struct fields, Error native, Unwrap native)
    let table: [(&str, Vec<Field>, &str, Option<&str>); 4] = [
        (
            "errors.errorString",
            vec![field("s", string)],
            "errors.(*errorString).Error",
            None,
        ),
        (
            "fmt.wrapError",
            vec![field("msg", string), field("err", error)],
            "fmt.(*wrapError).Error",
            Some("fmt.(*wrapError).Unwrap"),
        ),
        (
            "fmt.wrapErrors",
            vec![field("msg", string), field("errs", errors)],
            "fmt.(*wrapErrors).Error",
            Some("fmt.(*wrapErrors).Unwrap"),
        ),
        (
            "errors.joinError",
            vec![field("errs", errors)],
            "errors.(*joinError).Error",
            Some("errors.(*joinError).Unwrap"),
        ),
    ];
    let mut ids = [0; 4];
    for (i, (name, fields, error_native, unwrap_native)) in table.into_iter().enumerate() {
        let st = add(TypeDesc::new(name, TypeKind::Struct(fields)));
        let mut d = TypeDesc::new(format!("*{name}"), TypeKind::Pointer(st));
        let mut native = |n: &str| Callee::Native(intern(native_names, n));
        d.methods.push(Method {
            name: m_error,
            callee: native(error_native),
            deref: false,
        });
        if let Some(u) = unwrap_native {
            d.methods.push(Method {
                name: m_unwrap,
                callee: native(u),
                deref: false,
            });
        }
        d.methods.sort_unstable_by_key(|m| m.name);
        ids[i] = add(d);
    }
    ErrorTypes {
        error,
        error_string: ids[0],
        wrap_error: ids[1],
        wrap_errors: ids[2],
        join_error: ids[3],
        m_unwrap,
        m_is: intern(method_names, "Is"),
        m_as: intern(method_names, "As"),
    }
}

fn intern(list: &mut Vec<String>, name: &str) -> u32 {
    if let Some(i) = list.iter().position(|n| n == name) {
        return i as u32;
    }
    list.push(name.to_string());
    (list.len() - 1) as u32
}

/// A new error value of pointer type `ty` to a struct with `fields`.
pub(crate) fn new_error(m: &mut Machine, ty: TypeId, fields: &[u64]) -> u64 {
    let st = match m.types[ty as usize].kind {
        TypeKind::Pointer(st) => st,
        _ => ty,
    };
    let obj = m.heap.alloc_words(Shape::Struct, st, fields.len()) as u64;
    let ws = m.heap.words(obj).expect("just allocated");
    for (a, &v) in ws.iter().zip(fields) {
        a.store(v, Relaxed);
    }
    m.heap.alloc_iface(ty, obj)
}

/// An `*errors.errorString` with the given text.
pub(crate) fn error_string(m: &mut Machine, text: &[u8]) -> u64 {
    let s = m.heap.alloc_str(text);
    new_error(m, m.rt.errors.error_string, &[s])
}

/// Field `i` of the struct a runtime error value points to.
fn field(m: &Machine, obj: u64, i: usize) -> u64 {
    m.heap
        .words(obj)
        .and_then(|w| w.get(i))
        .map_or(0, |a| a.load(Relaxed))
}

/// The errors of an `*errors.joinError` (its struct's word).
pub(crate) fn join_errors(m: &Machine, obj: u64) -> Vec<u64> {
    m.heap.slice_words(field(m, obj, 0))
}

/// Resolves the natives defined here.
pub(crate) fn lookup(name: &str) -> Option<NativeFn> {
    Some(match name {
        "errors.New" => |c, w| {
            // Each call makes a new *errorString: two errors with the same
            // text are different values.
            let text = c.m.heap.str_bytes(w[0]).to_vec();
            w[0] = error_string(c.m, &text);
            Ok(())
        },
        // The message is made when the error is (as Go's Errorf does).
        "errors.(*errorString).Error" | "fmt.(*wrapError).Error" | "fmt.(*wrapErrors).Error" => {
            |c, w| {
                w[0] = field(c.m, w[0], 0);
                Ok(())
            }
        }
        "fmt.(*wrapError).Unwrap" | "fmt.(*wrapErrors).Unwrap" => |c, w| {
            w[0] = field(c.m, w[0], 1);
            Ok(())
        },
        "errors.(*joinError).Unwrap" => |c, w| {
            w[0] = field(c.m, w[0], 0);
            Ok(())
        },
        "errors.(*joinError).Error" => |c, w| {
            let errs = join_errors(c.m, w[0]);
            let mut p = Printer::new(c.m, &c.cb.results);
            let s = p.join_text(&errs)?;
            w[0] = c.m.heap.alloc_str(&s);
            Ok(())
        },
        "errors.Join" => |c, w| {
            // Go 1.20: nil errors are dropped; none left is a nil error.
            let errs: Vec<u64> =
                c.m.heap
                    .slice_words(w[0])
                    .into_iter()
                    .filter(|&e| c.m.heap.iface(e).is_some())
                    .collect();
            w[0] = if errs.is_empty() {
                0
            } else {
                let s = error_slice(c.m, &errs);
                new_error(c.m, c.m.rt.errors.join_error, &[s])
            };
            Ok(())
        },
        "errors.Unwrap" => |c, w| {
            // Only `Unwrap() error`: a []error result unwraps to nil.
            let mut r = Replay::default();
            w[0] = match unwrap(c, &mut r, w[0])? {
                Unwrapped::One(e) => e,
                _ => 0,
            };
            Ok(())
        },
        "errors.Is" => |c, w| {
            w[0] = is(c, w[0], w[1])? as u64;
            Ok(())
        },
        "errors.As" => |c, w| {
            w[0] = as_(c, w[0], w[1])? as u64;
            Ok(())
        },
        _ => return None,
    })
}

/// A new `[]error` holding `errs`.
pub(crate) fn error_slice(m: &mut Machine, errs: &[u64]) -> u64 {
    let ty = m.rt.errors.error;
    let s = m.new_slice(ty, errs.len(), errs.len());
    let (arr, off, _, _) = m.heap.slice(s);
    if let Some(ws) = m.heap.words(arr as u64) {
        for (i, &e) in errs.iter().enumerate() {
            ws[off as usize + i].store(e, Relaxed);
        }
    }
    s
}

/// Replays the results of the Go calls this native made before it was
/// re-executed (see the module doc).
#[derive(Default)]
struct Replay {
    next: usize,
}

impl Replay {
    /// Calls method `name` of the dynamic value `(ty, word)` with `args`:
    /// Ok(None) if the type has no such method.
    fn call(
        &mut self,
        c: &mut Ctx,
        ty: TypeId,
        word: u64,
        name: u32,
        args: &[u64],
    ) -> Result<Option<u64>, Trap> {
        let Some(meth) = c.m.method(ty, name) else {
            return Ok(None);
        };
        let recv = if meth.deref {
            // A value method through a pointer: *p, as Go's wrapper does.
            if c.m.heap.get(word).is_none() {
                return Err(Trap::Runtime(RtErr::NilDeref));
            }
            match c.m.types[ty as usize].kind {
                TypeKind::Pointer(t) if c.m.is_aggregate(t) => c.m.copy_val(word).unwrap_or(0),
                _ => c.m.heap.load(word).unwrap_or(0),
            }
        } else {
            word
        };
        match meth.callee {
            Callee::Native(nid) => {
                let f = c.m.natives.get(nid as usize).copied().flatten();
                let Some(f) = f else { return Ok(None) };
                let mut win = vec![0u64; args.len() + 2];
                win[0] = recv;
                win[1..=args.len()].copy_from_slice(args);
                f(c, &mut win)?;
                Ok(Some(win[0]))
            }
            Callee::Func(fid) => {
                if let Some(r) = c.cb.results.get(self.next) {
                    self.next += 1;
                    return Ok(Some(r.first().copied().unwrap_or(0)));
                }
                let fv = c.m.heap.alloc(Obj::Closure {
                    callee: Callee::Func(fid),
                    caps: Box::new([]),
                }) as u64;
                let mut a = vec![recv];
                a.extend_from_slice(args);
                Err(Trap::Call(fv, a))
            }
        }
    }
}

enum Unwrapped {
    None,
    One(u64),
    Many(Vec<u64>),
}

/// `err`'s `Unwrap()` result.
fn unwrap(c: &mut Ctx, r: &mut Replay, err: u64) -> Result<Unwrapped, Trap> {
    let Some((ty, w)) = c.m.heap.iface(err) else {
        return Ok(Unwrapped::None);
    };
    let m_unwrap = c.m.rt.errors.m_unwrap;
    Ok(match r.call(c, ty, w, m_unwrap, &[])? {
        None => Unwrapped::None,
        Some(v) => match c.m.heap.get(v) {
            Some(Obj::Slice { .. }) => Unwrapped::Many(c.m.heap.slice_words(v)),
            Some(Obj::Iface { .. }) => Unwrapped::One(v),
            _ => Unwrapped::None,
        },
    })
}

/// Go's `errors.Is`: `err`'s tree, depth first, holds a value equal to
/// `target` or one whose `Is(target)` says so.
fn is(c: &mut Ctx, err: u64, target: u64) -> Result<bool, Trap> {
    let any = c.m.rt.any;
    let (Some(_), Some(_)) = (c.m.heap.iface(err), c.m.heap.iface(target)) else {
        return Ok(c.m.heap.iface(err).is_none() && c.m.heap.iface(target).is_none());
    };
    let m_is = c.m.rt.errors.m_is;
    let mut r = Replay::default();
    let mut todo = vec![err];
    while let Some(e) = todo.pop() {
        let Some((ty, w)) = c.m.heap.iface(e) else {
            continue;
        };
        // `err == target` (false, not a panic, when target's type is not
        // comparable: Go checks `Comparable()` first).
        match c.m.equal(any, e, target) {
            Ok(true) => return Ok(true),
            Err(e @ RtErr::TooLarge(_)) => return Err(Trap::Runtime(e)),
            _ => {}
        }
        if r.call(c, ty, w, m_is, &[target])?.is_some_and(|b| b != 0) {
            return Ok(true);
        }
        push_unwrapped(c, &mut r, e, &mut todo)?;
    }
    Ok(false)
}

/// Pushes `e`'s wrapped errors so the first is popped next.
fn push_unwrapped(c: &mut Ctx, r: &mut Replay, e: u64, todo: &mut Vec<u64>) -> Result<(), Trap> {
    match unwrap(c, r, e)? {
        Unwrapped::None => {}
        Unwrapped::One(x) => todo.push(x),
        Unwrapped::Many(xs) => todo.extend(xs.into_iter().rev()),
    }
    Ok(())
}

fn panic_str(m: &mut Machine, s: &str) -> Trap {
    let ty = m.rt.string;
    let w = m.str(s);
    Trap::Panic(m.heap.alloc_iface(ty, w))
}

/// Go's `errors.As`: the first error in `err`'s tree assignable to
/// `*target`'s type is stored there (or one whose `As(target)` says so).
fn as_(c: &mut Ctx, err: u64, target: u64) -> Result<bool, Trap> {
    if c.m.heap.iface(err).is_none() {
        return Ok(false);
    }
    let Some((pty, p)) = c.m.heap.iface(target) else {
        return Err(panic_str(c.m, "errors: target cannot be nil"));
    };
    let elem = match c.m.types[pty as usize].kind {
        TypeKind::Pointer(e) if c.m.heap.get(p).is_some() => e,
        _ => return Err(panic_str(c.m, "errors: target must be a non-nil pointer")),
    };
    let elem_is_iface = matches!(c.m.types[elem as usize].kind, TypeKind::Interface(_));
    let error = c.m.rt.errors.error;
    if !elem_is_iface && c.m.implements(elem, error).is_err() {
        return Err(panic_str(
            c.m,
            "errors: *target must be interface or implement error",
        ));
    }
    let m_as = c.m.rt.errors.m_as;
    let mut r = Replay::default();
    let mut todo = vec![err];
    while let Some(e) = todo.pop() {
        let Some((ty, w)) = c.m.heap.iface(e) else {
            continue;
        };
        let assignable = if elem_is_iface {
            c.m.implements(ty, elem).is_ok()
        } else {
            ty == elem
        };
        if assignable {
            if elem_is_iface {
                // Every interface type holds the same box.
                c.m.heap.store(p, e);
            } else if c.m.is_aggregate(elem) {
                c.m.copy_into(p, w);
            } else {
                c.m.heap.store(p, w);
            }
            return Ok(true);
        }
        if r.call(c, ty, w, m_as, &[target])?.is_some_and(|b| b != 0) {
            return Ok(true);
        }
        push_unwrapped(c, &mut r, e, &mut todo)?;
    }
    Ok(false)
}
