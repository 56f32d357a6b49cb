//! The history table `_flash_migrations` and the migration lock.
//!
//! The lock is SQLite's own write lock: `BEGIN IMMEDIATE` takes the RESERVED lock on the
//! database file, which only one connection (of any process) can hold. A second process's
//! `BEGIN IMMEDIATE` waits on `busy_timeout`. The history is re-read inside that transaction,
//! so every migration is applied exactly once however many processes run at the same time.

use crate::driver::{cell_text, db_err, execute, fetch_all};
use crate::quote::ident;
use chrono::{DateTime, NaiveDateTime, SecondsFormat, Utc};
use flash_schema::{DbError, LedgerRow, MigrationRun, LEDGER_TABLE};
use sqlx::SqliteConnection;
use std::time::Duration;

/// The history table as this version creates it (compatible with the Go tool's table, plus
/// `snapshot`). Times are RFC 3339 text in UTC.
pub fn create_sql() -> String {
    format!(
        "CREATE TABLE IF NOT EXISTS {} (\n  \
         \"id\" varchar(255) NOT NULL PRIMARY KEY,\n  \
         \"checksum\" varchar(64) NOT NULL,\n  \
         \"finished_at\" timestamp NULL,\n  \
         \"migration_name\" varchar(255) NOT NULL,\n  \
         \"logs\" text NULL,\n  \
         \"rolled_back_at\" timestamp NULL,\n  \
         \"started_at\" timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,\n  \
         \"applied_steps_count\" integer NOT NULL DEFAULT 0,\n  \
         \"snapshot\" text NULL\n)",
        ident(LEDGER_TABLE)
    )
}

/// Columns a table made by an older version (or the Go tool) may lack, with the definition
/// ADD COLUMN accepts for each (ADD COLUMN needs a constant default for NOT NULL columns and
/// refuses CURRENT_TIMESTAMP, so those two are relaxed).
const COLUMNS: &[(&str, &str)] = &[
    ("checksum", "varchar(64) NOT NULL DEFAULT ''"),
    ("finished_at", "timestamp NULL"),
    ("migration_name", "varchar(255) NOT NULL DEFAULT ''"),
    ("logs", "text NULL"),
    ("rolled_back_at", "timestamp NULL"),
    ("started_at", "timestamp NULL"),
    ("applied_steps_count", "integer NOT NULL DEFAULT 0"),
    ("snapshot", "text NULL"),
];

/// The current time as stored in the history table.
pub fn now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// A stored time as RFC 3339 UTC text. Accepts what this version writes, SQLite's
/// `CURRENT_TIMESTAMP` form, the Go driver's `2006-01-02 15:04:05.999999999-07:00` form and
/// Unix seconds; anything else is returned unchanged.
pub fn to_rfc3339(stored: &str) -> String {
    let s = stored.trim();
    // Fixed precision, so that stored times sort as text.
    let render = |d: DateTime<Utc>| d.to_rfc3339_opts(SecondsFormat::Micros, true);
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return render(d.with_timezone(&Utc));
    }
    // The Go driver writes `time.Time` as `2006-01-02 15:04:05.999999999-07:00`, and
    // `time.String()` appends ` +0000 UTC`.
    let no_zone_name = s.trim_end_matches(" UTC").trim_end_matches(" GMT");
    for fmt in [
        "%Y-%m-%d %H:%M:%S%.f%:z",
        "%Y-%m-%d %H:%M:%S%.f %z",
        "%Y-%m-%dT%H:%M:%S%.f%z",
    ] {
        if let Ok(d) = DateTime::parse_from_str(no_zone_name, fmt) {
            return render(d.with_timezone(&Utc));
        }
    }
    for fmt in ["%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S%.f"] {
        if let Ok(d) = NaiveDateTime::parse_from_str(s, fmt) {
            return render(d.and_utc());
        }
    }
    if let Ok(secs) = s.parse::<i64>() {
        if let Some(d) = DateTime::from_timestamp(secs, 0) {
            return render(d);
        }
    }
    s.to_string()
}

/// True when the history table exists.
pub async fn exists(conn: &mut SqliteConnection) -> Result<bool, DbError> {
    let n: i64 =
        sqlx::query_scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1")
            .bind(LEDGER_TABLE)
            .fetch_one(&mut *conn)
            .await
            .map_err(db_err)?;
    Ok(n > 0)
}

