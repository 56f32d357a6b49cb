//! [`PostgresDriver`]: one PostgreSQL connection implementing [`Driver`].
//!
//! One connection, not a pool: the advisory lock belongs to the session that took it. The
//! session runs with `TimeZone = UTC` (history times are UTC) and `client_min_messages =
//! warning` (no NOTICE chatter from `IF EXISTS` drops).

use crate::{inspect, ledger};
use async_trait::async_trait;
use flash_schema::{
    ApplyFailure, ApplyOutcome, DbError, Described, DescribedColumn, Driver, LedgerRow,
    MigrationRun, Provider, QueryResult, Schema,
};
use futures::TryStreamExt;
use sqlx::postgres::{PgDatabaseError, PgRow, PgValueFormat};
use sqlx::{Column as _, Connection, Either, Executor, PgConnection, Row, TypeInfo, ValueRef};

/// A connection to one PostgreSQL database.
pub struct PostgresDriver {
    conn: PgConnection,
    /// `ensure_ledger` ran on this connection: apply/revert need not run it again.
    ledger_ready: bool,
    /// The session's `search_path` at connect. A migration may change it (pg_dump output
    /// empties it); it is put back before the history table is written.
    search_path: String,
}

/// Puts the session's `search_path` back (for the rest of the session, not just the
/// transaction).
async fn restore_search_path<'e, E>(e: E, path: &str) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'e, Database = sqlx::Postgres>,
{
    e.execute(
        sqlx::query("SELECT set_config('search_path', $1, false)")
            .bind(path.to_string())
            .persistent(false),
    )
    .await
    .map(|_| ())
}

/// Connects to a `postgres://` / `postgresql://` URL.
pub async fn connect(url: &str) -> Result<PostgresDriver, DbError> {
    let mut conn = PgConnection::connect(url).await.map_err(db_error)?;
    (&mut conn)
        .execute(sqlx::raw_sql(
            "SET TIME ZONE 'UTC'; SET client_min_messages = warning",
        ))
        .await
        .map_err(db_error)?;
    // When a caller cancels (Ctrl-C, a cancelled context) the connection is dropped mid-query.
    // PostgreSQL 14+ then notices the closed socket within a second and aborts the statement,
    // rolling back and releasing the migration lock, instead of running it to the end. Best
    // effort: servers that cannot watch a socket (Windows, 14 outside Linux) refuse the setting.
    let _ = (&mut conn)
        .execute(sqlx::raw_sql(
            "SELECT set_config('client_connection_check_interval', '1000', false) \
             WHERE current_setting('server_version_num')::int >= 140000",
        ))
        .await;
    let search_path: String = sqlx::query_scalar("SELECT current_setting('search_path')")
        .fetch_one(&mut conn)
        .await
        .map_err(db_error)?;
    Ok(PostgresDriver {
        conn,
        ledger_ready: false,
        search_path,
    })
}

/// A client or server error as a [`DbError`], with PostgreSQL's detail and hint and the
/// SQLSTATE as code.
pub fn db_error(e: sqlx::Error) -> DbError {
    match &e {
        sqlx::Error::Database(d) => {
            let mut message = d.message().to_string();
            if let Some(pg) = d.try_downcast_ref::<PgDatabaseError>() {
                if let Some(detail) = pg.detail() {
                    message.push_str(&format!("\nDETAIL: {detail}"));
                }
                if let Some(hint) = pg.hint() {
                    message.push_str(&format!("\nHINT: {hint}"));
                }
            }
            DbError {
                message,
                code: d.code().map(|c| c.to_string()),
            }
        }
        other => DbError::new(other.to_string()),
    }
}

fn statement_failure(
    index: usize,
    sql: &str,
    e: sqlx::Error,
    rolled_back: bool,
    applied: usize,
) -> ApplyFailure {
    ApplyFailure {
        statement_index: Some(index),
        statement: Some(sql.to_string()),
        error: db_error(e),
        rolled_back,
        applied_steps: applied,
    }
}

impl PostgresDriver {
    /// The underlying connection, for callers (tests, tools) that need plain SQL access.
    pub fn connection(&mut self) -> &mut PgConnection {
        &mut self.conn
    }

    async fn ledger_once(&mut self) -> Result<(), DbError> {
        if !self.ledger_ready {
            ledger::ensure(&mut self.conn).await?;
            self.ledger_ready = true;
        }
        Ok(())
    }

