//! The register map for the collector ([`bc::Function::reg_kinds`]): which
//! registers of a function may hold a reference, like Go's stack maps.
//!
//! A register is a scalar only if *every* instruction of the function that
//! writes it writes a scalar (and, for a parameter, its Go type is a
//! scalar). Registers are reused for values of different kinds (temporaries,
//! a destination used as scratch while a value is built), so the map is one
//! kind per register for the whole function: a register that ever holds a
//! reference is `Ref`. The kinds come from the instructions themselves, not
//! from the expressions that produced them, so no emit site can forget to
//! record one: an arithmetic result is a scalar, a `Move` has its source's
//! kind, and a value read from memory or returned by a call counts as a
//! reference (its type is not in the instruction; the collector only keeps
//! garbage a little longer that way).
//!
//! Writes the compiler never reads back need no entry: a native may write
//! result words beyond the `nret` its caller keeps, and a callee's frame
//! overlaps the caller's registers from the call's base, but those words are
//! dead for the caller (a callee's own registers are covered by its own
//! map while it runs).

use super::*;
use golab_bytecode::{Const, Global, SelectCase, SlotKind, TypeDesc};

/// What an instruction writes into one register.
#[derive(Clone, Copy)]
enum Written {
    Scalar,
    Ref,
    /// A copy of another register (`Move`).
    Copy(Reg),
}

/// Computes the register map of `f`. `params` gives the kinds of the
/// parameter registers from their Go types (missing entries count as
/// references: a synthesized thunk's parameters).
pub(super) fn reg_kinds(
    f: &bc::Function,
    types: &[TypeDesc],
    globals: &[Global],
    params: &[SlotKind],
) -> Vec<SlotKind> {
    let n = f.num_regs as usize;
    let mut kinds = vec![SlotKind::Scalar; n];
    for (i, k) in kinds.iter_mut().enumerate().take(f.num_params as usize) {
        *k = params.get(i).copied().unwrap_or(SlotKind::Ref);
    }
    let type_kind = |ty: u32| {
        types
            .get(ty as usize)
            .map_or(SlotKind::Ref, TypeDesc::slot_kind)
    };
    let mut copies = Vec::new();
    let mut set = |kinds: &mut Vec<SlotKind>, r: u32, w: Written| {
        // A register beyond num_regs is the runtime's business (it grows
        // the stack); the map only covers the frame.
        let Some(k) = kinds.get_mut(r as usize) else {
            return;
        };
        match w {
            Written::Scalar => {}
            Written::Ref => *k = SlotKind::Ref,
            Written::Copy(src) => copies.push((r as usize, src.0 as usize)),
        }
    };
    for op in &f.code {
        for (r, w) in writes(op, f, globals, &type_kind) {
            set(&mut kinds, r, w);
        }
    }
    // A `Move` destination is a reference if its source ever is; moves can
    // chain, so repeat until nothing changes (at most one pass per move).
    let mut changed = true;
    while changed {
        changed = false;
        for &(dst, src) in &copies {
            if kinds.get(src) != Some(&SlotKind::Scalar) && kinds[dst] == SlotKind::Scalar {
                kinds[dst] = SlotKind::Ref;
                changed = true;
            }
        }
    }
    kinds
}

