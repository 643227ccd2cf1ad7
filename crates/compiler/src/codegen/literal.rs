//! Composite literals and function literals (closures and their captures).

use super::*;

impl<'a> Gen<'a> {
    // ---- composite literals and closures ----

    pub(super) fn composite(&mut self, e: &Expr, elts: &[Element], dst: Reg) -> R<()> {
        let mut ty = self.ety(e);
        if let Type::Pointer(b) = self.t.get(ty).clone() {
            ty = b;
        }
        let bt = self.btype(ty);
        match self.t.under(ty).clone() {
            Type::Struct(fs) => {
                self.emit(Op::Zero { dst, ty: bt });
                for (i, el) in elts.iter().enumerate() {
                    let idx = match &el.key {
                        Some(k) => match self.info.selections.get(&k.id) {
                            Some(Selection::Field { index, .. }) => *index,
                            _ => continue,
                        },
                        None => i,
                    };
                    let m = self.mark();
                    let v = self.expr_as(&el.value, fs[idx].ty)?;
                    self.emit(Op::SetField {
                        obj: dst,
                        field: idx as u16,
                        src: v,
                    });
                    self.free_to(m);
                }
            }
            Type::Array(et, _) => {
                self.emit(Op::Zero { dst, ty: bt });
                let mut i: i64 = 0;
                for el in elts {
                    if let Some(k) = &el.key {
                        if let Some(v) = self.info.types.get(&k.id).and_then(|t| t.val.clone()) {
                            i = v.to_int().unwrap_or(0) as i64;
                        }
                    }
                    let m = self.mark();
                    let ir = self.alloc();
                    self.load_const(&ConstVal::Int(i as i128), INVALID, ir);
                    let v = self.expr_as(&el.value, et)?;
                    self.emit(Op::SetIndex {
                        obj: dst,
                        idx: ir,
                        src: v,
                    });
                    self.free_to(m);
                    i += 1;
                }
            }
            Type::Slice(et) => {
                let be = self.btype(et);
                if elts.iter().all(|el| el.key.is_none()) && elts.len() < 60000 {
                    let m = self.mark();
                    let base = self.alloc_n(elts.len() as u32);
                    for (i, el) in elts.iter().enumerate() {
                        self.expr_to_as(&el.value, Reg(base.0 + i as u16), et)?;
                    }
                    self.emit(Op::SliceLit {
                        dst,
                        elem: be,
                        base,
                        n: elts.len() as u16,
                    });
                    self.free_to(m);
                } else {
                    // Keyed: allocate max index + 1 and store.
                    let mut i: i64 = 0;
                    let mut idxs = Vec::new();
                    let mut maxn = 0;
                    for el in elts {
                        if let Some(k) = &el.key {
                            if let Some(v) = self.info.types.get(&k.id).and_then(|t| t.val.clone())
                            {
                                i = v.to_int().unwrap_or(0) as i64;
                            }
                        }
                        idxs.push(i);
                        i += 1;
                        maxn = maxn.max(i);
                    }
                    let m = self.mark();
                    let n = self.alloc();
                    self.load_const(&ConstVal::Int(maxn as i128), INVALID, n);
                    self.emit(Op::MakeSlice {
                        dst,
                        elem: be,
                        len: n,
                        cap: n,
                    });
                    for (el, ix) in elts.iter().zip(idxs) {
                        let m2 = self.mark();
                        let ir = self.alloc();
                        self.load_const(&ConstVal::Int(ix as i128), INVALID, ir);
                        let v = self.expr_as(&el.value, et)?;
                        self.emit(Op::SetIndex {
                            obj: dst,
                            idx: ir,
                            src: v,
                        });
                        self.free_to(m2);
                    }
                    self.free_to(m);
                }
            }
            Type::Map(kt, vt) => {
                let m = self.mark();
                let h = self.alloc();
                self.load_const(&ConstVal::Int(elts.len() as i128), INVALID, h);
                self.emit(Op::MakeMap {
                    dst,
                    ty: bt,
                    hint: h,
                });
                for el in elts {
                    let m2 = self.mark();
                    let Some(k) = &el.key else { continue };
                    let kr = self.expr_as(k, kt)?;
                    let vr = self.expr_as(&el.value, vt)?;
                    self.emit(Op::MapSet {
                        map: dst,
                        key: kr,
                        val: vr,
                    });
                    self.free_to(m2);
                }
                self.free_to(m);
            }
            _ => return Err(()),
        }
        Ok(())
    }

    pub(super) fn func_lit(&mut self, e: &Expr, ft: &FuncType, body: &Block, dst: Reg) -> R<()> {
        let sig = self.ety(e);
        let parent_name = self.fs().f.name.clone();
        let parent_name = if parent_name.is_empty() {
            "main.func".to_string()
        } else {
            parent_name
        };
        self.fs().lit_counter += 1;
        let n = self.fs().lit_counter;
        let is_top = !parent_name.contains(".func");
        let name = if is_top {
            format!("{parent_name}.func{n}")
        } else {
            format!("{parent_name}.{n}")
        };
        let fid = self.prog.functions.len() as u32;
        let line = self.li.line(e.pos);
        self.prog.functions.push(bc::Function {
            name: name.clone(),
            file: self.path.clone(),
            decl_line: line,
            ..Default::default()
        });
        let saved_pos = self.pos;
        self.begin_fn(fid);
        self.fs().f.name = name.clone();
        let ids = |fields: &[Field], info: &Info| -> Vec<Option<ObjId>> {
            let mut v = Vec::new();
            for f in fields {
                if f.names.is_empty() {
                    v.push(None);
                }
                for n in &f.names {
                    v.push(if n.name == "_" {
                        None
                    } else {
                        info.objs.get(&n.id).copied()
                    });
                }
            }
            v
        };
        let params = ids(&ft.params, self.info);
        let results = ids(&ft.results, self.info);
        self.function_body(&params, &results, sig, body, None);
        let upvals = self.fs().upvals.clone();
        let mut f = self.end_fn();
        f.name = name;
        f.file = self.path.clone();
        f.decl_line = line;
        self.prog.functions[fid as usize] = f;
        self.pos = saved_pos;
        let m = self.mark();
        let base = self.alloc_n(upvals.len() as u32);
        for (i, o) in upvals.iter().enumerate() {
            let l = self.var_loc(*o);
            self.loc_word(l, Reg(base.0 + i as u16));
        }
        self.emit(Op::MakeClosure {
            dst,
            func: fid,
            base,
            n: upvals.len() as u16,
        });
        self.free_to(m.max(dst.0 as u32 + 1));
        Ok(())
    }
}