    /// Up statements and the history row in one transaction: all or nothing.
    async fn apply_in_transaction(
        &mut self,
        run: &MigrationRun,
    ) -> Result<ApplyOutcome, ApplyFailure> {
        let mut tx = self.conn.begin().await.map_err(db_error)?;
        for (i, sql) in run.statements.iter().enumerate().skip(run.resume_from) {
            if let Err(e) = (&mut *tx).execute(sqlx::raw_sql(sql)).await {
                let _ = tx.rollback().await;
                return Err(statement_failure(i, sql, e, true, 0));
            }
        }
        if let Err(e) = restore_search_path(&mut *tx, &self.search_path).await {
            let _ = tx.rollback().await;
            return Err(ApplyFailure::db(db_error(e)));
        }
        let recorded = (&mut *tx)
            .execute(
                sqlx::query(ledger::RECORD_FINISHED)
                    .bind(&run.id)
                    .bind(&run.checksum)
                    .bind(&run.name)
                    .bind(run.statements.len() as i64 as i32)
                    .bind(run.snapshot.as_deref())
                    .persistent(false),
            )
            .await;
        if let Err(e) = recorded {
            let _ = tx.rollback().await;
            return Err(ApplyFailure::db(db_error(e)));
        }
        tx.commit()
            .await
            .map_err(|e| ApplyFailure::db(db_error(e)))?;
        Ok(ApplyOutcome::Applied)
    }

    /// Statement by statement with progress recorded after each, for migrations that cannot
    /// run in a transaction; a failure leaves the row unfinished with the error in `logs`.
    async fn apply_in_steps(&mut self, run: &MigrationRun) -> Result<ApplyOutcome, ApplyFailure> {
        let start = run.resume_from.min(run.statements.len());
        (&mut self.conn)
            .execute(
                sqlx::query(ledger::RECORD_STARTED)
                    .bind(&run.id)
                    .bind(&run.checksum)
                    .bind(&run.name)
                    .bind(start as i32)
                    .persistent(false),
            )
            .await
            .map_err(db_error)?;
        for (i, sql) in run.statements.iter().enumerate().skip(start) {
            let ran = (&mut self.conn).execute(sqlx::raw_sql(sql)).await;
            let _ = restore_search_path(&mut self.conn, &self.search_path).await;
            if let Err(e) = ran {
                let failure = statement_failure(i, sql, e, false, i);
                let _ = (&mut self.conn)
                    .execute(
                        sqlx::query(ledger::RECORD_FAILURE)
                            .bind(&run.id)
                            .bind(failure.error.message.clone())
                            .persistent(false),
                    )
                    .await;
                return Err(failure);
            }
            (&mut self.conn)
                .execute(
                    sqlx::query(ledger::RECORD_STEP)
                        .bind(&run.id)
                        .bind((i + 1) as i32)
                        .persistent(false),
                )
                .await
                .map_err(db_error)?;
        }
        (&mut self.conn)
            .execute(
                sqlx::query(ledger::RECORD_DONE)
                    .bind(&run.id)
                    .bind(run.statements.len() as i32)
                    .bind(run.snapshot.as_deref())
                    .persistent(false),
            )
            .await
            .map_err(db_error)?;
        Ok(ApplyOutcome::Applied)
    }

    /// Runs one statement of `query()`.
    async fn query_one(&mut self, sql: &str) -> Result<QueryResult, DbError> {
        let mut res = QueryResult::default();
        {
            let mut stream = (&mut self.conn).fetch_many(sqlx::raw_sql(sql));
            while let Some(item) = stream.try_next().await.map_err(db_error)? {
                match item {
                    Either::Left(done) => res.rows_affected += done.rows_affected(),
                    Either::Right(row) => {
                        if res.columns.is_empty() {
                            res.columns =
                                row.columns().iter().map(|c| c.name().to_string()).collect();
                        }
                        res.rows.push(render_row(&row));
                    }
                }
            }
        }
        if res.columns.is_empty() && may_return_rows(sql) {
            // No rows came back, so no row told the column names: ask for them.
            if let Ok(d) = (&mut self.conn).describe(sql).await {
                res.columns = d.columns().iter().map(|c| c.name().to_string()).collect();
            }
        }
        Ok(res)
    }
}

fn may_return_rows(sql: &str) -> bool {
    let head = sql
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    matches!(
        head.as_str(),
        "select" | "with" | "values" | "table" | "show" | "explain"
    ) || sql.to_ascii_lowercase().contains("returning")
}

/// Every cell as PostgreSQL's own text form (the simple query protocol returns text), with
/// booleans spelled `true`/`false`; bytea comes as `\x` hex.
fn render_row(row: &PgRow) -> Vec<Option<String>> {
    (0..row.len())
        .map(|i| {
            let v = row.try_get_raw(i).ok()?;
            if v.is_null() {
                return None;
            }
            let is_bool = v.type_info().name() == "BOOL";
            match v.format() {
                PgValueFormat::Text => {
                    let s = v.as_str().ok()?;
                    Some(match (is_bool, s) {
                        (true, "t") => "true".to_string(),
                        (true, "f") => "false".to_string(),
                        _ => s.to_string(),
                    })
                }
                PgValueFormat::Binary => {
                    let b = v.as_bytes().ok()?;
                    Some(format!(
                        "\\x{}",
                        b.iter().map(|x| format!("{x:02x}")).collect::<String>()
                    ))
                }
            }
        })
        .collect()
}

