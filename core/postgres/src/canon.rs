//! Canonical text of SQL expressions and view queries, for comparing what the catalog prints
//! with what a schema file says.
//!
//! PostgreSQL stores expressions as parse trees and prints them back its own way:
//! `price > 0` becomes `(price > (0)::numeric)`, `status IN ('a','b')` becomes
//! `((status)::text = ANY ((ARRAY['a'::character varying, ...])::text[]))`, `x LIKE 'a%'`
//! becomes `x ~~ 'a%'::text`, `n BETWEEN 1 AND 10` becomes `n >= 1 AND n <= 10`, and views come
//! back with every column qualified and every expression named. Both texts are parsed with
//! sqlparser and rewritten to one canonical form before they are compared:
//!
//! - casts (`x::t`, `CAST(x AS t)`) and typed literals (`date '2024-01-01'`) are dropped, so
//!   casts are ignored in comparisons;
//! - parentheses are dropped and re-added around every compound operand (one spelling per tree);
//! - `= ANY (ARRAY[..])` / `<> ALL (ARRAY[..])` become `IN (..)` / `NOT IN (..)`, `~~`-style
//!   operators become LIKE/ILIKE, BETWEEN becomes two comparisons;
//! - a string literal holding a number becomes the number (`'-1'::integer` is `-1`);
//! - `now()`, `CURRENT_TIMESTAMP` and `transaction_timestamp()` are one function;
//! - identifiers lose quotes and qualifiers (`t.id` is `id`), unquoted ones are lower-cased,
//!   `public.` is dropped from table names;
//! - in views: `INNER JOIN` is `JOIN`, `LEFT OUTER JOIN` is `LEFT JOIN`, parenthesized join
//!   trees are flattened, and an output alias equal to the name PostgreSQL would give anyway
//!   (`lower(email) AS lower`, `t.id AS id`) is dropped.
//!
//! Text sqlparser cannot parse falls back to [`flash_diff::normalize_sql_text`].

use flash_diff::normalize_sql_text;
use sqlparser::ast::{
    BinaryOperator, Expr, Ident, JoinOperator, ObjectName, ObjectNamePart, Query, Select,
    SelectItem, SetExpr, Statement, TableFactor, TableWithJoins, UnaryOperator, Value,
    ValueWithSpan, VisitMut, VisitorMut,
};
use sqlparser::dialect::PostgreSqlDialect;
use sqlparser::parser::Parser;
use sqlparser::tokenizer::Token;
use std::ops::ControlFlow;

/// The canonical text of an expression (check, default, generated column, index key or
/// predicate).
pub fn expr(text: &str) -> String {
    match parse_expr(text) {
        Some(mut e) => {
            let _ = e.visit(&mut Canon);
            strip_nested(e).to_string()
        }
        None => normalize_sql_text(text),
    }
}

/// The canonical text of a view's query; `columns` is the view's explicit column list (which
/// PostgreSQL folds into output aliases).
pub fn view(definition: &str, columns: &[String]) -> String {
    let Some(mut q) = parse_query(definition) else {
        return normalize_sql_text(definition);
    };
    if !columns.is_empty() {
        if let SetExpr::Select(s) = q.body.as_mut() {
            for (item, name) in s.projection.iter_mut().zip(columns) {
                let e = match item {
                    SelectItem::UnnamedExpr(e) => e.clone(),
                    SelectItem::ExprWithAlias { expr, .. } => expr.clone(),
                    _ => continue,
                };
                *item = SelectItem::ExprWithAlias {
                    expr: e,
                    alias: Ident::new(name.clone()),
                };
            }
        }
    }
    let _ = q.visit(&mut Canon);
    q.to_string()
}

/// True when a view's projection is `*` (or `t.*`).
pub fn view_has_wildcard(definition: &str) -> bool {
    parse_query(definition).is_some_and(|q| match q.body.as_ref() {
        SetExpr::Select(s) => s.projection.iter().any(|i| {
            matches!(
                i,
                SelectItem::Wildcard(_) | SelectItem::QualifiedWildcard(..)
            )
        }),
        _ => false,
    })
}

