//! Expressions: binary operators by precedence (a chain counts as
//! nesting), unary operators, operands, and primary-expression suffixes
//! (selectors, index and slice, calls, composite literals).

use super::*;

impl<'a> Parser<'a> {
    // ---- expressions ----

    pub(super) fn expr_list(&mut self) -> PResult<Vec<Expr>> {
        let mut v = vec![self.expr()?];
        while self.got(Tok::Comma) {
            v.push(self.expr()?);
        }
        Ok(v)
    }

    pub fn expr(&mut self) -> PResult<Expr> {
        self.enter()?;
        let r = self.binary_expr(1);
        self.leave();
        r
    }

    fn binary_expr(&mut self, prec: u8) -> PResult<Expr> {
        let mut x = self.unary_expr()?;
        // Each operator nests the tree one level deeper on the left, so a
        // long chain (`y+y+...`, 100,000 terms) counts as nesting, as suffix
        // chains do: checking the tree, and even dropping it, recurses.
        let mut levels = 0u32;
        loop {
            let op = self.tok();
            let p = op.precedence();
            if p < prec {
                return Ok(x);
            }
            levels += 1;
            if self.depth + levels / 4 > MAX_DEPTH {
                self.enter()?;
            }
            let pos = self.pos();
            self.next();
            self.enter()?;
            let y = self.binary_expr(p + 1);
            self.leave();
            let y = y?;
            let _ = pos;
            x = self.mk(x.pos, ExprKind::Binary(op, Box::new(x), Box::new(y)));
        }
    }

    fn unary_expr(&mut self) -> PResult<Expr> {
        self.enter()?;
        let r = self.unary_inner();
        self.leave();
        r
    }

    fn unary_inner(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        match self.tok() {
            Tok::Add | Tok::Sub | Tok::Not | Tok::Xor | Tok::And | Tok::Tilde => {
                let op = self.tok();
                self.next();
                let x = self.unary_expr()?;
                if op == Tok::Tilde {
                    self.error_at(pos, "type constraints (~T) are not supported yet".into());
                }
                Ok(self.mk(pos, ExprKind::Unary(op, Box::new(x))))
            }
            Tok::Mul => {
                self.next();
                let x = self.unary_expr()?;
                Ok(self.mk(pos, ExprKind::Star(Box::new(x))))
            }
            Tok::Arrow => {
                self.next();
                if self.tok() == Tok::Chan {
                    // <-chan T
                    self.next();
                    let t = self.ty()?;
                    let ct = self.mk(pos, ExprKind::ChanType(ChanDir::Recv, Box::new(t)));
                    return self.primary_suffixes(ct);
                }
                let x = self.unary_expr()?;
                Ok(self.mk(pos, ExprKind::Unary(Tok::Arrow, Box::new(x))))
            }
            _ => self.primary_expr(),
        }
    }

    fn operand(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        if self.tok().is_literal() {
            let t = self.toks[self.p];
            if self.bad_offsets.iter().any(|&o| o >= t.start && o <= t.end) {
                self.next();
                return Ok(self.bad(pos));
            }
        }
        match self.tok() {
            Tok::Ident => {
                let id = self.ident()?;
                Ok(self.mk(pos, ExprKind::Ident(id)))
            }
            Tok::Int => {
                let v = lexer::int_value(self.text());
                self.next();
                Ok(self.mk(pos, ExprKind::Int(v)))
            }
            Tok::Float => {
                let v = lexer::float_value(self.text());
                self.next();
                Ok(self.mk(pos, ExprKind::Float(v)))
            }
            Tok::Imag => {
                self.next();
                Ok(self.mk(pos, ExprKind::Imag))
            }
            Tok::Char => {
                let v = lexer::rune_value(self.text().as_bytes());
                self.next();
                Ok(self.mk(pos, ExprKind::Char(v)))
            }
            Tok::String => {
                let t = self.toks[self.p];
                let v = lexer::string_value(&self.src[t.start as usize..t.end as usize]);
                self.next();
                Ok(self.mk(pos, ExprKind::Str(v)))
            }
            Tok::LParen => {
                self.next();
                self.xnest += 1;
                let x = self.expr_or_type();
                self.xnest -= 1;
                let x = x?;
                self.want(Tok::RParen)?;
                Ok(self.mk(pos, ExprKind::Paren(Box::new(x))))
            }
            Tok::Func => {
                self.next();
                let ft = self.signature(pos)?;
                if self.tok() == Tok::LBrace {
                    let saved = self.xnest;
                    self.xnest = 0;
                    let b = self.block();
                    self.xnest = saved;
                    let body = b?;
                    Ok(self.mk(pos, ExprKind::FuncLit { ty: ft, body }))
                } else {
                    Ok(self.mk(pos, ExprKind::FuncType(ft)))
                }
            }
            Tok::LBrack | Tok::Map | Tok::Chan | Tok::Struct | Tok::Interface => self.ty(),
            _ => {
                self.syntax_error("expecting expression");
                Err(())
            }
        }
    }

