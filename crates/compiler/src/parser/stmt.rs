//! Statements: blocks, simple statements, `if`, `for`, `switch`,
//! `select`, with cmd/compile's wording for misplaced statements.

use super::*;

/// Whether a simple statement may be a range clause (only in a `for`
/// header).
#[derive(Clone, Copy, PartialEq, Eq)]
enum RangeClause {
    Allowed,
    NotAllowed,
}

/// The header of an `if`, `for` or `switch`: the init statement, the
/// condition (or tag, or range clause), the post statement, and whether it
/// is a range clause.
type Header = (Option<Box<Stmt>>, Option<Stmt>, Option<Box<Stmt>>, bool);

impl<'a> Parser<'a> {
    // ---- statements ----

    pub(super) fn block(&mut self) -> PResult<Block> {
        let pos = self.pos();
        self.want(Tok::LBrace)?;
        let stmts = self.stmt_list();
        let rbrace = self.pos();
        if !self.got(Tok::RBrace) {
            self.syntax_error("expecting }");
            return Err(());
        }
        Ok(Block { pos, stmts, rbrace })
    }

    fn stmt_list(&mut self) -> Vec<Stmt> {
        let mut v = Vec::new();
        while !matches!(
            self.tok(),
            Tok::Eof | Tok::RBrace | Tok::Case | Tok::Default
        ) {
            let start = self.p;
            match self.stmt() {
                Ok(Some(s)) => v.push(s),
                Ok(None) => break,
                Err(()) => {
                    self.advance(&[]);
                }
            }
            if matches!(
                self.tok(),
                Tok::RBrace | Tok::Case | Tok::Default | Tok::Eof
            ) {
                break;
            }
            if !self.got(Tok::Semi) {
                if self.p == start || self.errs.last().is_none() || self.tok() != Tok::Eof {
                    self.syntax_error("at end of statement");
                }
                self.advance(&[]);
                self.got(Tok::Semi);
            }
            if self.p == start {
                self.next();
            }
        }
        v
    }

    fn stmt(&mut self) -> PResult<Option<Stmt>> {
        self.enter()?;
        let r = self.stmt_inner();
        self.leave();
        r
    }

    fn stmt_inner(&mut self) -> PResult<Option<Stmt>> {
        let pos = self.pos();
        let kind = match self.tok() {
            Tok::Semi => {
                return Ok(Some(Stmt {
                    pos,
                    kind: StmtKind::Empty,
                }))
            }
            Tok::Var | Tok::Const | Tok::Type => StmtKind::Decl(self.decl()?),
            Tok::LBrace => StmtKind::Block(self.block()?),
            Tok::If => return self.if_stmt().map(Some),
            Tok::For => return self.for_stmt().map(Some),
            Tok::Switch => return self.switch_stmt().map(Some),
            Tok::Select => return self.select_stmt().map(Some),
            Tok::Return => {
                self.next();
                let v = if matches!(self.tok(), Tok::Semi | Tok::RBrace) {
                    vec![]
                } else {
                    self.expr_list()?
                };
                StmtKind::Return(v)
            }
            Tok::Break | Tok::Continue => {
                let k = self.tok();
                self.next();
                let label = if self.tok() == Tok::Ident {
                    Some(self.ident()?)
                } else {
                    None
                };
                if k == Tok::Break {
                    StmtKind::Break(label)
                } else {
                    StmtKind::Continue(label)
                }
            }
            Tok::Goto => {
                self.next();
                StmtKind::Goto(self.ident()?)
            }
            Tok::Fallthrough => {
                self.next();
                StmtKind::Fallthrough
            }
            Tok::Go | Tok::Defer => {
                let k = self.tok();
                self.next();
                let e = self.expr()?;
                if !matches!(e.unparen().kind, ExprKind::Call { .. }) {
                    // cmd/compile's parser reports this at the node's
                    // position (for a selector, its dot).
                    let at = match &e.unparen().kind {
                        ExprKind::Selector(_, sel) => sel.pos.saturating_sub(1),
                        _ => e.pos,
                    };
                    self.error_at(
                        at,
                        format!("expression in {} must be function call", k.text()),
                    );
                }
                if k == Tok::Go {
                    StmtKind::Go(e)
                } else {
                    StmtKind::Defer(e)
                }
            }
            Tok::Func if self.peek(1) == Tok::Ident => {
                self.syntax_error("expecting (");
                return Err(());
            }
            t if !starts_expr(t) => return Ok(None),
            _ => {
                if self.tok() == Tok::Ident && self.peek(1) == Tok::Colon {
                    let label = self.ident()?;
                    self.next();
                    if matches!(self.tok(), Tok::RBrace) {
                        let s = Stmt {
                            pos: self.pos(),
                            kind: StmtKind::Empty,
                        };
                        return Ok(Some(Stmt {
                            pos,
                            kind: StmtKind::Labeled(label, Box::new(s)),
                        }));
                    }
                    let s = match self.stmt()? {
                        Some(s) => s,
                        None => Stmt {
                            pos: self.pos(),
                            kind: StmtKind::Empty,
                        },
                    };
                    return Ok(Some(Stmt {
                        pos,
                        kind: StmtKind::Labeled(label, Box::new(s)),
                    }));
                }
                return self.simple_stmt(RangeClause::NotAllowed).map(|s| Some(s.0));
            }
        };
        Ok(Some(Stmt { pos, kind }))
    }