/// A view's canonical text with its projection replaced by `*`: how a `SELECT *` view compares
/// with the column list PostgreSQL expanded it to. Only used when the expanded side lists
/// qualified column names and nothing else, which is what the catalog prints for `*`.
pub fn view_as_wildcard(definition: &str) -> Option<String> {
    let mut q = parse_query(definition)?;
    let SetExpr::Select(s) = q.body.as_mut() else {
        return None;
    };
    let expanded = s.projection.iter().all(|i| match i {
        SelectItem::UnnamedExpr(Expr::CompoundIdentifier(_)) => true,
        SelectItem::ExprWithAlias {
            expr: Expr::CompoundIdentifier(parts),
            alias,
        } => parts.last().is_some_and(|p| p.value == alias.value),
        SelectItem::Wildcard(_) | SelectItem::QualifiedWildcard(..) => true,
        _ => false,
    });
    if !expanded {
        return None;
    }
    let star = Parser::new(&PostgreSqlDialect {})
        .try_with_sql("SELECT *")
        .ok()
        .and_then(|mut p| p.parse_query().ok())
        .and_then(|q| match *q.body {
            SetExpr::Select(sel) => Some(sel.projection),
            _ => None,
        })?;
    s.projection = star;
    let _ = q.visit(&mut Canon);
    Some(q.to_string())
}

/// True when the SQL text uses `name` as an identifier (quoted or not), e.g. a view that reads
/// a table. Words are compared as PostgreSQL folds them.
pub fn mentions_identifier(text: &str, name: &str) -> bool {
    let dialect = PostgreSqlDialect {};
    match sqlparser::tokenizer::Tokenizer::new(&dialect, text).tokenize() {
        Ok(tokens) => tokens.iter().any(|t| match t {
            Token::Word(w) => {
                let folded = if w.quote_style.is_some() {
                    w.value.clone()
                } else {
                    w.value.to_lowercase()
                };
                folded == name
            }
            _ => false,
        }),
        // Unreadable text: assume it does, which only costs a view rebuild.
        Err(_) => true,
    }
}

/// The output column names of a view, when every one of them can be told from the text.
pub fn output_names(definition: &str, columns: &[String]) -> Option<Vec<String>> {
    let q = parse_query(definition)?;
    let SetExpr::Select(s) = q.body.as_ref() else {
        return None;
    };
    let mut names = Vec::new();
    for item in &s.projection {
        let n = match item {
            SelectItem::UnnamedExpr(e) => {
                default_name(&strip_nested(e.clone())).map(|n| n.to_lowercase())
            }
            SelectItem::ExprWithAlias { alias, .. } => Some(fold(alias).value),
            _ => None,
        };
        names.push(n?);
    }
    if !columns.is_empty() {
        if columns.len() > names.len() {
            return None;
        }
        names[..columns.len()].clone_from_slice(columns);
    }
    Some(names)
}

/// A DEFAULT expression as it can be written in a column definition: PostgreSQL's DEFAULT
/// takes a restricted expression, so boolean operators, IS, LIKE, IN and BETWEEN at the top
/// need parentheses.
pub fn default_sql(text: &str) -> String {
    let t = text.trim();
    let needs = match parse_expr(t) {
        Some(Expr::BinaryOp { op, .. }) => matches!(
            op,
            BinaryOperator::And | BinaryOperator::Or | BinaryOperator::Xor
        ),
        Some(Expr::UnaryOp { op, .. }) => op == UnaryOperator::Not,
        Some(
            Expr::IsNull(_)
            | Expr::IsNotNull(_)
            | Expr::IsTrue(_)
            | Expr::IsNotTrue(_)
            | Expr::IsFalse(_)
            | Expr::IsNotFalse(_)
            | Expr::IsUnknown(_)
            | Expr::IsNotUnknown(_)
            | Expr::IsDistinctFrom(..)
            | Expr::IsNotDistinctFrom(..)
            | Expr::Like { .. }
            | Expr::ILike { .. }
            | Expr::SimilarTo { .. }
            | Expr::InList { .. }
            | Expr::InSubquery { .. }
            | Expr::Between { .. },
        ) => true,
        _ => false,
    };
    if needs {
        format!("({t})")
    } else {
        t.to_string()
    }
}

/// True when an index key expression is a plain function call, which CREATE INDEX accepts
/// without extra parentheses.
pub fn is_function_call(text: &str) -> bool {
    matches!(parse_expr(text), Some(Expr::Function(_)))
}

fn parse_expr(text: &str) -> Option<Expr> {
    let dialect = PostgreSqlDialect {};
    let mut p = Parser::new(&dialect).try_with_sql(text.trim()).ok()?;
    let e = p.parse_expr().ok()?;
    (p.peek_token().token == Token::EOF).then_some(e)
}

