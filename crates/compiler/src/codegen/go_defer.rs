//! `go` and `defer`: the callee and arguments are evaluated now, the call
//! happens later, so calls the runtime cannot start directly (builtins,
//! natives, bound methods, interface methods) go through small synthesized
//! thunks: `runtime.close`, `runtime.panic`, ... for builtins,
//! `fmt.Println-thunk` for natives (so the runtime never starts a goroutine
//! or runs a deferred call directly in a native), `main.M-fm` for method
//! values and interface methods (the receiver is capture 0). Their names are
//! what a traceback through them shows.

use super::call::Target;
use super::*;

impl<'a> Gen<'a> {
    // ---- go and defer ----

    pub(super) fn go_defer(&mut self, e: &Expr, is_go: bool) -> R<()> {
        let ExprKind::Call {
            fun,
            args,
            ellipsis,
            ..
        } = &e.unparen().kind
        else {
            return Err(());
        };
        let callee = self.alloc();
        let base = self.top();
        let nargs;
        match self.emode(fun) {
            Mode::Builtin(b) => {
                // A thunk function performs the builtin on its parameters.
                let tys: Vec<TypeId> = args.iter().map(|a| self.ety(a)).collect();
                let any = self.any_t;
                let (ptys, key): (Vec<TypeId>, String) = match b {
                    Builtin::Panic => (vec![any], "panic".into()),
                    Builtin::Close => (tys.clone(), "close".into()),
                    Builtin::Print | Builtin::Println => {
                        let sl = self.any_slice();
                        (vec![sl], format!("{b:?}"))
                    }
                    Builtin::Delete => (
                        tys.clone(),
                        format!(
                            "delete{}",
                            self.btype(tys.first().copied().unwrap_or(INVALID))
                        ),
                    ),
                    Builtin::Recover => (vec![], "recover".into()),
                    _ => {
                        self.err(
                            e.pos,
                            format!(
                                "{} of built-in {:?} is not supported yet",
                                if is_go { "go" } else { "defer" },
                                b
                            ),
                        );
                        return Err(());
                    }
                };
                let f = self.builtin_thunk(b, &key, ptys.len());
                self.emit(Op::LoadFunc {
                    dst: callee,
                    func: f,
                });
                match b {
                    Builtin::Print | Builtin::Println => {
                        let sl = self.alloc();
                        let eb = self.alloc_n(args.len() as u32);
                        for (i, a) in args.iter().enumerate() {
                            self.expr_to_as(a, Reg(eb.0 + i as u16), any)?;
                        }
                        let ba = self.btype(any);
                        self.emit(Op::SliceLit {
                            dst: sl,
                            elem: ba,
                            base: eb,
                            n: args.len() as u16,
                        });
                        self.free_to(sl.0 as u32 + 1);
                        nargs = 1;
                    }
                    _ => {
                        for (i, a) in args.iter().enumerate() {
                            let r = self.alloc();
                            let pt = ptys.get(i).copied().unwrap_or(INVALID);
                            self.expr_to_as(a, r, pt)?;
                            self.free_to(r.0 as u32 + 1);
                        }
                        nargs = args.len() as u32;
                    }
                }
            }
            _ => {
                let sig = self.ety(fun);
                let Some((ptys, _, variadic)) = self
                    .t
                    .func_sig(sig)
                    .map(|(a, b, c)| (a.to_vec(), b.to_vec(), c))
                else {
                    return Err(());
                };
                let (target, recv) = self.call_target(fun)?;
                // call_target may have allocated the func value above callee.
                let base2 = self.top();
                let n = self.push_receiver_and_args(recv, args, &ptys, variadic, *ellipsis)?;
                match target {
                    Target::Static(f) => {
                        self.emit(Op::LoadFunc {
                            dst: callee,
                            func: f,
                        });
                    }
                    Target::Native(nid) => {
                        // Goroutines and deferred calls start in a compiled
                        // function, which then calls the library.
                        let f = self.native_thunk(nid, n as usize);
                        self.emit(Op::LoadFunc {
                            dst: callee,
                            func: f,
                        });
                    }
                    Target::Value(r) => {
                        self.emit(Op::Move {
                            dst: callee,
                            src: r,
                        });
                    }
                    Target::Iface(m) => {
                        let f = self.iface_thunk(m, n as usize);
                        self.emit(Op::LoadFunc {
                            dst: callee,
                            func: f,
                        });
                    }
                }
                self.pos = self.bpos(e.pos);
                if n > 255 {
                    self.err(e.pos, "too many arguments in call (limit 255)");
                    return Err(());
                }
                let nb = n as u8;
                if is_go {
                    self.emit(Op::Go {
                        callee,
                        base: base2,
                        nargs: nb,
                    });
                } else {
                    self.emit(Op::Defer {
                        callee,
                        base: base2,
                        nargs: nb,
                    });
                }
                return Ok(());
            }
        }
        self.pos = self.bpos(e.pos);
        let nb = nargs as u8;
        if is_go {
            self.emit(Op::Go {
                callee,
                base,
                nargs: nb,
            });
        } else {
            self.emit(Op::Defer {
                callee,
                base,
                nargs: nb,
            });
        }
        Ok(())
    }

    fn any_slice(&self) -> TypeId {
        self.t
            .list
            .iter()
            .position(|x| *x == Type::Slice(self.any_t))
            .map_or(INVALID, |i| i as TypeId)
    }