    /// Parses a simple statement. Where a range clause is allowed,
    /// `[k, v :=] range x` is accepted and returns true as the second value.
    fn simple_stmt(&mut self, range: RangeClause) -> PResult<(Stmt, bool)> {
        let range_ok = range == RangeClause::Allowed;
        let pos = self.pos();
        if range_ok && self.tok() == Tok::Range {
            self.next();
            let x = self.expr()?;
            return Ok((
                Stmt {
                    pos,
                    kind: StmtKind::Range {
                        key: None,
                        value: None,
                        define: false,
                        x,
                        body: Block {
                            pos,
                            stmts: vec![],
                            rbrace: pos,
                        },
                    },
                },
                true,
            ));
        }
        let lhs = self.expr_list()?;
        let t = self.tok();
        match t {
            Tok::Define | Tok::Assign => {
                let op_pos = self.pos();
                self.next();
                if range_ok && self.tok() == Tok::Range {
                    self.next();
                    let x = self.expr()?;
                    if lhs.len() > 2 {
                        self.error_at(
                            lhs[2].pos,
                            "range clause permits at most two iteration variables".into(),
                        );
                    }
                    let mut it = lhs.into_iter();
                    let key = it.next();
                    let value = it.next();
                    let empty = Block {
                        pos,
                        stmts: vec![],
                        rbrace: pos,
                    };
                    return Ok((
                        Stmt {
                            pos,
                            kind: StmtKind::Range {
                                key,
                                value,
                                define: t == Tok::Define,
                                x,
                                body: empty,
                            },
                        },
                        true,
                    ));
                }
                let rhs = self.expr_list()?;
                Ok((
                    Stmt {
                        pos,
                        kind: StmtKind::Assign {
                            lhs,
                            op: t,
                            rhs,
                            op_pos,
                        },
                    },
                    false,
                ))
            }
            _ if t.assign_op().is_some() => {
                let op_pos = self.pos();
                self.next();
                let rhs = vec![self.expr()?];
                Ok((
                    Stmt {
                        pos,
                        kind: StmtKind::Assign {
                            lhs,
                            op: t,
                            rhs,
                            op_pos,
                        },
                    },
                    false,
                ))
            }
            Tok::Inc | Tok::Dec => {
                self.next();
                let x = lhs.into_iter().next().unwrap();
                Ok((
                    Stmt {
                        pos,
                        kind: StmtKind::IncDec(x, t == Tok::Inc),
                    },
                    false,
                ))
            }
            Tok::Arrow => {
                self.next();
                let v = self.expr()?;
                let ch = lhs.into_iter().next().unwrap();
                Ok((
                    Stmt {
                        pos,
                        kind: StmtKind::Send(ch, v),
                    },
                    false,
                ))
            }
            _ => {
                if lhs.len() > 1 {
                    self.syntax_error("expecting := or = or comma");
                    return Err(());
                }
                let x = lhs.into_iter().next().unwrap();
                Ok((
                    Stmt {
                        pos,
                        kind: StmtKind::Expr(x),
                    },
                    false,
                ))
            }
        }
    }

