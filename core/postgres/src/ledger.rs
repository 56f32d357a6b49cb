//! The history table `_flash_migrations` (shared with the Go Flash ORM) and the migration lock.
//!
//! Times are written with `now()`/`clock_timestamp()` and read back as RFC 3339 UTC text. The
//! driver's session runs with `TimeZone = UTC`, so the `timestamp` (without time zone) columns
//! hold UTC wall-clock times, and a Go-made table with `timestamptz` columns reads the same.

use crate::driver::db_error;
use flash_schema::{DbError, LedgerRow, LEDGER_TABLE};
use sqlx::{Executor, PgConnection, Row};

/// The advisory lock key: FNV-1a (64 bit) of `flash_migrations`, as a signed bigint. Fixed, so
/// every flash process (and version) contends for the same lock.
pub const LOCK_KEY: i64 = fnv1a(b"flash_migrations") as i64;

const fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        h ^= bytes[i] as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
        i += 1;
    }
    h
}

/// Every column of the history table with its definition, in table order. A table made by an
/// older version or by the Go tool gets the missing ones added (never altered).
pub const COLUMNS: &[(&str, &str)] = &[
    ("id", "varchar(255) NOT NULL PRIMARY KEY"),
    ("checksum", "varchar(64) NOT NULL DEFAULT ''"),
    ("finished_at", "timestamp NULL"),
    ("migration_name", "varchar(255) NOT NULL DEFAULT ''"),
    ("logs", "text NULL"),
    ("rolled_back_at", "timestamp NULL"),
    ("started_at", "timestamp NOT NULL DEFAULT now()"),
    ("applied_steps_count", "integer NOT NULL DEFAULT 0"),
    ("snapshot", "text NULL"),
];

/// `CREATE TABLE IF NOT EXISTS _flash_migrations (...)`.
pub fn create_sql() -> String {
    let cols = COLUMNS
        .iter()
        .map(|(n, d)| {
            // In a new table the NOT NULL text columns need no default.
            let d = d.replace(" DEFAULT ''", "");
            format!("  {n} {d}")
        })
        .collect::<Vec<_>>()
        .join(",\n");
    format!("CREATE TABLE IF NOT EXISTS {LEDGER_TABLE} (\n{cols}\n)")
}

/// Creates the table if missing and adds missing columns.
pub async fn ensure(conn: &mut PgConnection) -> Result<(), DbError> {
    (&mut *conn)
        .execute(sqlx::raw_sql(&create_sql()))
        .await
        .map_err(db_error)?;
    let rows = (&mut *conn)
        .fetch_all(
            sqlx::query(
                "SELECT a.attname::text AS name FROM pg_attribute a
         WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped",
            )
            .bind(LEDGER_TABLE)
            .persistent(false),
        )
        .await
        .map_err(db_error)?;
    let have: Vec<String> = rows
        .iter()
        .filter_map(|r| r.try_get::<String, _>("name").ok())
        .collect();
    for (name, def) in COLUMNS {
        if !have.iter().any(|h| h == name) {
            // PRIMARY KEY only belongs to a new table; a missing id column cannot be fixed.
            let def = def.replace(" PRIMARY KEY", "");
            let sql = format!("ALTER TABLE {LEDGER_TABLE} ADD COLUMN {name} {def}");
            (&mut *conn)
                .execute(sqlx::raw_sql(&sql))
                .await
                .map_err(db_error)?;
        }
    }
    Ok(())
}

/// True when the history table exists.
pub async fn exists(conn: &mut PgConnection) -> Result<bool, DbError> {
    let row = (&mut *conn)
        .fetch_one(
            sqlx::query("SELECT to_regclass($1) IS NOT NULL AS present")
                .bind(LEDGER_TABLE)
                .persistent(false),
        )
        .await
        .map_err(db_error)?;
    row.try_get("present").map_err(db_error)
}

fn rfc3339(col: &str) -> String {
    format!(
        "to_char({col}::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') AS {col}"
    )
}

fn select_sql(filter: &str) -> String {
    format!(
        "SELECT id::text AS id, checksum::text AS checksum, {}, migration_name::text AS migration_name,
                logs::text AS logs, {}, {}, applied_steps_count::int8 AS applied_steps_count
         FROM {LEDGER_TABLE} {filter} ORDER BY id",
        rfc3339("finished_at"),
        rfc3339("rolled_back_at"),
        rfc3339("started_at"),
    )
}

fn to_row(r: &sqlx::postgres::PgRow) -> Result<LedgerRow, DbError> {
    Ok(LedgerRow {
        id: r.try_get("id").map_err(db_error)?,
        checksum: r.try_get("checksum").map_err(db_error)?,
        finished_at: r.try_get("finished_at").map_err(db_error)?,
        migration_name: r.try_get("migration_name").map_err(db_error)?,
        logs: r.try_get("logs").map_err(db_error)?,
        rolled_back_at: r.try_get("rolled_back_at").map_err(db_error)?,
        started_at: r.try_get("started_at").map_err(db_error)?,
        applied_steps_count: r.try_get("applied_steps_count").map_err(db_error)?,
    })
}

