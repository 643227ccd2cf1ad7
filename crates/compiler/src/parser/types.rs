//! Types: named, pointer, array, slice, map, chan, func, struct and
//! interface types, each nesting level counted against `MAX_DEPTH`.

use super::*;

impl<'a> Parser<'a> {
    // ---- types ----

    pub(super) fn ty(&mut self) -> PResult<Expr> {
        self.enter()?;
        let r = self.ty_inner();
        self.leave();
        r
    }

    fn ty_inner(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        match self.tok() {
            Tok::Ident => {
                let id = self.ident()?;
                let mut e = self.mk(pos, ExprKind::Ident(id));
                if self.got(Tok::Period) {
                    let sel = self.ident()?;
                    e = self.mk(pos, ExprKind::Selector(Box::new(e), sel));
                }
                if self.tok() == Tok::LBrack && self.peek(1) != Tok::RBrack {
                    // An instantiation `List[int]`, `Pair[K, V]`.
                    self.next();
                    let mut args = vec![self.ty()?];
                    while self.got(Tok::Comma) && self.tok() != Tok::RBrack {
                        args.push(self.ty()?);
                    }
                    self.want(Tok::RBrack)?;
                    let kind = if args.len() == 1 {
                        ExprKind::Index(Box::new(e), Box::new(args.pop().unwrap()))
                    } else {
                        ExprKind::IndexList(Box::new(e), args)
                    };
                    e = self.mk(pos, kind);
                }
                Ok(e)
            }
            Tok::Mul => {
                self.next();
                let t = self.ty()?;
                Ok(self.mk(pos, ExprKind::Star(Box::new(t))))
            }
            Tok::LParen => {
                self.next();
                let t = self.ty()?;
                self.want(Tok::RParen)?;
                Ok(self.mk(pos, ExprKind::Paren(Box::new(t))))
            }
            Tok::LBrack => {
                self.next();
                if self.got(Tok::RBrack) {
                    let elem = self.ty()?;
                    return Ok(self.mk(
                        pos,
                        ExprKind::ArrayType {
                            len: None,
                            elem: Box::new(elem),
                        },
                    ));
                }
                let len = if self.tok() == Tok::Ellipsis {
                    let p = self.pos();
                    self.next();
                    self.mk(p, ExprKind::Ellipsis)
                } else {
                    self.xnest += 1;
                    let r = self.expr();
                    self.xnest -= 1;
                    r?
                };
                self.want(Tok::RBrack)?;
                let elem = self.ty()?;
                Ok(self.mk(
                    pos,
                    ExprKind::ArrayType {
                        len: Some(Box::new(len)),
                        elem: Box::new(elem),
                    },
                ))
            }
            Tok::Map => {
                self.next();
                self.want(Tok::LBrack)?;
                let k = self.ty()?;
                self.want(Tok::RBrack)?;
                let v = self.ty()?;
                Ok(self.mk(pos, ExprKind::MapType(Box::new(k), Box::new(v))))
            }
            Tok::Chan => {
                self.next();
                let dir = if self.got(Tok::Arrow) {
                    ChanDir::Send
                } else {
                    ChanDir::Both
                };
                let t = self.ty()?;
                Ok(self.mk(pos, ExprKind::ChanType(dir, Box::new(t))))
            }
            Tok::Arrow => {
                self.next();
                if self.tok() != Tok::Chan {
                    self.want(Tok::Chan)?;
                }
                self.next();
                let t = self.ty()?;
                Ok(self.mk(pos, ExprKind::ChanType(ChanDir::Recv, Box::new(t))))
            }
            Tok::Func => {
                self.next();
                let ft = self.signature(pos)?;
                Ok(self.mk(pos, ExprKind::FuncType(ft)))
            }
            Tok::Struct => self.struct_type(),
            Tok::Interface => self.interface_type(),
            _ => {
                self.syntax_error("expecting type");
                Err(())
            }
        }
    }

    /// `List[int]` alone on a struct line is an embedded instance of a
    /// generic type; `a [4]int` is a field: after the matching `]` comes
    /// the end of the field (or its tag) only in the first case.
    fn embedded_instance(&self) -> bool {
        if self.tok() != Tok::Ident || self.peek(1) != Tok::LBrack {
            return false;
        }
        let mut depth = 0;
        for k in 1.. {
            match self.peek(k) {
                Tok::LBrack => depth += 1,
                Tok::RBrack => {
                    depth -= 1;
                    if depth == 0 {
                        return matches!(self.peek(k + 1), Tok::Semi | Tok::RBrace | Tok::String);
                    }
                }
                Tok::Eof | Tok::LBrace | Tok::RBrace => return false,
                _ => {}
            }
        }
        false
    }

    fn struct_type(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        self.next();
        self.want(Tok::LBrace)?;
        let mut fields = Vec::new();
        let mut last_p = usize::MAX;
        while self.tok() != Tok::RBrace
            && self.tok() != Tok::Eof
            && std::mem::replace(&mut last_p, self.p) != self.p
        {
            let r: PResult<()> = (|| {
                if self.tok() == Tok::Mul
                    || (self.tok() == Tok::Ident
                        && matches!(
                            self.peek(1),
                            Tok::Semi | Tok::RBrace | Tok::Period | Tok::String
                        ))
                    || self.embedded_instance()
                {
                    // Embedded field.
                    let ty = self.ty()?;
                    fields.push(Field { names: vec![], ty });
                } else {
                    let names = self.ident_list()?;
                    let ty = self.ty()?;
                    fields.push(Field { names, ty });
                }
                if self.tok() == Tok::String {
                    self.next(); // tag
                }
                Ok(())
            })();
            if r.is_err() {
                self.advance(&[]);
            }
            if self.tok() != Tok::RBrace && !self.got(Tok::Semi) {
                self.syntax_error("expecting semicolon, newline, or }");
                self.advance(&[]);
                self.got(Tok::Semi);
            }
        }
        self.want(Tok::RBrace)?;
        Ok(self.mk(pos, ExprKind::StructType(fields)))
    }

    fn interface_type(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        self.next();
        self.want(Tok::LBrace)?;
        let mut elems = Vec::new();
        let mut last_p = usize::MAX;
        while self.tok() != Tok::RBrace
            && self.tok() != Tok::Eof
            && std::mem::replace(&mut last_p, self.p) != self.p
        {
            let r: PResult<()> = (|| {
                if self.tok() == Tok::Ident && self.peek(1) == Tok::LParen {
                    let name = self.ident()?;
                    let ty = self.signature(name.pos)?;
                    elems.push(InterfaceElem::Method { name, ty });
                } else {
                    // An embedded interface, or a type set `~int | float64`.
                    let t = self.constraint()?;
                    elems.push(InterfaceElem::Embedded(t));
                }
                Ok(())
            })();
            if r.is_err() {
                self.advance(&[]);
            }
            if self.tok() != Tok::RBrace && !self.got(Tok::Semi) {
                self.syntax_error("expecting semicolon, newline, or }");
                self.advance(&[]);
                self.got(Tok::Semi);
            }
        }
        self.want(Tok::RBrace)?;
        Ok(self.mk(pos, ExprKind::InterfaceType(elems)))
    }
}
