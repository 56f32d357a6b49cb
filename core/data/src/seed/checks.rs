//! CHECK constraints read into rules the generator can follow: `x > 0`, `x BETWEEN a AND b`,
//! `x IN (...)` (PostgreSQL's `x = ANY (ARRAY[...])`), `length(x) <= n`, `x <> ''` and
//! `a <= b` between two columns, joined by AND. The expression is parsed with sqlparser in
//! the table's dialect; a check with any other part is kept as not understood, so the report
//! can name it when the database rejects a row.

use flash_schema::{Provider, Table};
use sqlparser::ast::{
    BinaryOperator, Expr, FunctionArg, FunctionArgExpr, FunctionArguments, UnaryOperator, Value,
};
use sqlparser::dialect::{Dialect, MySqlDialect, PostgreSqlDialect, SQLiteDialect};
use sqlparser::parser::Parser;

/// One condition on a row.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Rule {
    /// A number within bounds; `*_strict` excludes the bound itself.
    Range {
        col: String,
        min: Option<f64>,
        min_strict: bool,
        max: Option<f64>,
        max_strict: bool,
    },
    /// One of these values (as text).
    OneOf { col: String, values: Vec<String> },
    /// A text length within bounds (characters).
    Length {
        col: String,
        min: Option<usize>,
        max: Option<usize>,
    },
    /// `a <= b` (`a < b` when strict): two columns in order.
    Order { a: String, b: String, strict: bool },
    /// `x IS NOT NULL`.
    NotNull { col: String },
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let op = |strict: bool, lt: bool| match (strict, lt) {
            (true, true) => "<",
            (false, true) => "<=",
            (true, false) => ">",
            (false, false) => ">=",
        };
        match self {
            Rule::Range {
                col,
                min,
                min_strict,
                max,
                max_strict,
            } => {
                let mut parts = Vec::new();
                if let Some(m) = min {
                    parts.push(format!("{col} {} {m}", op(*min_strict, false)));
                }
                if let Some(m) = max {
                    parts.push(format!("{col} {} {m}", op(*max_strict, true)));
                }
                write!(f, "{}", parts.join(" AND "))
            }
            Rule::OneOf { col, values } => write!(f, "{col} IN ({})", values.join(", ")),
            Rule::Length { col, min, max } => {
                let mut parts = Vec::new();
                if let Some(m) = min {
                    parts.push(format!("length({col}) >= {m}"));
                }
                if let Some(m) = max {
                    parts.push(format!("length({col}) <= {m}"));
                }
                write!(f, "{}", parts.join(" AND "))
            }
            Rule::Order { a, b, strict } => write!(f, "{a} {} {b}", op(*strict, true)),
            Rule::NotNull { col } => write!(f, "{col} IS NOT NULL"),
        }
    }
}

impl Rule {
    /// The column the rule limits on its own (not for `Order`).
    pub(crate) fn column(&self) -> Option<&str> {
        match self {
            Rule::Range { col, .. }
            | Rule::OneOf { col, .. }
            | Rule::Length { col, .. }
            | Rule::NotNull { col } => Some(col),
            Rule::Order { .. } => None,
        }
    }
}

/// The rules of a table's checks, and the checks not understood (`name: expr`).
#[derive(Debug, Clone, Default)]
pub(crate) struct TableRules {
    pub rules: Vec<Rule>,
    pub unknown: Vec<String>,
}

impl TableRules {
    /// The rules on column `col` alone.
    pub(crate) fn on<'a>(&'a self, col: &'a str) -> impl Iterator<Item = &'a Rule> + 'a {
        self.rules.iter().filter(move |r| r.column() == Some(col))
    }
}

/// Reads the checks of `table`.
pub(crate) fn table_rules(table: &Table, provider: Provider) -> TableRules {
    let mut out = TableRules::default();
    for check in &table.checks {
        match parse(&check.expr, provider) {
            Some(rules) => out.rules.extend(rules),
            None => out.unknown.push(format!("{}: {}", check.name, check.expr)),
        }
    }
    out
}

fn dialect(provider: Provider) -> Box<dyn Dialect> {
    match provider {
        Provider::Postgresql => Box::new(PostgreSqlDialect {}),
        Provider::Mysql => Box::new(MySqlDialect {}),
        _ => Box::new(SQLiteDialect {}),
    }
}

/// The rules of one check expression, or None when any part of it is not understood.
pub(crate) fn parse(expr: &str, provider: Provider) -> Option<Vec<Rule>> {
    let d = dialect(provider);
    // Catalogs may keep the `CHECK (...)` wrapper; the rules are inside it.
    let text = expr.trim();
    let text = text
        .strip_prefix("CHECK")
        .or_else(|| text.strip_prefix("check"))
        .unwrap_or(text);
    let parsed = Parser::new(d.as_ref())
        .try_with_sql(text)
        .and_then(|mut p| p.parse_expr())
        .ok()?;
    let mut rules = Vec::new();
    conjuncts(&parsed, &mut rules).then_some(rules)
}