/// Every row ordered by id; empty when the table does not exist.
pub async fn rows(conn: &mut PgConnection) -> Result<Vec<LedgerRow>, DbError> {
    if !exists(conn).await? {
        return Ok(Vec::new());
    }
    let rows = (&mut *conn)
        .fetch_all(sqlx::query(&select_sql("")).persistent(false))
        .await
        .map_err(db_error)?;
    rows.iter().map(to_row).collect()
}

/// One row by id.
pub async fn row(conn: &mut PgConnection, id: &str) -> Result<Option<LedgerRow>, DbError> {
    let r = (&mut *conn)
        .fetch_optional(
            sqlx::query(&select_sql("WHERE id = $1"))
                .bind(id)
                .persistent(false),
        )
        .await
        .map_err(db_error)?;
    r.as_ref().map(to_row).transpose()
}

/// Records a finished migration (insert, or complete an unfinished row).
pub const RECORD_FINISHED: &str = "INSERT INTO _flash_migrations
        (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count, snapshot)
     VALUES ($1, $2, clock_timestamp(), $3, NULL, NULL, now(), $4, $5)
     ON CONFLICT (id) DO UPDATE SET checksum = EXCLUDED.checksum,
        finished_at = EXCLUDED.finished_at, migration_name = EXCLUDED.migration_name, logs = NULL,
        rolled_back_at = NULL, applied_steps_count = EXCLUDED.applied_steps_count,
        snapshot = EXCLUDED.snapshot";

/// Opens (or reopens) an unfinished row for a step-by-step run.
pub const RECORD_STARTED: &str = "INSERT INTO _flash_migrations
        (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
     VALUES ($1, $2, NULL, $3, NULL, NULL, clock_timestamp(), $4)
     ON CONFLICT (id) DO UPDATE SET checksum = EXCLUDED.checksum, finished_at = NULL,
        migration_name = EXCLUDED.migration_name, rolled_back_at = NULL,
        applied_steps_count = EXCLUDED.applied_steps_count";

/// Progress of a step-by-step run.
pub const RECORD_STEP: &str = "UPDATE _flash_migrations SET applied_steps_count = $2 WHERE id = $1";

/// A failed step-by-step run: the error goes to `logs`.
pub const RECORD_FAILURE: &str = "UPDATE _flash_migrations SET logs = $2 WHERE id = $1";

/// The end of a step-by-step run.
pub const RECORD_DONE: &str = "UPDATE _flash_migrations
     SET finished_at = clock_timestamp(), logs = NULL, applied_steps_count = $2, snapshot = $3
     WHERE id = $1";

pub const DELETE: &str = "DELETE FROM _flash_migrations WHERE id = $1";

pub const SET_CHECKSUM: &str = "UPDATE _flash_migrations SET checksum = $2 WHERE id = $1";

/// Takes the advisory lock: first without waiting, then waiting. Returns true if it waited.
pub async fn lock(conn: &mut PgConnection) -> Result<bool, DbError> {
    let row = (&mut *conn)
        .fetch_one(sqlx::query("SELECT pg_try_advisory_lock($1) AS got").bind(LOCK_KEY))
        .await
        .map_err(db_error)?;
    if row.try_get::<bool, _>("got").map_err(db_error)? {
        return Ok(false);
    }
    // Wait as long as it takes, even where the role or database sets statement_timeout or
    // lock_timeout: SET LOCAL lifts them for this transaction only, and the session-level
    // advisory lock outlives the COMMIT.
    (&mut *conn).execute("BEGIN").await.map_err(db_error)?;
    let waited = async {
        (&mut *conn)
            .execute("SET LOCAL statement_timeout = 0")
            .await?;
        (&mut *conn).execute("SET LOCAL lock_timeout = 0").await?;
        (&mut *conn)
            .execute(sqlx::query("SELECT pg_advisory_lock($1)").bind(LOCK_KEY))
            .await?;
        (&mut *conn).execute("COMMIT").await
    }
    .await;
    if let Err(e) = waited {
        let _ = (&mut *conn).execute("ROLLBACK").await;
        return Err(db_error(e));
    }
    Ok(true)
}

pub async fn unlock(conn: &mut PgConnection) -> Result<(), DbError> {
    (&mut *conn)
        .execute(sqlx::query("SELECT pg_advisory_unlock($1)").bind(LOCK_KEY))
        .await
        .map_err(db_error)?;
    Ok(())
}

/// The snapshot recorded with migration `id`.
pub async fn snapshot(conn: &mut PgConnection, id: &str) -> Result<Option<String>, DbError> {
    let r = (&mut *conn)
        .fetch_optional(
            sqlx::query(&format!(
                "SELECT snapshot FROM {LEDGER_TABLE} WHERE id = $1"
            ))
            .bind(id)
            .persistent(false),
        )
        .await
        .map_err(db_error)?;
    match r {
        Some(r) => r.try_get::<Option<String>, _>("snapshot").map_err(db_error),
        None => Ok(None),
    }
}