    /// Inside parentheses a type like `*T` or `[]int` may appear (conversions).
    fn expr_or_type(&mut self) -> PResult<Expr> {
        self.expr()
    }

    fn primary_expr(&mut self) -> PResult<Expr> {
        let x = self.operand()?;
        self.primary_suffixes(x)
    }

    fn primary_suffixes(&mut self, mut x: Expr) -> PResult<Expr> {
        let mut levels = 0u32;
        let r = (|| loop {
            levels += 1;
            if self.depth + levels / 4 > MAX_DEPTH {
                self.enter()?;
            }
            let _pos = self.pos();
            match self.tok() {
                Tok::Period => {
                    self.next();
                    match self.tok() {
                        Tok::Ident => {
                            let sel = self.ident()?;
                            x = self.mk(x.pos, ExprKind::Selector(Box::new(x), sel));
                        }
                        Tok::LParen => {
                            self.next();
                            if self.got(Tok::Type) {
                                self.want(Tok::RParen)?;
                                x = self.mk(x.pos, ExprKind::TypeAssert(Box::new(x), None));
                            } else {
                                let t = self.ty()?;
                                self.want(Tok::RParen)?;
                                x = self.mk(
                                    x.pos,
                                    ExprKind::TypeAssert(Box::new(x), Some(Box::new(t))),
                                );
                            }
                        }
                        _ => {
                            self.syntax_error("expecting name or (");
                            return Err(());
                        }
                    }
                }
                Tok::LBrack => {
                    self.next();
                    self.xnest += 1;
                    let xpos = x.pos;
                    let r = self.index_or_slice(x, xpos);
                    self.xnest -= 1;
                    x = r?;
                }
                Tok::LParen => {
                    self.next();
                    self.xnest += 1;
                    let r = self.call_args();
                    self.xnest -= 1;
                    let (args, ellipsis, rparen) = r?;
                    x = self.mk(
                        x.pos,
                        ExprKind::Call {
                            fun: Box::new(x),
                            args,
                            ellipsis,
                            rparen,
                        },
                    );
                }
                Tok::LBrace => {
                    let t = x.unparen();
                    let ok = match &t.kind {
                        ExprKind::Ident(_)
                        | ExprKind::Selector(..)
                        | ExprKind::Index(..)
                        | ExprKind::IndexList(..) => self.xnest >= 0,
                        ExprKind::ArrayType { .. }
                        | ExprKind::MapType(..)
                        | ExprKind::StructType(_) => true,
                        _ => false,
                    };
                    if !ok {
                        return Ok(x);
                    }
                    x = self.composite(Some(x))?;
                }
                _ => return Ok(x),
            }
        })();
        r
    }