fn conjuncts(e: &Expr, out: &mut Vec<Rule>) -> bool {
    match strip(e) {
        Expr::BinaryOp {
            left,
            op: BinaryOperator::And,
            right,
        } => conjuncts(left, out) && conjuncts(right, out),
        other => match rule(other) {
            Some(r) => {
                out.extend(r);
                true
            }
            None => false,
        },
    }
}

/// Parentheses and casts (`(0)::numeric`, `(status)::text`) say nothing about the bounds.
fn strip(e: &Expr) -> &Expr {
    match e {
        Expr::Nested(inner) => strip(inner),
        Expr::Cast { expr, .. } => strip(expr),
        other => other,
    }
}

fn column(e: &Expr) -> Option<String> {
    match strip(e) {
        Expr::Identifier(i) => Some(i.value.clone()),
        Expr::CompoundIdentifier(parts) => parts.last().map(|i| i.value.clone()),
        _ => None,
    }
}

fn number(e: &Expr) -> Option<f64> {
    match strip(e) {
        Expr::Value(v) => match &v.value {
            Value::Number(n, _) => n.parse().ok(),
            Value::SingleQuotedString(s) => s.parse().ok(),
            _ => None,
        },
        Expr::UnaryOp {
            op: UnaryOperator::Minus,
            expr,
        } => number(expr).map(|n| -n),
        Expr::UnaryOp {
            op: UnaryOperator::Plus,
            expr,
        } => number(expr),
        _ => None,
    }
}

fn literal(e: &Expr) -> Option<String> {
    match strip(e) {
        Expr::Value(v) => match &v.value {
            Value::SingleQuotedString(s) | Value::DoubleQuotedString(s) => Some(s.clone()),
            Value::Number(n, _) => Some(n.clone()),
            _ => None,
        },
        other => number(other).map(|n| n.to_string()),
    }
}

/// `length(x)`, `char_length(x)`, `character_length(x)`, `char_length(trim(x))`...: x.
fn length_of(e: &Expr) -> Option<String> {
    let Expr::Function(f) = strip(e) else {
        return None;
    };
    let name = f.name.to_string().to_ascii_lowercase();
    if !matches!(
        name.as_str(),
        "length" | "char_length" | "character_length" | "len"
    ) {
        return None;
    }
    let FunctionArguments::List(list) = &f.args else {
        return None;
    };
    match list.args.as_slice() {
        [FunctionArg::Unnamed(FunctionArgExpr::Expr(arg))] => column(arg),
        _ => None,
    }
}

fn flip(op: &BinaryOperator) -> Option<BinaryOperator> {
    Some(match op {
        BinaryOperator::Gt => BinaryOperator::Lt,
        BinaryOperator::GtEq => BinaryOperator::LtEq,
        BinaryOperator::Lt => BinaryOperator::Gt,
        BinaryOperator::LtEq => BinaryOperator::GtEq,
        BinaryOperator::Eq => BinaryOperator::Eq,
        BinaryOperator::NotEq => BinaryOperator::NotEq,
        _ => return None,
    })
}

fn range(col: String, op: &BinaryOperator, n: f64) -> Option<Rule> {
    let (min, min_strict, max, max_strict) = match op {
        BinaryOperator::Gt => (Some(n), true, None, false),
        BinaryOperator::GtEq => (Some(n), false, None, false),
        BinaryOperator::Lt => (None, false, Some(n), true),
        BinaryOperator::LtEq => (None, false, Some(n), false),
        BinaryOperator::Eq => (Some(n), false, Some(n), false),
        _ => return None,
    };
    Some(Rule::Range {
        col,
        min,
        min_strict,
        max,
        max_strict,
    })
}

fn length(col: String, op: &BinaryOperator, n: f64) -> Option<Rule> {
    if n < 0.0 {
        return None;
    }
    let n = n as usize;
    let (min, max) = match op {
        BinaryOperator::Gt => (Some(n + 1), None),
        BinaryOperator::GtEq => (Some(n), None),
        BinaryOperator::Lt => (None, Some(n.saturating_sub(1))),
        BinaryOperator::LtEq => (None, Some(n)),
        BinaryOperator::Eq => (Some(n), Some(n)),
        _ => return None,
    };
    Some(Rule::Length { col, min, max })
}

