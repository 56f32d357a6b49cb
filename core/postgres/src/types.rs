//! PostgreSQL type names: canonical spelling, meaning ([`TypeKind`]), casts and narrowing.
//!
//! Parsed schemas use short canonical spellings (`varchar(255)`, `timestamptz`, `integer[]`);
//! the catalog's `format_type` spells the same types `character varying(255)`,
//! `timestamp with time zone`, ... [`canonical`] maps every spelling to the short one, so
//! type comparison is a string comparison of canonical forms.

use flash_schema::{ColumnType, TypeKind};

/// The canonical spelling of a PostgreSQL type: lower-case short names (`integer`, `bigint`,
/// `numeric(10,2)`, `varchar(20)`, `char(1)`, `timestamptz(3)`, `double precision`), array
/// dimensions as `[]`, no `public.`/`pg_catalog.` qualifier. Quoted (user) type names keep
/// their case and lose the quotes.
pub fn canonical(raw: &str) -> String {
    let mut base = raw.trim();
    let mut dims = 0;
    loop {
        let t = base.trim_end();
        if let Some(rest) = t.strip_suffix(']') {
            // `[]` or `[10]`: the size of an array dimension is not enforced by PostgreSQL.
            if let Some(open) = rest.rfind('[') {
                base = &rest[..open];
                dims += 1;
                continue;
            }
        }
        if t.len() > 6 && t[t.len() - 6..].eq_ignore_ascii_case(" array") {
            base = &t[..t.len() - 6];
            dims += 1;
            continue;
        }
        base = t;
        break;
    }
    let mut out = canonical_base(base);
    for _ in 0..dims {
        out.push_str("[]");
    }
    out
}

/// The canonical spelling of a non-array type.
fn canonical_base(base: &str) -> String {
    if base.contains('"') {
        return unquote_type_name(base);
    }
    let lower = collapse(&base.to_ascii_lowercase());
    let lower = lower
        .strip_prefix("pg_catalog.")
        .or_else(|| lower.strip_prefix("public."))
        .unwrap_or(&lower)
        .to_string();
    // Split `name words (args) more words`.
    let (head, args, tail) = match (lower.find('('), lower.rfind(')')) {
        (Some(o), Some(c)) if c > o => (
            lower[..o].trim().to_string(),
            Some(lower[o + 1..c].replace(' ', "")),
            lower[c + 1..].trim().to_string(),
        ),
        _ => (lower.clone(), None, String::new()),
    };
    let name = if tail.is_empty() {
        head.clone()
    } else {
        format!("{head} {tail}")
    };
    let with_args = |n: &str| match &args {
        Some(a) => format!("{n}({a})"),
        None => n.to_string(),
    };
    match name.as_str() {
        "int" | "int4" | "integer" | "serial" | "serial4" => "integer".into(),
        "int8" | "bigint" | "bigserial" | "serial8" => "bigint".into(),
        "int2" | "smallint" | "smallserial" | "serial2" => "smallint".into(),
        "bool" | "boolean" => "boolean".into(),
        "float4" | "real" => "real".into(),
        "float8" | "double precision" => "double precision".into(),
        "float" => match args.as_deref().and_then(|a| a.parse::<u32>().ok()) {
            Some(p) if p <= 24 => "real".into(),
            _ => "double precision".into(),
        },
        "numeric" | "decimal" => match &args {
            // numeric(p) is numeric(p,0); the catalog prints it that way.
            Some(a) if !a.contains(',') => format!("numeric({a},0)"),
            _ => with_args("numeric"),
        },
        "varchar" | "character varying" | "char varying" => with_args("varchar"),
        "char" | "character" => match &args {
            Some(_) => with_args("char"),
            None => "char(1)".into(),
        },
        "bpchar" => with_args("char"),
        "timestamp" | "timestamp without time zone" => with_args("timestamp"),
        "timestamptz" | "timestamp with time zone" => with_args("timestamptz"),
        "time" | "time without time zone" => with_args("time"),
        "timetz" | "time with time zone" => with_args("timetz"),
        "varbit" | "bit varying" => with_args("varbit"),
        "bit" => match &args {
            Some(_) => with_args("bit"),
            None => "bit(1)".into(),
        },
        _ => match &args {
            Some(a) => format!(
                "{head}({a}){}",
                if tail.is_empty() {
                    String::new()
                } else {
                    format!(" {tail}")
                }
            ),
            None => name,
        },
    }
}

