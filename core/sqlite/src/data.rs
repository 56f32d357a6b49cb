//! Rows for export: every table read inside one read transaction (a consistent snapshot), each
//! value in its own storage class: INTEGER and REAL as numbers, TEXT as text, BLOB as bytes,
//! whatever the column's declared type. Rows for import and seed go in as multi-row INSERTs
//! with bound parameters.

use crate::driver::db_err;
use crate::quote::ident;
use flash_schema::{Cell, DbError, RowSink, Table};
use futures::TryStreamExt;
use sqlx::query::Query;
use sqlx::sqlite::SqliteRow;
use sqlx::sqlite::{Sqlite, SqliteArguments};
use sqlx::{Executor, Row, SqliteConnection, TypeInfo, ValueRef};

/// Streams the rows of `tables` (in order) to `sink` with the table's index.
pub async fn export_rows(
    conn: &mut SqliteConnection,
    tables: &[Table],
    sink: &mut RowSink<'_>,
) -> Result<(), DbError> {
    conn.execute("BEGIN").await.map_err(db_err)?;
    let result = read_all(conn, tables, sink).await;
    let end = conn.execute("ROLLBACK").await.map_err(db_err);
    result.and(end.map(|_| ()))
}

async fn read_all(
    conn: &mut SqliteConnection,
    tables: &[Table],
    sink: &mut RowSink<'_>,
) -> Result<(), DbError> {
    for (i, t) in tables.iter().enumerate() {
        let cols: Vec<String> = t.columns.iter().map(|c| ident(&c.name)).collect();
        let sql = format!("SELECT {} FROM {}", cols.join(", "), ident(&t.name));
        let mut stream = conn.fetch(sqlx::query(&sql).persistent(false));
        while let Some(row) = stream.try_next().await.map_err(db_err)? {
            sink(i, cells(&row)?)?;
        }
    }
    Ok(())
}

fn cells(row: &SqliteRow) -> Result<Vec<Cell>, DbError> {
    let mut out = Vec::with_capacity(row.len());
    for i in 0..row.len() {
        let v = row.try_get_raw(i).map_err(db_err)?;
        if v.is_null() {
            out.push(Cell::Null);
            continue;
        }
        let class = v.type_info().name().to_string();
        out.push(match class.as_str() {
            "INTEGER" | "BOOLEAN" => Cell::Int(row.try_get_unchecked(i).map_err(db_err)?),
            "REAL" | "NUMERIC" => Cell::Real(row.try_get_unchecked(i).map_err(db_err)?),
            "BLOB" => Cell::Bytes(row.try_get_unchecked(i).map_err(db_err)?),
            _ => Cell::Text(row.try_get_unchecked(i).map_err(db_err)?),
        });
    }
    Ok(out)
}

/// Rows a load statement holds at most (SQLite takes 32,766 parameters a statement).
const LOAD_ROWS: usize = 500;

/// Writes `rows` into `table` as multi-row INSERTs with bound parameters. Runs in the
/// caller's transaction (without one, each statement is its own).
pub async fn load_rows(
    conn: &mut SqliteConnection,
    table: &Table,
    columns: &[String],
    rows: Vec<Vec<Cell>>,
) -> Result<u64, DbError> {
    if rows.is_empty() || columns.is_empty() {
        return Ok(0);
    }
    let per_statement = LOAD_ROWS.min(32_766 / columns.len()).max(1);
    let cols: Vec<String> = columns.iter().map(|c| ident(c)).collect();
    let mut written = 0u64;
    for group in flash_schema::load::insert_groups(rows, per_statement, usize::MAX) {
        let sql = flash_schema::load::insert_sql(&ident(&table.name), &cols, group.len());
        let mut q = sqlx::query(&sql);
        for row in group {
            for cell in row {
                q = bind(q, cell);
            }
        }
        written += q.execute(&mut *conn).await.map_err(db_err)?.rows_affected();
    }
    Ok(written)
}

fn bind<'q>(
    q: Query<'q, Sqlite, SqliteArguments<'q>>,
    cell: Cell,
) -> Query<'q, Sqlite, SqliteArguments<'q>> {
    match cell {
        Cell::Null => q.bind(None::<String>),
        Cell::Int(i) => q.bind(i),
        Cell::Real(f) => q.bind(f),
        Cell::Text(s) => q.bind(s),
        Cell::Bytes(b) => q.bind(b),
    }
}