#[async_trait]
impl Driver for PostgresDriver {
    fn provider(&self) -> Provider {
        Provider::Postgresql
    }

    async fn ensure_ledger(&mut self) -> Result<(), DbError> {
        ledger::ensure(&mut self.conn).await?;
        self.ledger_ready = true;
        Ok(())
    }

    async fn ledger(&mut self) -> Result<Vec<LedgerRow>, DbError> {
        ledger::rows(&mut self.conn).await
    }

    async fn lock(&mut self) -> Result<bool, DbError> {
        ledger::lock(&mut self.conn).await
    }

    async fn unlock(&mut self) -> Result<(), DbError> {
        ledger::unlock(&mut self.conn).await
    }

    async fn apply(&mut self, run: &MigrationRun) -> Result<ApplyOutcome, ApplyFailure> {
        self.ledger_once().await?;
        if let Some(row) = ledger::row(&mut self.conn, &run.id).await? {
            if row.is_applied() {
                return Ok(ApplyOutcome::AlreadyApplied);
            }
        }
        if run.transactional {
            self.apply_in_transaction(run).await
        } else {
            self.apply_in_steps(run).await
        }
    }

    async fn revert(&mut self, run: &MigrationRun) -> Result<(), ApplyFailure> {
        self.ledger_once().await?;
        if run.transactional {
            let mut tx = self.conn.begin().await.map_err(db_error)?;
            for (i, sql) in run.statements.iter().enumerate().skip(run.resume_from) {
                if let Err(e) = (&mut *tx).execute(sqlx::raw_sql(sql)).await {
                    let _ = tx.rollback().await;
                    return Err(statement_failure(i, sql, e, true, 0));
                }
            }
            if let Err(e) = restore_search_path(&mut *tx, &self.search_path).await {
                let _ = tx.rollback().await;
                return Err(ApplyFailure::db(db_error(e)));
            }
            if let Err(e) = (&mut *tx)
                .execute(sqlx::query(ledger::DELETE).bind(&run.id).persistent(false))
                .await
            {
                let _ = tx.rollback().await;
                return Err(ApplyFailure::db(db_error(e)));
            }
            tx.commit()
                .await
                .map_err(|e| ApplyFailure::db(db_error(e)))?;
        } else {
            for (i, sql) in run.statements.iter().enumerate().skip(run.resume_from) {
                let ran = (&mut self.conn).execute(sqlx::raw_sql(sql)).await;
                let _ = restore_search_path(&mut self.conn, &self.search_path).await;
                if let Err(e) = ran {
                    let failure = statement_failure(i, sql, e, false, i);
                    // The row stays applied; `status` shows the error so nobody takes the
                    // half-undone migration for an intact one.
                    let log = format!("down statement {} failed: {}", i + 1, failure.error.message);
                    let _ = (&mut self.conn)
                        .execute(
                            sqlx::query(ledger::RECORD_FAILURE)
                                .bind(&run.id)
                                .bind(log)
                                .persistent(false),
                        )
                        .await;
                    return Err(failure);
                }
            }
            (&mut self.conn)
                .execute(sqlx::query(ledger::DELETE).bind(&run.id).persistent(false))
                .await
                .map_err(db_error)?;
        }
        Ok(())
    }

    async fn set_checksum(&mut self, id: &str, checksum: &str) -> Result<(), DbError> {
        let done = (&mut self.conn)
            .execute(
                sqlx::query(ledger::SET_CHECKSUM)
                    .bind(id)
                    .bind(checksum)
                    .persistent(false),
            )
            .await
            .map_err(db_error)?;
        if done.rows_affected() == 0 {
            return Err(DbError::new(format!(
                "migration {id} is not in the history table"
            )));
        }
        Ok(())
    }

    async fn recorded_snapshot(&mut self, id: &str) -> Result<Option<String>, DbError> {
        ledger::snapshot(&mut self.conn, id).await
    }

    async fn inspect_in(
        &mut self,
        namespaces: &flash_schema::Namespaces,
    ) -> Result<Schema, DbError> {
        inspect::inspect(&mut self.conn, namespaces).await
    }