/// `public."Mood"` → `Mood`, `"char"` → `"char"` (the one-byte internal type keeps its quotes,
/// it is a different type from `char`).
fn unquote_type_name(base: &str) -> String {
    let t = base.trim();
    if t == "\"char\"" {
        return t.to_string();
    }
    let unquoted: String = t
        .replace("\"\"", "\u{0}")
        .replace('"', "")
        .replace('\u{0}', "\"");
    let stripped = unquoted
        .strip_prefix("public.")
        .or_else(|| unquoted.strip_prefix("pg_catalog."))
        .unwrap_or(&unquoted);
    stripped.to_string()
}

/// Collapses runs of white space and drops it next to parentheses and commas.
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() && !matches!(c, '(' | ')' | ',') && !out.ends_with(['(', ',']) {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

/// What a canonical type means. Enum types cannot be told from their name alone: the caller
/// (inspect, normalize) marks them.
pub fn kind(canonical: &str) -> TypeKind {
    if let Some(elem) = canonical.strip_suffix("[]") {
        return TypeKind::Array {
            element: Box::new(kind(elem)),
        };
    }
    let (name, args) = match canonical.split_once('(') {
        Some((n, rest)) => (n, rest.split(')').next().unwrap_or_default()),
        None => (canonical, ""),
    };
    let nums: Vec<u32> = args
        .split(',')
        .filter_map(|a| a.trim().parse().ok())
        .collect();
    match name {
        "smallint" => TypeKind::Int {
            bits: 16,
            unsigned: false,
        },
        "integer" => TypeKind::Int {
            bits: 32,
            unsigned: false,
        },
        "bigint" => TypeKind::Int {
            bits: 64,
            unsigned: false,
        },
        "boolean" => TypeKind::Bool,
        "real" => TypeKind::Float { bits: 32 },
        "double precision" => TypeKind::Float { bits: 64 },
        "numeric" => TypeKind::Decimal {
            precision: nums.first().copied(),
            scale: nums.get(1).copied(),
        },
        "money" => TypeKind::Decimal {
            precision: None,
            scale: Some(2),
        },
        "varchar" => TypeKind::String {
            len: nums.first().copied(),
            fixed: false,
        },
        "char" => TypeKind::String {
            len: nums.first().copied(),
            fixed: true,
        },
        "text" | "citext" | "name" => TypeKind::String {
            len: None,
            fixed: false,
        },
        "bytea" => TypeKind::Bytes {
            len: None,
            fixed: false,
        },
        "date" => TypeKind::Date,
        "time" => TypeKind::Time { tz: false },
        "timetz" => TypeKind::Time { tz: true },
        "timestamp" => TypeKind::Timestamp { tz: false },
        "timestamptz" => TypeKind::Timestamp { tz: true },
        "uuid" => TypeKind::Uuid,
        "json" => TypeKind::Json { binary: false },
        "jsonb" => TypeKind::Json { binary: true },
        n if n.starts_with("interval") => TypeKind::Interval,
        _ => TypeKind::Other {
            name: canonical.to_string(),
        },
    }
}

/// A [`ColumnType`] from any spelling: canonical raw text and its kind.
pub fn column_type(raw: &str) -> ColumnType {
    let c = canonical(raw);
    let k = kind(&c);
    ColumnType::new(c, k)
}

/// The SERIAL pseudo-type for an integer width.
pub fn serial_name(ty: &ColumnType) -> &'static str {
    match ty.kind {
        TypeKind::Int { bits: 16, .. } => "smallserial",
        TypeKind::Int { bits: 64, .. } => "bigserial",
        _ => "serial",
    }
}

/// How many decimal digits an integer of `bits` needs.
fn int_digits(bits: u8) -> u32 {
    match bits {
        8 => 3,
        16 => 5,
        24 => 8,
        32 => 10,
        _ => 19,
    }
}

fn is_number(k: &TypeKind) -> bool {
    matches!(
        k,
        TypeKind::Int { .. } | TypeKind::Float { .. } | TypeKind::Decimal { .. }
    )
}

