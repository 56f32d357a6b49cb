//! The history table `_flash_migrations` and the migration lock.
//!
//! The table has the Go tool's columns plus `snapshot`. Times are TIMESTAMP columns read
//! back as RFC 3339 UTC text; the driver sets the session time zone to UTC so that what
//! `CURRENT_TIMESTAMP` writes and what `DATE_FORMAT` reads are both UTC.

use crate::driver::db_err;
use crate::inspect::text_rows;
use crate::quote::literal;
use flash_schema::{DbError, LedgerRow, MigrationRun, LEDGER_TABLE};
use sqlx::{Executor, MySqlConnection};

/// The columns of the history table with their definitions, in table order. `ensure` adds
/// the ones a table made by an older version (or the Go tool) lacks.
const COLUMNS: &[(&str, &str)] = &[
    ("id", "VARCHAR(255) NOT NULL"),
    ("checksum", "VARCHAR(64) NOT NULL"),
    ("finished_at", "TIMESTAMP NULL DEFAULT NULL"),
    ("migration_name", "VARCHAR(255) NOT NULL"),
    ("logs", "TEXT NULL"),
    ("rolled_back_at", "TIMESTAMP NULL DEFAULT NULL"),
    ("started_at", "TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP"),
    ("applied_steps_count", "INT NOT NULL DEFAULT 0"),
    ("snapshot", "LONGTEXT NULL"),
];

fn create_sql() -> String {
    let cols: Vec<String> = COLUMNS.iter().map(|(n, d)| format!("{n} {d}")).collect();
    format!(
        "CREATE TABLE IF NOT EXISTS {LEDGER_TABLE} (\n  {},\n  PRIMARY KEY (id)\n)",
        cols.join(",\n  ")
    )
}

async fn exec(conn: &mut MySqlConnection, sql: &str) -> Result<(), DbError> {
    conn.execute(sql).await.map_err(db_err)?;
    Ok(())
}

/// True when the history table exists in the current database.
async fn exists(conn: &mut MySqlConnection) -> Result<bool, DbError> {
    let rows = text_rows(
        conn,
        &format!(
            "SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() \
             AND TABLE_NAME = {}",
            literal(LEDGER_TABLE)
        ),
    )
    .await?;
    Ok(!rows.is_empty())
}

/// Creates the table, or adds the columns an older table lacks (existing ones are left as
/// they are).
pub(crate) async fn ensure(conn: &mut MySqlConnection) -> Result<(), DbError> {
    exec(conn, &create_sql()).await?;
    let have: Vec<String> = text_rows(
        conn,
        &format!(
            "SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() \
             AND TABLE_NAME = {}",
            literal(LEDGER_TABLE)
        ),
    )
    .await?
    .into_iter()
    .filter_map(|r| r.into_iter().next().flatten())
    .map(|c| c.to_ascii_lowercase())
    .collect();
    for (name, def) in COLUMNS {
        if !have.iter().any(|h| h == name) {
            // A NOT NULL column added to a table with rows takes its DEFAULT (or the type's
            // implicit default), so this works on a populated table.
            exec(
                conn,
                &format!("ALTER TABLE {LEDGER_TABLE} ADD COLUMN {name} {def}"),
            )
            .await?;
        }
    }
    Ok(())
}

/// A time column as RFC 3339 text with fixed precision (so stored times sort as text). A zero
/// date (`0000-00-00 ...`, the implicit default of old `TIMESTAMP NOT NULL` columns) is NULL,
/// and a value DATE_FORMAT cannot read (a Go tool table with text times) is kept as written
/// rather than turning into NULL: NULL in `finished_at` would make an applied migration look
/// pending.
fn rfc3339(col: &str) -> String {
    format!(
        "CASE WHEN {col} IS NULL OR CAST({col} AS CHAR) LIKE '0000-00-00%' THEN NULL          ELSE COALESCE(DATE_FORMAT({col}, '%Y-%m-%dT%H:%i:%s.%fZ'), CAST({col} AS CHAR)) END"
    )
}

/// Every row, ordered by id; empty when the table does not exist.
pub(crate) async fn rows(conn: &mut MySqlConnection) -> Result<Vec<LedgerRow>, DbError> {
    if !exists(conn).await? {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT id, checksum, {}, migration_name, logs, {}, {}, CAST(applied_steps_count AS CHAR) \
         FROM {LEDGER_TABLE} ORDER BY id",
        rfc3339("finished_at"),
        rfc3339("rolled_back_at"),
        rfc3339("started_at"),
    );
    Ok(text_rows(conn, &sql)
        .await?
        .into_iter()
        .map(|r| {
            let get = |i: usize| r.get(i).cloned().flatten();
            LedgerRow {
                id: get(0).unwrap_or_default(),
                checksum: get(1).unwrap_or_default(),
                finished_at: get(2),
                migration_name: get(3).unwrap_or_default(),
                logs: get(4),
                rolled_back_at: get(5),
                started_at: get(6),
                applied_steps_count: get(7).and_then(|n| n.parse().ok()).unwrap_or(0),
            }
        })
        .collect())
}

/// The row of one migration, if any.
pub(crate) async fn row(
    conn: &mut MySqlConnection,
    id: &str,
) -> Result<Option<LedgerRow>, DbError> {
    Ok(rows(conn).await?.into_iter().find(|r| r.id == id))
}

