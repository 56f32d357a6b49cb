//! [`SqliteDriver`]: one SQLite connection implementing [`flash_schema::Driver`].
//!
//! The migration lock is a lock file (held across the COMMIT a `-- flash:no-transaction`
//! migration needs) plus the write transaction (`BEGIN IMMEDIATE`, see [`crate::ledger`]).
//! Inside it every `apply` runs in a SAVEPOINT, so a failed migration leaves nothing behind
//! while the migrations before it in the same run stay applied.

use crate::ledger;
use async_trait::async_trait;
use flash_schema::{
    ApplyFailure, ApplyOutcome, DbError, Described, DescribedColumn, Driver, LedgerRow,
    MigrationRun, Provider, QueryResult, Schema,
};
use sqlx::sqlite::{SqliteConnectOptions, SqliteRow};
use sqlx::{
    Column, ConnectOptions, Connection, Executor, Row, SqliteConnection, Statement, TypeInfo,
    ValueRef,
};
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::str::FromStr;

/// A connection to one SQLite database file (or an in-memory database).
pub struct SqliteDriver {
    conn: SqliteConnection,
    /// True between `lock()` and `unlock()`: the write transaction is open.
    locked: bool,
    /// The lock file of a database file (None in memory): held from `lock()` to `unlock()`,
    /// so the lock survives the COMMIT a `-- flash:no-transaction` migration needs.
    lock_path: Option<PathBuf>,
    lock_file: Option<std::fs::File>,
}

/// Where the cross-process lock of database `path` lives: a file in the temporary folder named
/// after the database's absolute path (FNV-1a, stable across flash versions), so the project
/// folder gets no extra file.
fn lock_path_for(path: &std::path::Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in abs.to_string_lossy().as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    std::env::temp_dir().join(format!("flash-sqlite-{h:016x}.lock"))
}

/// Takes the lock file, first without waiting. Returns the open file and whether it waited.
async fn lock_file(path: PathBuf) -> Result<(std::fs::File, bool), DbError> {
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| DbError::new(format!("cannot open lock file {}: {e}", path.display())))?;
    match file.try_lock() {
        Ok(()) => Ok((file, false)),
        Err(std::fs::TryLockError::WouldBlock) => {
            let waited = tokio::task::spawn_blocking(move || file.lock().map(|()| file))
                .await
                .map_err(|e| DbError::new(format!("lock task failed: {e}")))?
                .map_err(|e| DbError::new(format!("cannot lock {}: {e}", path.display())))?;
            Ok((waited, true))
        }
        Err(std::fs::TryLockError::Error(e)) => {
            Err(DbError::new(format!("cannot lock {}: {e}", path.display())))
        }
    }
}

/// Where a `sqlite:` URL points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SqliteTarget {
    Memory,
    File { path: PathBuf, read_only: bool },
}

/// Reads a SQLite URL: `sqlite://./dev.db` (relative to the current directory),
/// `sqlite:///abs/path.db` (absolute), `sqlite:dev.db`, `sqlite::memory:`. A `?mode=ro`
/// query opens the file read-only; other query parameters are ignored.
pub fn parse_url(url: &str) -> Result<SqliteTarget, DbError> {
    let trimmed = url.trim();
    let lower = trimmed.to_ascii_lowercase();
    let rest = ["sqlite3:", "sqlite:", "file:"]
        .iter()
        .find(|p| lower.starts_with(*p))
        .map(|p| &trimmed[p.len()..])
        .ok_or_else(|| {
            DbError::new("not a SQLite URL: expected sqlite://./dev.db, sqlite:///abs/path.db or sqlite::memory:")
        })?;
    let (path, query) = match rest.split_once('?') {
        Some((p, q)) => (p, q),
        None => (rest, ""),
    };
    let path = path.strip_prefix("//").unwrap_or(path);
    let read_only = query
        .split('&')
        .any(|kv| kv.eq_ignore_ascii_case("mode=ro"));
    if path.is_empty() || path == ":memory:" || query.split('&').any(|kv| kv == "mode=memory") {
        return Ok(SqliteTarget::Memory);
    }
    Ok(SqliteTarget::File {
        path: PathBuf::from(path),
        read_only,
    })
}