    /// Parses the header of if/switch/for: `[init;] cond`.
    fn header(&mut self, keyword: Tok) -> PResult<Header> {
        if self.tok() == Tok::LBrace {
            if keyword == Tok::If {
                self.syntax_error("missing condition in if statement");
            }
            return Ok((None, None, None, false));
        }
        let saved = self.xnest;
        self.xnest = -1;
        let r = (|| {
            let mut init = None;
            let mut cond = None;
            let mut post = None;
            let mut is_range = false;
            if self.tok() != Tok::Semi {
                let range = if keyword == Tok::For {
                    RangeClause::Allowed
                } else {
                    RangeClause::NotAllowed
                };
                let (s, r) = self.simple_stmt(range)?;
                if r {
                    return Ok((None, Some(s), None, true));
                }
                init = Some(s);
            }
            if self.tok() == Tok::Semi {
                let semi = self.toks[self.p];
                self.next();
                if keyword == Tok::For {
                    if self.tok() != Tok::Semi {
                        if self.tok() == Tok::LBrace {
                            self.syntax_error("expected for loop condition");
                            return Err(());
                        }
                        let (s, _) = self.simple_stmt(RangeClause::NotAllowed)?;
                        cond = Some(s);
                    }
                    self.want(Tok::Semi)?;
                    if self.tok() != Tok::LBrace {
                        let (s, _) = self.simple_stmt(RangeClause::NotAllowed)?;
                        post = Some(Box::new(s));
                    }
                } else if self.tok() != Tok::LBrace {
                    let (s, _) = self.simple_stmt(RangeClause::NotAllowed)?;
                    cond = Some(s);
                } else if keyword == Tok::If {
                    let _ = semi;
                    self.syntax_error("missing condition in if statement");
                }
                is_range = false;
                Ok((init.map(Box::new), cond, post, is_range))
            } else {
                // No semicolon: the single statement is the condition.
                Ok((None, init, None, is_range))
            }
        })();
        self.xnest = saved;
        r
    }

    fn cond_expr(&mut self, s: Option<Stmt>, what: &str) -> Expr {
        match s {
            Some(Stmt {
                kind: StmtKind::Expr(e),
                ..
            }) => e,
            Some(s) => {
                self.error_at(
                    s.pos,
                    format!("cannot use {} as value", stmt_desc(&s, what)),
                );
                self.bad(s.pos)
            }
            None => self.bad(self.pos()),
        }
    }

    fn if_stmt(&mut self) -> PResult<Stmt> {
        let pos = self.pos();
        self.next();
        let (init, cond, _, _) = self.header(Tok::If)?;
        let cond = self.cond_expr(cond, "if");
        if self.tok() != Tok::LBrace {
            self.syntax_error("expecting { after if clause");
            return Err(());
        }
        let then = self.block()?;
        let els = if self.got(Tok::Else) {
            match self.tok() {
                Tok::If => Some(Box::new(self.if_stmt()?)),
                Tok::LBrace => {
                    let p = self.pos();
                    let b = self.block()?;
                    Some(Box::new(Stmt {
                        pos: p,
                        kind: StmtKind::Block(b),
                    }))
                }
                _ => {
                    self.syntax_error("else must be followed by if or statement block");
                    return Err(());
                }
            }
        } else {
            None
        };
        Ok(Stmt {
            pos,
            kind: StmtKind::If {
                init,
                cond,
                then,
                els,
            },
        })
    }

    fn for_stmt(&mut self) -> PResult<Stmt> {
        let pos = self.pos();
        self.next();
        let (init, cond, post, is_range) = self.header(Tok::For)?;
        if self.tok() != Tok::LBrace {
            self.syntax_error("expecting { after for clause");
            return Err(());
        }
        let body = self.block()?;
        if is_range {
            if let Some(Stmt {
                kind:
                    StmtKind::Range {
                        key,
                        value,
                        define,
                        x,
                        ..
                    },
                ..
            }) = cond
            {
                return Ok(Stmt {
                    pos,
                    kind: StmtKind::Range {
                        key,
                        value,
                        define,
                        x,
                        body,
                    },
                });
            }
        }
        let cond = cond.map(|c| self.cond_expr(Some(c), "for"));
        Ok(Stmt {
            pos,
            kind: StmtKind::For {
                init,
                cond,
                post,
                body,
            },
        })
    }