fn parse_query(text: &str) -> Option<Query> {
    let dialect = PostgreSqlDialect {};
    let text = text.trim().trim_end_matches(';');
    let mut stmts = Parser::parse_sql(&dialect, text).ok()?;
    if stmts.len() != 1 {
        return None;
    }
    match stmts.pop() {
        Some(Statement::Query(q)) => Some(*q),
        _ => None,
    }
}

/// The post-order rewriter.
struct Canon;

impl VisitorMut for Canon {
    type Break = ();

    fn post_visit_expr(&mut self, e: &mut Expr) -> ControlFlow<()> {
        canon_expr(e);
        ControlFlow::Continue(())
    }

    fn post_visit_relation(&mut self, name: &mut ObjectName) -> ControlFlow<()> {
        let mut parts: Vec<ObjectNamePart> = name
            .0
            .iter()
            .map(|p| match p {
                ObjectNamePart::Identifier(i) => ObjectNamePart::Identifier(fold(i)),
                other => other.clone(),
            })
            .collect();
        if parts.len() == 2
            && matches!(&parts[0], ObjectNamePart::Identifier(i) if i.value == "public")
        {
            parts.remove(0);
        }
        name.0 = parts;
        ControlFlow::Continue(())
    }

    fn post_visit_select(&mut self, s: &mut Select) -> ControlFlow<()> {
        for twj in &mut s.from {
            flatten_joins(twj);
        }
        for item in &mut s.projection {
            if let SelectItem::ExprWithAlias { expr, alias } = item {
                let alias = fold(alias);
                if default_name(expr).as_deref() == Some(alias.value.as_str()) {
                    *item = SelectItem::UnnamedExpr(expr.clone());
                } else {
                    *item = SelectItem::ExprWithAlias {
                        expr: expr.clone(),
                        alias,
                    };
                }
            }
        }
        ControlFlow::Continue(())
    }

    fn post_visit_table_factor(&mut self, t: &mut TableFactor) -> ControlFlow<()> {
        if let TableFactor::Table { alias: Some(a), .. }
        | TableFactor::Derived { alias: Some(a), .. } = t
        {
            a.name = fold(&a.name);
            a.explicit = false;
        }
        ControlFlow::Continue(())
    }
}

/// `((a JOIN b) JOIN c)` → `a JOIN b JOIN c`; `INNER JOIN` → `JOIN`; `LEFT OUTER` → `LEFT`.
fn flatten_joins(twj: &mut TableWithJoins) {
    while let TableFactor::NestedJoin {
        table_with_joins,
        alias: None,
    } = &mut twj.relation
    {
        let inner = table_with_joins.as_mut().clone();
        let outer_joins = std::mem::take(&mut twj.joins);
        twj.relation = inner.relation;
        twj.joins = inner.joins;
        twj.joins.extend(outer_joins);
    }
    for j in &mut twj.joins {
        j.join_operator = match j.join_operator.clone() {
            JoinOperator::Inner(c) => JoinOperator::Join(c),
            JoinOperator::LeftOuter(c) => JoinOperator::Left(c),
            JoinOperator::RightOuter(c) => JoinOperator::Right(c),
            other => other,
        };
    }
}

/// The name PostgreSQL gives an unnamed output column: the column's name, or the function's.
fn default_name(e: &Expr) -> Option<String> {
    match e {
        Expr::Identifier(i) => Some(i.value.clone()),
        Expr::CompoundIdentifier(parts) => parts.last().map(|i| i.value.clone()),
        Expr::Function(f) => f.name.0.last().map(|p| match p {
            ObjectNamePart::Identifier(i) => i.value.to_lowercase(),
            other => other.to_string(),
        }),
        _ => None,
    }
}

/// An identifier as the database stores it, printed without quotes.
fn fold(i: &Ident) -> Ident {
    let value = if i.quote_style.is_none() {
        i.value.to_lowercase()
    } else {
        i.value.clone()
    };
    Ident::new(value)
}

