//! The syntax tree of a Go source file.
//!
//! Positions are byte offsets into the source (see [`crate::lexer::LineIndex`]).
//! Every expression and every identifier carries a unique `id` assigned by
//! the parser, so the checker can record types, constant values and
//! resolved objects in side tables instead of mutating the tree, and the
//! code generator can read them back.

use crate::lexer::Tok;

pub type Pos = u32;
pub type NodeId = u32;

#[derive(Clone, Debug)]
pub struct Ident {
    pub name: String,
    pub pos: Pos,
    pub id: NodeId,
}

#[derive(Clone, Debug)]
pub struct File {
    pub package: Ident,
    pub imports: Vec<Import>,
    pub decls: Vec<Decl>,
    /// Library packages written in Go (`golib`), linked in after the
    /// program: their declarations follow the program's in `decls`.
    pub units: Vec<Unit>,
    /// One more than the largest node id in the tree: where the checker
    /// numbers the copies it makes of generic declarations.
    pub next_id: NodeId,
}

/// A library package written in Go and linked into the program's [`File`]:
/// it keeps its own package and file scopes in the checker.
#[derive(Clone, Debug)]
pub struct Unit {
    /// The package name (`context`), which names its types and functions.
    pub name: String,
    pub path: String,
    pub imports: Vec<Import>,
    /// Its declarations are `decls[first_decl..]` up to the next unit's.
    pub first_decl: usize,
}

impl File {
    /// The unit declaration `di` belongs to: 0 is the program, `u` is
    /// `units[u - 1]`.
    pub fn unit_of(&self, di: usize) -> usize {
        self.units.iter().take_while(|u| u.first_decl <= di).count()
    }

    /// The package name of a unit (`main` for the program).
    pub fn unit_name(&self, u: usize) -> &str {
        if u == 0 {
            "main"
        } else {
            &self.units[u - 1].name
        }
    }
}

#[derive(Clone, Debug)]
pub struct Import {
    pub name: Option<Ident>,
    pub path: String,
    pub pos: Pos,
}

/// What a `break` can leave: a loop (which `continue` also targets) or a
/// switch/select (which it cannot).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Breakable {
    Loop,
    Switch,
}

#[derive(Clone, Debug)]
// Decls are few (one per declaration, built once by the parser and never
// copied), so boxing the function variant would save little memory and add
// an indirection to every walk of the tree.
#[allow(clippy::large_enum_variant)]
pub enum Decl {
    Func(FuncDecl),
    Var(Vec<VarSpec>),
    Const(Vec<ConstSpec>),
    Type(Vec<TypeSpec>),
}

#[derive(Clone, Debug)]
pub struct FuncDecl {
    pub pos: Pos,
    pub recv: Option<Field>,
    pub name: Ident,
    /// Type parameters `[K comparable, V any]`: names and constraint.
    pub tparams: Vec<Field>,
    pub ty: FuncType,
    pub body: Option<Block>,
}

#[derive(Clone, Debug)]
pub struct FuncType {
    pub pos: Pos,
    pub params: Vec<Field>,
    pub results: Vec<Field>,
    /// The last parameter is `...T` (its type expression is the element type).
    pub variadic: bool,
}

/// A parameter, result, receiver or struct field group: `a, b int`.
/// `names` is empty for unnamed parameters and embedded fields.
#[derive(Clone, Debug)]
pub struct Field {
    pub names: Vec<Ident>,
    pub ty: Expr,
}

#[derive(Clone, Debug)]
pub struct VarSpec {
    pub pos: Pos,
    pub names: Vec<Ident>,
    pub ty: Option<Expr>,
    pub values: Vec<Expr>,
}

#[derive(Clone, Debug)]
pub struct ConstSpec {
    pub pos: Pos,
    pub names: Vec<Ident>,
    pub ty: Option<Expr>,
    /// The values; for a spec that repeats the previous one implicitly these
    /// are fresh copies (new ids) of the previous expressions.
    pub values: Vec<Expr>,
    pub iota: i64,
    /// True when `values` was copied from an earlier spec.
    pub implicit: bool,
}

#[derive(Clone, Debug)]
pub struct TypeSpec {
    pub name: Ident,
    /// Type parameters of a generic type.
    pub tparams: Vec<Field>,
    pub alias: bool,
    pub ty: Expr,
}

#[derive(Clone, Debug)]
pub struct Expr {
    pub id: NodeId,
    pub pos: Pos,
    pub kind: ExprKind,
}

#[derive(Clone, Debug)]
pub enum ChanDir {
    Both,
    Send,
    Recv,
}

#[derive(Clone, Debug)]
pub struct Element {
    pub key: Option<Expr>,
    pub value: Expr,
}