    fn switch_stmt(&mut self) -> PResult<Stmt> {
        let pos = self.pos();
        self.next();
        let (init, tag, _, _) = self.header(Tok::Switch)?;
        if self.tok() != Tok::LBrace {
            self.syntax_error("expecting { after switch clause");
            return Err(());
        }
        // A type switch: `switch [x :=] y.(type)`.
        let mut tswitch: Option<(Option<Ident>, Expr)> = None;
        let mut tag_expr = None;
        match tag {
            Some(Stmt {
                kind:
                    StmtKind::Assign {
                        lhs,
                        op: Tok::Define,
                        rhs,
                        ..
                    },
                pos: spos,
            }) => {
                if lhs.len() == 1 && rhs.len() == 1 {
                    if let (ExprKind::Ident(id), ExprKind::TypeAssert(x, None)) =
                        (&lhs[0].kind, &rhs[0].kind)
                    {
                        tswitch = Some((Some(id.clone()), (**x).clone()));
                    }
                }
                if tswitch.is_none() {
                    self.error_at(spos, "cannot use assignment as value".into());
                }
            }
            Some(Stmt {
                kind: StmtKind::Expr(e),
                ..
            }) => {
                if let ExprKind::TypeAssert(x, None) = &e.kind {
                    tswitch = Some((None, (**x).clone()));
                } else {
                    tag_expr = Some(e);
                }
            }
            Some(s) => {
                self.error_at(s.pos, "switch expression must be an expression".into());
            }
            None => {}
        }
        self.want(Tok::LBrace)?;
        let mut clauses = Vec::new();
        while self.tok() == Tok::Case || self.tok() == Tok::Default {
            let cpos = self.pos();
            let list = if self.got(Tok::Default) {
                None
            } else {
                self.next();
                Some(if tswitch.is_some() {
                    self.type_list()?
                } else {
                    self.expr_list()?
                })
            };
            self.want(Tok::Colon)?;
            let body = self.stmt_list();
            let bind_id = self.id();
            clauses.push(CaseClause {
                pos: cpos,
                list,
                body,
                bind_id,
            });
        }
        let rbrace = self.pos();
        if !self.got(Tok::RBrace) {
            self.syntax_error("expecting case or default or }");
            return Err(());
        }
        let kind = match tswitch {
            Some((bind, x)) => StmtKind::TypeSwitch {
                init,
                bind,
                x,
                clauses,
                rbrace,
            },
            None => StmtKind::Switch {
                init,
                tag: tag_expr,
                clauses,
                rbrace,
            },
        };
        Ok(Stmt { pos, kind })
    }

    fn type_list(&mut self) -> PResult<Vec<Expr>> {
        let mut v = vec![self.ty_or_nil()?];
        while self.got(Tok::Comma) {
            v.push(self.ty_or_nil()?);
        }
        Ok(v)
    }

    fn ty_or_nil(&mut self) -> PResult<Expr> {
        self.ty()
    }

    fn select_stmt(&mut self) -> PResult<Stmt> {
        let pos = self.pos();
        self.next();
        self.want(Tok::LBrace)?;
        let mut clauses = Vec::new();
        while self.tok() == Tok::Case || self.tok() == Tok::Default {
            let cpos = self.pos();
            let comm = if self.got(Tok::Default) {
                None
            } else {
                self.next();
                let (s, _) = self.simple_stmt(RangeClause::NotAllowed)?;
                Some(Box::new(s))
            };
            self.want(Tok::Colon)?;
            let body = self.stmt_list();
            clauses.push(CommClause {
                pos: cpos,
                comm,
                body,
            });
        }
        if !self.got(Tok::RBrace) {
            self.syntax_error("expecting case or default or }");
            return Err(());
        }
        Ok(Stmt {
            pos,
            kind: StmtKind::Select { clauses },
        })
    }
}

fn stmt_desc(s: &Stmt, _what: &str) -> &'static str {
    match s.kind {
        StmtKind::Assign {
            op: Tok::Define, ..
        } => "short variable declaration",
        StmtKind::Assign { .. } => "assignment",
        StmtKind::IncDec(..) => "increment statement",
        StmtKind::Send(..) => "send statement",
        _ => "statement",
    }
}