fn canon_expr(e: &mut Expr) {
    let replacement = match e {
        Expr::Nested(inner) => Some(inner.as_ref().clone()),
        Expr::Cast { expr, .. } => Some(expr.as_ref().clone()),
        Expr::TypedString(ts) => Some(Expr::Value(ts.value.clone())),
        Expr::Interval(iv) if iv.leading_field.is_none() && iv.last_field.is_none() => {
            Some(iv.value.as_ref().clone())
        }
        Expr::Identifier(i) => Some(Expr::Identifier(fold(i))),
        Expr::CompoundIdentifier(parts) => parts.last().map(|i| Expr::Identifier(fold(i))),
        Expr::Value(v) => number_in_string(v)
            .or_else(|| match &v.value {
                Value::Number(n, l) => {
                    let canonical = normalize_number(n);
                    (canonical != *n).then_some(ValueWithSpan {
                        value: Value::Number(canonical, *l),
                        span: v.span,
                    })
                }
                _ => None,
            })
            .map(Expr::Value),
        Expr::Function(f) => {
            let parts: Vec<String> = f
                .name
                .0
                .iter()
                .map(|p| match p {
                    ObjectNamePart::Identifier(i) => fold(i).value,
                    other => other.to_string(),
                })
                .filter(|p| p != "pg_catalog")
                .collect();
            let name = parts.join(".");
            let no_args = match &f.args {
                sqlparser::ast::FunctionArguments::None => true,
                sqlparser::ast::FunctionArguments::List(l) => l.args.is_empty(),
                sqlparser::ast::FunctionArguments::Subquery(_) => false,
            };
            if no_args
                && matches!(
                    name.as_str(),
                    "now" | "current_timestamp" | "transaction_timestamp"
                )
            {
                Some(Expr::Identifier(Ident::new("now()")))
            } else {
                f.name = ObjectName(
                    parts
                        .into_iter()
                        .map(|p| ObjectNamePart::Identifier(Ident::new(p)))
                        .collect(),
                );
                None
            }
        }
        Expr::BinaryOp { left, op, right } => {
            let like = match op {
                BinaryOperator::PGLikeMatch => Some((false, false)),
                BinaryOperator::PGNotLikeMatch => Some((true, false)),
                BinaryOperator::PGILikeMatch => Some((false, true)),
                BinaryOperator::PGNotILikeMatch => Some((true, true)),
                _ => None,
            };
            // `x SIMILAR TO p` is stored as `x ~ similar_to_escape(p)`.
            let similar = match (&*op, right.as_ref()) {
                (
                    BinaryOperator::PGRegexMatch | BinaryOperator::PGRegexNotMatch,
                    Expr::Function(f),
                ) if f.name.to_string().eq_ignore_ascii_case("similar_to_escape") => {
                    match &f.args {
                        sqlparser::ast::FunctionArguments::List(l) if l.args.len() == 1 => {
                            match &l.args[0] {
                                sqlparser::ast::FunctionArg::Unnamed(
                                    sqlparser::ast::FunctionArgExpr::Expr(p),
                                ) => Some((*op == BinaryOperator::PGRegexNotMatch, p.clone())),
                                _ => None,
                            }
                        }
                        _ => None,
                    }
                }
                _ => None,
            };
            match (similar, like) {
                (Some((negated, pattern)), _) => Some(Expr::SimilarTo {
                    negated,
                    expr: Box::new(wrap(left)),
                    pattern: Box::new(wrap(&pattern)),
                    escape_char: None,
                }),
                (None, like) => match like {
                    Some((negated, ilike)) => {
                        let (expr, pattern) = (Box::new(wrap(left)), Box::new(wrap(right)));
                        Some(if ilike {
                            Expr::ILike {
                                negated,
                                any: false,
                                expr,
                                pattern,
                                escape_char: None,
                            }
                        } else {
                            Expr::Like {
                                negated,
                                any: false,
                                expr,
                                pattern,
                                escape_char: None,
                            }
                        })
                    }
                    None => {
                        **left = wrap(left);
                        **right = wrap(right);
                        None
                    }
                },
            }
        }
        Expr::AnyOp {
            left,
            compare_op: BinaryOperator::Eq,
            right,
            ..
        } => array_items(right).map(|list| Expr::InList {
            expr: Box::new(wrap(left)),
            list,
            negated: false,
        }),
        Expr::AllOp {
            left,
            compare_op: BinaryOperator::NotEq,
            right,
        } => array_items(right).map(|list| Expr::InList {
            expr: Box::new(wrap(left)),
            list,
            negated: true,
        }),
        Expr::Between {
            expr,
            negated,
            low,
            high,
        } => {
            let x = wrap(expr);
            let cmp = |op: BinaryOperator, r: &Expr| Expr::BinaryOp {
                left: Box::new(x.clone()),
                op,
                right: Box::new(wrap(r)),
            };
            Some(if *negated {
                Expr::BinaryOp {
                    left: Box::new(Expr::Nested(Box::new(cmp(BinaryOperator::Lt, low)))),
                    op: BinaryOperator::Or,
                    right: Box::new(Expr::Nested(Box::new(cmp(BinaryOperator::Gt, high)))),
                }
            } else {
                Expr::BinaryOp {
                    left: Box::new(Expr::Nested(Box::new(cmp(BinaryOperator::GtEq, low)))),
                    op: BinaryOperator::And,
                    right: Box::new(Expr::Nested(Box::new(cmp(BinaryOperator::LtEq, high)))),
                }
            })
        }
        Expr::UnaryOp { op, expr } => {
            // `-1` and the folded `'-1'` print alike; other operands get parentheses.
            if *op == UnaryOperator::Minus {
                if let Expr::Value(ValueWithSpan {
                    value: Value::Number(n, l),
                    span,
                }) = expr.as_ref()
                {
                    Some(Expr::Value(ValueWithSpan {
                        value: Value::Number(format!("-{n}"), *l),
                        span: *span,
                    }))
                } else {
                    **expr = wrap(expr);
                    None
                }
            } else {
                **expr = wrap(expr);
                None
            }
        }
        Expr::IsNull(x)
        | Expr::IsNotNull(x)
        | Expr::IsTrue(x)
        | Expr::IsNotTrue(x)
        | Expr::IsFalse(x)
        | Expr::IsNotFalse(x)
        | Expr::IsUnknown(x)
        | Expr::IsNotUnknown(x) => {
            **x = wrap(x);
            None
        }
        Expr::Like { expr, pattern, .. }
        | Expr::ILike { expr, pattern, .. }
        | Expr::SimilarTo { expr, pattern, .. } => {
            **expr = wrap(expr);
            **pattern = wrap(pattern);
            None
        }
        Expr::InList { expr, .. } => {
            **expr = wrap(expr);
            None
        }
        _ => None,
    };
    if let Some(r) = replacement {
        *e = r;
    }
}