/// True when the table exists with every column this version uses.
pub async fn is_current(conn: &mut SqliteConnection) -> Result<bool, DbError> {
    let have: Vec<String> = sqlx::query_scalar("SELECT name FROM pragma_table_info(?1)")
        .bind(LEDGER_TABLE)
        .fetch_all(&mut *conn)
        .await
        .map_err(db_err)?;
    Ok(!have.is_empty()
        && COLUMNS
            .iter()
            .all(|(c, _)| have.iter().any(|h| h.eq_ignore_ascii_case(c))))
}

/// Creates the table if missing and adds the columns it lacks. Never alters existing columns.
pub async fn ensure(conn: &mut SqliteConnection) -> Result<(), DbError> {
    execute(conn, &create_sql()).await?;
    let have: Vec<String> = sqlx::query_scalar("SELECT name FROM pragma_table_info(?1)")
        .bind(LEDGER_TABLE)
        .fetch_all(&mut *conn)
        .await
        .map_err(db_err)?;
    for (name, def) in COLUMNS {
        if !have.iter().any(|h| h.eq_ignore_ascii_case(name)) {
            let sql = format!(
                "ALTER TABLE {} ADD COLUMN {} {def}",
                ident(LEDGER_TABLE),
                ident(name)
            );
            execute(conn, &sql).await?;
        }
    }
    Ok(())
}

const SELECT: &str = "SELECT id, checksum, finished_at, migration_name, logs, rolled_back_at, \
                      started_at, applied_steps_count FROM \"_flash_migrations\"";

fn row_from(r: &sqlx::sqlite::SqliteRow) -> LedgerRow {
    let text = |i: usize| cell_text(r, i);
    let time = |i: usize| text(i).map(|t| to_rfc3339(&t));
    LedgerRow {
        id: text(0).unwrap_or_default(),
        checksum: text(1).unwrap_or_default(),
        finished_at: time(2),
        migration_name: text(3).unwrap_or_default(),
        logs: text(4),
        rolled_back_at: time(5),
        started_at: time(6),
        applied_steps_count: text(7).and_then(|n| n.parse().ok()).unwrap_or(0),
    }
}

/// Every row ordered by id; empty when the table does not exist.
pub async fn rows(conn: &mut SqliteConnection) -> Result<Vec<LedgerRow>, DbError> {
    if !exists(conn).await? {
        return Ok(Vec::new());
    }
    let rows = fetch_all(conn, &format!("{SELECT} ORDER BY id")).await?;
    Ok(rows.iter().map(row_from).collect())
}

