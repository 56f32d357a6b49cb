//! Rows for export: every table read in one read-only, repeatable-read transaction (the
//! tables agree with each other, foreign keys included), streamed through the simple query
//! protocol so each value arrives in PostgreSQL's own exact text form (the session's time zone
//! is UTC). `bytea` becomes bytes, arrays JSON text (`array_to_json`), booleans `true`/`false`.
//! Rows for import and seed go in with `COPY ... FROM STDIN` (text format).

use crate::driver::db_error;
use crate::quote::{ident, qualified};
use flash_schema::{Cell, DbError, RowSink, Table, TypeKind};
use futures::TryStreamExt;
use sqlx::postgres::PgRow;
use sqlx::{Either, Executor, PgConnection, Row, ValueRef};

/// Streams the rows of `tables` (in order) to `sink` with the table's index.
pub async fn export_rows(
    conn: &mut PgConnection,
    tables: &[Table],
    sink: &mut RowSink<'_>,
) -> Result<(), DbError> {
    conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        .await
        .map_err(db_error)?;
    let result = read_all(conn, tables, sink).await;
    // Read only: ending it either way changes nothing.
    let end = conn.execute("ROLLBACK").await.map_err(db_error);
    result.and(end.map(|_| ()))
}

async fn read_all(
    conn: &mut PgConnection,
    tables: &[Table],
    sink: &mut RowSink<'_>,
) -> Result<(), DbError> {
    for (i, t) in tables.iter().enumerate() {
        let sql = select_sql(t);
        let mut stream = conn.fetch_many(sqlx::raw_sql(&sql));
        while let Some(item) = stream.try_next().await.map_err(db_error)? {
            if let Either::Right(row) = item {
                sink(i, cells(&row, t)?)?;
            }
        }
    }
    Ok(())
}

/// `SELECT` of every column in order; arrays as JSON.
pub fn select_sql(t: &Table) -> String {
    let cols: Vec<String> = t
        .columns
        .iter()
        .map(|c| match c.ty.kind {
            TypeKind::Array { .. } => format!("array_to_json({0})::text AS {0}", ident(&c.name)),
            _ => ident(&c.name),
        })
        .collect();
    format!(
        "SELECT {} FROM {}",
        cols.join(", "),
        qualified(t.schema.as_deref(), &t.name)
    )
}

fn cells(row: &PgRow, t: &Table) -> Result<Vec<Cell>, DbError> {
    let mut out = Vec::with_capacity(row.len());
    for i in 0..row.len() {
        let v = row.try_get_raw(i).map_err(db_error)?;
        if v.is_null() {
            out.push(Cell::Null);
            continue;
        }
        let text = v
            .as_str()
            .map_err(|e| DbError::new(format!("reading {}: {e}", t.display_name())))?;
        let kind = t.columns.get(i).map(|c| &c.ty.kind);
        out.push(match kind {
            Some(TypeKind::Bytes { .. }) => Cell::Bytes(unhex(text).ok_or_else(|| {
                DbError::new(format!(
                    "reading {}: bytea value is not in hex form",
                    t.display_name()
                ))
            })?),
            Some(TypeKind::Bool) => Cell::Text(
                match text {
                    "t" => "true",
                    "f" => "false",
                    other => other,
                }
                .to_string(),
            ),
            _ => Cell::Text(text.to_string()),
        });
    }
    Ok(out)
}

/// Writes `rows` into `table` with one `COPY ... FROM STDIN` (text format): the fastest way
/// in, and identity columns take the values given. Runs in the caller's transaction.
pub async fn load_rows(
    conn: &mut PgConnection,
    table: &Table,
    columns: &[String],
    rows: Vec<Vec<Cell>>,
) -> Result<u64, DbError> {
    if rows.is_empty() {
        return Ok(0);
    }
    let mut data = Vec::with_capacity(rows.len() * 64);
    for row in &rows {
        for (i, cell) in row.iter().enumerate() {
            if i > 0 {
                data.push(b'\t');
            }
            copy_cell(&mut data, cell);
        }
        data.push(b'\n');
    }
    let cols: Vec<String> = columns.iter().map(|c| ident(c)).collect();
    let sql = format!(
        "COPY {} ({}) FROM STDIN",
        qualified(table.schema.as_deref(), &table.name),
        cols.join(", ")
    );
    let mut copy = conn.copy_in_raw(&sql).await.map_err(db_error)?;
    if let Err(e) = copy.send(data).await {
        let _ = copy.abort("flash: sending the rows failed").await;
        return Err(db_error(e));
    }
    copy.finish().await.map_err(db_error)
}

/// One value in COPY's text format: `\N` for NULL, backslash escapes for the separators.
fn copy_cell(out: &mut Vec<u8>, cell: &Cell) {
    match cell {
        Cell::Null => out.extend_from_slice(b"\\N"),
        Cell::Int(i) => out.extend_from_slice(i.to_string().as_bytes()),
        Cell::Real(f) if f.is_nan() => out.extend_from_slice(b"NaN"),
        Cell::Real(f) if f.is_infinite() => out.extend_from_slice(if *f > 0.0 {
            b"Infinity".as_slice()
        } else {
            b"-Infinity".as_slice()
        }),
        // Debug: the shortest text that reads back the same, with an exponent where Display
        // would write hundreds of digits.
        Cell::Real(f) => out.extend_from_slice(format!("{f:?}").as_bytes()),
        Cell::Text(s) => {
            for b in s.bytes() {
                match b {
                    b'\\' => out.extend_from_slice(b"\\\\"),
                    b'\n' => out.extend_from_slice(b"\\n"),
                    b'\r' => out.extend_from_slice(b"\\r"),
                    b'\t' => out.extend_from_slice(b"\\t"),
                    _ => out.push(b),
                }
            }
        }
        // bytea's hex input form, its backslash escaped for COPY.
        Cell::Bytes(b) => {
            out.extend_from_slice(b"\\\\x");
            out.extend_from_slice(hex::encode(b).as_bytes());
        }
    }
}

/// `\x48656c6c6f` → bytes.
fn unhex(text: &str) -> Option<Vec<u8>> {
    hex::decode(text.strip_prefix("\\x")?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copy_text_escapes_separators_and_null() {
        let mut out = Vec::new();
        for c in [
            Cell::Null,
            Cell::Text("a\tb\nc\\d\r".into()),
            Cell::Bytes(vec![0, 255]),
            Cell::Int(-7),
            Cell::Real(f64::NEG_INFINITY),
            Cell::Text("\\N".into()),
        ] {
            copy_cell(&mut out, &c);
            out.push(b'|');
        }
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\\N|a\\tb\\nc\\\\d\\r|\\\\x00ff|-7|-Infinity|\\\\N|"
        );
    }

    #[test]
    fn bytea_hex_is_decoded() {
        assert_eq!(unhex("\\x00ff10"), Some(vec![0, 255, 16]));
        assert_eq!(unhex("\\x"), Some(vec![]));
        assert_eq!(unhex("00ff"), None);
        assert_eq!(unhex("\\x0"), None);
    }
}