/// The elements of an `ARRAY[...]` (already canonical), or None.
fn array_items(e: &Expr) -> Option<Vec<Expr>> {
    match strip_nested(e.clone()) {
        Expr::Array(a) => Some(a.elem),
        _ => None,
    }
}

fn strip_nested(mut e: Expr) -> Expr {
    while let Expr::Nested(inner) = e {
        e = *inner;
    }
    e
}

/// An operand, parenthesized unless it is an atom, so that one tree has one spelling.
fn wrap(e: &Expr) -> Expr {
    let e = strip_nested(e.clone());
    match e {
        Expr::Identifier(_)
        | Expr::CompoundIdentifier(_)
        | Expr::Value(_)
        | Expr::Function(_)
        | Expr::Array(_)
        | Expr::Case { .. }
        | Expr::Subquery(_)
        | Expr::Tuple(_)
        | Expr::Exists { .. } => e,
        other => Expr::Nested(Box::new(other)),
    }
}

/// `'42'` → `42`, `'-1.5'` → `-1.5`: PostgreSQL prints negative and some numeric constants
/// as quoted strings with a cast.
fn number_in_string(v: &ValueWithSpan) -> Option<ValueWithSpan> {
    let Value::SingleQuotedString(s) = &v.value else {
        return None;
    };
    let t = s.trim();
    let body = t.strip_prefix('-').unwrap_or(t);
    let numeric = !body.is_empty()
        && body.chars().all(|c| c.is_ascii_digit() || c == '.')
        && body.chars().filter(|c| *c == '.').count() <= 1
        && body.chars().any(|c| c.is_ascii_digit());
    numeric.then(|| ValueWithSpan {
        value: Value::Number(normalize_number(t), false),
        span: v.span,
    })
}