/// Opens a connection. A missing database file is created. Foreign keys are enforced and
/// statements wait up to 30 s for a lock held by another process.
pub async fn connect(url: &str) -> Result<SqliteDriver, DbError> {
    let target = parse_url(url)?;
    let lock_path = match &target {
        SqliteTarget::File { path, .. } => Some(lock_path_for(path)),
        SqliteTarget::Memory => None,
    };
    let opts = match target {
        SqliteTarget::Memory => {
            SqliteConnectOptions::from_str("sqlite::memory:").map_err(db_err)?
        }
        SqliteTarget::File { path, read_only } => {
            // `sqlite://./data/dev.db` in a fresh checkout: make the folder, like the file.
            if !read_only {
                if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                    if !dir.exists() {
                        std::fs::create_dir_all(dir).map_err(|e| {
                            DbError::new(format!("cannot create {}: {e}", dir.display()))
                        })?;
                    }
                }
            }
            SqliteConnectOptions::new()
                .filename(path)
                .create_if_missing(!read_only)
                .read_only(read_only)
        }
    };
    let conn = opts
        .foreign_keys(true)
        .busy_timeout(ledger::BUSY_TIMEOUT)
        .connect()
        .await
        .map_err(db_err)?;
    Ok(SqliteDriver {
        conn,
        locked: false,
        lock_path,
        lock_file: None,
    })
}

/// A database error as the model's [`DbError`], with SQLite's extended result code.
pub(crate) fn db_err(e: sqlx::Error) -> DbError {
    match e.as_database_error() {
        Some(d) => DbError {
            message: d.message().to_string(),
            code: d.code().map(|c| c.to_string()),
        },
        None => DbError::new(e.to_string()),
    }
}

/// Runs SQL text (one statement or several) without preparing or caching it; returns the
/// rows changed. Goes through `Executor` (whose futures are boxed) rather than `RawSql`'s own
/// async methods, which rustc cannot prove `Send` inside `async_trait` (rust-lang/rust#100013).
pub(crate) async fn execute(conn: &mut SqliteConnection, sql: &str) -> Result<u64, DbError> {
    (&mut *conn)
        .execute(sqlx::raw_sql(sql))
        .await
        .map(|r| r.rows_affected())
        .map_err(db_err)
}

/// Runs one statement and returns its rows (see [`execute`]).
pub(crate) async fn fetch_all(
    conn: &mut SqliteConnection,
    sql: &str,
) -> Result<Vec<SqliteRow>, DbError> {
    (&mut *conn)
        .fetch_all(sqlx::raw_sql(sql))
        .await
        .map_err(db_err)
}

/// A cell as text: integers and reals in decimal, text as is, blobs as lower-case hex, NULL
/// as None. SQLite values carry their own storage class, whatever the column's declared type.
pub(crate) fn cell_text(row: &SqliteRow, i: usize) -> Option<String> {
    let v = row.try_get_raw(i).ok()?;
    if v.is_null() {
        return None;
    }
    let class = v.type_info().name().to_string();
    match class.as_str() {
        "INTEGER" | "BOOLEAN" => row
            .try_get_unchecked::<i64, _>(i)
            .ok()
            .map(|n| n.to_string()),
        "REAL" | "NUMERIC" => row.try_get_unchecked::<f64, _>(i).ok().map(render_real),
        "BLOB" => row
            .try_get_unchecked::<Vec<u8>, _>(i)
            .ok()
            .map(|b| b.iter().map(|x| format!("{x:02x}")).collect::<String>()),
        _ => row.try_get_unchecked::<String, _>(i).ok(),
    }
}

/// A REAL as SQLite prints it: `2.0`, `1.5`, `1.0e+20`.
fn render_real(f: f64) -> String {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{f:.1}")
    } else {
        format!("{f}")
    }
}

