//! Type descriptors: interning `TypeDesc`s for the program's run-time types,
//! their method tables and the wrappers for promoted methods. Kept apart
//! from code generation proper because it only reads the checker's types.

use super::*;

impl<'a> Gen<'a> {
    // ---- types ----

    pub(super) fn btype(&mut self, t: TypeId) -> u32 {
        let t = match self.t.get(t) {
            Type::Basic(b) if b.is_untyped() => match b {
                Basic::UntypedBool => self.basic_id(Basic::Bool),
                Basic::UntypedInt => self.basic_id(Basic::Int),
                Basic::UntypedRune => self.basic_id(Basic::Int32),
                Basic::UntypedFloat => self.basic_id(Basic::Float64),
                Basic::UntypedString => self.basic_id(Basic::String),
                _ => self.any_t,
            },
            _ => t,
        };
        if let Some(&id) = self.type_map.get(&t) {
            return id;
        }
        let id = self.prog.types.len() as u32;
        self.prog
            .types
            .push(bc::TypeDesc::new("", bc::TypeKind::Bool));
        self.type_map.insert(t, id);
        // The descriptor is filled in by the outermost call, from a work
        // list: a descriptor names its parts by id only, and filling them
        // in recursively would follow named types nesting thousands deep
        // (`type T1 [1]T0`, `type T2 [1]T1`, ...) on the host stack.
        self.btype_pending.push((t, id));
        if !self.btype_filling {
            self.btype_filling = true;
            while let Some((t, id)) = self.btype_pending.pop() {
                let name = self.type_name(t);
                let opaque = self.t.named_info(t).is_some_and(|n| n.opaque);
                let kind = if opaque {
                    bc::TypeKind::Opaque
                } else {
                    self.type_kind(self.t.underlying(t))
                };
                let methods = self.method_table(t);
                self.prog.types[id as usize] = bc::TypeDesc {
                    name,
                    kind,
                    methods,
                };
            }
            self.btype_filling = false;
        }
        id
    }

    pub(super) fn basic_id(&self, b: Basic) -> TypeId {
        self.t
            .list
            .iter()
            .position(|x| *x == Type::Basic(b))
            .unwrap_or(0) as TypeId
    }

    fn type_name(&self, t: TypeId) -> String {
        match self.t.get(t) {
            Type::Basic(Basic::Uint8) => "uint8".into(),
            Type::Basic(Basic::Int32) => "int32".into(),
            _ => self.t.type_string(t, TypeStyle::Runtime),
        }
    }

    fn type_kind(&mut self, u: TypeId) -> bc::TypeKind {
        use bc::TypeKind as K;
        match self.t.get(u).clone() {
            Type::Basic(b) => match b {
                Basic::Bool | Basic::UntypedBool => K::Bool,
                Basic::Float32 => K::Float32,
                Basic::Float64 | Basic::UntypedFloat => K::Float64,
                Basic::String | Basic::UntypedString => K::String,
                b if b.is_integer() => K::Int(int_kind(b)),
                _ => K::Interface(vec![]),
            },
            Type::Named(_) => K::Bool,
            Type::Pointer(e) => K::Pointer(self.btype(e)),
            Type::Slice(e) => K::Slice(self.btype(e)),
            Type::Array(e, n) => K::Array(self.btype(e), n as u32),
            Type::Map(k, v) => K::Map(self.btype(k), self.btype(v)),
            Type::Chan(d, e) => K::Chan(
                self.btype(e),
                match d {
                    Dir::Both => bc::ChanDir::Both,
                    Dir::Send => bc::ChanDir::Send,
                    Dir::Recv => bc::ChanDir::Recv,
                },
            ),
            Type::Struct(fs) => K::Struct(
                fs.iter()
                    .map(|f| bc::Field {
                        name: f.name.clone(),
                        ty: self.btype(f.ty),
                        embedded: f.embedded,
                    })
                    .collect(),
            ),
            Type::Func { .. } => K::Func,
            Type::Interface(ms) => {
                let mut ids: Vec<u32> = ms
                    .iter()
                    .map(|(n, _)| self.prog.method_name_id(n))
                    .collect();
                ids.sort_unstable();
                K::Interface(ids)
            }
            Type::Tuple(_) => K::Func,
        }
    }

