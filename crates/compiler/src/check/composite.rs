//! Composite literals: struct, array, slice and map literals, keyed and
//! positional elements, duplicate keys and indices.

use super::*;

impl<'a> Checker<'a> {
    // ---- composite literals ----

    pub(super) fn composite(
        &mut self,
        e: &Expr,
        ty: Option<&Expr>,
        elts: &[Element],
        hint: Option<TypeId>,
    ) -> Operand {
        let t = match ty {
            Some(te) => {
                if let ExprKind::ArrayType { len: Some(l), elem } = &te.kind {
                    if let ExprKind::Ellipsis = l.kind {
                        // [...]T{...}: the length is the number of elements.
                        let et = self.type_expr(elem);
                        let n = self.literal_len(elts);
                        let at = if et == INVALID {
                            INVALID
                        } else {
                            self.t.intern(Type::Array(et, n))
                        };
                        self.info.types.insert(
                            te.id,
                            TypeAndValue {
                                mode: Mode::Type,
                                ty: at,
                                val: None,
                            },
                        );
                        at
                    } else {
                        self.type_expr(te)
                    }
                } else {
                    self.type_expr(te)
                }
            }
            None => match hint {
                Some(h) => h,
                None => {
                    self.error(e.pos, "invalid composite literal type: missing type");
                    return Operand::invalid();
                }
            },
        };
        if t == INVALID {
            for el in elts {
                if let Some(k) = &el.key {
                    if !matches!(k.kind, ExprKind::Ident(_)) {
                        self.expr(k, None);
                    }
                }
                self.expr(&el.value, None);
            }
            return Operand::invalid();
        }
        // An elided `&T` inside a literal of pointers: {…} means &T{…}.
        let (lit_t, result_t) = match (ty, self.t.get(t).clone()) {
            (None, Type::Pointer(b)) => (b, t),
            _ => (t, t),
        };
        let tname = self.t.type_string(lit_t, TypeStyle::Diagnostic);
        match self.t.under(lit_t).clone() {
            Type::Struct(fs) => {
                if elts.is_empty() {
                } else if elts[0].key.is_some() {
                    let mut seen = HashSet::new();
                    for el in elts {
                        let Some(k) = &el.key else {
                            self.error(
                                el.value.pos,
                                "mixture of field:value and value elements in struct literal",
                            );
                            continue;
                        };
                        let ExprKind::Ident(kid) = &k.kind else {
                            let ks = self.expr_string(k);
                            self.error(k.pos, format!("invalid field name {ks} in struct literal"));
                            continue;
                        };
                        let Some(i) = fs.iter().position(|f| f.name == kid.name) else {
                            self.error(
                                k.pos,
                                format!(
                                    "unknown field '{}' in struct literal of type {tname}",
                                    kid.name
                                ),
                            );
                            self.expr(&el.value, None);
                            continue;
                        };
                        if !seen.insert(i) {
                            self.error(
                                k.pos,
                                format!("duplicate field name {} in struct literal", kid.name),
                            );
                        }
                        self.info.selections.insert(
                            k.id,
                            Selection::Field {
                                index: i,
                                ptr: false,
                                path: vec![],
                            },
                        );
                        let mut v = self.expr(&el.value, Some(fs[i].ty));
                        self.single_value(&el.value, &mut v);
                        self.assignment(&mut v, fs[i].ty, "struct literal", &el.value);
                    }
                } else {
                    for (i, el) in elts.iter().enumerate() {
                        if el.key.is_some() {
                            self.error(
                                el.value.pos,
                                "mixture of field:value and value elements in struct literal",
                            );
                            continue;
                        }
                        let hint = fs.get(i).map(|f| f.ty);
                        let mut v = self.expr(&el.value, hint);
                        self.single_value(&el.value, &mut v);
                        if i >= fs.len() {
                            if i == fs.len() {
                                self.error(
                                    el.value.pos,
                                    format!("too many values in {}{{…}}", tname),
                                );
                            }
                            continue;
                        }
                        self.assignment(&mut v, fs[i].ty, "struct literal", &el.value);
                    }
                    if elts.len() < fs.len() {
                        let last = elts.last().map_or(e.pos, |el| el.value.pos);
                        let _ = last;
                        if let ExprKind::Composite { rbrace, .. } = e.kind {
                            self.error(rbrace, format!("too few values in {}{{…}}", tname));
                        }
                    }
                }
            }
            Type::Array(el, n) => {
                self.indexed_elements(elts, el, Some(n), "array or slice literal");
            }
            Type::Slice(el) => {
                self.indexed_elements(elts, el, None, "array or slice literal");
            }
            Type::Map(k, v) => {
                // A key is its dynamic type and value: with interface keys
                // `1` (an int) and `int8(1)` are different keys.
                let mut seen: Vec<(TypeId, ConstVal)> = Vec::new();
                for elt in elts {
                    let Some(ke) = &elt.key else {
                        self.error(elt.value.pos, "missing key in map literal");
                        self.expr(&elt.value, Some(v));
                        continue;
                    };
                    let mut ko = self.expr(ke, Some(k));
                    self.single_value(ke, &mut ko);
                    self.assignment(&mut ko, k, "map literal", ke);
                    if let (Mode::Const, Some(val)) = (ko.mode, &ko.val) {
                        if seen.iter().any(|(t, v)| *t == ko.ty && v == val) {
                            let ks = self.expr_string(ke);
                            self.error(ke.pos, format!("duplicate key {ks} in map literal"));
                        } else {
                            seen.push((ko.ty, val.clone()));
                        }
                    }
                    let mut vo = self.expr(&elt.value, Some(v));
                    self.single_value(&elt.value, &mut vo);
                    self.assignment(&mut vo, v, "map literal", &elt.value);
                }
            }
            _ => {
                self.error(e.pos, format!("invalid composite literal type {tname}"));
                return Operand::invalid();
            }
        }
        if result_t != lit_t {
            // Record the literal's own type for the elided &T case.
            self.info.types.insert(
                e.id,
                TypeAndValue {
                    mode: Mode::Value,
                    ty: lit_t,
                    val: None,
                },
            );
        }
        Operand {
            mode: Mode::Value,
            ty: result_t,
            val: None,
        }
    }

