//! Small constructors and rules for the types expressions produce.

use flash_schema::{Provider, TypeKind};
use sqlparser::ast::{BinaryOperator, DataType};

pub(crate) fn text() -> TypeKind {
    TypeKind::String {
        len: None,
        fixed: false,
    }
}
pub(crate) fn int(bits: u8) -> TypeKind {
    TypeKind::Int {
        bits,
        unsigned: false,
    }
}
pub(crate) fn float(bits: u8) -> TypeKind {
    TypeKind::Float { bits }
}
pub(crate) fn decimal() -> TypeKind {
    TypeKind::Decimal {
        precision: None,
        scale: None,
    }
}
pub(crate) fn bytes() -> TypeKind {
    TypeKind::Bytes {
        len: None,
        fixed: false,
    }
}
pub(crate) fn json(binary: bool) -> TypeKind {
    TypeKind::Json { binary }
}
pub(crate) fn timestamp(tz: bool) -> TypeKind {
    TypeKind::Timestamp { tz }
}

/// The integer type `COUNT(*)`, `row_number()` and friends return.
pub(crate) fn count() -> TypeKind {
    int(64)
}

/// The type of a numeric literal: PostgreSQL gives `integer` when it fits, else `bigint`, and
/// `numeric` with a point or exponent; MySQL gives `DECIMAL` for a point; SQLite has REAL.
pub(crate) fn number_literal(text: &str, provider: Provider) -> TypeKind {
    let is_int = text.bytes().all(|b| b.is_ascii_digit());
    if is_int {
        match provider {
            Provider::Postgresql if text.parse::<i32>().is_ok() => int(32),
            _ => int(64),
        }
    } else {
        match provider {
            Provider::Sqlite => float(64),
            _ if text.contains(['e', 'E']) => float(64),
            _ => decimal(),
        }
    }
}

fn rank(ty: &TypeKind) -> u8 {
    match ty {
        TypeKind::Int { .. } | TypeKind::Bool => 1,
        TypeKind::Decimal { .. } => 2,
        TypeKind::Float { .. } => 3,
        _ => 0,
    }
}

/// The result of `a op b` for arithmetic operators, by the usual promotion (integers widen,
/// decimals beat integers, floats beat both) and date arithmetic.
pub(crate) fn arithmetic(
    op: &BinaryOperator,
    a: Option<&TypeKind>,
    b: Option<&TypeKind>,
    provider: Provider,
) -> Option<TypeKind> {
    use TypeKind as K;
    let (a, b) = match (a, b) {
        (Some(a), Some(b)) => (a, b),
        (Some(x), None) | (None, Some(x)) => return Some(x.clone()),
        (None, None) => return None,
    };
    match (a, b) {
        (K::Timestamp { .. } | K::Date, K::Timestamp { .. } | K::Date)
            if *op == BinaryOperator::Minus =>
        {
            if matches!((a, b), (K::Date, K::Date)) {
                Some(int(32))
            } else {
                Some(K::Interval)
            }
        }
        (K::Date, K::Interval) | (K::Interval, K::Date) => Some(timestamp(false)),
        (t @ (K::Timestamp { .. } | K::Time { .. }), K::Interval)
        | (K::Interval, t @ (K::Timestamp { .. } | K::Time { .. })) => Some(t.clone()),
        (K::Date, K::Int { .. }) => Some(K::Date),
        (K::Interval, K::Interval) => Some(K::Interval),
        (K::Interval, _) | (_, K::Interval) => Some(K::Interval),
        _ => {
            let (ra, rb) = (rank(a), rank(b));
            if ra == 0 || rb == 0 {
                return Some(if ra == 0 { a.clone() } else { b.clone() });
            }
            let top = ra.max(rb);
            // MySQL's `/` on exact numbers gives DECIMAL.
            if *op == BinaryOperator::Divide && provider == Provider::Mysql && top < 3 {
                return Some(decimal());
            }
            Some(match top {
                1 => {
                    let bits = |t: &TypeKind| match t {
                        K::Int { bits, .. } => *bits,
                        _ => 32,
                    };
                    let unsigned = |t: &TypeKind| matches!(t, K::Int { unsigned: true, .. });
                    K::Int {
                        bits: bits(a)
                            .max(bits(b))
                            .max(if provider == Provider::Postgresql {
                                16
                            } else {
                                64
                            }),
                        unsigned: unsigned(a) && unsigned(b),
                    }
                }
                2 => decimal(),
                _ => float(64),
            })
        }
    }
}

/// PostgreSQL's name for a cast's column when nothing better exists (`int4`, `text`).
pub(crate) fn type_name(dt: &DataType) -> String {
    dt.to_string()
        .split(['(', ' ', '['])
        .next()
        .unwrap_or("")
        .to_lowercase()
}

/// `id` -> `ids`, `category` -> `categories`: the name of a list of such values.
pub(crate) fn plural(name: &str) -> String {
    if let Some(stem) = name.strip_suffix('y') {
        if !stem.ends_with(['a', 'e', 'i', 'o', 'u']) {
            return format!("{stem}ies");
        }
    }
    if name.ends_with('s') || name.ends_with('x') {
        return format!("{name}es");
    }
    format!("{name}s")
}