impl SqliteDriver {
    /// The lock file first (it serializes flash processes even while a no-transaction
    /// migration runs outside the write transaction), then the write transaction.
    async fn take_lock(&mut self) -> Result<bool, DbError> {
        let mut waited = false;
        if let Some(path) = self.lock_path.clone() {
            let (file, w) = lock_file(path).await?;
            self.lock_file = Some(file);
            waited = w;
        }
        match ledger::begin_locked(&mut self.conn).await {
            Ok(w) => {
                self.locked = true;
                Ok(waited || w)
            }
            Err(e) => {
                self.lock_file = None;
                Err(e)
            }
        }
    }

    /// Commits the write transaction, then lets go of the lock file (closing it unlocks).
    async fn release_lock(&mut self) -> Result<(), DbError> {
        self.locked = false;
        let out = ledger::commit_unlock(&mut self.conn).await;
        self.lock_file = None;
        out
    }

    /// Runs one statement (or several separated by `;`) without preparing or caching it.
    async fn exec(&mut self, sql: &str) -> Result<(), DbError> {
        execute(&mut self.conn, sql).await.map(|_| ())
    }

    /// The foreign key violations there are now, to tell a migration's own from those the
    /// database already had (SQLite does not enforce foreign keys unless asked, so old
    /// databases often hold orphans).
    async fn violations(&mut self) -> Result<BTreeSet<ledger::Violation>, DbError> {
        ledger::foreign_key_violations(&mut self.conn).await
    }

    /// The failure of a foreign key check, if the migration added violations.
    async fn check_foreign_keys(
        &mut self,
        before: &BTreeSet<ledger::Violation>,
    ) -> Result<(), DbError> {
        let after = self.violations().await?;
        let new = ledger::describe_violations(after.iter().filter(|v| !before.contains(*v)));
        if new.is_empty() {
            Ok(())
        } else {
            Err(DbError::new(format!(
                "foreign key check failed: rows in {} have no matching parent row",
                new.join(", ")
            )))
        }
    }

