//! What a branch copy did, and helpers over the driver's text results.

use flash_schema::{DbError, Driver, QueryResult};
use serde::Serialize;

/// What was copied into a new branch.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Copied {
    /// Tables copied with their rows (the history table not counted).
    pub tables: usize,
    /// Views re-created.
    pub views: usize,
    /// Rows copied; None where the copy is a file copy that does not count them (SQLite).
    pub rows: Option<u64>,
    /// Objects of the source that flash does not model and did not copy (functions,
    /// triggers, policies, grants, sequences no column owns), as `KIND name`.
    pub not_copied: Vec<String>,
}

/// The first column of the first row of the last statement's result.
pub async fn scalar(d: &mut dyn Driver, sql: &str) -> Result<Option<String>, DbError> {
    let res = d.query(sql).await?;
    Ok(res
        .last()
        .and_then(|r| r.rows.first())
        .and_then(|row| row.first().cloned())
        .flatten())
}

/// The first column of every row of the last statement's result.
pub async fn column(d: &mut dyn Driver, sql: &str) -> Result<Vec<String>, DbError> {
    let res = d.query(sql).await?;
    Ok(res
        .last()
        .map(|r: &QueryResult| {
            r.rows
                .iter()
                .filter_map(|row| row.first().cloned().flatten())
                .collect()
        })
        .unwrap_or_default())
}

/// Rows changed by every statement of `sql`.
pub async fn affected(d: &mut dyn Driver, sql: &str) -> Result<u64, DbError> {
    Ok(d.query(sql).await?.iter().map(|r| r.rows_affected).sum())
}

/// The unmanaged objects of the current namespace as `KIND name` lines (schemas left out:
/// they are other namespaces, not objects of this one).
pub async fn not_copied(d: &mut dyn Driver) -> Result<Vec<String>, DbError> {
    Ok(d.unmanaged(&flash_schema::Namespaces::current())
        .await?
        .into_iter()
        .filter(|o| o.kind != "SCHEMA")
        .map(|o| match o.table {
            Some(t) => format!("{} {} ON {t}", o.kind, o.name),
            None => format!("{} {}", o.kind, o.name),
        })
        .collect())
}