/// Records that a run starts: a new unfinished row, or the existing unfinished row with the
/// run's checksum (the user may have fixed the failed statement) and its progress.
pub(crate) async fn start(
    conn: &mut MySqlConnection,
    run: &MigrationRun,
    exists: bool,
) -> Result<(), DbError> {
    let steps = i64::try_from(run.resume_from).unwrap_or(i64::MAX);
    let update = format!(
        "UPDATE {LEDGER_TABLE} SET checksum = ?, migration_name = ?, finished_at = NULL, \
         rolled_back_at = NULL, applied_steps_count = ? WHERE id = ?"
    );
    let insert = format!(
        "INSERT INTO {LEDGER_TABLE} (checksum, migration_name, applied_steps_count, id, \
         started_at, finished_at) VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP, NULL)"
    );
    let q = if exists {
        sqlx::query(&update)
            .bind(&run.checksum)
            .bind(&run.name)
            .bind(steps)
            .bind(&run.id)
    } else {
        sqlx::query(&insert)
            .bind(&run.checksum)
            .bind(&run.name)
            .bind(steps)
            .bind(&run.id)
    };
    q.execute(&mut *conn).await.map_err(db_err)?;
    Ok(())
}

/// Stores how many statements of the migration are applied.
pub(crate) async fn progress(
    conn: &mut MySqlConnection,
    id: &str,
    steps: usize,
) -> Result<(), DbError> {
    sqlx::query(&format!(
        "UPDATE {LEDGER_TABLE} SET applied_steps_count = ? WHERE id = ?"
    ))
    .bind(i64::try_from(steps).unwrap_or(i64::MAX))
    .bind(id)
    .execute(&mut *conn)
    .await
    .map_err(db_err)?;
    Ok(())
}

/// Stores the error of a failed statement in `logs`.
pub(crate) async fn fail(conn: &mut MySqlConnection, id: &str, logs: &str) -> Result<(), DbError> {
    sqlx::query(&format!("UPDATE {LEDGER_TABLE} SET logs = ? WHERE id = ?"))
        .bind(logs)
        .bind(id)
        .execute(&mut *conn)
        .await
        .map_err(db_err)?;
    Ok(())
}

/// Marks the migration applied.
pub(crate) async fn finish(
    conn: &mut MySqlConnection,
    id: &str,
    steps: usize,
    snapshot: Option<&str>,
) -> Result<(), DbError> {
    sqlx::query(&format!(
        "UPDATE {LEDGER_TABLE} SET finished_at = CURRENT_TIMESTAMP, logs = NULL, \
         applied_steps_count = ?, snapshot = ? WHERE id = ?"
    ))
    .bind(i64::try_from(steps).unwrap_or(i64::MAX))
    .bind(snapshot)
    .bind(id)
    .execute(&mut *conn)
    .await
    .map_err(db_err)?;
    Ok(())
}

pub(crate) async fn delete(conn: &mut MySqlConnection, id: &str) -> Result<(), DbError> {
    sqlx::query(&format!("DELETE FROM {LEDGER_TABLE} WHERE id = ?"))
        .bind(id)
        .execute(&mut *conn)
        .await
        .map_err(db_err)?;
    Ok(())
}

pub(crate) async fn set_checksum(
    conn: &mut MySqlConnection,
    id: &str,
    checksum: &str,
) -> Result<(), DbError> {
    sqlx::query(&format!(
        "UPDATE {LEDGER_TABLE} SET checksum = ? WHERE id = ?"
    ))
    .bind(checksum)
    .bind(id)
    .execute(&mut *conn)
    .await
    .map_err(db_err)?;
    Ok(())
}

/// The lock name for a database. GET_LOCK names are server-wide, so the database is part of
/// the name: migrations of two databases on one server do not wait for each other. Names are
/// limited to 64 characters; long database names are hashed.
pub(crate) fn lock_name(database: &str) -> String {
    let name = format!("flash_migrations.{database}");
    if name.len() <= 64 {
        name
    } else {
        // FNV-1a: stable and dependency-free; collisions only make two databases share a lock.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in database.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        format!("flash_migrations.{h:016x}")
    }
}

async fn get_lock(conn: &mut MySqlConnection, name: &str, wait_secs: u32) -> Result<bool, DbError> {
    let rows = text_rows(
        conn,
        &format!(
            "SELECT CAST(GET_LOCK({}, {wait_secs}) AS CHAR)",
            literal(name)
        ),
    )
    .await?;
    match rows
        .first()
        .and_then(|r| r.first().cloned().flatten())
        .as_deref()
    {
        Some("1") => Ok(true),
        Some(_) => Ok(false),
        None => Err(DbError::new(format!("GET_LOCK('{name}') failed"))),
    }
}

/// Takes the lock; returns true when it had to wait for another session. MariaDB does not
/// take a negative timeout as "forever" (MySQL does), so it waits in rounds.
pub(crate) async fn lock(conn: &mut MySqlConnection, name: &str) -> Result<bool, DbError> {
    if get_lock(conn, name, 0).await? {
        return Ok(false);
    }
    loop {
        if get_lock(conn, name, 10).await? {
            return Ok(true);
        }
    }
}

pub(crate) async fn unlock(conn: &mut MySqlConnection, name: &str) -> Result<(), DbError> {
    exec(conn, &format!("DO RELEASE_LOCK({})", literal(name))).await
}

/// The snapshot recorded with migration `id`.
pub(crate) async fn snapshot(
    conn: &mut MySqlConnection,
    id: &str,
) -> Result<Option<String>, DbError> {
    let rows = text_rows(
        conn,
        &format!(
            "SELECT snapshot FROM {LEDGER_TABLE} WHERE id = {}",
            literal(id)
        ),
    )
    .await?;
    Ok(rows
        .into_iter()
        .next()
        .and_then(|r| r.into_iter().next().flatten()))
}