    /// Runs `body` with the lock held: inside the caller's lock, or in a lock of its own that
    /// is released afterwards.
    async fn with_lock<T>(
        &mut self,
        body: impl for<'a> FnOnce(
            &'a mut SqliteDriver,
        ) -> std::pin::Pin<
            Box<dyn std::future::Future<Output = Result<T, ApplyFailure>> + Send + 'a>,
        >,
    ) -> Result<T, ApplyFailure> {
        if self.locked {
            return body(self).await;
        }
        self.take_lock().await?;
        let out = body(self).await;
        let end = self.release_lock().await;
        match (out, end) {
            (Err(f), _) => Err(f),
            (Ok(_), Err(e)) => Err(ApplyFailure::db(e)),
            (Ok(v), Ok(())) => Ok(v),
        }
    }

    /// Runs `statements[from..]` inside the caller's savepoint, then fails if they added
    /// foreign key violations. A failure is rolled back by the caller: nothing stays applied.
    async fn run_in_savepoint(
        &mut self,
        statements: &[String],
        from: usize,
    ) -> Result<(), ApplyFailure> {
        let before = self.violations().await?;
        for (i, stmt) in statements.iter().enumerate().skip(from) {
            if let Err(error) = self.exec(stmt).await {
                return Err(ApplyFailure {
                    statement_index: Some(i),
                    statement: Some(stmt.clone()),
                    error,
                    rolled_back: true,
                    applied_steps: 0,
                });
            }
        }
        self.check_foreign_keys(&before).await?;
        Ok(())
    }

    /// The migration inside the lock, in a savepoint.
    async fn apply_transactional(
        &mut self,
        run: &MigrationRun,
    ) -> Result<ApplyOutcome, ApplyFailure> {
        self.exec("SAVEPOINT flash_apply").await?;
        let out = self.apply_in_savepoint(run).await;
        match &out {
            Ok(_) => self.exec("RELEASE flash_apply").await?,
            Err(_) => {
                self.exec("ROLLBACK TO flash_apply").await?;
                self.exec("RELEASE flash_apply").await?;
            }
        }
        out
    }

    async fn apply_in_savepoint(
        &mut self,
        run: &MigrationRun,
    ) -> Result<ApplyOutcome, ApplyFailure> {
        if ledger::row(&mut self.conn, &run.id)
            .await?
            .is_some_and(|r| r.is_applied())
        {
            return Ok(ApplyOutcome::AlreadyApplied);
        }
        ledger::ensure(&mut self.conn).await?;
        self.run_in_savepoint(&run.statements, run.resume_from)
            .await?;
        ledger::upsert(&mut self.conn, run, run.statements.len(), true).await?;
        Ok(ApplyOutcome::Applied)
    }

    /// A `-- flash:no-transaction` migration: the write transaction is committed, the
    /// statements run one by one with their progress recorded, then the transaction (the
    /// lock) is opened again.
    async fn apply_steps(&mut self, run: &MigrationRun) -> Result<ApplyOutcome, ApplyFailure> {
        if ledger::row(&mut self.conn, &run.id)
            .await?
            .is_some_and(|r| r.is_applied())
        {
            return Ok(ApplyOutcome::AlreadyApplied);
        }
        ledger::ensure(&mut self.conn).await?;
        self.exec("COMMIT").await?;
        let out = self.run_steps(run).await;
        // Take the lock again whatever happened: the caller still holds it until unlock().
        ledger::begin_locked(&mut self.conn).await?;
        out
    }

    async fn run_steps(&mut self, run: &MigrationRun) -> Result<ApplyOutcome, ApplyFailure> {
        let done = run.resume_from.min(run.statements.len());
        let before = self.violations().await?;
        ledger::upsert(&mut self.conn, run, done, false).await?;
        for (i, stmt) in run.statements.iter().enumerate().skip(done) {
            if let Err(error) = self.exec(stmt).await {
                ledger::progress(&mut self.conn, &run.id, i, Some(&error.message)).await?;
                return Err(ApplyFailure {
                    statement_index: Some(i),
                    statement: Some(stmt.clone()),
                    error,
                    rolled_back: false,
                    applied_steps: i,
                });
            }
            ledger::progress(&mut self.conn, &run.id, i + 1, None).await?;
        }
        let n = run.statements.len();
        if let Err(error) = self.check_foreign_keys(&before).await {
            ledger::progress(&mut self.conn, &run.id, n, Some(&error.message)).await?;
            return Err(ApplyFailure {
                statement_index: None,
                statement: None,
                error,
                rolled_back: false,
                applied_steps: n,
            });
        }
        ledger::finish(&mut self.conn, &run.id, n).await?;
        Ok(ApplyOutcome::Applied)
    }

    async fn revert_transactional(&mut self, run: &MigrationRun) -> Result<(), ApplyFailure> {
        self.exec("SAVEPOINT flash_revert").await?;
        let out = self.revert_in_savepoint(run).await;
        match &out {
            Ok(_) => self.exec("RELEASE flash_revert").await?,
            Err(_) => {
                self.exec("ROLLBACK TO flash_revert").await?;
                self.exec("RELEASE flash_revert").await?;
            }
        }
        out
    }

    async fn revert_in_savepoint(&mut self, run: &MigrationRun) -> Result<(), ApplyFailure> {
        self.run_in_savepoint(&run.statements, 0).await?;
        if ledger::exists(&mut self.conn).await? {
            ledger::delete(&mut self.conn, &run.id).await?;
        }
        Ok(())
    }

    async fn revert_steps(&mut self, run: &MigrationRun) -> Result<(), ApplyFailure> {
        self.exec("COMMIT").await?;
        let out = async {
            for (i, stmt) in run.statements.iter().enumerate() {
                if let Err(error) = self.exec(stmt).await {
                    // The row stays applied; `status` shows the error.
                    let log = format!("down statement {} failed: {}", i + 1, error.message);
                    let _ = ledger::set_logs(&mut self.conn, &run.id, &log).await;
                    return Err(ApplyFailure {
                        statement_index: Some(i),
                        statement: Some(stmt.clone()),
                        error,
                        rolled_back: false,
                        applied_steps: i,
                    });
                }
            }
            if ledger::exists(&mut self.conn).await? {
                ledger::delete(&mut self.conn, &run.id).await?;
            }
            Ok(())
        }
        .await;
        ledger::begin_locked(&mut self.conn).await?;
        out
    }

    /// Every view, trigger and table of the database (not SQLite's own), by kind.
    async fn objects(&mut self) -> Result<Vec<(String, String)>, DbError> {
        let rows = fetch_all(
            &mut self.conn,
            "SELECT type, name FROM sqlite_master \
             WHERE type IN ('view', 'trigger', 'table') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' \
             ORDER BY CASE type WHEN 'view' THEN 0 WHEN 'trigger' THEN 1 ELSE 2 END, rowid",
        )
        .await?;
        Ok(rows
            .iter()
            .map(|r| {
                (
                    cell_text(r, 0).unwrap_or_default(),
                    cell_text(r, 1).unwrap_or_default(),
                )
            })
            .collect())
    }

    async fn drop_everything(&mut self) -> Result<Vec<String>, DbError> {
        let mut dropped = Vec::new();
        for (kind, name) in self.objects().await? {
            let what = kind.to_ascii_uppercase();
            // A virtual table's shadow tables go with it: IF EXISTS.
            self.exec(&format!(
                "DROP {what} IF EXISTS {}",
                crate::quote::ident(&name)
            ))
            .await?;
            dropped.push(format!("{kind} {name}"));
        }
        Ok(dropped)
    }
}

