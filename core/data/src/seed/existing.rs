//! What a seed reads from the tables first: whether they have rows, how many, the largest
//! integer key, the keys children may reference and the values unique constraints hold.

use super::keys::fingerprint_text;
use crate::error::DataError;
use crate::import::table_name;
use flash_schema::{Cell, Driver, Provider, Table, TypeKind};
use std::collections::HashSet;

/// Existing parent keys read at most: enough to spread children over, bounded in memory.
const KEY_LIMIT: u64 = 100_000;

fn first(rows: &[flash_schema::QueryResult]) -> Option<Option<String>> {
    rows.first()?.rows.first()?.first().cloned()
}

fn cols(columns: &[String], provider: Provider) -> String {
    columns
        .iter()
        .map(|c| provider.quote_ident(c))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(crate) async fn has_rows(
    driver: &mut dyn Driver,
    t: &Table,
    provider: Provider,
) -> Result<bool, DataError> {
    let sql = format!("SELECT 1 FROM {} LIMIT 1", table_name(t, provider));
    let r = driver.query(&sql).await?;
    Ok(r.first().is_some_and(|q| !q.rows.is_empty()))
}

pub(crate) async fn count(
    driver: &mut dyn Driver,
    t: &Table,
    provider: Provider,
) -> Result<u64, DataError> {
    let sql = format!("SELECT count(*) FROM {}", table_name(t, provider));
    let r = driver.query(&sql).await?;
    Ok(first(&r)
        .flatten()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0))
}

pub(crate) async fn max(
    driver: &mut dyn Driver,
    t: &Table,
    col: &str,
    provider: Provider,
) -> Result<Option<i64>, DataError> {
    let sql = format!(
        "SELECT max({}) FROM {}",
        provider.quote_ident(col),
        table_name(t, provider)
    );
    let r = driver.query(&sql).await?;
    Ok(first(&r).flatten().and_then(|s| s.parse().ok()))
}

/// Distinct non-NULL tuples of `columns`, in order, as cells of their column's kind.
pub(crate) async fn keys(
    driver: &mut dyn Driver,
    t: &Table,
    columns: &[String],
    provider: Provider,
) -> Result<Vec<Vec<Cell>>, DataError> {
    let list = cols(columns, provider);
    let not_null: Vec<String> = columns
        .iter()
        .map(|c| format!("{} IS NOT NULL", provider.quote_ident(c)))
        .collect();
    let sql = format!(
        "SELECT DISTINCT {list} FROM {} WHERE {} ORDER BY {list} LIMIT {KEY_LIMIT}",
        table_name(t, provider),
        not_null.join(" AND ")
    );
    let r = driver.query(&sql).await?;
    let ints: Vec<bool> = columns
        .iter()
        .map(|c| {
            t.column(c)
                .is_some_and(|c| matches!(c.ty.kind, TypeKind::Int { .. }))
        })
        .collect();
    Ok(r.into_iter()
        .flat_map(|q| q.rows)
        .map(|row| {
            row.into_iter()
                .zip(&ints)
                .map(|(v, int)| match v {
                    None => Cell::Null,
                    Some(s) if *int => s.parse().map(Cell::Int).unwrap_or(Cell::Text(s)),
                    Some(s) => Cell::Text(s),
                })
                .collect()
        })
        .collect())
}

/// Fingerprints of the tuples of `columns` the table holds (for unique constraints).
pub(crate) async fn fingerprints(
    driver: &mut dyn Driver,
    t: &Table,
    columns: &[String],
    provider: Provider,
) -> Result<HashSet<u64>, DataError> {
    let sql = format!(
        "SELECT {} FROM {}",
        cols(columns, provider),
        table_name(t, provider)
    );
    let r = driver.query(&sql).await?;
    Ok(r.iter()
        .flat_map(|q| q.rows.iter())
        .filter_map(|row| fingerprint_text(row.iter()))
        .collect())
}