/// The row of one migration, if any.
pub async fn row(conn: &mut SqliteConnection, id: &str) -> Result<Option<LedgerRow>, DbError> {
    if !exists(conn).await? {
        return Ok(None);
    }
    let r = sqlx::query(&format!("{SELECT} WHERE id = ?1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db_err)?;
    Ok(r.as_ref().map(row_from))
}

/// Records a migration: a new row, or the unfinished row of an earlier run brought up to
/// date. `finished` sets `finished_at` (and clears `logs`); otherwise the row is in progress.
pub async fn upsert(
    conn: &mut SqliteConnection,
    run: &MigrationRun,
    steps: usize,
    finished: bool,
) -> Result<(), DbError> {
    let now = now();
    let finished_at = finished.then(|| now.clone());
    sqlx::query(
        "INSERT INTO \"_flash_migrations\" \
         (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, \
          applied_steps_count, snapshot) \
         VALUES (?1, ?2, ?3, ?4, NULL, NULL, ?5, ?6, ?7) \
         ON CONFLICT (id) DO UPDATE SET checksum = excluded.checksum, \
           finished_at = excluded.finished_at, migration_name = excluded.migration_name, \
           logs = NULL, rolled_back_at = NULL, applied_steps_count = excluded.applied_steps_count, \
           snapshot = coalesce(excluded.snapshot, snapshot)",
    )
    .bind(&run.id)
    .bind(&run.checksum)
    .bind(finished_at)
    .bind(&run.name)
    .bind(&now)
    .bind(steps as i64)
    .bind(run.snapshot.as_deref())
    .execute(&mut *conn)
    .await
    .map_err(db_err)?;
    Ok(())
}

/// Stores progress of a non-transactional run: `steps` statements are applied.
pub async fn progress(
    conn: &mut SqliteConnection,
    id: &str,
    steps: usize,
    logs: Option<&str>,
) -> Result<(), DbError> {
    sqlx::query(
        "UPDATE \"_flash_migrations\" SET applied_steps_count = ?2, logs = ?3 WHERE id = ?1",
    )
    .bind(id)
    .bind(steps as i64)
    .bind(logs)
    .execute(&mut *conn)
    .await
    .map_err(db_err)?;
    Ok(())
}

/// Marks a row finished after its last statement.
pub async fn finish(conn: &mut SqliteConnection, id: &str, steps: usize) -> Result<(), DbError> {
    sqlx::query(
        "UPDATE \"_flash_migrations\" SET finished_at = ?2, applied_steps_count = ?3, logs = NULL \
         WHERE id = ?1",
    )
    .bind(id)
    .bind(now())
    .bind(steps as i64)
    .execute(&mut *conn)
    .await
    .map_err(db_err)?;
    Ok(())
}

/// Deletes a migration's row (after its Down ran).
pub async fn delete(conn: &mut SqliteConnection, id: &str) -> Result<(), DbError> {
    sqlx::query("DELETE FROM \"_flash_migrations\" WHERE id = ?1")
        .bind(id)
        .execute(&mut *conn)
        .await
        .map_err(db_err)?;
    Ok(())
}

/// Stores a new checksum for a migration.
/// Records an error on a row without touching its state (a failed Down of an applied
/// migration).
pub async fn set_logs(conn: &mut SqliteConnection, id: &str, logs: &str) -> Result<(), DbError> {
    sqlx::query("UPDATE \"_flash_migrations\" SET logs = ?2 WHERE id = ?1")
        .bind(id)
        .bind(logs)
        .execute(&mut *conn)
        .await
        .map_err(db_err)?;
    Ok(())
}

pub async fn set_checksum(
    conn: &mut SqliteConnection,
    id: &str,
    checksum: &str,
) -> Result<(), DbError> {
    let done = sqlx::query("UPDATE \"_flash_migrations\" SET checksum = ?2 WHERE id = ?1")
        .bind(id)
        .bind(checksum)
        .execute(&mut *conn)
        .await
        .map_err(db_err)?;
    if done.rows_affected() == 0 {
        return Err(DbError::new(format!(
            "migration {id} is not in {LEDGER_TABLE}"
        )));
    }
    Ok(())
}

/// The busy timeout for ordinary statements.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// How long `lock()` waits for another process's migration before giving up: a day, which is
/// "as long as needed" for a migration while still ending a process that waits on a dead lock.
const LOCK_WAIT: Duration = Duration::from_secs(24 * 60 * 60);

/// True when an error is SQLITE_BUSY (or one of its extended codes).
pub fn is_busy(e: &DbError) -> bool {
    e.code
        .as_deref()
        .and_then(|c| c.parse::<i64>().ok())
        .is_some_and(|c| c & 0xff == 5)
}

async fn busy_timeout(conn: &mut SqliteConnection, d: Duration) -> Result<(), DbError> {
    execute(conn, &format!("PRAGMA busy_timeout = {}", d.as_millis())).await?;
    Ok(())
}

/// Takes the lock: `PRAGMA foreign_keys=OFF` (it cannot change inside a transaction, and the
/// table rebuilds need it off), then `BEGIN IMMEDIATE`, first without waiting. Returns true
/// when another connection held the write lock and this one waited for it.
pub async fn begin_locked(conn: &mut SqliteConnection) -> Result<bool, DbError> {
    execute(conn, "PRAGMA foreign_keys = OFF").await?;
    busy_timeout(conn, Duration::ZERO).await?;
    let first = execute(conn, "BEGIN IMMEDIATE").await;
    let waited = match first {
        Ok(_) => false,
        Err(e) if is_busy(&e) => {
            busy_timeout(conn, LOCK_WAIT).await?;
            loop {
                match execute(conn, "BEGIN IMMEDIATE").await {
                    Ok(_) => break,
                    // The busy handler gives up early when SQLite sees a possible deadlock
                    // with a reader; the writer will finish, so try again.
                    Err(e) if is_busy(&e) => tokio::time::sleep(Duration::from_millis(20)).await,
                    Err(e) => {
                        let _ = busy_timeout(conn, BUSY_TIMEOUT).await;
                        let _ = restore_foreign_keys(conn).await;
                        return Err(e);
                    }
                }
            }
            true
        }
        Err(e) => {
            let _ = busy_timeout(conn, BUSY_TIMEOUT).await;
            let _ = restore_foreign_keys(conn).await;
            return Err(e);
        }
    };
    busy_timeout(conn, BUSY_TIMEOUT).await?;
    Ok(waited)
}

/// Releases the lock: COMMIT, then foreign keys back on.
///
/// In rollback-journal mode COMMIT needs every reader gone; if readers outlast the busy
/// timeout it is tried again (the transaction stays open meanwhile), and rolled back only
/// when that keeps failing, so that no transaction is left open on the connection.
pub async fn commit_unlock(conn: &mut SqliteConnection) -> Result<(), DbError> {
    let mut attempts = 0;
    let committed = loop {
        match execute(conn, "COMMIT").await {
            Err(e) if is_busy(&e) && attempts < 10 => {
                attempts += 1;
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            Err(e) => {
                let _ = execute(conn, "ROLLBACK").await;
                break Err(e);
            }
            Ok(_) => break Ok(()),
        }
    };
    restore_foreign_keys(conn).await?;
    committed
}

/// Ends a failed locked section without keeping anything.
pub async fn rollback_unlock(conn: &mut SqliteConnection) -> Result<(), DbError> {
    let rolled = execute(conn, "ROLLBACK").await;
    restore_foreign_keys(conn).await?;
    rolled.map(|_| ())
}

async fn restore_foreign_keys(conn: &mut SqliteConnection) -> Result<(), DbError> {
    execute(conn, "PRAGMA foreign_keys = ON").await?;
    Ok(())
}

/// One row of `PRAGMA foreign_key_check`: (table, rowid, parent, foreign key id).
pub type Violation = (String, String, String, String);

/// Every row `PRAGMA foreign_key_check` reports.
pub async fn foreign_key_violations(
    conn: &mut SqliteConnection,
) -> Result<std::collections::BTreeSet<Violation>, DbError> {
    let rows = fetch_all(conn, "PRAGMA foreign_key_check").await?;
    Ok(rows
        .iter()
        .map(|r| {
            let cell = |i| cell_text(r, i).unwrap_or_default();
            (cell(0), cell(1), cell(2), cell(3))
        })
        .collect())
}

/// `table (references parent)` for each table with violations, once.
pub fn describe_violations<'a>(v: impl IntoIterator<Item = &'a Violation>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (table, _, parent, _) in v {
        let d = format!("{table} (references {parent})");
        if !out.contains(&d) {
            out.push(d);
        }
    }
    out
}

/// The snapshot recorded with migration `id`.
pub async fn snapshot(conn: &mut SqliteConnection, id: &str) -> Result<Option<String>, DbError> {
    let row: Option<(Option<String>,)> =
        sqlx::query_as("SELECT snapshot FROM \"_flash_migrations\" WHERE id = ?1")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await
            .map_err(db_err)?;
    Ok(row.and_then(|(s,)| s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_times_become_rfc3339_utc() {
        assert_eq!(
            to_rfc3339("2024-01-02 03:04:05"),
            "2024-01-02T03:04:05.000000Z"
        );
        assert_eq!(
            to_rfc3339("2024-01-02T03:04:05.120Z"),
            "2024-01-02T03:04:05.120000Z"
        );
        assert_eq!(
            to_rfc3339("2024-01-02 05:04:05+02:00"),
            "2024-01-02T03:04:05.000000Z"
        );
        assert_eq!(
            to_rfc3339("2024-01-02 03:04:05.5 +0000 UTC"),
            "2024-01-02T03:04:05.500000Z"
        );
        assert_eq!(to_rfc3339("1704164645"), "2024-01-02T03:04:05.000000Z");
        assert_eq!(to_rfc3339("yesterday"), "yesterday");
    }
}
