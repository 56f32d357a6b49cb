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
    let inserts: Vec<String> = portable
        .iter()
        .map(|t| {
            let cols: Vec<String> = t.columns.iter().map(|c| quote(&c.name)).collect();
            let marks = vec!["?"; cols.len()].join(", ");
            format!(
                "INSERT INTO {} ({}) VALUES ({marks})",
                quote(&t.name),
                cols.join(", ")
            )
        })
        .collect();
    // The channel blocks the sender, not this thread's runtime: receive on a blocking
    // call is fine here, nothing else runs on this thread.
    while let Ok(Msg::Row(i, cells)) = rx.recv() {
        let (Some(sql), Some(t)) = (inserts.get(i), tables.get(i)) else {
            continue;
        };
        let mut q = sqlx::query(sql);
        for (cell, col) in cells.iter().zip(&t.columns) {
            q = match sqlite_value(cell, &col.ty.kind) {
                SqliteValue::Null => q.bind(None::<String>),
                SqliteValue::Int(n) => q.bind(n),
                SqliteValue::Real(f) => q.bind(f),
                SqliteValue::Text(s) => q.bind(s),
                SqliteValue::Blob(b) => q.bind(b),
            };
        }
        q.execute(&mut conn).await.map_err(db)?;
    }
    conn.execute("COMMIT").await.map_err(db)?;
    conn.close().await.map_err(db)?;
    Ok(())
}

/// A double-quoted SQLite identifier.
fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
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
        TypeKind::Int { .. } => "INTEGER",
        TypeKind::Float { .. } => "REAL",
        TypeKind::Bool => "BOOLEAN",
        TypeKind::Bytes { .. } => "BLOB",
        // TEXT affinity: a NUMERIC column would turn 12.50 into the REAL 12.5.
        _ => "TEXT",
    }
}