/// The registers `op` writes and what it writes into each. Exhaustive on
/// purpose: a new instruction must say what it writes.
fn writes(
    op: &Op,
    f: &bc::Function,
    globals: &[Global],
    type_kind: &dyn Fn(u32) -> SlotKind,
) -> Vec<(u32, Written)> {
    use Written::{Copy, Ref, Scalar};
    let one = |dst: Reg, w: Written| vec![(dst.0 as u32, w)];
    let kind = |k: SlotKind| match k {
        SlotKind::Scalar => Scalar,
        SlotKind::Ref => Ref,
    };
    match *op {
        Op::Nop
        | Op::SetGlobal { .. }
        | Op::SetIndex { .. }
        | Op::MapSet { .. }
        | Op::MapDelete { .. }
        | Op::SetField { .. }
        | Op::Store { .. }
        | Op::NilCheck { .. }
        | Op::CopyInto { .. }
        | Op::Jump { .. }
        | Op::JumpIfTrue { .. }
        | Op::JumpIfFalse { .. }
        // Return copies the results to the frame's first registers as the
        // frame is popped: they are the caller's from then on.
        | Op::Return { .. }
        | Op::RunDefers
        | Op::Defer { .. }
        | Op::Go { .. }
        | Op::Panic { .. }
        | Op::Send { .. }
        | Op::Close { .. } => vec![],
        Op::Move { dst, src } => one(dst, Copy(src)),
        Op::LoadInt { dst, .. }
        | Op::Add { dst, .. }
        | Op::AddImm { dst, .. }
        | Op::Sub { dst, .. }
        | Op::Mul { dst, .. }
        | Op::DivS { dst, .. }
        | Op::DivU { dst, .. }
        | Op::RemS { dst, .. }
        | Op::RemU { dst, .. }
        | Op::Neg { dst, .. }
        | Op::And { dst, .. }
        | Op::Or { dst, .. }
        | Op::Xor { dst, .. }
        | Op::AndNot { dst, .. }
        | Op::BitNot { dst, .. }
        | Op::Shl { dst, .. }
        | Op::ShrS { dst, .. }
        | Op::ShrU { dst, .. }
        | Op::Trunc { dst, .. }
        | Op::Eq { dst, .. }
        | Op::Ne { dst, .. }
        | Op::LtS { dst, .. }
        | Op::LeS { dst, .. }
        | Op::LtU { dst, .. }
        | Op::LeU { dst, .. }
        | Op::Not { dst, .. }
        | Op::EqVal { dst, .. }
        | Op::AddF { dst, .. }
        | Op::SubF { dst, .. }
        | Op::MulF { dst, .. }
        | Op::DivF { dst, .. }
        | Op::NegF { dst, .. }
        | Op::EqF { dst, .. }
        | Op::LtF { dst, .. }
        | Op::LeF { dst, .. }
        | Op::EqStr { dst, .. }
        | Op::LtStr { dst, .. }
        | Op::LeStr { dst, .. }
        | Op::Len { dst, .. }
        | Op::Cap { dst, .. }
        | Op::CopySlice { dst, .. } => one(dst, Scalar),
        Op::LoadConst { dst, idx } => match f.consts.get(idx as usize) {
            Some(Const::Int(_) | Const::Float(_)) => one(dst, Scalar),
            _ => one(dst, Ref),
        },
        Op::Convert { dst, conv, .. } => match conv {
            ConvKind::IntToFloat
            | ConvKind::UintToFloat
            | ConvKind::FloatToInt
            | ConvKind::FloatToUint
            | ConvKind::FloatToF32 => one(dst, Scalar),
            ConvKind::RuneToStr
            | ConvKind::BytesToStr
            | ConvKind::StrToBytes
            | ConvKind::RunesToStr
            | ConvKind::StrToRunes => one(dst, Ref),
        },
        Op::GetGlobal { dst, idx } => {
            let k = globals
                .get(idx as usize)
                .map_or(SlotKind::Ref, |g| type_kind(g.ty));
            one(dst, kind(k))
        }
        Op::Zero { dst, ty } | Op::TypeAssert { dst, ty, .. } => one(dst, kind(type_kind(ty))),
        // The rune and its width.
        Op::DecodeRune { dst, .. } => vec![(dst.0 as u32, Scalar), (dst.0 as u32 + 1, Scalar)],
        // The value and the ok flag.
        Op::TypeAssertOk { dst, ty, .. } => vec![
            (dst.0 as u32, kind(type_kind(ty))),
            (dst.0 as u32 + 1, Scalar),
        ],
        Op::MapGetOk { dst, .. } | Op::RecvOk { dst, .. } => {
            vec![(dst.0 as u32, Ref), (dst.0 as u32 + 1, Scalar)]
        }
        // More, key, value.
        Op::MapNext { dst, .. } => vec![
            (dst.0 as u32, Scalar),
            (dst.0 as u32 + 1, Ref),
            (dst.0 as u32 + 2, Ref),
        ],
        Op::LoadFunc { dst, .. }
        | Op::LoadNative { dst, .. }
        | Op::MakeClosure { dst, .. }
        | Op::Upval { dst, .. }
        | Op::GlobalAddr { dst, .. }
        | Op::Concat { dst, .. }
        | Op::Index { dst, .. }
        | Op::IndexAddr { dst, .. }
        | Op::SliceExpr { dst, .. }
        | Op::MakeSlice { dst, .. }
        | Op::SliceLit { dst, .. }
        | Op::Append { dst, .. }
        | Op::AppendSlice { dst, .. }
        | Op::MakeMap { dst, .. }
        | Op::MapGet { dst, .. }
        | Op::MapIter { dst, .. }
        | Op::New { dst, .. }
        | Op::GetField { dst, .. }
        | Op::FieldAddr { dst, .. }
        | Op::Load { dst, .. }
        | Op::CopyVal { dst, .. }
        | Op::MakeIface { dst, .. }
        | Op::Recover { dst }
        | Op::MakeChan { dst, .. }
        | Op::Recv { dst, .. } => one(dst, Ref),
        // Results land in base..base+nret.
        Op::Call { base, nret, .. }
        | Op::CallValue { base, nret, .. }
        | Op::CallNative { base, nret, .. }
        | Op::CallIface { base, nret, .. } => (0..nret as u32)
            .map(|i| (base.0 as u32 + i, Ref))
            .collect(),
        // The chosen case, then each receive case's value and ok flag.
        Op::Select { dst, desc } => {
            let mut w = vec![(dst.0 as u32, Scalar)];
            for case in f.selects.get(desc as usize).map_or(&[][..], |d| &d.cases) {
                if let SelectCase::Recv { dst, with_ok, .. } = *case {
                    w.push((dst.0 as u32, Ref));
                    if with_ok {
                        w.push((dst.0 as u32 + 1, Scalar));
                    }
                }
            }
            w
        }
    }
}