    async fn unmanaged(
        &mut self,
        namespaces: &flash_schema::Namespaces,
    ) -> Result<Vec<flash_schema::UnmanagedObject>, DbError> {
        inspect::unmanaged(&mut self.conn, namespaces).await
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
        let statements = flash_sql::split_statements(sql, Provider::Postgresql)
            .map_err(|e| DbError::new(e.to_string()))?;
        let mut out = Vec::with_capacity(statements.len());
        for s in statements {
            out.push(self.query_one(&s.sql).await?);
        }
        Ok(out)
    }

    async fn reset_in(
        &mut self,
        namespaces: &flash_schema::Namespaces,
    ) -> Result<Vec<String>, DbError> {
        // The history table goes too: the next apply must create it again.
        self.ledger_ready = false;
        reset(&mut self.conn, namespaces).await
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

/// Drops everything the current schema owns (except what extensions own), the history table
/// included, and every other schema `namespaces` names (whole, with what is in it), in one
/// transaction. Returns `kind name` for each dropped object.
pub async fn reset(
    conn: &mut PgConnection,
    namespaces: &flash_schema::Namespaces,
) -> Result<Vec<String>, DbError> {
    // Other schemas flash manages go whole; the current one is emptied (it holds the history
    // table and may be `public`, which other tools expect to exist).
    let others: Vec<String> = sqlx::query_scalar(
        "SELECT n.nspname::text FROM pg_namespace n
          WHERE n.nspname = ANY($1::text[]) AND n.nspname IS DISTINCT FROM current_schema()
          ORDER BY 1",
    )
    .bind(&namespaces.named)
    .fetch_all(&mut *conn)
    .await
    .map_err(db_error)?;
    // (kind as shown, DROP statement) in a dependency-safe order; CASCADE takes care of the
    // rest (triggers, owned sequences, dependent views).
    let sql = "
        SELECT 1 AS ord, CASE c.relkind WHEN 'm' THEN 'materialized view' ELSE 'view' END AS kind,
               format('%I', c.relname) AS name, format('%I.%I', n.nspname, c.relname) AS target, c.oid::int8 AS o
          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = current_schema() AND c.relkind IN ('v', 'm')
           AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
        UNION ALL
        SELECT 2, CASE c.relkind WHEN 'f' THEN 'foreign table' ELSE 'table' END, format('%I', c.relname), format('%I.%I', n.nspname, c.relname), c.oid::int8
          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'f') AND NOT c.relispartition
           AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
        UNION ALL
        SELECT 3, 'sequence', format('%I', c.relname), format('%I.%I', n.nspname, c.relname), c.oid::int8
          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = current_schema() AND c.relkind = 'S'
           AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('e', 'a', 'i'))
        UNION ALL
        SELECT 4, CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' ELSE 'function' END,
               p.oid::regprocedure::text, format('%I.%s', n.nspname, p.oid::regprocedure::text), p.oid::int8
          FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
         WHERE n.nspname = current_schema()
           AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
        UNION ALL
        SELECT 5, CASE t.typtype WHEN 'd' THEN 'domain' ELSE 'type' END, format('%I', t.typname), format('%I.%I', n.nspname, t.typname), t.oid::int8
          FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
          LEFT JOIN pg_class c ON c.oid = t.typrelid
         WHERE n.nspname = current_schema() AND t.typtype IN ('e', 'd', 'r', 'c')
           AND (t.typtype <> 'c' OR c.relkind = 'c')
           AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = t.oid AND d.deptype = 'e')
        ORDER BY 1, 5";
    let rows = (&mut *conn)
        .fetch_all(sqlx::query(sql).persistent(false))
        .await
        .map_err(db_error)?;
    let mut tx = conn.begin().await.map_err(db_error)?;
    let mut dropped = Vec::new();
    for r in rows {
        let kind: String = r.try_get("kind").map_err(db_error)?;
        let name: String = r.try_get("name").map_err(db_error)?;
        // Schema-qualified: a user type named like a built-in one (`line`, `path`) must not
        // resolve to pg_catalog's.
        let target: String = r.try_get("target").map_err(db_error)?;
        let what = kind.to_uppercase();
        let stmt = format!("DROP {what} IF EXISTS {target} CASCADE");
        (&mut *tx)
            .execute(sqlx::raw_sql(&stmt))
            .await
            .map_err(db_error)?;
        dropped.push(format!("{kind} {name}"));
    }
    for s in others {
        let stmt = format!("DROP SCHEMA IF EXISTS {} CASCADE", crate::quote::ident(&s));
        (&mut *tx)
            .execute(sqlx::raw_sql(&stmt))
            .await
            .map_err(db_error)?;
        dropped.push(format!("schema {s}"));
    }
    tx.commit().await.map_err(db_error)?;
    Ok(dropped)
}
