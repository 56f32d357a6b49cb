//! The SQLite export: a portable database file with the same tables (SQLite types standing for
//! the originals: INTEGER, REAL, BOOLEAN, BLOB, and TEXT for the rest, decimals included, so
//! no value is rounded), their rows, and a `_flash_export` table with the version, timestamp,
//! provider and the original schema (which import reads back). Written on a thread of its own
//! (SQLite is synchronous), fed through a bounded channel so memory stays flat.

use crate::error::DataError;
use crate::value::{sqlite_value, SqliteValue};
use flash_diff::{diff, DiffOptions};
use flash_schema::{Cell, ColumnType, Provider, Schema, Table, TypeKind};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{Connection, Executor, SqliteConnection};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};

/// The table holding the export's facts inside the file.
pub const META_TABLE: &str = "_flash_export";

/// What the writer thread is sent.
pub enum Msg {
    Row(usize, Vec<Cell>),
}

/// The writer thread and the way to feed it.
pub struct SqliteWriter {
    pub tx: SyncSender<Msg>,
    handle: std::thread::JoinHandle<Result<(), DataError>>,
}

impl SqliteWriter {
    /// Creates `path` with the tables of `tables` (and the facts) and starts the thread.
    pub fn start(
        path: &Path,
        tables: Vec<Table>,
        facts: Vec<(String, String)>,
    ) -> Result<Self, DataError> {
        let (tx, rx) = sync_channel::<Msg>(4096);
        let path: PathBuf = path.to_path_buf();
        let handle = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(DataError::write(&path))?;
            rt.block_on(write(&path, &tables, &facts, rx))
        });
        Ok(SqliteWriter { tx, handle })
    }

    /// Waits for every row to be written and the file closed.
    pub fn finish(self) -> Result<(), DataError> {
        drop(self.tx);
        self.handle
            .join()
            .map_err(|_| DataError::Invalid("the SQLite writer stopped unexpectedly".into()))?
    }
}

async fn write(
    path: &Path,
    tables: &[Table],
    facts: &[(String, String)],
    rx: Receiver<Msg>,
) -> Result<(), DataError> {
    let db = |e: sqlx::Error| DataError::Invalid(format!("writing {}: {e}", path.display()));
    let opts = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        .journal_mode(sqlx::sqlite::SqliteJournalMode::Off)
        .synchronous(sqlx::sqlite::SqliteSynchronous::Off);
    let mut conn = SqliteConnection::connect_with(&opts).await.map_err(db)?;
    let portable: Vec<Table> = tables.iter().map(|t| portable_table(t, tables)).collect();
    let schema = Schema {
        tables: portable.clone(),
        ..Default::default()
    };
    let d = flash_migrate::dialect(Provider::Sqlite)?;
    let changes = diff(
        &Schema::default(),
        &schema,
        d.as_ref(),
        &DiffOptions::default(),
    )
    .changes;
    let ddl = d
        .plan(&changes, &Schema::default(), &schema)
        .map_err(|e| DataError::Invalid(format!("SQLite export: {e}")))?
        .to_sql();
    conn.execute("BEGIN").await.map_err(db)?;
    conn.execute(sqlx::raw_sql(&ddl)).await.map_err(db)?;
    conn.execute(
        format!("CREATE TABLE {META_TABLE} (key TEXT PRIMARY KEY, value TEXT NOT NULL)").as_str(),
    )
    .await
    .map_err(db)?;
    for (k, v) in facts {
        sqlx::query(&format!(
            "INSERT INTO {META_TABLE} (key, value) VALUES (?, ?)"
        ))
        .bind(k)
        .bind(v)
        .execute(&mut conn)
        .await
        .map_err(db)?;
    }
    // Rows go in batches of one multi-row INSERT (a statement per row costs a round trip to
    // sqlx's SQLite worker thread each): as many rows as keep under SQLite's 32,766 bound
    // parameters, at most 500, and at most 4 MiB of values (memory stays flat with big blobs).
    let heads: Vec<String> = portable
        .iter()
        .map(|t| {
            let cols: Vec<String> = t
                .columns
                .iter()
                .map(|c| Provider::Sqlite.quote_ident(&c.name))
                .collect();
            format!(
                "INSERT INTO {} ({}) VALUES ",
                Provider::Sqlite.quote_ident(&t.name),
                cols.join(", ")
            )
        })
        .collect();
    let batch_rows = |i: usize| {
        let width = tables.get(i).map_or(1, |t| t.columns.len().max(1));
        (32_766 / width).clamp(1, 500)
    };
    let mut batch: Vec<Vec<SqliteValue>> = Vec::new();
    let mut batch_table = 0usize;
    let mut batch_bytes = 0usize;
    // The channel blocks the sender, not this thread's runtime: receive on a blocking
    // call is fine here, nothing else runs on this thread.
    loop {
        let msg = rx.recv().ok();
        let flush = match &msg {
            Some(Msg::Row(i, _)) => {
                *i != batch_table
                    || batch.len() >= batch_rows(batch_table)
                    || batch_bytes >= 4 << 20
            }
            None => true,
        };
        if flush && !batch.is_empty() {
            insert_batch(&mut conn, &heads[batch_table], std::mem::take(&mut batch))
                .await
                .map_err(db)?;
            batch_bytes = 0;
        }
        let Some(Msg::Row(i, cells)) = msg else {
            break;
        };
        let Some(t) = tables.get(i) else {
            continue;
        };
        batch_table = i;
        let row: Vec<SqliteValue> = cells
            .iter()
            .zip(&t.columns)
            .map(|(cell, col)| sqlite_value(cell, &col.ty.kind))
            .collect();
        batch_bytes += row
            .iter()
            .map(|v| match v {
                SqliteValue::Text(s) => s.len(),
                SqliteValue::Blob(b) => b.len(),
                _ => 8,
            })
            .sum::<usize>();
        batch.push(row);
    }
    conn.execute("COMMIT").await.map_err(db)?;
    conn.close().await.map_err(db)?;
    Ok(())
}

