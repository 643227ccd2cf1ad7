//! Places: assignable locations (variables, fields, elements, map entries,
//! pointees) with their operands evaluated once, so `a[f()] += 1` calls `f`
//! once, as Go does.

use super::*;

/// An assignable location, with its operands already evaluated.
pub(super) enum Place {
    Blank,
    Var(ObjId, Loc, TypeId),
    Field { obj: Reg, idx: u16, ty: TypeId },
    Index { obj: Reg, idx: Reg, ty: TypeId },
    MapEntry { map: Reg, key: Reg, ty: TypeId },
    Deref { ptr: Reg, ty: TypeId },
}

impl Place {
    pub(super) fn ty(&self) -> Option<TypeId> {
        match self {
            Place::Blank => None,
            Place::Var(_, _, t)
            | Place::Field { ty: t, .. }
            | Place::Index { ty: t, .. }
            | Place::MapEntry { ty: t, .. }
            | Place::Deref { ty: t, .. } => Some(*t),
        }
    }
}

impl<'a> Gen<'a> {
    // ---- places ----

    pub(super) fn place(&mut self, l: &Expr) -> R<Place> {
        let ty = self.ety(l);
        match &l.unparen().kind {
            ExprKind::Ident(id) => {
                if id.name == "_" {
                    return Ok(Place::Blank);
                }
                let Some(&o) = self.info.objs.get(&id.id) else {
                    return Ok(Place::Blank);
                };
                let loc = self.var_loc(o);
                Ok(Place::Var(o, loc, self.obj_ty(o)))
            }
            ExprKind::Selector(x, _) => {
                let sel = self.info.selections.get(&l.unparen().id).cloned();
                if let Some(Selection::Pkg(o)) = sel {
                    // `pkg.V = ...` of a library variable.
                    let loc = self.var_loc(o);
                    return Ok(Place::Var(o, loc, self.obj_ty(o)));
                }
                let Some(Selection::Field { index, path, .. }) = sel else {
                    return Err(());
                };
                let base = self.expr_snap(x)?;
                let obj = self.walk(base, &path);
                Ok(Place::Field {
                    obj,
                    idx: index as u16,
                    ty,
                })
            }
            ExprKind::Index(x, i) => {
                let xt = self.ety(x);
                if let Type::Map(k, _) = self.t.under(xt).clone() {
                    let map = self.expr_snap(x)?;
                    let key = self.alloc();
                    self.expr_to_as(i, key, k)?;
                    return Ok(Place::MapEntry { map, key, ty });
                }
                let obj = self.expr_snap(x)?;
                let idx = self.expr_snap(i)?;
                Ok(Place::Index { obj, idx, ty })
            }
            ExprKind::Star(p) => {
                let ptr = self.expr_snap(p)?;
                Ok(Place::Deref { ptr, ty })
            }
            _ => Err(()),
        }
    }

    pub(super) fn store_place(&mut self, p: Place, v: Reg) -> R<()> {
        match p {
            Place::Blank => {}
            Place::Var(o, loc, t) => self.store_loc(loc, v, t, Some(o)),
            Place::Field { obj, idx, ty } => {
                if self.is_agg(ty) {
                    let t = self.alloc();
                    self.emit(Op::GetField {
                        dst: t,
                        obj,
                        field: idx,
                    });
                    self.emit(Op::CopyInto { dst: t, src: v });
                } else {
                    self.emit(Op::SetField {
                        obj,
                        field: idx,
                        src: v,
                    });
                }
            }
            Place::Index { obj, idx, ty } => {
                if self.is_agg(ty) {
                    let t = self.alloc();
                    self.emit(Op::Index { dst: t, obj, idx });
                    self.emit(Op::CopyInto { dst: t, src: v });
                } else {
                    self.emit(Op::SetIndex { obj, idx, src: v });
                }
            }
            Place::MapEntry { map, key, .. } => {
                self.emit(Op::MapSet { map, key, val: v });
            }
            Place::Deref { ptr, ty } => {
                if self.is_agg(ty) {
                    self.emit(Op::CopyInto { dst: ptr, src: v });
                } else {
                    self.emit(Op::Store { ptr, src: v });
                }
            }
        }
        Ok(())
    }

    pub(super) fn load_place(&mut self, p: &Place, dst: Reg) -> R<()> {
        match *p {
            Place::Blank => {}
            Place::Var(_, loc, _) => self.load_loc(loc, dst),
            Place::Field { obj, idx, .. } => {
                self.emit(Op::GetField {
                    dst,
                    obj,
                    field: idx,
                });
            }
            Place::Index { obj, idx, .. } => {
                self.emit(Op::Index { dst, obj, idx });
            }
            Place::MapEntry { map, key, .. } => {
                self.emit(Op::MapGet { dst, map, key });
            }
            Place::Deref { ptr, ty } => {
                if self.is_agg(ty) {
                    self.emit(Op::Move { dst, src: ptr });
                } else {
                    self.emit(Op::Load { dst, ptr });
                }
            }
        }
        Ok(())
    }
}
