//! Quoting of identifiers and literals for generated PostgreSQL.
//!
//! Identifiers are quoted only when they need it (anything but lower-case letters, digits and
//! `_` not starting with a digit, or a reserved word), so generated SQL reads like hand-written
//! SQL while staying correct for every name.

/// PostgreSQL's reserved key words plus the "type/function name" ones, which cannot be used as
/// a column or table name without quotes (from the key word appendix of the manual).
const RESERVED: &[&str] = &[
    "all",
    "analyse",
    "analyze",
    "and",
    "any",
    "array",
    "as",
    "asc",
    "asymmetric",
    "authorization",
    "binary",
    "both",
    "case",
    "cast",
    "check",
    "collate",
    "collation",
    "column",
    "concurrently",
    "constraint",
    "create",
    "cross",
    "current_catalog",
    "current_date",
    "current_role",
    "current_schema",
    "current_time",
    "current_timestamp",
    "current_user",
    "default",
    "deferrable",
    "desc",
    "distinct",
    "do",
    "else",
    "end",
    "except",
    "false",
    "fetch",
    "for",
    "foreign",
    "freeze",
    "from",
    "full",
    "grant",
    "group",
    "having",
    "ilike",
    "in",
    "initially",
    "inner",
    "intersect",
    "into",
    "is",
    "isnull",
    "join",
    "lateral",
    "leading",
    "left",
    "like",
    "limit",
    "localtime",
    "localtimestamp",
    "natural",
    "not",
    "notnull",
    "null",
    "offset",
    "on",
    "only",
    "or",
    "order",
    "outer",
    "overlaps",
    "placing",
    "primary",
    "references",
    "returning",
    "right",
    "select",
    "session_user",
    "similar",
    "some",
    "symmetric",
    "system_user",
    "table",
    "tablesample",
    "then",
    "to",
    "trailing",
    "true",
    "union",
    "unique",
    "user",
    "using",
    "variadic",
    "verbose",
    "when",
    "where",
    "window",
    "with",
];

/// True when `name` can be written without double quotes and still mean exactly `name`.
pub fn is_plain_ident(name: &str) -> bool {
    let mut chars = name.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    (first.is_ascii_lowercase() || first == '_')
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !RESERVED.contains(&name)
}

/// An identifier, double-quoted only when needed.
pub fn ident(name: &str) -> String {
    if is_plain_ident(name) {
        name.to_string()
    } else {
        format!("\"{}\"", name.replace('"', "\"\""))
    }
}

/// A possibly schema-qualified name.
pub fn qualified(schema: Option<&str>, name: &str) -> String {
    match schema {
        Some(s) => format!("{}.{}", ident(s), ident(name)),
        None => ident(name),
    }
}

/// A comma-separated identifier list, as in `(a, b)` (without the parentheses).
pub fn ident_list(names: &[String]) -> String {
    names
        .iter()
        .map(|n| ident(n))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A string literal: `'it''s'`. With `standard_conforming_strings` (on since 9.1) a backslash
/// needs no escaping.
pub fn literal(value: &str) -> String {
    format!("'{}'", value.replace('\'', "''"))
}

/// A dotted name as written by a user (`public.my_func`), each part quoted when needed.
pub fn dotted(name: &str) -> String {
    // Names that already carry quotes are kept verbatim: they were written that way.
    if name.contains('"') {
        return name.to_string();
    }
    name.split('.').map(ident).collect::<Vec<_>>().join(".")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_when_needed() {
        assert_eq!(ident("users"), "users");
        assert_eq!(ident("user_2"), "user_2");
        assert_eq!(ident("User"), "\"User\"");
        assert_eq!(ident("order"), "\"order\"");
        assert_eq!(ident("2fa"), "\"2fa\"");
        assert_eq!(ident("a\"b"), "\"a\"\"b\"");
        assert_eq!(ident("my col"), "\"my col\"");
        assert_eq!(qualified(Some("audit"), "Log"), "audit.\"Log\"");
    }

    #[test]
    fn literals_double_quotes() {
        assert_eq!(literal("it's"), "'it''s'");
        assert_eq!(literal("a\\b"), "'a\\b'");
    }
}