/// One multi-row INSERT of `rows` (all of one table, in column order).
async fn insert_batch(
    conn: &mut SqliteConnection,
    head: &str,
    rows: Vec<Vec<SqliteValue>>,
) -> Result<(), sqlx::Error> {
    let width = rows.first().map_or(0, Vec::len);
    let one = format!("({})", vec!["?"; width].join(", "));
    let mut sql = String::with_capacity(head.len() + rows.len() * (one.len() + 2));
    sql.push_str(head);
    for i in 0..rows.len() {
        if i > 0 {
            sql.push_str(", ");
        }
        sql.push_str(&one);
    }
    let mut q = sqlx::query(&sql);
    for v in rows.into_iter().flatten() {
        q = match v {
            SqliteValue::Null => q.bind(None::<String>),
            SqliteValue::Int(n) => q.bind(n),
            SqliteValue::Real(f) => q.bind(f),
            SqliteValue::Text(s) => q.bind(s),
            SqliteValue::Blob(b) => q.bind(b),
        };
    }
    q.execute(&mut *conn).await?;
    Ok(())
}

/// `t` with SQLite types, its primary key, unique constraints and the foreign keys to other
/// exported tables; defaults, checks and indexes are the source database's dialect and stay
/// out. A table of another PostgreSQL schema is named `schema.table`.
fn portable_table(t: &Table, all: &[Table]) -> Table {
    let mut out = Table::new(t.display_name());
    out.columns = t
        .columns
        .iter()
        .map(|c| {
            let mut col = flash_schema::Column::new(
                c.name.clone(),
                ColumnType::new(sqlite_type(&c.ty.kind), c.ty.kind.clone()),
            );
            col.nullable = c.nullable;
            col
        })
        .collect();
    out.primary_key.clone_from(&t.primary_key);
    out.uniques.clone_from(&t.uniques);
    out.foreign_keys = t
        .foreign_keys
        .iter()
        .filter_map(|fk| {
            let target = all
                .iter()
                .find(|r| r.name == fk.ref_table && r.schema == fk.ref_schema)?;
            let mut fk = fk.clone();
            fk.ref_table = target.display_name();
            fk.ref_schema = None;
            Some(fk)
        })
        .collect();
    out
}

/// The SQLite declared type that keeps values of `kind` exact.
fn sqlite_type(kind: &TypeKind) -> &'static str {
    match kind {
        // SQLite would store 18446744073709551615 in an INTEGER column as a rounded REAL.
        TypeKind::Int {
            bits: 64,
            unsigned: true,
        } => "TEXT",
        TypeKind::Int { .. } => "INTEGER",
        TypeKind::Float { .. } => "REAL",
        TypeKind::Bool => "BOOLEAN",
        TypeKind::Bytes { .. } => "BLOB",
        // TEXT affinity: a NUMERIC column would turn 12.50 into the REAL 12.5.
        _ => "TEXT",
    }
}
