//! [`SqliteDialect`]: SQLite's answers to the differ's questions, its normal form and its
//! planner.

use crate::quote::{pieces, Piece};
use crate::types;
use flash_diff::{Dialect, DiffHooks, PlanError};
use flash_schema::{Change, Column, ColumnType, Plan, Provider, Schema, View};

/// The SQLite dialect: equivalence hooks, normalization and the planner (with table rebuilds).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SqliteDialect;

impl DiffHooks for SqliteDialect {
    /// Declared types are equal when their normalized text is equal (`VARCHAR(10)` and
    /// `varchar( 10 )` are; `int` and `integer` are not, SQLite keeps them apart).
    fn types_equal(&self, a: &ColumnType, b: &ColumnType) -> bool {
        types::canonical(&a.raw) == types::canonical(&b.raw)
    }

    /// `DEFAULT NULL` is no default; otherwise the expressions are compared like
    /// [`exprs_equal`](Self::exprs_equal).
    fn defaults_equal(&self, _column: &Column, a: Option<&str>, b: Option<&str>) -> bool {
        let a = a.filter(|d| !is_null_literal(d));
        let b = b.filter(|d| !is_null_literal(d));
        match (a, b) {
            (None, None) => true,
            (Some(a), Some(b)) => self.exprs_equal(a, b),
            _ => false,
        }
    }

    /// Compares token by token: identifiers unquoted and lower-cased (SQLite names are
    /// case-insensitive, and SQLite itself adds double quotes when ALTER TABLE RENAME
    /// rewrites an expression), keywords lower-cased, literals verbatim, white space and
    /// comments ignored, redundant outer parentheses stripped, `!=`/`<>` and `==`/`=` alike.
    fn exprs_equal(&self, a: &str, b: &str) -> bool {
        expr_key(a) == expr_key(b)
    }

    fn views_equal(&self, a: &View, b: &View) -> bool {
        a.materialized == b.materialized
            && a.columns.len() == b.columns.len()
            && a.columns
                .iter()
                .zip(&b.columns)
                .all(|(x, y)| x.eq_ignore_ascii_case(y))
            && self.exprs_equal(&a.definition, &b.definition)
    }

    /// `BINARY` is SQLite's default collation, so it equals no collation.
    fn collations_equal(&self, a: Option<&str>, b: Option<&str>) -> bool {
        let norm = |c: Option<&str>| {
            c.map(|s| s.trim().trim_matches('"').to_ascii_lowercase())
                .filter(|s| s != "binary")
        };
        norm(a) == norm(b)
    }

    fn narrowing(&self, from: &ColumnType, to: &ColumnType) -> Option<String> {
        types::narrowing(from, to)
    }

    /// SQLite has no COMMENT: comments are never compared.
    /// SQLite has no ALTER VIEW: a renamed view is dropped and created again.
    fn renames_views(&self) -> bool {
        false
    }

    fn supports_comments(&self) -> bool {
        false
    }
}

impl Dialect for SqliteDialect {
    fn provider(&self) -> Provider {
        Provider::Sqlite
    }

    /// SQLite's normal form of a schema:
    /// - comments dropped (SQLite cannot store them);
    /// - declared types trimmed and lower-cased;
    /// - primary key columns NOT NULL (flash always declares them so; SQLite would otherwise
    ///   allow NULL in a non-INTEGER primary key);
    /// - `REFERENCES parent` without columns resolved to the parent's primary key;
    /// - `COLLATE BINARY` (the default) dropped.
    fn normalize(&self, schema: &mut Schema) {
        let pks: Vec<(String, Vec<String>)> = schema
            .tables
            .iter()
            .filter_map(|t| {
                t.primary_key
                    .as_ref()
                    .map(|p| (t.name.to_lowercase(), p.columns.clone()))
            })
            .collect();
        for t in &mut schema.tables {
            t.comment = None;
            let pk_cols = t
                .primary_key
                .as_ref()
                .map(|p| p.columns.clone())
                .unwrap_or_default();
            for c in &mut t.columns {
                c.comment = None;
                c.ty.raw = c.ty.raw.trim().to_lowercase();
                if pk_cols.iter().any(|p| p.eq_ignore_ascii_case(&c.name)) {
                    c.nullable = false;
                }
                if c.collation
                    .as_deref()
                    .is_some_and(|s| s.trim_matches('"').eq_ignore_ascii_case("binary"))
                {
                    c.collation = None;
                }
                if c.default.as_deref().is_some_and(is_null_literal) {
                    c.default = None;
                }
            }
            for fk in &mut t.foreign_keys {
                if fk.ref_columns.is_empty() {
                    if let Some((_, cols)) =
                        pks.iter().find(|(n, _)| *n == fk.ref_table.to_lowercase())
                    {
                        fk.ref_columns = cols.clone();
                    }
                }
            }
        }
    }

    fn plan(&self, changes: &[Change], from: &Schema, to: &Schema) -> Result<Plan, PlanError> {
        crate::plan::plan(self, changes, from, to)
    }
}

/// True for the literal `NULL` (any case, any parentheses).
fn is_null_literal(text: &str) -> bool {
    expr_key(text) == ["null"]
}

/// The comparison key of an expression: its pieces as strings, outer parentheses stripped.
pub(crate) fn expr_key(text: &str) -> Vec<String> {
    let mut toks: Vec<String> = pieces(text.trim().trim_end_matches(';'))
        .into_iter()
        .map(|p| match p {
            Piece::Ident(s) => s,
            Piece::Literal(s) => s,
            Piece::Other(s) => match s.as_str() {
                "<>" => "!=".to_string(),
                "==" => "=".to_string(),
                _ => s,
            },
        })
        .filter(|s| s != ";")
        .collect();
    while toks.len() >= 2
        && toks.first().map(String::as_str) == Some("(")
        && toks.last().map(String::as_str) == Some(")")
        && closes_at_end(&toks)
    {
        toks.remove(0);
        toks.pop();
    }
    toks
}

/// True when the `(` at the start is closed by the `)` at the end.
fn closes_at_end(toks: &[String]) -> bool {
    let mut depth = 0i32;
    for (i, t) in toks.iter().enumerate() {
        match t.as_str() {
            "(" => depth += 1,
            ")" => {
                depth -= 1;
                if depth == 0 && i != toks.len() - 1 {
                    return false;
                }
            }
            _ => {}
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expressions_compare_without_quotes_case_space_or_outer_parens() {
        let d = SqliteDialect;
        assert!(d.exprs_equal("(\"age\" > 0)", "age>0"));
        assert!(d.exprs_equal("a <> b", "a != b"));
        assert!(d.exprs_equal("CURRENT_TIMESTAMP", "current_timestamp"));
        assert!(!d.exprs_equal("'A'", "'a'"));
        assert!(!d.exprs_equal("(a) + (b)", "a + b"));
    }

    #[test]
    fn binary_collation_is_the_default() {
        let d = SqliteDialect;
        assert!(d.collations_equal(Some("BINARY"), None));
        assert!(d.collations_equal(Some("NOCASE"), Some("nocase")));
        assert!(!d.collations_equal(Some("NOCASE"), None));
    }
}