fn rule(e: &Expr) -> Option<Vec<Rule>> {
    match e {
        Expr::BinaryOp { left, op, right } => {
            // Put the column (or its length) on the left.
            let (l, op, r) = if column(left).is_some() || length_of(left).is_some() {
                (left.as_ref(), op.clone(), right.as_ref())
            } else {
                (right.as_ref(), flip(op)?, left.as_ref())
            };
            if let Some(col) = length_of(l) {
                return length(col, &op, number(r)?).map(|r| vec![r]);
            }
            let col = column(l)?;
            if let Some(n) = number(r) {
                return range(col, &op, n).map(|r| vec![r]);
            }
            if let Some(other) = column(r) {
                return match op {
                    BinaryOperator::LtEq => Some(vec![Rule::Order {
                        a: col,
                        b: other,
                        strict: false,
                    }]),
                    BinaryOperator::Lt => Some(vec![Rule::Order {
                        a: col,
                        b: other,
                        strict: true,
                    }]),
                    BinaryOperator::GtEq => Some(vec![Rule::Order {
                        a: other,
                        b: col,
                        strict: false,
                    }]),
                    BinaryOperator::Gt => Some(vec![Rule::Order {
                        a: other,
                        b: col,
                        strict: true,
                    }]),
                    _ => None,
                };
            }
            let s = literal(r)?;
            match op {
                BinaryOperator::Eq => Some(vec![Rule::OneOf {
                    col,
                    values: vec![s],
                }]),
                // `x <> ''`: any non-empty text.
                BinaryOperator::NotEq if s.is_empty() => Some(vec![Rule::Length {
                    col,
                    min: Some(1),
                    max: None,
                }]),
                _ => None,
            }
        }
        Expr::Between {
            expr,
            negated: false,
            low,
            high,
        } => {
            if let Some(col) = length_of(expr) {
                let (lo, hi) = (number(low)?, number(high)?);
                if lo < 0.0 || hi < 0.0 {
                    return None;
                }
                return Some(vec![Rule::Length {
                    col,
                    min: Some(lo as usize),
                    max: Some(hi as usize),
                }]);
            }
            Some(vec![Rule::Range {
                col: column(expr)?,
                min: Some(number(low)?),
                min_strict: false,
                max: Some(number(high)?),
                max_strict: false,
            }])
        }
        Expr::InList {
            expr,
            list,
            negated: false,
        } => Some(vec![Rule::OneOf {
            col: column(expr)?,
            values: list.iter().map(literal).collect::<Option<Vec<_>>>()?,
        }]),
        Expr::AnyOp {
            left,
            compare_op: BinaryOperator::Eq,
            right,
            ..
        } => {
            let Expr::Array(a) = strip(right) else {
                return None;
            };
            Some(vec![Rule::OneOf {
                col: column(left)?,
                values: a.elem.iter().map(literal).collect::<Option<Vec<_>>>()?,
            }])
        }
        Expr::IsNotNull(inner) => Some(vec![Rule::NotNull {
            col: column(inner)?,
        }]),
        // MySQL's `json_valid(x)` on JSON columns (MariaDB adds it): our JSON is valid.
        Expr::Function(f) if f.name.to_string().eq_ignore_ascii_case("json_valid") => {
            Some(Vec::new())
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(expr: &str, p: Provider) -> Vec<Rule> {
        parse(expr, p).unwrap_or_else(|| panic!("not understood: {expr}"))
    }

    #[test]
    fn catalog_forms_of_each_database() {
        let pg = one(
            "((price > (0)::numeric) AND (price <= (1000)::numeric))",
            Provider::Postgresql,
        );
        assert_eq!(pg.len(), 2);
        assert!(
            matches!(&pg[0], Rule::Range { col, min: Some(m), min_strict: true, .. } if col == "price" && *m == 0.0)
        );
        let any = one(
            "((status)::text = ANY ((ARRAY['draft'::character varying, 'live'::character varying])::text[]))",
            Provider::Postgresql,
        );
        assert_eq!(
            any,
            vec![Rule::OneOf {
                col: "status".into(),
                values: vec!["draft".into(), "live".into()]
            }]
        );
        let my = one("(`qty` between 1 and 10)", Provider::Mysql);
        assert!(
            matches!(&my[0], Rule::Range { min: Some(a), max: Some(b), .. } if *a == 1.0 && *b == 10.0)
        );
        let order = one("starts_on <= ends_on", Provider::Sqlite);
        assert_eq!(
            order,
            vec![Rule::Order {
                a: "starts_on".into(),
                b: "ends_on".into(),
                strict: false
            }]
        );
        let len = one("length(code) <= 8 AND code <> ''", Provider::Sqlite);
        assert_eq!(len.len(), 2);
        assert!(matches!(&len[0], Rule::Length { max: Some(8), .. }));
        assert!(matches!(&len[1], Rule::Length { min: Some(1), .. }));
        let flipped = one("0 < price", Provider::Sqlite);
        assert!(
            matches!(&flipped[0], Rule::Range { min: Some(m), min_strict: true, .. } if *m == 0.0)
        );
    }

    #[test]
    fn anything_else_is_not_understood() {
        assert!(parse("price > 0 OR price IS NULL", Provider::Sqlite).is_none());
        assert!(parse("lower(email) = email", Provider::Sqlite).is_none());
        assert!(parse("price > cost * 2", Provider::Sqlite).is_none());
    }
}