    /// A function `thunk(iface, args...)` that calls method `m` dynamically
    /// (for `defer x.M()` / `go x.M()` on interfaces).
    fn iface_thunk(&mut self, m: u32, nargs: usize) -> u32 {
        let name = format!("main.{}-fm", self.prog.method_names[m as usize]);
        let call = Op::CallIface {
            method: m,
            base: Reg(0),
            nargs: nargs as u8,
            nret: 0,
        };
        self.call_thunk(format!("iface.{m}.{nargs}"), name, nargs, 1, call)
    }

    /// A function `thunk(args...)` that calls native `nid` (for `go` and
    /// `defer` of library functions).
    fn native_thunk(&mut self, nid: u32, nargs: usize) -> u32 {
        let name = format!("{}-thunk", self.prog.natives[nid as usize]);
        // Natives may use a few registers above their arguments.
        let call = Op::CallNative {
            native: nid,
            base: Reg(0),
            nargs: nargs as u8,
            nret: 0,
        };
        self.call_thunk(format!("native.{nid}.{nargs}"), name, nargs, 8, call)
    }

    /// A synthesized function of `nargs` parameters whose body is the one
    /// call `call` on them, then `return`; made once per `key`.
    fn call_thunk(
        &mut self,
        key: String,
        name: String,
        nargs: usize,
        scratch: u16,
        call: Op,
    ) -> u32 {
        if let Some(&f) = self.thunks.get(&key) {
            return f;
        }
        let pos = self.pos;
        let mut f = bc::Function {
            name,
            file: self.path.clone(),
            num_params: nargs as u16,
            num_regs: nargs as u16 + scratch,
            ..Default::default()
        };
        f.emit(call, pos);
        f.emit(Op::Return { src: Reg(0), n: 0 }, pos);
        let id = self.prog.functions.len() as u32;
        self.prog.functions.push(f);
        self.thunks.insert(key, id);
        id
    }

    /// A function for a method value: calls the method with the receiver
    /// captured as upvalue 0 followed by its own parameters.
    pub(super) fn bound_thunk(
        &mut self,
        target: bc::Callee,
        iface_method: Option<u32>,
        nparams: usize,
        nret: usize,
        mname: &str,
    ) -> u32 {
        let key = format!("bound.{target:?}.{iface_method:?}.{nparams}.{nret}");
        if let Some(&f) = self.thunks.get(&key) {
            return f;
        }
        let pos = self.pos;
        let n = nparams as u16;
        let mut f = bc::Function {
            name: format!("main.{mname}-fm"),
            file: self.path.clone(),
            num_params: n,
            num_results: nret as u16,
            ..Default::default()
        };
        f.emit(
            Op::Upval {
                dst: Reg(n),
                idx: 0,
            },
            pos,
        );
        for i in 0..n {
            f.emit(
                Op::Move {
                    dst: Reg(n + 1 + i),
                    src: Reg(i),
                },
                pos,
            );
        }
        let (na, nr) = (n as u8 + 1, nret as u8);
        match (iface_method, target) {
            (Some(m), _) => f.emit(
                Op::CallIface {
                    method: m,
                    base: Reg(n),
                    nargs: na,
                    nret: nr,
                },
                pos,
            ),
            (None, bc::Callee::Func(fid)) => f.emit(
                Op::Call {
                    func: fid,
                    base: Reg(n),
                    nargs: na,
                    nret: nr,
                },
                pos,
            ),
            (None, bc::Callee::Native(nid)) => f.emit(
                Op::CallNative {
                    native: nid,
                    base: Reg(n),
                    nargs: na,
                    nret: nr,
                },
                pos,
            ),
        };
        f.emit(
            Op::Return {
                src: Reg(n),
                n: nret as u16,
            },
            pos,
        );
        f.num_regs = 2 * n + 2 + nret as u16;
        let id = self.prog.functions.len() as u32;
        self.prog.functions.push(f);
        self.thunks.insert(key, id);
        id
    }

    fn builtin_thunk(&mut self, b: Builtin, key: &str, nparams: usize) -> u32 {
        if let Some(&f) = self.thunks.get(key) {
            return f;
        }
        let pos = self.pos;
        let mut f = bc::Function {
            name: format!("runtime.{}", key.to_lowercase()),
            file: self.path.clone(),
            num_params: nparams as u16,
            num_regs: nparams as u16 + 2,
            ..Default::default()
        };
        match b {
            Builtin::Panic => {
                f.emit(Op::Panic { src: Reg(0) }, pos);
            }
            Builtin::Close => {
                f.emit(Op::Close { ch: Reg(0) }, pos);
            }
            Builtin::Delete => {
                f.emit(
                    Op::MapDelete {
                        map: Reg(0),
                        key: Reg(1),
                    },
                    pos,
                );
            }
            Builtin::Recover => {
                f.emit(Op::Recover { dst: Reg(0) }, pos);
            }
            _ => {
                let name = if b == Builtin::Println {
                    "println"
                } else {
                    "print"
                };
                let nid = self.prog.native_id(name);
                f.emit(
                    Op::CallNative {
                        native: nid,
                        base: Reg(0),
                        nargs: 1,
                        nret: 0,
                    },
                    pos,
                );
            }
        }
        f.emit(Op::Return { src: Reg(0), n: 0 }, pos);
        let id = self.prog.functions.len() as u32;
        self.prog.functions.push(f);
        self.thunks.insert(key.to_string(), id);
        id
    }
}