#[async_trait]
impl Driver for SqliteDriver {
    fn provider(&self) -> Provider {
        Provider::Sqlite
    }

    async fn ensure_ledger(&mut self) -> Result<(), DbError> {
        if self.locked {
            return ledger::ensure(&mut self.conn).await;
        }
        // Reading first keeps the common case free of write locks; the change itself runs in
        // the lock, so that processes starting together do not add the same column twice.
        if ledger::is_current(&mut self.conn).await? {
            return Ok(());
        }
        ledger::begin_locked(&mut self.conn).await?;
        let out = ledger::ensure(&mut self.conn).await;
        let end = ledger::commit_unlock(&mut self.conn).await;
        out.and(end)
    }

    async fn ledger(&mut self) -> Result<Vec<LedgerRow>, DbError> {
        ledger::rows(&mut self.conn).await
    }

    async fn lock(&mut self) -> Result<bool, DbError> {
        if self.locked {
            return Ok(false);
        }
        self.take_lock().await
    }

    async fn unlock(&mut self) -> Result<(), DbError> {
        if !self.locked {
            return Ok(());
        }
        self.release_lock().await
    }

    async fn apply(&mut self, run: &MigrationRun) -> Result<ApplyOutcome, ApplyFailure> {
        let run = run.clone();
        self.with_lock(move |d| {
            Box::pin(async move {
                if run.transactional {
                    d.apply_transactional(&run).await
                } else {
                    d.apply_steps(&run).await
                }
            })
        })
        .await
    }

    async fn revert(&mut self, run: &MigrationRun) -> Result<(), ApplyFailure> {
        let run = run.clone();
        self.with_lock(move |d| {
            Box::pin(async move {
                if run.transactional {
                    d.revert_transactional(&run).await
                } else {
                    d.revert_steps(&run).await
                }
            })
        })
        .await
    }

    async fn set_checksum(&mut self, id: &str, checksum: &str) -> Result<(), DbError> {
        ledger::set_checksum(&mut self.conn, id, checksum).await
    }

    async fn recorded_snapshot(&mut self, id: &str) -> Result<Option<String>, DbError> {
        ledger::snapshot(&mut self.conn, id).await
    }

    /// SQLite's attached databases are not managed: the main one is read.
    async fn inspect_in(&mut self, _: &flash_schema::Namespaces) -> Result<Schema, DbError> {
        crate::inspect::inspect(&mut self.conn).await
    }

    /// Nothing: every object SQLite has (tables, indexes, views, triggers, virtual tables) is
    /// in `sqlite_master`, and [`Driver::inspect_in`] reads all of it.
    async fn unmanaged(
        &mut self,
        _: &flash_schema::Namespaces,
    ) -> Result<Vec<flash_schema::UnmanagedObject>, DbError> {
        Ok(Vec::new())
    }