    fn index_or_slice(&mut self, x: Expr, pos: Pos) -> PResult<Expr> {
        let mut idx: [Option<Box<Expr>>; 3] = [None, None, None];
        if self.tok() != Tok::Colon {
            let i = self.expr()?;
            if self.got(Tok::RBrack) {
                return Ok(self.mk(pos, ExprKind::Index(Box::new(x), Box::new(i))));
            }
            if self.tok() == Tok::Comma {
                // `F[int, string]`: type arguments.
                let mut args = vec![i];
                while self.got(Tok::Comma) && self.tok() != Tok::RBrack {
                    args.push(self.expr_or_type()?);
                }
                self.want(Tok::RBrack)?;
                return Ok(self.mk(pos, ExprKind::IndexList(Box::new(x), args)));
            }
            idx[0] = Some(Box::new(i));
        }
        let mut ncolons = 0;
        while ncolons < 2 && self.got(Tok::Colon) {
            ncolons += 1;
            if self.tok() != Tok::Colon && self.tok() != Tok::RBrack {
                idx[ncolons] = Some(Box::new(self.expr()?));
            }
        }
        if ncolons == 0 {
            self.syntax_error("expecting comma, : or ]");
            return Err(());
        }
        if ncolons == 2 {
            if idx[1].is_none() {
                self.error_at(pos, "middle index required in 3-index slice".into());
            }
            if idx[2].is_none() {
                self.error_at(pos, "final index required in 3-index slice".into());
            }
        }
        self.want(Tok::RBrack)?;
        let [lo, hi, max] = idx;
        Ok(self.mk(
            pos,
            ExprKind::Slice {
                x: Box::new(x),
                lo,
                hi,
                max,
            },
        ))
    }

    fn call_args(&mut self) -> PResult<(Vec<Expr>, bool, Pos)> {
        let mut args = Vec::new();
        let mut ellipsis = false;
        let mut last_p = usize::MAX;
        while self.tok() != Tok::RParen
            && self.tok() != Tok::Eof
            && std::mem::replace(&mut last_p, self.p) != self.p
        {
            args.push(self.expr_or_type()?);
            if self.got(Tok::Ellipsis) {
                ellipsis = true;
            }
            if !self.got(Tok::Comma) && self.tok() != Tok::RParen {
                self.syntax_error("in argument list; possibly missing comma or )");
                self.skip_past(Tok::RParen);
                return Ok((args, ellipsis, self.pos()));
            }
        }
        let rparen = self.pos();
        self.want(Tok::RParen)?;
        Ok((args, ellipsis, rparen))
    }

    fn composite(&mut self, ty: Option<Expr>) -> PResult<Expr> {
        let pos = ty.as_ref().map_or(self.pos(), |t| t.pos);
        self.want(Tok::LBrace)?;
        self.enter()?;
        let saved = self.xnest;
        self.xnest = 0;
        let r = (|| {
            let mut elts = Vec::new();
            let mut last_p = usize::MAX;
            while self.tok() != Tok::RBrace
                && self.tok() != Tok::Eof
                && std::mem::replace(&mut last_p, self.p) != self.p
            {
                let v = self.element()?;
                let e = if self.got(Tok::Colon) {
                    let val = self.element()?;
                    Element {
                        key: Some(v),
                        value: val,
                    }
                } else {
                    Element {
                        key: None,
                        value: v,
                    }
                };
                elts.push(e);
                if !self.got(Tok::Comma) && self.tok() != Tok::RBrace {
                    self.syntax_error("in composite literal; possibly missing comma or }");
                    self.skip_past(Tok::RBrace);
                    return Ok((elts, self.pos()));
                }
            }
            let rbrace = self.pos();
            self.want(Tok::RBrace)?;
            Ok((elts, rbrace))
        })();
        self.xnest = saved;
        self.leave();
        let (elts, rbrace) = r?;
        Ok(self.mk(
            pos,
            ExprKind::Composite {
                ty: ty.map(Box::new),
                elts,
                rbrace,
            },
        ))
    }

    fn element(&mut self) -> PResult<Expr> {
        if self.tok() == Tok::LBrace {
            self.composite(None)
        } else {
            self.expr()
        }
    }
}