fn is_temporal(k: &TypeKind) -> bool {
    matches!(
        k,
        TypeKind::Date | TypeKind::Time { .. } | TypeKind::Timestamp { .. }
    )
}

/// Does `ALTER COLUMN ... TYPE` need a `USING` clause, i.e. is there no assignment cast from
/// `from` to `to`? Numbers convert among themselves, anything converts to a string type, dates
/// and times convert among themselves, `json`/`jsonb` both ways.
pub fn needs_using(from: &TypeKind, to: &TypeKind) -> bool {
    match (from, to) {
        (a, b) if a == b => false,
        (_, TypeKind::String { .. }) => false,
        (a, b) if is_number(a) && is_number(b) => false,
        (a, b) if is_temporal(a) && is_temporal(b) => matches!(
            (a, b),
            // time has no cast to or from a date or a timestamp without time, except
            // timestamp → time.
            (TypeKind::Date, TypeKind::Time { .. })
                | (
                    TypeKind::Time { .. },
                    TypeKind::Date | TypeKind::Timestamp { .. }
                )
        ),
        (TypeKind::Json { .. }, TypeKind::Json { .. }) => false,
        (TypeKind::Bytes { .. }, TypeKind::Bytes { .. }) => false,
        (TypeKind::Array { element: a }, TypeKind::Array { element: b }) => needs_using(a, b),
        _ => true,
    }
}

/// Why changing a column from `from` to `to` may fail on existing rows or lose data, or None
/// for a safe widening (int → bigint, varchar(n) → varchar(m ≥ n) or text, numeric with room,
/// real → double precision, anything → text, timestamp ↔ timestamptz, json ↔ jsonb).
pub fn narrowing(from: &ColumnType, to: &ColumnType) -> Option<String> {
    let (a, b) = (canonical(&from.raw), canonical(&to.raw));
    if a.eq_ignore_ascii_case(&b) {
        return None;
    }
    let (fk, tk) = (kind(&a), kind(&b));
    // Enum types are not recognisable from their names; trust the given kinds for them.
    let fk = if matches!(from.kind, TypeKind::Enum { .. }) {
        from.kind.clone()
    } else {
        fk
    };
    let tk = if matches!(to.kind, TypeKind::Enum { .. }) {
        to.kind.clone()
    } else {
        tk
    };
    if kind_narrowing(&fk, &tk) {
        Some(format!(
            "changes type from {a} to {b}, which may fail or lose data on existing rows"
        ))
    } else {
        None
    }
}