    fn method_table(&mut self, t: TypeId) -> Vec<bc::Method> {
        let (base, is_ptr) = match self.t.get(t) {
            Type::Pointer(b) if self.t.named_info(*b).is_some() => (*b, true),
            Type::Named(_) => (t, false),
            _ => return vec![],
        };
        if self.t.is_interface(base) {
            return vec![];
        }
        let Some(ni) = self.t.named_info(base) else {
            return vec![];
        };
        let mut out = Vec::new();
        for m in ni.methods.clone() {
            if m.ptr_recv && !is_ptr {
                continue;
            }
            let Some(callee) = self.method_callee(&m.imp) else {
                continue;
            };
            let name = self.prog.method_name_id(&m.name);
            out.push(bc::Method {
                name,
                callee,
                deref: is_ptr && !m.ptr_recv,
            });
        }
        // Methods promoted from embedded fields, through wrappers.
        for mname in self.t.promoted_method_names(base) {
            if self.t.method_of(base, &mname).is_some() || self.t.method_set_sig(t, &mname).is_err()
            {
                continue;
            }
            let Some(f) = self.promoted_wrapper(base, &mname) else {
                continue;
            };
            let name = self.prog.method_name_id(&mname);
            out.push(bc::Method {
                name,
                callee: bc::Callee::Func(f),
                deref: false,
            });
        }
        out.sort_unstable_by_key(|m| m.name);
        out
    }

    /// A function `(recv, args...)` that calls the method `name` promoted
    /// into struct type `base` on the embedded value, for interface dispatch.
    /// Values of `base` and `*base` are the same reference, so one wrapper
    /// serves both method tables.
    fn promoted_wrapper(&mut self, base: TypeId, name: &str) -> Option<u32> {
        let key = format!("promoted.{base}.{name}");
        if let Some(&f) = self.thunks.get(&key) {
            return Some(f);
        }
        let (path, target, sig, take_addr, deref, iface) = match self.t.lookup(base, name) {
            crate::types::Lookup::Method {
                path, def, recv_ty, ..
            } => {
                let recv_ptr = matches!(self.t.get(recv_ty), Type::Pointer(_));
                let target = self.method_callee(&def.imp)?;
                (
                    path,
                    Some(target),
                    def.sig,
                    def.ptr_recv && !recv_ptr,
                    !def.ptr_recv && recv_ptr,
                    None,
                )
            }
            crate::types::Lookup::IfaceMethod { path, sig } => {
                let mid = self.prog.method_name_id(name);
                (path, None, sig, false, false, Some(mid))
            }
            _ => return None,
        };
        if path.is_empty() {
            return None;
        }
        let (nparams, nret) = self
            .t
            .func_sig(sig)
            .map_or((0, 0), |s| (s.0.len(), s.1.len()));
        let tname = self
            .t
            .named_info(base)
            .map_or("?".to_string(), |n| n.name.clone());
        let id = self.prog.functions.len() as u32;
        self.prog.functions.push(bc::Function::default());
        self.thunks.insert(key, id);
        let pos = self.pos;
        self.begin_fn(id);
        self.fs().f.name = format!("main.(*{tname}).{name}");
        self.fs().f.num_params = nparams as u16 + 1;
        self.fs().f.num_results = nret as u16;
        self.alloc_n(nparams as u32 + 1);
        let obj = self.walk(Reg(0), &path[..path.len() - 1]);
        let last = *path.last().unwrap() as u16;
        let ft = self.t.path_type(base, &path);
        let call_base = self.alloc_n(nparams as u32 + 1 + nret as u32);
        let r = call_base;
        if take_addr && !self.is_agg(ft) {
            self.emit(Op::FieldAddr {
                dst: r,
                obj,
                field: last,
            });
        } else {
            self.emit(Op::GetField {
                dst: r,
                obj,
                field: last,
            });
            if deref {
                let pointee = match self.t.get(ft) {
                    Type::Pointer(b) => *b,
                    _ => ft,
                };
                if self.is_agg(pointee) {
                    self.emit(Op::CopyVal { dst: r, src: r });
                } else {
                    self.emit(Op::Load { dst: r, ptr: r });
                }
            } else if !take_addr && self.is_agg(ft) && iface.is_none() {
                self.emit(Op::CopyVal { dst: r, src: r });
            }
        }
        for i in 0..nparams as u16 {
            self.emit(Op::Move {
                dst: Reg(r.0 + 1 + i),
                src: Reg(1 + i),
            });
        }
        let (na, nr) = (nparams as u8 + 1, nret as u8);
        match (iface, target) {
            (Some(m), _) => self.emit(Op::CallIface {
                method: m,
                base: r,
                nargs: na,
                nret: nr,
            }),
            (None, Some(bc::Callee::Func(f))) => self.emit(Op::Call {
                func: f,
                base: r,
                nargs: na,
                nret: nr,
            }),
            (None, Some(bc::Callee::Native(n))) => self.emit(Op::CallNative {
                native: n,
                base: r,
                nargs: na,
                nret: nr,
            }),
            _ => return None,
        };
        self.emit(Op::Return {
            src: r,
            n: nret as u16,
        });
        let mut f = self.end_fn();
        f.file = self.path.clone();
        self.prog.functions[id as usize] = f;
        self.pos = pos;
        Some(id)
    }
}
