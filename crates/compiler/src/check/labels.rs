//! `goto`: the spec's two rules for a jump, checked over a function body
//! once its statements are checked (a `goto` may name a label further down).
//!
//! - "Executing the goto statement must not cause any variables to come into
//!   scope that were not already in scope at the point of the goto": a
//!   forward jump may not pass a variable declaration of the label's block.
//! - "A goto statement outside a block cannot jump to a label inside that
//!   block": the label must be in a block enclosing the `goto`.
//!
//! The messages are current Go's (types2's labels.go).

use super::*;

/// One `goto` with where it stands: for each block enclosing it, outermost
/// first, the block's id and the index of the statement holding the goto.
struct Jump {
    label: Ident,
    path: Vec<(usize, usize)>,
}

/// Labels and jumps of one function body (not of the function literals in
/// it: each literal is a function with its own labels).
#[derive(Default)]
struct Walk {
    /// Label name → (block id, index of its statement in the block).
    labels: HashMap<String, (usize, usize)>,
    jumps: Vec<Jump>,
    /// Per block id: (statement index, position) of its variable declarations.
    decls: Vec<Vec<(usize, Pos)>>,
}

impl Walk {
    fn block(&mut self, stmts: &[Stmt], path: &mut Vec<(usize, usize)>) {
        let id = self.decls.len();
        self.decls.push(Vec::new());
        for (i, s) in stmts.iter().enumerate() {
            path.push((id, i));
            self.stmt(s, id, i, path);
            path.pop();
        }
    }

    fn stmt(&mut self, s: &Stmt, id: usize, i: usize, path: &mut Vec<(usize, usize)>) {
        match &s.kind {
            StmtKind::Labeled(l, inner) => {
                self.labels.insert(l.name.clone(), (id, i));
                self.stmt(inner, id, i, path);
            }
            StmtKind::Goto(l) => self.jumps.push(Jump {
                label: l.clone(),
                path: path.clone(),
            }),
            StmtKind::Decl(Decl::Var(_)) => self.decls[id].push((i, s.pos)),
            StmtKind::Assign {
                op: Tok::Define, ..
            } => self.decls[id].push((i, s.pos)),
            StmtKind::Block(b) => self.block(&b.stmts, path),
            StmtKind::If { then, els, .. } => {
                self.block(&then.stmts, path);
                if let Some(e) = els {
                    // `else if` is a statement of its own implicit block.
                    self.block(std::slice::from_ref(e), path);
                }
            }
            StmtKind::For { body, .. } | StmtKind::Range { body, .. } => {
                self.block(&body.stmts, path)
            }
            StmtKind::Switch { clauses, .. } | StmtKind::TypeSwitch { clauses, .. } => {
                for c in clauses {
                    self.block(&c.body, path);
                }
            }
            StmtKind::Select { clauses } => {
                for c in clauses {
                    self.block(&c.body, path);
                }
            }
            _ => {}
        }
    }
}

impl<'a> Checker<'a> {
    /// Checks every `goto` of a function body and marks the labels they use.
    pub(super) fn check_gotos(&mut self, body: &Block) {
        let mut w = Walk::default();
        w.block(&body.stmts, &mut Vec::new());
        for j in &w.jumps {
            let name = &j.label.name;
            let Some(&(lb, li)) = w.labels.get(name) else {
                self.branch_error(j.label.pos, format!("label {name} not declared"));
                continue;
            };
            if let Some(u) = self.fstack.last_mut().and_then(|f| f.labels.get_mut(name)) {
                u.1 = true;
            }
            let Some(&(_, at)) = j.path.iter().find(|(b, _)| *b == lb) else {
                self.branch_error(j.label.pos, format!("goto {name} jumps into block"));
                continue;
            };
            if li > at {
                let over = w.decls[lb].iter().find(|(k, _)| *k > at && *k < li);
                if let Some(&(_, pos)) = over {
                    let line = lexer::LineIndex::new(self.src).line_col(pos).0;
                    self.branch_error(
                        j.label.pos,
                        format!("goto {name} jumps over variable declaration at line {line}"),
                    );
                }
            }
        }
    }
}