    async fn export_rows(
        &mut self,
        tables: &[flash_schema::Table],
        sink: &mut flash_schema::RowSink<'_>,
    ) -> Result<(), DbError> {
        crate::data::export_rows(&mut self.conn, tables, sink).await
    }

    async fn load_rows(
        &mut self,
        table: &flash_schema::Table,
        columns: &[String],
        rows: Vec<Vec<flash_schema::Cell>>,
    ) -> Result<u64, DbError> {
        crate::data::load_rows(&mut self.conn, table, columns, rows).await
    }

    async fn query(&mut self, sql: &str) -> Result<Vec<QueryResult>, DbError> {
        let statements = flash_sql::split_statements(sql, Provider::Sqlite)
            .map_err(|e| DbError::new(e.to_string()))?;
        let mut out = Vec::new();
        for s in statements {
            let columns: Vec<String> = {
                // sqlx caches prepared statements with their result columns; after DDL the
                // cached columns of the same text can be stale, so prepare afresh.
                self.conn.clear_cached_statements().await.map_err(db_err)?;
                let prepared = (&mut self.conn).prepare(&s.sql).await.map_err(db_err)?;
                prepared
                    .columns()
                    .iter()
                    .map(|c| c.name().to_string())
                    .collect()
            };
            if columns.is_empty() {
                let done = execute(&mut self.conn, &s.sql).await?;
                out.push(QueryResult {
                    columns,
                    rows: Vec::new(),
                    rows_affected: done,
                });
            } else {
                let rows = fetch_all(&mut self.conn, &s.sql).await?;
                let rows: Vec<Vec<Option<String>>> = rows
                    .iter()
                    .map(|r| (0..r.columns().len()).map(|i| cell_text(r, i)).collect())
                    .collect();
                out.push(QueryResult {
                    rows_affected: rows.len() as u64,
                    columns,
                    rows,
                });
            }
        }
        Ok(out)
    }

    async fn reset_in(&mut self, _: &flash_schema::Namespaces) -> Result<Vec<String>, DbError> {
        if self.locked {
            return self.drop_everything().await;
        }
        ledger::begin_locked(&mut self.conn).await?;
        let out = self.drop_everything().await;
        match out {
            Ok(v) => {
                ledger::commit_unlock(&mut self.conn).await?;
                Ok(v)
            }
            Err(e) => {
                let _ = ledger::rollback_unlock(&mut self.conn).await;
                Err(e)
            }
        }
    }

    async fn describe(&mut self, sql: &str) -> Result<Described, DbError> {
        let d = (&mut self.conn)
            .describe(sql)
            .await
            .map_err(|e| DbError::new(e.to_string()))?;
        let columns = d
            .columns()
            .iter()
            .enumerate()
            .map(|(i, c)| DescribedColumn {
                name: c.name().to_string(),
                type_name: c.type_info().name().to_string(),
                nullable: d.nullable(i),
            })
            .collect();
        let params = match d.parameters() {
            Some(sqlx::Either::Left(types)) => {
                Some(types.iter().map(|t| t.name().to_string()).collect())
            }
            _ => None,
        };
        Ok(Described { columns, params })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_point_to_files_or_memory() {
        assert_eq!(
            parse_url("sqlite://./dev.db").unwrap(),
            SqliteTarget::File {
                path: "./dev.db".into(),
                read_only: false
            }
        );
        assert_eq!(
            parse_url("sqlite:///abs/path.db").unwrap(),
            SqliteTarget::File {
                path: "/abs/path.db".into(),
                read_only: false
            }
        );
        assert_eq!(
            parse_url("sqlite:dev.db?mode=ro").unwrap(),
            SqliteTarget::File {
                path: "dev.db".into(),
                read_only: true
            }
        );
        assert_eq!(parse_url("sqlite::memory:").unwrap(), SqliteTarget::Memory);
        assert!(parse_url("postgres://x").is_err());
        assert_eq!(render_real(2.0), "2.0");
        assert_eq!(render_real(1.5), "1.5");
    }
}