fn kind_narrowing(from: &TypeKind, to: &TypeKind) -> bool {
    use TypeKind as K;
    match (from, to) {
        (a, b) if a == b => false,
        (K::Int { bits: a, .. }, K::Int { bits: b, .. }) => b < a,
        (K::Int { bits, .. }, K::Decimal { precision, scale }) => match precision {
            None => false,
            Some(p) => p.saturating_sub(scale.unwrap_or(0)) < int_digits(*bits),
        },
        (K::Int { bits, .. }, K::Float { bits: f }) => match f {
            32 => *bits > 16,
            _ => *bits > 32,
        },
        (K::Float { bits: a }, K::Float { bits: b }) => b < a,
        (
            K::Decimal {
                precision: p1,
                scale: s1,
            },
            K::Decimal {
                precision: p2,
                scale: s2,
            },
        ) => match (p1, p2) {
            (_, None) => false,
            (None, Some(_)) => true,
            (Some(p1), Some(p2)) => {
                let (s1, s2) = (s1.unwrap_or(0), s2.unwrap_or(0));
                s2 < s1 || p2.saturating_sub(s2) < p1.saturating_sub(s1)
            }
        },
        (K::String { len: l1, fixed: f1 }, K::String { len: l2, fixed: f2 }) => match (l1, l2) {
            (_, None) => *f2,
            (None, Some(_)) => true,
            // varchar → char pads, char → varchar trims trailing blanks: values change.
            (Some(a), Some(b)) => b < a || f1 != f2,
        },
        // Any value has a text form; a bounded string may be too short for it.
        (_, K::String { len, .. }) => len.is_some(),
        (K::Bool, K::Int { .. }) => false,
        (K::Date, K::Timestamp { .. }) => false,
        (K::Timestamp { .. }, K::Timestamp { .. }) => false,
        (K::Time { .. }, K::Time { .. }) => false,
        (K::Json { .. }, K::Json { .. }) => false,
        (K::Bytes { len: _, .. }, K::Bytes { len: None, .. }) => false,
        (K::Array { element: a }, K::Array { element: b }) => kind_narrowing(a, b),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_spellings() {
        let cases = [
            ("character varying(255)", "varchar(255)"),
            ("VARCHAR( 20 )", "varchar(20)"),
            ("int4", "integer"),
            ("INT", "integer"),
            ("serial", "integer"),
            ("bigserial", "bigint"),
            ("timestamp without time zone", "timestamp"),
            ("timestamp(3) with time zone", "timestamptz(3)"),
            ("TIMESTAMPTZ", "timestamptz"),
            ("time with time zone", "timetz"),
            ("numeric(10, 2)", "numeric(10,2)"),
            ("decimal(10)", "numeric(10,0)"),
            ("numeric", "numeric"),
            ("character(5)", "char(5)"),
            ("char", "char(1)"),
            ("bpchar", "char"),
            ("float8", "double precision"),
            ("float", "double precision"),
            ("float(10)", "real"),
            ("integer[]", "integer[]"),
            ("int[][]", "integer[][]"),
            ("character varying(20)[]", "varchar(20)[]"),
            ("text ARRAY", "text[]"),
            ("public.mood", "mood"),
            ("\"Mood\"", "Mood"),
            ("public.\"Mood\"[]", "Mood[]"),
            ("\"char\"", "\"char\""),
            ("interval day to second", "interval day to second"),
            ("bit varying(8)", "varbit(8)"),
            ("jsonb", "jsonb"),
        ];
        for (raw, want) in cases {
            assert_eq!(canonical(raw), want, "canonical({raw})");
        }
    }

    #[test]
    fn kinds() {
        assert_eq!(
            kind("numeric(10,2)"),
            TypeKind::Decimal {
                precision: Some(10),
                scale: Some(2)
            }
        );
        assert_eq!(
            kind("varchar(20)"),
            TypeKind::String {
                len: Some(20),
                fixed: false
            }
        );
        assert_eq!(
            kind("integer[]"),
            TypeKind::Array {
                element: Box::new(TypeKind::Int {
                    bits: 32,
                    unsigned: false
                })
            }
        );
        assert_eq!(kind("timestamptz(3)"), TypeKind::Timestamp { tz: true });
        assert_eq!(
            kind("inet"),
            TypeKind::Other {
                name: "inet".into()
            }
        );
    }

    #[test]
    fn narrowing_rules() {
        let n = |a: &str, b: &str| narrowing(&column_type(a), &column_type(b)).is_some();
        assert!(!n("integer", "bigint"));
        assert!(n("bigint", "integer"));
        assert!(!n("varchar(50)", "varchar(255)"));
        assert!(!n("varchar(50)", "text"));
        assert!(n("varchar(255)", "varchar(50)"));
        assert!(n("text", "varchar(50)"));
        assert!(!n("numeric(10,2)", "numeric(12,2)"));
        assert!(n("numeric(10,2)", "numeric(8,2)"));
        assert!(n("numeric(10,2)", "numeric(10,1)"));
        assert!(n("numeric", "numeric(10,2)"));
        assert!(!n("integer", "numeric(12,2)"));
        assert!(n("text", "integer"));
        assert!(!n("integer", "text"));
        assert!(n("integer", "boolean"));
        assert!(!n("real", "double precision"));
        assert!(!n("timestamp", "timestamptz"));
        assert!(n("timestamp", "date"));
        assert!(!n("json", "jsonb"));
        assert!(n("integer[]", "smallint[]"));
    }

    #[test]
    fn using_needed() {
        let u = |a: &str, b: &str| needs_using(&kind(&canonical(a)), &kind(&canonical(b)));
        assert!(!u("integer", "bigint"));
        assert!(!u("bigint", "integer"));
        assert!(!u("varchar(10)", "text"));
        assert!(!u("integer", "text"));
        assert!(u("text", "integer"));
        assert!(u("integer", "boolean"));
        assert!(u("text", "uuid"));
        assert!(!u("timestamp", "timestamptz"));
        assert!(!u("json", "jsonb"));
    }
}
