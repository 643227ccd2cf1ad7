//! The order `fmt` prints a map's keys in: Go's `internal/fmtsort`.
//!
//! Numbers by value (NaNs first), strings bytewise, `false` before `true`,
//! pointers and channels by address, structs field by field, arrays element
//! by element, interfaces nil first, then by their dynamic types, then by
//! value. Go orders the dynamic types by the address of their type
//! descriptors, which its linker lays out by size, then by name; see
//! [`type_order`].

use crate::machine::Machine;
use golab_bytecode::{TypeId, TypeKind};
use std::cmp::Ordering;
use std::sync::atomic::Ordering::Relaxed;

/// Sorts `entries` (key word, value word) of a map with key type `k`.
pub(crate) fn sort_entries(m: &Machine, k: TypeId, entries: &mut [(u64, u64)]) {
    entries.sort_by(|x, y| compare(m, k, x.0, y.0));
}

/// `fmtsort.compare` for two keys of type `ty`. Iterative (parts are
/// compared in order from an explicit stack), so keys nested as deep as the
/// heap allows are fine; a key with more parts than
/// [`Machine::parts_limit`] (shared exponentially) compares as equal past
/// that point instead of holding the thread.
pub(crate) fn compare(m: &Machine, ty: TypeId, a: u64, b: u64) -> Ordering {
    let mut todo = vec![(ty, a, b)];
    let mut left = m.parts_limit();
    while let Some((ty, a, b)) = todo.pop() {
        let Some(l) = left.checked_sub(1) else {
            break;
        };
        left = l;
        let order = match &m.types[ty as usize].kind {
            TypeKind::Int(kind) if kind.signed() => (a as i64).cmp(&(b as i64)),
            TypeKind::Int(_) | TypeKind::Bool | TypeKind::Pointer(_) | TypeKind::Chan(..) => {
                a.cmp(&b)
            }
            TypeKind::Float32 | TypeKind::Float64 => {
                let (x, y) = (f64::from_bits(a), f64::from_bits(b));
                (!x.is_nan())
                    .cmp(&!y.is_nan())
                    .then(x.partial_cmp(&y).unwrap_or(Ordering::Equal))
            }
            TypeKind::String => m.heap.str_bytes(a).cmp(m.heap.str_bytes(b)),
            TypeKind::Struct(fields) => {
                let (wa, wb) = (
                    m.heap.words(a).unwrap_or(&[]),
                    m.heap.words(b).unwrap_or(&[]),
                );
                for ((f, x), y) in fields.iter().zip(wa).zip(wb).rev() {
                    todo.push((f.ty, x.load(Relaxed), y.load(Relaxed)));
                }
                Ordering::Equal
            }
            TypeKind::Array(elem, _) => {
                let (wa, wb) = (
                    m.heap.words(a).unwrap_or(&[]),
                    m.heap.words(b).unwrap_or(&[]),
                );
                for (x, y) in wa.iter().zip(wb).rev() {
                    todo.push((*elem, x.load(Relaxed), y.load(Relaxed)));
                }
                Ordering::Equal
            }
            TypeKind::Interface(_) => match (m.heap.iface(a), m.heap.iface(b)) {
                (None, None) => Ordering::Equal,
                (None, Some(_)) => Ordering::Less,
                (Some(_), None) => Ordering::Greater,
                (Some((ta, wa)), Some((tb, wb))) => {
                    let order = type_order(m, ta, tb);
                    if order == Ordering::Equal {
                        todo.push((ta, wa, wb));
                    }
                    order
                }
            },
            TypeKind::Opaque => {
                let (wa, wb) = (
                    m.heap.words(a).unwrap_or(&[]),
                    m.heap.words(b).unwrap_or(&[]),
                );
                let (wa, wb) = (
                    wa.iter().map(|w| w.load(Relaxed)),
                    wb.iter().map(|w| w.load(Relaxed)),
                );
                wa.cmp(wb)
            }
            // Not comparable, so never a key's dynamic type.
            TypeKind::Slice(_) | TypeKind::Map(..) | TypeKind::Func => Ordering::Equal,
        };
        if order != Ordering::Equal {
            return order;
        }
    }
    Ordering::Equal
}

/// The order of two dynamic types: Go compares the addresses of their type
/// descriptors (`type.T` symbols), and Go 1.19's linker sorts those symbols
/// by size, then by name. So the sizes are modelled on
/// `cmd/compile/internal/reflectdata` for 64-bit targets: a 48-byte `rtype`,
/// the kind's own fields (struct fields 24 bytes each), and for a named
/// type or one with methods a 16-byte `uncommonType` plus 16 bytes per
/// method. Checked against Go 1.19 on mixed basic, named (with and without
/// methods), array and struct keys (`fmt_map_key_order`); pointer and
/// channel keys follow the same model unchecked.
fn type_order(m: &Machine, a: TypeId, b: TypeId) -> Ordering {
    if a == b {
        return Ordering::Equal;
    }
    let (da, db) = (&m.types[a as usize], &m.types[b as usize]);
    descriptor_size(m, a)
        .cmp(&descriptor_size(m, b))
        .then_with(|| da.name.cmp(&db.name))
}

fn descriptor_size(m: &Machine, ty: TypeId) -> usize {
    const RTYPE: usize = 48;
    let d = &m.types[ty as usize];
    let kind = match &d.kind {
        TypeKind::Array(..) => 24,
        TypeKind::Chan(..) => 16,
        TypeKind::Pointer(_) | TypeKind::Slice(_) => 8,
        TypeKind::Struct(fields) => 32 + 24 * fields.len(),
        TypeKind::Interface(methods) => 32 + 8 * methods.len(),
        TypeKind::Map(..) => 32,
        // A library struct (sync.Mutex...): its fields are ours, not Go's.
        TypeKind::Opaque => 32,
        TypeKind::Func => 8,
        _ => 0,
    };
    let uncommon = if is_named(&d.name) || !d.methods.is_empty() {
        16 + 16 * d.methods.len()
    } else {
        0
    };
    RTYPE + kind + uncommon
}

/// Whether `%T`'s name is a defined type's (`int`, `main.T`) rather than a
/// type literal's (`[2]int`, `*main.T`, `struct { X int }`).
fn is_named(name: &str) -> bool {
    let literal = [
        "[",
        "*",
        "struct {",
        "struct{",
        "map[",
        "func(",
        "interface {",
        "chan ",
        "<-chan",
    ];
    !literal.iter().any(|p| name.starts_with(p))
}