    fn literal_len(&mut self, elts: &[Element]) -> u64 {
        let mut max = 0u64;
        let mut i = 0u64;
        for el in elts {
            if let Some(k) = &el.key {
                // Constant keys are checked later; approximate here.
                let ko = self.expr(k, None);
                if let Some(v) = ko.val.as_ref().and_then(|v| v.to_int()) {
                    i = v.max(0) as u64;
                }
            }
            i += 1;
            max = max.max(i);
        }
        max
    }

    fn indexed_elements(&mut self, elts: &[Element], el: TypeId, n: Option<u64>, ctx: &str) {
        let mut i: u64 = 0;
        let mut seen = HashSet::new();
        for elt in elts {
            if let Some(k) = &elt.key {
                let ko = self.expr(k, None);
                match (ko.mode, ko.val.as_ref().and_then(|v| v.to_int())) {
                    (Mode::Const, Some(v)) if v >= 0 => i = v as u64,
                    _ => {
                        if ko.mode != Mode::Invalid {
                            let ks = self.expr_string(k);
                            self.error(k.pos, format!("index {ks} must be integer constant"));
                        }
                    }
                }
            }
            if let Some(n) = n {
                if i >= n {
                    let s = self.expr_string(&elt.value);
                    let _ = s;
                    self.error(elt.value.pos, format!("index {i} out of bounds [0:{n}]"));
                }
            }
            if !seen.insert(i) {
                self.error(
                    elt.key.as_ref().map_or(elt.value.pos, |k| k.pos),
                    format!("duplicate index {i} in array or slice literal"),
                );
            }
            let mut v = self.expr(&elt.value, Some(el));
            self.single_value(&elt.value, &mut v);
            self.assignment(&mut v, el, ctx, &elt.value);
            i += 1;
        }
    }
}
