//! Rows for export: every table read in one consistent-snapshot, read-only transaction, through
//! the text protocol, so each value arrives in the server's exact text form (the session's time
//! zone is UTC). Binary strings and BLOBs become bytes, BIT an integer. Rows for import and
//! seed go in as multi-row INSERTs with bound parameters.

use crate::driver::db_err;
use crate::quote::ident;
use flash_schema::{Cell, DbError, RowSink, Table, TypeKind};
use futures::StreamExt;
use sqlx::mysql::MySqlRow;
use sqlx::mysql::{MySql, MySqlArguments};
use sqlx::query::Query;
use sqlx::{Column, Either, Executor, MySqlConnection, Row, TypeInfo};

/// Streams the rows of `tables` (in order) to `sink` with the table's index.
pub async fn export_rows(
    conn: &mut MySqlConnection,
    tables: &[Table],
    sink: &mut RowSink<'_>,
) -> Result<(), DbError> {
    conn.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY")
        .await
        .map_err(db_err)?;
    let result = read_all(conn, tables, sink).await;
    let end = conn.execute("ROLLBACK").await.map_err(db_err);
    result.and(end.map(|_| ()))
}

async fn read_all(
    conn: &mut MySqlConnection,
    tables: &[Table],
    sink: &mut RowSink<'_>,
) -> Result<(), DbError> {
    for (i, t) in tables.iter().enumerate() {
        let sql = select_sql(t);
        let mut stream = conn.fetch_many(sql.as_str());
        while let Some(item) = stream.next().await {
            if let Either::Right(row) = item.map_err(db_err)? {
                sink(i, cells(&row, t)?)?;
            }
        }
    }
    Ok(())
}

/// `SELECT` of every column in order.
pub fn select_sql(t: &Table) -> String {
    let cols: Vec<String> = t.columns.iter().map(|c| ident(&c.name)).collect();
    format!("SELECT {} FROM {}", cols.join(", "), ident(&t.name))
}

fn cells(row: &MySqlRow, t: &Table) -> Result<Vec<Cell>, DbError> {
    let mut out = Vec::with_capacity(row.len());
    for (i, col) in row.columns().iter().enumerate() {
        let v: Option<Vec<u8>> = row.try_get_unchecked(i).map_err(db_err)?;
        let Some(bytes) = v else {
            out.push(Cell::Null);
            continue;
        };
        let binary_in_model = t
            .columns
            .get(i)
            .is_some_and(|c| matches!(c.ty.kind, TypeKind::Bytes { .. }));
        out.push(match col.type_info().name() {
            "BIT" => {
                let mut n: u64 = 0;
                for b in &bytes {
                    n = (n << 8) | u64::from(*b);
                }
                // BIT(64) may not fit i64: keep its decimal text then.
                i64::try_from(n).map_or_else(|_| Cell::Text(n.to_string()), Cell::Int)
            }
            _ if binary_in_model => Cell::Bytes(bytes),
            // The client marks text with a binary collation (`utf8mb4_bin`, MariaDB's JSON)
            // binary too; the model knows it is text. Geometry stays bytes.
            _ => match String::from_utf8(bytes) {
                Ok(s) => Cell::Text(s),
                Err(e) => Cell::Bytes(e.into_bytes()),
            },
        });
    }
    Ok(out)
}

/// Rows a load statement holds at most (MySQL takes 65,535 parameters a statement).
const LOAD_ROWS: usize = 1000;
/// Bytes of values a load statement holds at most, well under `max_allowed_packet`.
const LOAD_BYTES: usize = 4 << 20;

/// Writes `rows` into `table` as multi-row INSERTs with bound parameters, in statements of at
/// most [`LOAD_ROWS`] rows and about [`LOAD_BYTES`] of values. Runs in the caller's
/// transaction.
pub async fn load_rows(
    conn: &mut MySqlConnection,
    table: &Table,
    columns: &[String],
    rows: Vec<Vec<Cell>>,
) -> Result<u64, DbError> {
    if rows.is_empty() || columns.is_empty() {
        return Ok(0);
    }
    // BIT takes its number as a number; bound as text it would be the text's bytes.
    let bit: Vec<bool> = columns
        .iter()
        .map(|name| {
            table
                .column(name)
                .is_some_and(|c| matches!(&c.ty.kind, TypeKind::Other { name } if name == "bit"))
        })
        .collect();
    let per_statement = LOAD_ROWS.min(65_535 / columns.len()).max(1);
    let cols: Vec<String> = columns.iter().map(|c| ident(c)).collect();
    let mut written = 0u64;
    for group in flash_schema::load::insert_groups(rows, per_statement, LOAD_BYTES) {
        let sql = flash_schema::load::insert_sql(&ident(&table.name), &cols, group.len());
        let mut q = sqlx::query(&sql);
        for row in group {
            for (cell, is_bit) in row.into_iter().zip(&bit) {
                q = bind(q, cell, *is_bit)?;
            }
        }
        written += q.execute(&mut *conn).await.map_err(db_err)?.rows_affected();
    }
    Ok(written)
}

fn bind(
    q: Query<'_, MySql, MySqlArguments>,
    cell: Cell,
    bit: bool,
) -> Result<Query<'_, MySql, MySqlArguments>, DbError> {
    Ok(match cell {
        Cell::Null => q.bind(None::<String>),
        Cell::Int(i) => q.bind(i),
        Cell::Real(f) => q.bind(f),
        Cell::Text(s) if bit => q.bind(
            s.parse::<u64>()
                .map_err(|_| DbError::new(format!("`{s}` is not a BIT value (a number)")))?,
        ),
        Cell::Text(s) => q.bind(s),
        Cell::Bytes(b) => q.bind(b),
    })
}
