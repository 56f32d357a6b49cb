//! SQLite column types: the declared type text, its affinity and its neutral [`TypeKind`].
//!
//! SQLite keeps the declared type exactly as written and derives a *type affinity* from it
//! (<https://www.sqlite.org/datatype3.html#determination_of_column_affinity>). flash keeps the
//! declared text lower-cased; two types are the same when their normalized text is the same.

use flash_schema::{ColumnType, Provider, TypeKind};

/// SQLite's five type affinities.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Affinity {
    Integer,
    Text,
    /// BLOB affinity, also what a column without a declared type gets.
    Blob,
    Real,
    Numeric,
}

/// The affinity of a declared type, by SQLite's rules (in their order).
pub fn affinity(declared: &str) -> Affinity {
    let t = declared.to_ascii_uppercase();
    if t.contains("INT") {
        Affinity::Integer
    } else if t.contains("CHAR") || t.contains("CLOB") || t.contains("TEXT") {
        Affinity::Text
    } else if t.contains("BLOB") || t.trim().is_empty() {
        Affinity::Blob
    } else if t.contains("REAL") || t.contains("FLOA") || t.contains("DOUB") {
        Affinity::Real
    } else {
        Affinity::Numeric
    }
}

/// The comparison form of a declared type: lower case, single spaces, no space around
/// parentheses and commas (`VARCHAR ( 10 )` → `varchar(10)`).
pub fn canonical(declared: &str) -> String {
    let lower = declared.trim().to_lowercase();
    let mut out = String::with_capacity(lower.len());
    let mut pending_space = false;
    for c in lower.chars() {
        if c.is_whitespace() {
            pending_space = true;
            continue;
        }
        if pending_space {
            let prev = out.chars().last();
            if !matches!(c, '(' | ')' | ',') && !matches!(prev, Some('(') | Some(',') | None) {
                out.push(' ');
            }
        }
        pending_space = false;
        out.push(c);
    }
    out
}

/// What a declared type means: flash-sql's mapping for SQLite (well-known names such as
/// `boolean`, `date`, `varchar(20)` get their precise kind; anything else its affinity), so
/// that inspected and parsed columns always agree.
pub fn type_kind(declared: &str) -> TypeKind {
    flash_sql::type_kind(&column_raw(declared), Provider::Sqlite)
}

/// The declared type as flash keeps it: flash-sql's canonical text (lower case).
pub fn column_raw(declared: &str) -> String {
    flash_sql::canonical_type(declared.trim(), Provider::Sqlite)
}

/// A column type from declared text.
pub fn column_type(declared: &str) -> ColumnType {
    ColumnType::new(column_raw(declared), type_kind(declared))
}

/// Why changing the declared type from `from` to `to` may change stored values, if it may.
///
/// SQLite converts values to the affinity of the column they are stored in. Copying into a
/// numeric affinity (INTEGER, REAL, NUMERIC) turns text that looks like a number into a
/// number (`'007'` becomes 7), which loses what was written. Every other change keeps the
/// values: lengths are not enforced, and numbers stored into TEXT keep their value.
pub fn narrowing(from: &ColumnType, to: &ColumnType) -> Option<String> {
    if canonical(&from.raw) == canonical(&to.raw) {
        return None;
    }
    let (a, b) = (affinity(&from.raw), affinity(&to.raw));
    let numeric = |x: Affinity| matches!(x, Affinity::Integer | Affinity::Real | Affinity::Numeric);
    if numeric(b) && !numeric(a) {
        Some(format!(
            "changes type from {} to {}: text that looks like a number is converted to a number",
            display(&from.raw),
            display(&to.raw)
        ))
    } else {
        None
    }
}

fn display(raw: &str) -> &str {
    if raw.trim().is_empty() {
        "(no type)"
    } else {
        raw
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn affinity_follows_sqlite_rules() {
        assert_eq!(affinity("INTEGER"), Affinity::Integer);
        assert_eq!(affinity("BIGINT UNSIGNED"), Affinity::Integer);
        assert_eq!(affinity("varchar(255)"), Affinity::Text);
        assert_eq!(affinity("CLOB"), Affinity::Text);
        assert_eq!(affinity(""), Affinity::Blob);
        assert_eq!(affinity("blob"), Affinity::Blob);
        assert_eq!(affinity("double precision"), Affinity::Real);
        assert_eq!(affinity("decimal(10,2)"), Affinity::Numeric);
        assert_eq!(affinity("boolean"), Affinity::Numeric);
        // The famous one: "FLOATING POINT" contains INT.
        assert_eq!(affinity("floating point"), Affinity::Integer);
    }

    #[test]
    fn canonical_form_ignores_case_and_spacing() {
        assert_eq!(canonical(" VARCHAR ( 10 ) "), "varchar(10)");
        assert_eq!(canonical("Decimal(10, 2)"), "decimal(10,2)");
        assert_eq!(canonical("double   precision"), "double precision");
    }

    #[test]
    fn kinds_by_name_then_affinity() {
        assert_eq!(type_kind("BOOLEAN"), TypeKind::Bool);
        assert_eq!(
            type_kind("integer"),
            TypeKind::Int {
                bits: 64,
                unsigned: false
            }
        );
        assert_eq!(
            type_kind("varchar(20)"),
            TypeKind::String {
                len: Some(20),
                fixed: false
            }
        );
        assert_eq!(
            type_kind(""),
            TypeKind::Bytes {
                len: None,
                fixed: false
            }
        );
        assert_eq!(type_kind("datetime"), TypeKind::Timestamp { tz: false });
        assert_eq!(column_type("VARCHAR(20)").raw, "varchar(20)");
    }

    #[test]
    fn only_conversion_into_numeric_affinity_is_narrowing() {
        let t = |s: &str| column_type(s);
        assert!(narrowing(&t("text"), &t("integer")).is_some());
        assert!(narrowing(&t("integer"), &t("text")).is_none());
        assert!(narrowing(&t("varchar(255)"), &t("varchar(10)")).is_none());
        assert!(narrowing(&t("integer"), &t("INTEGER")).is_none());
        assert!(narrowing(&t("real"), &t("integer")).is_none());
    }
}