/// One spelling per number: `1.50` is `1.5`, `1e10` is `10000000000`; integers stay exact.
fn normalize_number(n: &str) -> String {
    if n.contains(['e', 'E']) {
        return match n.parse::<f64>() {
            Ok(f) if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", f as i64),
            Ok(f) if f.is_finite() => format!("{f}"),
            _ => n.to_string(),
        };
    }
    match n.split_once('.') {
        Some((int, frac)) => {
            let frac = frac.trim_end_matches('0');
            let int = if int.is_empty() || int == "-" {
                format!("{int}0")
            } else {
                int.to_string()
            };
            if frac.is_empty() {
                int
            } else {
                format!("{int}.{frac}")
            }
        }
        None => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: &str, b: &str) {
        assert_eq!(expr(a), expr(b), "{a}  vs  {b}");
    }

    #[test]
    fn checks_as_the_catalog_prints_them() {
        same("price > 0", "(price > (0)::numeric)");
        same(
            "price > 0 AND price < 1000",
            "((price > (0)::numeric) AND (price < (1000)::numeric))",
        );
        same("status IN ('draft', 'pub')", "((status)::text = ANY ((ARRAY['draft'::character varying, 'pub'::character varying])::text[]))");
        same("status::text = ANY (ARRAY['draft'::character varying, 'pub'::character varying]::text[])", "status in ('draft','pub')");
        same(
            "status NOT IN ('a')",
            "((status)::text <> ALL ((ARRAY['a'::character varying])::text[]))",
        );
        same("n BETWEEN 1 AND 10", "((n >= 1) AND (n <= 10))");
        same("n NOT BETWEEN 1 AND 10", "((n < 1) OR (n > 10))");
        same("email LIKE '%@%'", "(email ~~ '%@%'::text)");
        same("email ILIKE '%@%'", "(email ~~* '%@%'::text)");
        same("length(name) > 0", "(length((name)::text) > 0)");
        same("\"Status\" = 'x'", "(\"Status\" = 'x'::text)");
        same(
            "email SIMILAR TO '%@%'",
            "(email ~ similar_to_escape('%@%'::text))",
        );
        same(
            "email NOT SIMILAR TO '%@%'",
            "(email !~ similar_to_escape('%@%'::text))",
        );
    }

    #[test]
    fn defaults_as_the_catalog_prints_them() {
        same("'draft'", "'draft'::character varying");
        same("-1", "'-1'::integer");
        same("now()", "CURRENT_TIMESTAMP");
        same("CURRENT_TIMESTAMP", "now()");
        same("'2024-01-01'", "'2024-01-01'::date");
        same("DATE '2024-01-01'", "'2024-01-01'::date");
        same("interval '1 day'", "'1 day'::interval");
        same("'{}'", "'{}'::jsonb");
        same("'a' || 'b'", "('a'::text || 'b'::text)");
        same("nextval('x_id_seq')", "nextval('x_id_seq'::regclass)");
        same("TRUE", "true");
        same("1.50", "1.5");
        same("1e10", "'10000000000'::numeric");
        same("-0.50", "'-0.5'::numeric");
        assert_ne!(expr("1.5"), expr("15"));
    }

    #[test]
    fn grouping_still_matters() {
        assert_ne!(expr("(a + b) * c"), expr("a + b * c"));
        assert_ne!(expr("a > 1"), expr("a > 2"));
    }

    #[test]
    fn views_as_the_catalog_prints_them() {
        let parsed = "SELECT id, lower(email), status FROM users WHERE status = 'pub' AND n > 1";
        let catalog = " SELECT users.id,\n    lower(users.email) AS lower,\n    users.status\n   FROM users\n  WHERE users.status::text = 'pub'::text AND users.n > 1;";
        assert_eq!(view(parsed, &[]), view(catalog, &[]));
        let parsed = "SELECT t.id, u.id AS uid FROM t INNER JOIN t AS u ON u.id = t.id LEFT OUTER JOIN t w ON w.id = u.id";
        let catalog = " SELECT t.id,\n    u.id AS uid\n   FROM ((t\n     JOIN t u ON ((u.id = t.id)))\n     LEFT JOIN t w ON ((w.id = u.id)));";
        assert_eq!(view(parsed, &[]), view(catalog, &[]));
        assert_eq!(
            view(parsed, &[]),
            "SELECT id, id AS uid FROM t JOIN t u ON id = id LEFT JOIN t w ON id = id"
        );
        assert_eq!(
            view("SELECT id, email FROM users", &["a".into(), "b".into()]),
            view("SELECT users.id AS a, users.email AS b FROM users", &[])
        );
        assert!(view_has_wildcard("SELECT * FROM users"));
        assert_eq!(
            view_as_wildcard("SELECT users.id, users.email FROM users WHERE users.id > 1"),
            view_as_wildcard("SELECT * FROM users WHERE id > 1")
        );
    }
}