#[derive(Clone, Debug)]
pub enum InterfaceElem {
    Method { name: Ident, ty: FuncType },
    Embedded(Expr),
}

#[derive(Clone, Debug)]
pub enum ExprKind {
    Bad,
    Ident(Ident),
    /// None when the literal does not fit in 128 bits.
    Int(Option<i128>),
    Float(f64),
    Imag,
    Char(i32),
    Str(Vec<u8>),
    Composite {
        ty: Option<Box<Expr>>,
        elts: Vec<Element>,
        rbrace: Pos,
    },
    FuncLit {
        ty: FuncType,
        body: Block,
    },
    Paren(Box<Expr>),
    Selector(Box<Expr>, Ident),
    Index(Box<Expr>, Box<Expr>),
    /// `x[A, B]`: instantiation with several type arguments.
    IndexList(Box<Expr>, Vec<Expr>),
    Slice {
        x: Box<Expr>,
        lo: Option<Box<Expr>>,
        hi: Option<Box<Expr>>,
        max: Option<Box<Expr>>,
    },
    /// `x.(T)`; `ty` is None for `x.(type)` in a type switch.
    TypeAssert(Box<Expr>, Option<Box<Expr>>),
    Call {
        fun: Box<Expr>,
        args: Vec<Expr>,
        ellipsis: bool,
        rparen: Pos,
    },
    /// `*x`: a dereference or a pointer type.
    Star(Box<Expr>),
    Unary(Tok, Box<Expr>),
    Binary(Tok, Box<Expr>, Box<Expr>),
    /// `[N]T`, `[...]T` (len = Ellipsis) or `[]T` (len = None).
    ArrayType {
        len: Option<Box<Expr>>,
        elem: Box<Expr>,
    },
    Ellipsis,
    MapType(Box<Expr>, Box<Expr>),
    ChanType(ChanDir, Box<Expr>),
    FuncType(FuncType),
    StructType(Vec<Field>),
    InterfaceType(Vec<InterfaceElem>),
    /// A constraint's type set `~int | float64` (or one `~T`): terms and
    /// whether each has `~`.
    Union(Vec<(bool, Expr)>),
}

#[derive(Clone, Debug)]
pub struct Block {
    pub pos: Pos,
    pub stmts: Vec<Stmt>,
    pub rbrace: Pos,
}

#[derive(Clone, Debug)]
pub struct Stmt {
    pub pos: Pos,
    pub kind: StmtKind,
}

#[derive(Clone, Debug)]
pub struct CaseClause {
    pub pos: Pos,
    /// None for `default`.
    pub list: Option<Vec<Expr>>,
    pub body: Vec<Stmt>,
    /// For type switches with a binding: the implicit variable of this clause.
    pub bind_id: NodeId,
}

#[derive(Clone, Debug)]
pub struct CommClause {
    pub pos: Pos,
    /// None for `default`; otherwise a send statement or a receive
    /// (expression statement, assignment or short variable declaration).
    pub comm: Option<Box<Stmt>>,
    pub body: Vec<Stmt>,
}

#[derive(Clone, Debug)]
pub enum StmtKind {
    Empty,
    Bad,
    Expr(Expr),
    Send(Expr, Expr),
    IncDec(Expr, bool),
    /// `op` is `Assign`, `Define` or an `op=` token.
    Assign {
        lhs: Vec<Expr>,
        op: Tok,
        rhs: Vec<Expr>,
        op_pos: Pos,
    },
    Go(Expr),
    Defer(Expr),
    Return(Vec<Expr>),
    Break(Option<Ident>),
    Continue(Option<Ident>),
    Goto(Ident),
    Fallthrough,
    Block(Block),
    If {
        init: Option<Box<Stmt>>,
        cond: Expr,
        then: Block,
        els: Option<Box<Stmt>>,
    },
    Switch {
        init: Option<Box<Stmt>>,
        tag: Option<Expr>,
        clauses: Vec<CaseClause>,
        rbrace: Pos,
    },
    TypeSwitch {
        init: Option<Box<Stmt>>,
        bind: Option<Ident>,
        x: Expr,
        clauses: Vec<CaseClause>,
        rbrace: Pos,
    },
    Select {
        clauses: Vec<CommClause>,
    },
    For {
        init: Option<Box<Stmt>>,
        cond: Option<Expr>,
        post: Option<Box<Stmt>>,
        body: Block,
    },
    Range {
        key: Option<Expr>,
        value: Option<Expr>,
        define: bool,
        x: Expr,
        body: Block,
    },
    Labeled(Ident, Box<Stmt>),
    Decl(Decl),
}

impl Expr {
    /// The expression without enclosing parentheses.
    pub fn unparen(&self) -> &Expr {
        let mut e = self;
        while let ExprKind::Paren(x) = &e.kind {
            e = x;
        }
        e
    }
}
