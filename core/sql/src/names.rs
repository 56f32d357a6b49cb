//! Identifier folding and the names flash makes up for unnamed indexes and constraints.

use flash_schema::Provider;
use sqlparser::ast::{Ident, ObjectName, ObjectNamePart};

/// The longest identifier a provider keeps, in bytes (PostgreSQL truncates to 63, MySQL
/// refuses more than 64; SQLite has no limit).
pub fn max_identifier_len(provider: Provider) -> Option<usize> {
    match provider {
        Provider::Postgresql => Some(63),
        Provider::Mysql => Some(64),
        Provider::Sqlite | Provider::Mongodb => None,
    }
}

/// An identifier as the database stores it: PostgreSQL folds unquoted names to lower case
/// (and truncates them to 63 bytes); MySQL and SQLite keep them as written. Quotes are
/// already stripped by the tokenizer.
pub fn fold_ident(ident: &Ident, provider: Provider) -> String {
    let value = if ident.quote_style.is_none() && provider == Provider::Postgresql {
        ident.value.to_lowercase()
    } else {
        ident.value.clone()
    };
    match provider {
        Provider::Postgresql => truncate(&value, 63).to_string(),
        _ => value,
    }
}

/// The identifiers of an object name, folded.
pub fn fold_parts(name: &ObjectName, provider: Provider) -> Vec<String> {
    name.0
        .iter()
        .map(|part| match part {
            ObjectNamePart::Identifier(ident) => fold_ident(ident, provider),
            other => other.to_string(),
        })
        .collect()
}

/// True when two folded identifiers name the same thing: exact in PostgreSQL, ASCII
/// case-insensitive in MySQL (columns) and SQLite.
pub fn same_name(a: &str, b: &str, provider: Provider) -> bool {
    match provider {
        Provider::Postgresql | Provider::Mongodb => a == b,
        Provider::Mysql | Provider::Sqlite => a.eq_ignore_ascii_case(b),
    }
}

/// The default schema of a provider, which is left out of names: `public` (PostgreSQL) and
/// `main` (SQLite).
fn is_default_schema(schema: &str, provider: Provider) -> bool {
    match provider {
        Provider::Postgresql => schema == "public",
        Provider::Sqlite => schema.eq_ignore_ascii_case("main"),
        Provider::Mysql | Provider::Mongodb => false,
    }
}

/// `(schema, name)` of a possibly qualified object name; the default schema becomes None.
pub fn split_qualified(name: &ObjectName, provider: Provider) -> (Option<String>, String) {
    qualified_from_parts(fold_parts(name, provider), provider)
}

/// `(schema, name)` from already folded name parts.
pub fn qualified_from_parts(
    mut parts: Vec<String>,
    provider: Provider,
) -> (Option<String>, String) {
    let name = parts.pop().unwrap_or_default();
    let schema = parts.pop().filter(|s| !is_default_schema(s, provider));
    (schema, name)
}

/// Cuts `s` to at most `max` bytes, on a character boundary.
pub fn truncate(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// PostgreSQL's `makeObjectName`: `{name1}_{name2}_{label}`, shortening name1 and name2
/// (the longer first) so that the whole fits in the provider's identifier length.
pub fn make_object_name(
    name1: &str,
    name2: Option<&str>,
    label: &str,
    provider: Provider,
) -> String {
    let Some(max) = max_identifier_len(provider) else {
        return join_name(name1, name2, label);
    };
    let mut overhead = label.len() + 1;
    if name2.is_some() {
        overhead += 1;
    }
    let avail = max.saturating_sub(overhead);
    let mut n1 = name1.len();
    let mut n2 = name2.map_or(0, str::len);
    while n1 + n2 > avail {
        if n1 > n2 {
            n1 -= 1;
        } else {
            n2 -= 1;
        }
    }
    let a = truncate(name1, n1);
    let b = name2.map(|n| truncate(n, n2));
    join_name(a, b, label)
}

fn join_name(name1: &str, name2: Option<&str>, label: &str) -> String {
    match name2 {
        Some(n2) => format!("{name1}_{n2}_{label}"),
        None => format!("{name1}_{label}"),
    }
}

/// The kinds of names flash makes up, with PostgreSQL's suffixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AutoName {
    /// `{table}_pkey`
    PrimaryKey,
    /// `{table}_{cols}_key`
    Unique,
    /// `{table}_{cols}_idx`
    Index,
    /// `{table}_{cols}_fkey`
    ForeignKey,
    /// `{table}_{col}_check` or `{table}_check`
    Check,
}

impl AutoName {
    fn label(self) -> &'static str {
        match self {
            AutoName::PrimaryKey => "pkey",
            AutoName::Unique => "key",
            AutoName::Index => "idx",
            AutoName::ForeignKey => "fkey",
            AutoName::Check => "check",
        }
    }
}

/// A made-up name in PostgreSQL style for an unnamed element of `table` over `columns`
/// (column names or, for expressions, the function name or `expr`), made unique against
/// `taken` by appending 1, 2, ... as PostgreSQL does.
pub fn auto_name(
    table: &str,
    columns: &[String],
    kind: AutoName,
    provider: Provider,
    taken: &dyn Fn(&str) -> bool,
) -> String {
    let joined = columns.join("_");
    let name2 = match kind {
        AutoName::PrimaryKey => None,
        _ if joined.is_empty() => None,
        _ => Some(joined.as_str()),
    };
    let label = kind.label();
    let mut candidate = make_object_name(table, name2, label, provider);
    let mut n = 1;
    while taken(&candidate) {
        let numbered = format!("{label}{n}");
        candidate = make_object_name(table, name2, &numbered, provider);
        n += 1;
    }
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding() {
        let unquoted = Ident::new("Users");
        let quoted = Ident::with_quote('"', "Users");
        assert_eq!(fold_ident(&unquoted, Provider::Postgresql), "users");
        assert_eq!(fold_ident(&quoted, Provider::Postgresql), "Users");
        assert_eq!(fold_ident(&unquoted, Provider::Mysql), "Users");
        assert_eq!(fold_ident(&unquoted, Provider::Sqlite), "Users");
    }

    #[test]
    fn postgres_style_names() {
        let none = |_: &str| false;
        let cols = vec!["a".to_string(), "b".to_string()];
        assert_eq!(
            auto_name("t", &cols, AutoName::Index, Provider::Postgresql, &none),
            "t_a_b_idx"
        );
        assert_eq!(
            auto_name(
                "t",
                &cols,
                AutoName::PrimaryKey,
                Provider::Postgresql,
                &none
            ),
            "t_pkey"
        );
        assert_eq!(
            auto_name("t", &[], AutoName::Check, Provider::Postgresql, &none),
            "t_check"
        );
        let taken = |n: &str| n == "t_a_b_idx";
        assert_eq!(
            auto_name("t", &cols, AutoName::Index, Provider::Postgresql, &taken),
            "t_a_b_idx1"
        );
    }

    #[test]
    fn long_names_are_shortened_like_postgres() {
        let table = "a".repeat(40);
        let col = "b".repeat(40);
        let name = make_object_name(&table, Some(&col), "fkey", Provider::Postgresql);
        assert_eq!(name.len(), 63);
        assert!(name.ends_with("_fkey"));
        assert_eq!(name, format!("{}_{}_fkey", "a".repeat(29), "b".repeat(28)));
        let name = make_object_name(&table, Some(&col), "idx", Provider::Mysql);
        assert_eq!(name.len(), 64);
        let name = make_object_name(&table, Some(&col), "idx", Provider::Sqlite);
        assert_eq!(name.len(), 85);
    }
}
