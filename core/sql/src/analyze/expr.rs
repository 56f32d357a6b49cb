//! Typing expressions: columns, literals, operators, casts, CASE, subqueries, parameters.

use super::ctx::{Ctx, Hint};
use super::scope::{Missing, Scope, Typed};
use super::types as t;
use flash_schema::{Provider, TypeKind};
use sqlparser::ast::Spanned;
use sqlparser::ast::{BinaryOperator, CastKind, Expr, Ident, UnaryOperator, Value};

impl Ctx<'_> {
    /// The type of `e` in `scope`; `hint` types a parameter that `e` is.
    pub(crate) fn expr(&mut self, e: &Expr, scope: &Scope<'_>, hint: &Hint) -> Typed {
        match e {
            // `VALUES (..., DEFAULT)`: the column's default, typed like the column.
            Expr::Identifier(id)
                if id.quote_style.is_none() && id.value.eq_ignore_ascii_case("default") =>
            {
                Typed {
                    ty: hint.ty.clone(),
                    nullable: hint.nullable,
                    name: String::new(),
                    source: None,
                    param: None,
                }
            }
            Expr::Identifier(id) => self.column_ref(None, id, scope),
            Expr::CompoundIdentifier(parts) => match parts.as_slice() {
                [col] => self.column_ref(None, col, scope),
                [.., q, col] => self.column_ref(Some(q), col, scope),
                [] => Typed::unknown(true),
            },
            Expr::Value(v) => self.value(&v.value, v.span, hint),
            Expr::TypedString(ts) => Typed::of(self.cat.data_type(&ts.data_type), false),
            Expr::Interval(iv) => {
                // `INTERVAL warranty_months MONTH` is NULL when its value is.
                let v = self.expr(&iv.value, scope, &Hint::none());
                Typed::of(TypeKind::Interval, v.nullable)
            }
            Expr::Nested(inner) => self.expr(inner, scope, hint),
            Expr::BinaryOp { left, op, right } => self.binary(left, op, right, scope),
            Expr::UnaryOp { op, expr } => {
                let inner = self.expr(expr, scope, hint);
                match op {
                    UnaryOperator::Not | UnaryOperator::BangNot => {
                        Typed::of(TypeKind::Bool, inner.nullable)
                    }
                    _ => inner.derived(),
                }
            }
            Expr::IsNull(inner) | Expr::IsNotNull(inner) => {
                let x = self.expr(inner, scope, &Hint::none());
                if let Some(i) = x.param {
                    // `@since IS NULL OR created_at > @since`: the caller may pass NULL.
                    self.bind(
                        i,
                        &Hint {
                            nullable: true,
                            ..Hint::none()
                        },
                    );
                }
                Typed::of(TypeKind::Bool, false)
            }
            Expr::IsTrue(inner)
            | Expr::IsNotTrue(inner)
            | Expr::IsFalse(inner)
            | Expr::IsNotFalse(inner)
            | Expr::IsUnknown(inner)
            | Expr::IsNotUnknown(inner) => {
                self.expr(inner, scope, &Hint::ty(TypeKind::Bool));
                Typed::of(TypeKind::Bool, false)
            }
            Expr::IsDistinctFrom(a, b) | Expr::IsNotDistinctFrom(a, b) => {
                let (x, y) = self.pair(a, b, scope);
                for p in [x.param, y.param].into_iter().flatten() {
                    self.bind(
                        p,
                        &Hint {
                            nullable: true,
                            ..Hint::none()
                        },
                    );
                }
                Typed::of(TypeKind::Bool, false)
            }
            Expr::InList { expr, list, .. } => {
                let x = self.expr(expr, scope, &Hint::none());
                let mut nullable = x.nullable;
                let mut known = x.ty.clone();
                for item in list {
                    let it = self.expr(item, scope, &hint_from(&x));
                    if known.is_none() {
                        known = it.ty.clone();
                    }
                    nullable |= it.nullable;
                }
                if let (Some(p), Some(ty)) = (x.param, known) {
                    self.bind(p, &Hint::ty(ty));
                }
                Typed::of(TypeKind::Bool, nullable)
            }
            Expr::InSubquery { expr, subquery, .. } => {
                let x = self.expr(expr, scope, &Hint::none());
                let cols = self.query(subquery, scope, &[hint_from(&x)]);
                let nullable = x.nullable || cols.first().is_none_or(|c| c.nullable);
                if let (Some(p), Some(c)) = (x.param, cols.first()) {
                    if let Some(ty) = &c.ty {
                        self.bind(p, &Hint::ty(ty.clone()));
                    }
                }
                self.one_column(&cols, subquery.span());
                Typed::of(TypeKind::Bool, nullable)
            }
            Expr::InUnnest {
                expr, array_expr, ..
            } => {
                let x = self.expr(expr, scope, &Hint::none());
                let a = self.expr(array_expr, scope, &array_hint(&x));
                Typed::of(TypeKind::Bool, x.nullable || a.nullable)
            }
            Expr::Between {
                expr, low, high, ..
            } => {
                let x = self.expr(expr, scope, &Hint::none());
                let l = self.expr(low, scope, &hint_from(&x));
                let h = self.expr(high, scope, &hint_from(&x));
                if let (Some(p), Some(ty)) = (x.param, l.ty.clone().or(h.ty.clone())) {
                    self.bind(p, &Hint::ty(ty));
                }
                Typed::of(TypeKind::Bool, x.nullable || l.nullable || h.nullable)
            }
            Expr::Like {
                expr,
                pattern,
                escape_char,
                ..
            }
            | Expr::ILike {
                expr,
                pattern,
                escape_char,
                ..
            }
            | Expr::SimilarTo {
                expr,
                pattern,
                escape_char,
                ..
            } => {
                let x = self.expr(expr, scope, &Hint::ty(t::text()));
                let name = (!x.name.is_empty()).then(|| x.name.clone());
                let p = self.expr(
                    pattern,
                    scope,
                    &Hint {
                        ty: Some(t::text()),
                        name,
                        nullable: false,
                    },
                );
                if let Some(esc) = escape_char {
                    self.expr(esc, scope, &Hint::ty(t::text()));
                }
                Typed::of(TypeKind::Bool, x.nullable || p.nullable)
            }
            Expr::RLike { expr, pattern, .. } => {
                let x = self.expr(expr, scope, &Hint::ty(t::text()));
                let p = self.expr(pattern, scope, &Hint::ty(t::text()));
                Typed::of(TypeKind::Bool, x.nullable || p.nullable)
            }
            Expr::AnyOp { left, right, .. } | Expr::AllOp { left, right, .. } => {
                let x = self.expr(left, scope, &Hint::none());
                let nullable = match right.as_ref() {
                    Expr::Subquery(q) => {
                        let cols = self.query(q, scope, &[hint_from(&x)]);
                        self.one_column(&cols, q.span());
                        cols.first().is_none_or(|c| c.nullable)
                    }
                    other => {
                        let a = self.expr(other, scope, &array_hint(&x));
                        if let (Some(p), Some(TypeKind::Array { element })) = (x.param, &a.ty) {
                            self.bind(p, &Hint::ty(element.as_ref().clone()));
                        }
                        a.nullable
                    }
                };
                Typed::of(TypeKind::Bool, x.nullable || nullable)
            }
            Expr::Cast {
                expr,
                data_type,
                kind,
                ..
            } => {
                let ty = self.cat.data_type(data_type);
                // `@ids::bigint[]`: the cast gives the type, the place still gives the name.
                let inner_hint = Hint {
                    ty: Some(ty.clone()),
                    name: hint.name.clone(),
                    nullable: hint.nullable,
                };
                let inner = self.expr(expr, scope, &inner_hint);
                if let Some(p) = inner.param {
                    // The cast names the parameter's type.
                    if let Some(ps) = self.params.get_mut(p) {
                        ps.ty = Some(ty.clone());
                    }
                }
                let nullable = inner.nullable || *kind == CastKind::TryCast;
                let name = if inner.name.is_empty() {
                    t::type_name(data_type)
                } else {
                    inner.name.clone()
                };
                Typed::of(ty, nullable).named(name)
            }
            Expr::Convert {
                expr, data_type, ..
            } => {
                let inner = self.expr(expr, scope, &Hint::none());
                match data_type {
                    Some(dt) => Typed::of(self.cat.data_type(dt), inner.nullable),
                    None => Typed::of(t::text(), inner.nullable),
                }
                .named("convert")
            }
            Expr::AtTimeZone {
                timestamp,
                time_zone,
            } => {
                let ts = self.expr(timestamp, scope, &Hint::ty(t::timestamp(true)));
                let z = self.expr(time_zone, scope, &Hint::ty(t::text()));
                // PostgreSQL: a timestamptz AT TIME ZONE gives a local timestamp, and back.
                let ty = match ts.ty {
                    Some(TypeKind::Timestamp { tz }) => t::timestamp(!tz),
                    Some(other) => other,
                    None => t::timestamp(false),
                };
                Typed::of(ty, ts.nullable || z.nullable).named("timezone")
            }
            Expr::Extract { expr, .. } => {
                let x = self.expr(expr, scope, &Hint::ty(t::timestamp(true)));
                let ty = match self.cat.provider {
                    Provider::Postgresql => t::decimal(),
                    _ => t::int(32),
                };
                Typed::of(ty, x.nullable).named("extract")
            }
            Expr::Ceil { expr, .. } | Expr::Floor { expr, .. } => {
                let x = self.expr(expr, scope, hint);
                let name = if matches!(e, Expr::Ceil { .. }) {
                    "ceil"
                } else {
                    "floor"
                };
                x.derived().named(name)
            }
            Expr::Position { expr, r#in } => {
                let a = self.expr(expr, scope, &Hint::ty(t::text()));
                let b = self.expr(r#in, scope, &Hint::ty(t::text()));
                Typed::of(t::int(32), a.nullable || b.nullable).named("position")
            }
            Expr::Substring {
                expr,
                substring_from,
                substring_for,
                ..
            } => {
                let x = self.expr(expr, scope, &Hint::ty(t::text()));
                let mut nullable = x.nullable;
                for part in [substring_from, substring_for].into_iter().flatten() {
                    nullable |= self.expr(part, scope, &Hint::ty(t::int(32))).nullable;
                }
                Typed::of(t::text(), nullable).named("substring")
            }
            Expr::Trim {
                expr,
                trim_what,
                trim_characters,
                ..
            } => {
                let x = self.expr(expr, scope, &Hint::ty(t::text()));
                let mut nullable = x.nullable;
                for part in trim_what.iter() {
                    nullable |= self.expr(part, scope, &Hint::ty(t::text())).nullable;
                }
                for part in trim_characters.iter().flatten() {
                    nullable |= self.expr(part, scope, &Hint::ty(t::text())).nullable;
                }
                Typed::of(t::text(), nullable).named("btrim")
            }
            Expr::Overlay {
                expr,
                overlay_what,
                overlay_from,
                overlay_for,
            } => {
                let mut nullable = self.expr(expr, scope, &Hint::ty(t::text())).nullable;
                nullable |= self
                    .expr(overlay_what, scope, &Hint::ty(t::text()))
                    .nullable;
                nullable |= self
                    .expr(overlay_from, scope, &Hint::ty(t::int(32)))
                    .nullable;
                if let Some(f) = overlay_for {
                    nullable |= self.expr(f, scope, &Hint::ty(t::int(32))).nullable;
                }
                Typed::of(t::text(), nullable).named("overlay")
            }
            Expr::Collate { expr, .. } => self.expr(expr, scope, hint).derived(),
            Expr::Function(f) => self.function(f, scope, hint),
            Expr::Case {
                operand,
                conditions,
                else_result,
                ..
            } => self.case(
                operand.as_deref(),
                conditions,
                else_result.as_deref(),
                scope,
                hint,
            ),
            Expr::Exists { subquery, .. } => {
                self.query(subquery, scope, &[]);
                Typed::of(TypeKind::Bool, false).named("exists")
            }
            Expr::Subquery(q) => {
                let cols = self.query(q, scope, std::slice::from_ref(hint));
                self.one_column(&cols, q.span());
                match cols.first() {
                    Some(c) => Typed {
                        ty: c.ty.clone(),
                        nullable: c.nullable || !super::select::always_one_row(q),
                        name: c.name.clone(),
                        source: None,
                        param: None,
                    },
                    None => Typed::unknown(true),
                }
            }
            Expr::Tuple(items) => {
                let mut nullable = false;
                for it in items {
                    nullable |= self.expr(it, scope, &Hint::none()).nullable;
                }
                Typed::of(
                    TypeKind::Other {
                        name: "record".into(),
                    },
                    nullable,
                )
                .named("row")
            }
            Expr::Array(arr) => {
                let mut elem: Option<TypeKind> = hint.ty.as_ref().and_then(|h| match h {
                    TypeKind::Array { element } => Some(element.as_ref().clone()),
                    _ => None,
                });
                let mut hints = Hint::none();
                hints.ty = elem.clone();
                for it in &arr.elem {
                    let x = self.expr(it, scope, &hints);
                    if elem.is_none() {
                        elem = x.ty.clone();
                        hints.ty = elem.clone();
                    }
                }
                match elem {
                    Some(el) => Typed::of(
                        TypeKind::Array {
                            element: Box::new(el),
                        },
                        false,
                    )
                    .named("array"),
                    None => Typed::unknown(false).named("array"),
                }
            }
            Expr::MatchAgainst { columns, .. } => {
                for c in columns {
                    self.column_ref_parts(c, scope);
                }
                Typed::of(t::float(64), false).named("match")
            }
            Expr::CompoundFieldAccess { root, access_chain } => {
                let r = self.expr(root, scope, &Hint::none());
                let mut ty = r.ty.clone();
                for a in access_chain {
                    if let sqlparser::ast::AccessExpr::Subscript(sub) = a {
                        if let sqlparser::ast::Subscript::Index { index } = sub {
                            self.expr(index, scope, &Hint::ty(t::int(32)));
                        }
                        ty = match ty {
                            Some(TypeKind::Array { element }) => match sub {
                                sqlparser::ast::Subscript::Index { .. } => Some(*element),
                                _ => Some(TypeKind::Array { element }),
                            },
                            other => other,
                        };
                    }
                }
                // An index out of range, or a missing key, gives NULL.
                Typed {
                    ty,
                    nullable: true,
                    name: r.name,
                    source: None,
                    param: None,
                }
            }
            other => {
                self.error(
                    other.span(),
                    format!("flash cannot analyse the expression `{other}`"),
                    "rewrite it, or cast it to a type (`CAST(... AS text)`), or report the construct",
                );
                Typed::unknown(true)
            }
        }
    }

    /// Types `a` and `b`, each hinting a parameter on the other side.
    pub(crate) fn pair(&mut self, a: &Expr, b: &Expr, scope: &Scope<'_>) -> (Typed, Typed) {
        let x = self.expr(a, scope, &Hint::none());
        let y = self.expr(b, scope, &hint_from(&x));
        if let (Some(p), Some(_)) = (x.param, &y.ty) {
            self.bind(p, &Hint::like(&y));
        }
        (x, y)
    }

    fn binary(
        &mut self,
        left: &Expr,
        op: &BinaryOperator,
        right: &Expr,
        scope: &Scope<'_>,
    ) -> Typed {
        use BinaryOperator as B;
        if let (Expr::Tuple(ls), Expr::Tuple(rs)) = (left, right) {
            let mut nullable = false;
            for (l, r) in ls.iter().zip(rs) {
                let (x, y) = self.pair(l, r, scope);
                nullable |= x.nullable || y.nullable;
            }
            return Typed::of(TypeKind::Bool, nullable);
        }
        match op {
            B::And | B::Or | B::Xor => {
                let x = self.expr(left, scope, &Hint::ty(TypeKind::Bool));
                let y = self.expr(right, scope, &Hint::ty(TypeKind::Bool));
                Typed::of(TypeKind::Bool, x.nullable || y.nullable)
            }
            B::Eq | B::NotEq | B::Lt | B::LtEq | B::Gt | B::GtEq | B::Spaceship => {
                let (x, y) = self.pair(left, right, scope);
                // `<=>` is MySQL's null-safe equality.
                let nullable = *op != B::Spaceship && (x.nullable || y.nullable);
                Typed::of(TypeKind::Bool, nullable)
            }
            B::Arrow | B::LongArrow | B::HashArrow | B::HashLongArrow => {
                let x = self.expr(left, scope, &Hint::ty(t::json(true)));
                let path_hint = match op {
                    B::HashArrow | B::HashLongArrow => Hint::ty(TypeKind::Array {
                        element: Box::new(t::text()),
                    }),
                    _ => Hint::ty(t::text()),
                };
                self.expr(right, scope, &path_hint);
                let long = matches!(op, B::LongArrow | B::HashLongArrow);
                let ty = match (self.cat.provider, long) {
                    (_, false) => match (&x.ty, self.cat.provider) {
                        (Some(TypeKind::Json { binary }), _) => Some(t::json(*binary)),
                        (_, Provider::Sqlite) => Some(t::json(false)),
                        _ => Some(t::json(true)),
                    },
                    // SQLite's `->>` returns the SQL value of the item (text, integer, real):
                    // its type depends on the data, so it must be cast.
                    (Provider::Sqlite, true) => None,
                    (_, true) => Some(t::text()),
                };
                Typed {
                    ty,
                    nullable: true,
                    name: x.name,
                    source: None,
                    param: None,
                }
            }
            B::AtArrow
            | B::ArrowAt
            | B::Question
            | B::QuestionAnd
            | B::QuestionPipe
            | B::AtQuestion
            | B::AtAt => {
                let x = self.expr(left, scope, &Hint::none());
                let rh = match op {
                    B::Question => Hint::ty(t::text()),
                    B::QuestionAnd | B::QuestionPipe => Hint::ty(TypeKind::Array {
                        element: Box::new(t::text()),
                    }),
                    B::AtAt => Hint::ty(TypeKind::Other {
                        name: "tsquery".into(),
                    }),
                    _ => hint_from(&x),
                };
                let y = self.expr(right, scope, &rh);
                Typed::of(TypeKind::Bool, x.nullable || y.nullable)
            }
            B::StringConcat => {
                let (x, y) = self.pair(left, right, scope);
                let ty = match (&x.ty, &y.ty) {
                    (Some(a @ TypeKind::Array { .. }), _)
                    | (_, Some(a @ TypeKind::Array { .. })) => a.clone(),
                    (Some(j @ TypeKind::Json { .. }), _) => j.clone(),
                    _ => t::text(),
                };
                for p in [x.param, y.param].into_iter().flatten() {
                    if self.params.get(p).is_some_and(|s| s.ty.is_none()) {
                        self.bind(p, &Hint::ty(ty.clone()));
                    }
                }
                Typed::of(ty, x.nullable || y.nullable)
            }
            B::Plus
            | B::Minus
            | B::Multiply
            | B::Divide
            | B::Modulo
            | B::MyIntegerDivide
            | B::DuckIntegerDivide => {
                let (x, y) = self.pair(left, right, scope);
                let ty = t::arithmetic(op, x.ty.as_ref(), y.ty.as_ref(), self.cat.provider);
                // MySQL and SQLite give NULL for a division by zero.
                let div = matches!(op, B::Divide | B::Modulo | B::MyIntegerDivide)
                    && self.cat.provider != Provider::Postgresql;
                Typed {
                    ty,
                    nullable: x.nullable || y.nullable || div,
                    name: String::new(),
                    source: None,
                    param: None,
                }
            }
            B::BitwiseAnd
            | B::BitwiseOr
            | B::BitwiseXor
            | B::PGBitwiseXor
            | B::PGBitwiseShiftLeft
            | B::PGBitwiseShiftRight => {
                let (x, y) = self.pair(left, right, scope);
                Typed {
                    ty: x.ty.or(y.ty),
                    nullable: x.nullable || y.nullable,
                    name: String::new(),
                    source: None,
                    param: None,
                }
            }
            B::PGExp => {
                let (x, y) = self.pair(left, right, scope);
                Typed::of(t::float(64), x.nullable || y.nullable)
            }
            B::PGRegexMatch
            | B::PGRegexIMatch
            | B::PGRegexNotMatch
            | B::PGRegexNotIMatch
            | B::PGLikeMatch
            | B::PGILikeMatch
            | B::PGNotLikeMatch
            | B::PGNotILikeMatch
            | B::PGStartsWith
            | B::Regexp
            | B::Glob
            | B::Match => {
                let x = self.expr(left, scope, &Hint::ty(t::text()));
                let y = self.expr(right, scope, &Hint::ty(t::text()));
                Typed::of(TypeKind::Bool, x.nullable || y.nullable)
            }
            B::PGOverlap | B::Overlaps => {
                let (x, y) = self.pair(left, right, scope);
                Typed::of(TypeKind::Bool, x.nullable || y.nullable)
            }
            B::HashMinus => {
                let x = self.expr(left, scope, &Hint::ty(t::json(true)));
                let y = self.expr(
                    right,
                    scope,
                    &Hint::ty(TypeKind::Array {
                        element: Box::new(t::text()),
                    }),
                );
                Typed::of(t::json(true), x.nullable || y.nullable)
            }
            other => {
                let (x, y) = self.pair(left, right, scope);
                self.error(
                    left.span().union(&right.span()),
                    format!("flash does not know the result type of the operator `{other}`"),
                    "cast the expression to the type it returns: `CAST(... AS type)`",
                );
                Typed::unknown(x.nullable || y.nullable)
            }
        }
    }

    fn case(
        &mut self,
        operand: Option<&Expr>,
        conditions: &[sqlparser::ast::CaseWhen],
        else_result: Option<&Expr>,
        scope: &Scope<'_>,
        hint: &Hint,
    ) -> Typed {
        let op = operand.map(|o| self.expr(o, scope, &Hint::none()));
        let mut results = Vec::new();
        for w in conditions {
            match &op {
                Some(o) => {
                    self.expr(&w.condition, scope, &hint_from(o));
                }
                None => {
                    self.expr(&w.condition, scope, &Hint::ty(TypeKind::Bool));
                }
            }
            results.push((&w.result, self.expr(&w.result, scope, hint)));
        }
        if let Some(e) = else_result {
            results.push((e, self.expr(e, scope, hint)));
        }
        let ty = results.iter().find_map(|(_, r)| r.ty.clone());
        // A branch that is a bare parameter takes the type of the others.
        if let Some(ty) = &ty {
            for (_, r) in &results {
                if let Some(p) = r.param {
                    self.bind(p, &Hint::ty(ty.clone()));
                }
            }
        }
        let nullable = else_result.is_none() || results.iter().any(|(_, r)| r.nullable);
        Typed {
            ty,
            nullable,
            name: "case".into(),
            source: None,
            param: None,
        }
    }

    fn value(&mut self, v: &Value, span: sqlparser::tokenizer::Span, hint: &Hint) -> Typed {
        match v {
            Value::Number(text, _) => Typed::of(t::number_literal(text, self.cat.provider), false),
            Value::SingleQuotedString(_)
            | Value::DollarQuotedString(_)
            | Value::EscapedStringLiteral(_)
            | Value::UnicodeStringLiteral(_)
            | Value::NationalStringLiteral(_)
            | Value::DoubleQuotedString(_)
            | Value::TripleSingleQuotedString(_)
            | Value::TripleDoubleQuotedString(_) => {
                // An untyped literal takes the type of what it meets (`status = 'draft'`).
                let ty = match &hint.ty {
                    Some(
                        h @ (TypeKind::Enum { .. }
                        | TypeKind::Date
                        | TypeKind::Timestamp { .. }
                        | TypeKind::Uuid
                        | TypeKind::Json { .. }
                        | TypeKind::Time { .. }
                        | TypeKind::Interval),
                    ) => h.clone(),
                    _ => t::text(),
                };
                Typed::of(ty, false)
            }
            Value::HexStringLiteral(_)
            | Value::SingleQuotedByteStringLiteral(_)
            | Value::DoubleQuotedByteStringLiteral(_) => Typed::of(t::bytes(), false),
            Value::Boolean(_) => Typed::of(TypeKind::Bool, false),
            Value::Null => Typed::unknown(true),
            Value::Placeholder(p) => match super::statement::param_index(p) {
                Some(i) if i < self.params.len() => {
                    self.bind(i, hint);
                    let ps = &self.params[i];
                    Typed {
                        ty: ps.ty.clone(),
                        nullable: ps.nullable,
                        name: String::new(),
                        source: None,
                        param: Some(i),
                    }
                }
                _ => {
                    self.error(span, format!("unexpected placeholder `{p}`"), "");
                    Typed::unknown(true)
                }
            },
            other => {
                self.error(
                    span,
                    format!("flash cannot type the literal `{other}`"),
                    "cast it: `CAST(... AS type)`",
                );
                Typed::unknown(true)
            }
        }
    }

    fn column_ref(&mut self, qualifier: Option<&Ident>, col: &Ident, scope: &Scope<'_>) -> Typed {
        let cat = self.cat;
        let same = |a: &str, b: &str| cat.same(a, b);
        let q = qualifier.map(|q| crate::names::fold_ident(q, cat.provider));
        let name = crate::names::fold_ident(col, cat.provider);
        match scope.column(q.as_deref(), &name, &same) {
            Ok(t) => t,
            // A column of a table that does not exist (reported once, at the table).
            Err(_)
                if match &q {
                    Some(q) => self.opaque.iter().any(|o| cat.same(o, q)),
                    None => !self.opaque.is_empty(),
                } =>
            {
                Typed::unknown(true).named(name)
            }
            Err(missing) => {
                // MySQL/SQLite string literal in double quotes, PostgreSQL `excluded` handled
                // by the caller's scope; anything else is a mistake in the query.
                let (message, help) = match (missing, &q) {
                    (Missing::Column(cols), Some(q)) => (
                        format!("column `{name}` does not exist in `{q}`"),
                        format!("`{q}` has: {}", cols.join(", ")),
                    ),
                    (_, Some(q)) => (
                        format!("unknown table or alias `{q}` in `{q}.{name}`"),
                        "name a table of the FROM clause or its alias".to_string(),
                    ),
                    (_, None) => {
                        let mut have = scope.column_names();
                        have.truncate(20);
                        (
                            format!("column `{name}` does not exist"),
                            if have.is_empty() {
                                "the query has no FROM clause".to_string()
                            } else {
                                format!("columns here: {}", have.join(", "))
                            },
                        )
                    }
                };
                let span = qualifier.map_or(col.span, |q| q.span.union(&col.span));
                self.error(span, message, help);
                Typed::unknown(true).named(name)
            }
        }
    }

    /// A MATCH column list entry (`title`, `p.title`).
    fn column_ref_parts(&mut self, name: &sqlparser::ast::ObjectName, scope: &Scope<'_>) {
        let idents: Vec<Ident> = name
            .0
            .iter()
            .filter_map(|p| p.as_ident().cloned())
            .collect();
        match idents.as_slice() {
            [c] => {
                self.column_ref(None, c, scope);
            }
            [.., q, c] => {
                self.column_ref(Some(q), c, scope);
            }
            [] => {}
        }
    }

    /// A subquery used as a value must return one column.
    pub(crate) fn one_column(
        &mut self,
        cols: &[super::scope::Col],
        span: sqlparser::tokenizer::Span,
    ) {
        if cols.len() != 1 {
            self.error(
                span,
                format!(
                    "this subquery returns {} columns where one value is expected",
                    cols.len()
                ),
                "select exactly one column in the subquery",
            );
        }
    }
}

/// A hint that types a parameter like `x` and names it after x's column.
pub(crate) fn hint_from(x: &Typed) -> Hint {
    Hint::like(x)
}

/// `= ANY($1)`: an array of x's type.
fn array_hint(x: &Typed) -> Hint {
    Hint {
        ty: x.ty.clone().map(|ty| TypeKind::Array {
            element: Box::new(ty),
        }),
        name: (!x.name.is_empty()).then(|| crate::analyze::types::plural(&x.name)),
        nullable: false,
    }
}
