//! [`MysqlDriver`]: one MySQL/MariaDB connection implementing [`Driver`].
//!
//! MySQL commits every DDL statement by itself, so migrations are never run in a transaction:
//! the history row records progress after each statement (`applied_steps_count`), a failure
//! leaves the row unfinished with the error in `logs`, and a rerun resumes after the last
//! statement that succeeded.

use crate::inspect::text_rows;
use crate::quote::ident;
use crate::{inspect, ledger};
use async_trait::async_trait;
use flash_schema::{
    ApplyFailure, ApplyOutcome, DbError, Described, DescribedColumn, Driver, LedgerRow,
    MigrationRun, Provider, QueryResult, Schema,
};
use futures::StreamExt;
use sqlx::{Column, Connection, Either, Executor, MySqlConnection, Row, TypeInfo};

/// Which server the connection talks to. Catalog queries differ between the two.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    /// Oracle MySQL (8.0 or later is assumed by the catalog queries).
    MySql,
    /// MariaDB (10.5 or later: RENAME COLUMN, RENAME INDEX).
    MariaDb,
}

/// A connection to one MySQL or MariaDB database.
pub struct MysqlDriver {
    conn: MySqlConnection,
    flavor: Flavor,
    database: String,
    version: String,
}

/// Turns a client error into a [`DbError`], keeping the server's error number.
pub(crate) fn db_err(e: sqlx::Error) -> DbError {
    match e.as_database_error() {
        Some(d) => {
            let number = d
                .try_downcast_ref::<sqlx::mysql::MySqlDatabaseError>()
                .map(|m| m.number().to_string());
            DbError {
                message: d.message().to_string(),
                code: number.or_else(|| d.code().map(|c| c.into_owned())),
            }
        }
        None => DbError::new(e.to_string()),
    }
}

/// Connects to `mysql://user:pass@host:port/database` (or `mariadb://...`).
pub async fn connect(url: &str) -> Result<MysqlDriver, DbError> {
    let url = match url.strip_prefix("mariadb://") {
        Some(rest) => format!("mysql://{rest}"),
        None => url.to_string(),
    };
    let mut conn = MySqlConnection::connect(&url).await.map_err(db_err)?;
    // TIMESTAMP values are converted from and to the session time zone: use UTC so that the
    // history table's times are UTC.
    conn.execute("SET time_zone = '+00:00'")
        .await
        .map_err(db_err)?;
    let rows = text_rows(&mut conn, "SELECT VERSION(), DATABASE()").await?;
    let row = rows.into_iter().next().unwrap_or_default();
    let version = row.first().cloned().flatten().unwrap_or_default();
    let Some(database) = row.get(1).cloned().flatten() else {
        return Err(DbError::new(
            "the MySQL URL names no database: add it as the path, mysql://user@host/dbname",
        ));
    };
    let flavor = if version.to_ascii_lowercase().contains("mariadb") {
        Flavor::MariaDb
    } else {
        Flavor::MySql
    };
    Ok(MysqlDriver {
        conn,
        flavor,
        database,
        version,
    })
}

impl MysqlDriver {
    pub fn flavor(&self) -> Flavor {
        self.flavor
    }

    /// The current database's name.
    pub fn database(&self) -> &str {
        &self.database
    }

    /// The server's `VERSION()` text.
    pub fn server_version(&self) -> &str {
        &self.version
    }

    /// The underlying connection, for callers that need more than the trait offers.
    pub fn connection(&mut self) -> &mut MySqlConnection {
        &mut self.conn
    }

    async fn exec(&mut self, sql: &str) -> Result<(), DbError> {
        self.conn.execute(sql).await.map_err(db_err)?;
        Ok(())
    }

    /// Runs statements one by one; on failure returns the index and the error.
    /// Runs one migration statement. A statement may switch databases (`USE other`, as
    /// mysqldump --databases writes): the connection is put back on this database after it,
    /// so the history row is written where it belongs.
    async fn run_statement(&mut self, sql: &str) -> Result<(), DbError> {
        let out = self.exec(sql).await;
        let back = format!("USE {}", crate::quote_ident(&self.database));
        self.exec(&back).await?;
        out
    }

    async fn names(&mut self, sql: &str) -> Result<Vec<Vec<String>>, DbError> {
        Ok(text_rows(&mut self.conn, sql)
            .await?
            .into_iter()
            .map(|r| r.into_iter().map(Option::unwrap_or_default).collect())
            .collect())
    }

    async fn drop_all(&mut self, dropped: &mut Vec<String>) -> Result<(), DbError> {
        for r in self
            .names(
                "SELECT TABLE_NAME FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE() \
                 ORDER BY TABLE_NAME",
            )
            .await?
        {
            let name = r.into_iter().next().unwrap_or_default();
            self.exec(&format!("DROP VIEW IF EXISTS {}", ident(&name)))
                .await?;
            dropped.push(format!("view {name}"));
        }
        // Triggers go with their tables; listed for the report.
        for r in self
            .names(
                "SELECT TRIGGER_NAME FROM information_schema.TRIGGERS \
                 WHERE TRIGGER_SCHEMA = DATABASE() ORDER BY TRIGGER_NAME",
            )
            .await?
        {
            let name = r.into_iter().next().unwrap_or_default();
            self.exec(&format!("DROP TRIGGER IF EXISTS {}", ident(&name)))
                .await?;
            dropped.push(format!("trigger {name}"));
        }
        let tables = self
            .names(
                "SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES \
                 WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE <> 'VIEW' ORDER BY TABLE_NAME",
            )
            .await?;
        for r in tables {
            let name = r.first().cloned().unwrap_or_default();
            // MariaDB sequences are listed as tables of type SEQUENCE.
            if r.get(1).map(String::as_str) == Some("SEQUENCE") {
                self.exec(&format!("DROP SEQUENCE IF EXISTS {}", ident(&name)))
                    .await?;
                dropped.push(format!("sequence {name}"));
            } else {
                self.exec(&format!("DROP TABLE IF EXISTS {}", ident(&name)))
                    .await?;
                dropped.push(format!("table {name}"));
            }
        }
        for r in self
            .names(
                "SELECT ROUTINE_TYPE, ROUTINE_NAME FROM information_schema.ROUTINES \
                 WHERE ROUTINE_SCHEMA = DATABASE() ORDER BY ROUTINE_TYPE, ROUTINE_NAME",
            )
            .await?
        {
            let kind = r.first().cloned().unwrap_or_default().to_ascii_uppercase();
            let name = r.get(1).cloned().unwrap_or_default();
            let kind = if kind == "PROCEDURE" {
                "PROCEDURE"
            } else {
                "FUNCTION"
            };
            self.exec(&format!("DROP {kind} IF EXISTS {}", ident(&name)))
                .await?;
            dropped.push(format!("{} {name}", kind.to_ascii_lowercase()));
        }
        for r in self
            .names(
                "SELECT EVENT_NAME FROM information_schema.EVENTS \
                 WHERE EVENT_SCHEMA = DATABASE() ORDER BY EVENT_NAME",
            )
            .await?
        {
            let name = r.into_iter().next().unwrap_or_default();
            self.exec(&format!("DROP EVENT IF EXISTS {}", ident(&name)))
                .await?;
            dropped.push(format!("event {name}"));
        }
        Ok(())
    }
}

/// Renders one cell as text. The text protocol sends every value as text except binary
/// strings (sent as raw bytes) and BIT (big-endian bytes).
fn render_cell(type_name: &str, bytes: Vec<u8>) -> String {
    match type_name {
        "BIT" => {
            let mut v: u128 = 0;
            for b in &bytes {
                v = (v << 8) | u128::from(*b);
            }
            v.to_string()
        }
        // The client marks text columns with a binary collation (`utf8mb4_bin`, MariaDB's
        // JSON) as binary too: show valid, printable UTF-8 as text and the rest as hex.
        "BINARY" | "VARBINARY" | "TINYBLOB" | "BLOB" | "MEDIUMBLOB" | "LONGBLOB" | "GEOMETRY" => {
            match String::from_utf8(bytes) {
                Ok(s)
                    if !s
                        .chars()
                        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')) =>
                {
                    s
                }
                Ok(s) => hex(s.as_bytes()),
                Err(e) => hex(e.as_bytes()),
            }
        }
        _ => String::from_utf8_lossy(&bytes).into_owned(),
    }
}

fn hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(2 + bytes.len() * 2);
    s.push_str("0x");
    for b in bytes {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

fn failure(index: usize, sql: &str, error: DbError, applied: usize) -> ApplyFailure {
    ApplyFailure {
        statement_index: Some(index),
        statement: Some(sql.to_string()),
        error,
        rolled_back: false,
        applied_steps: applied,
    }
}

#[async_trait]
impl Driver for MysqlDriver {
    fn provider(&self) -> Provider {
        Provider::Mysql
    }

    async fn ensure_ledger(&mut self) -> Result<(), DbError> {
        ledger::ensure(&mut self.conn).await
    }

    async fn ledger(&mut self) -> Result<Vec<LedgerRow>, DbError> {
        ledger::rows(&mut self.conn).await
    }

    async fn lock(&mut self) -> Result<bool, DbError> {
        let name = ledger::lock_name(&self.database);
        ledger::lock(&mut self.conn, &name).await
    }

    async fn unlock(&mut self) -> Result<(), DbError> {
        let name = ledger::lock_name(&self.database);
        ledger::unlock(&mut self.conn, &name).await
    }

    /// Always statement by statement with recorded progress (`run.transactional` cannot be
    /// honoured: MySQL commits DDL implicitly).
    async fn apply(&mut self, run: &MigrationRun) -> Result<ApplyOutcome, ApplyFailure> {
        // Nothing has run yet: an error here leaves nothing behind.
        ledger::ensure(&mut self.conn).await?;
        let existing = ledger::row(&mut self.conn, &run.id).await?;
        if existing.as_ref().is_some_and(LedgerRow::is_applied) {
            return Ok(ApplyOutcome::AlreadyApplied);
        }
        ledger::start(&mut self.conn, run, existing.is_some()).await?;
        let start = run.resume_from.min(run.statements.len());
        // From here on statements may have run: errors report the progress made.
        let progress_lost = |error: DbError, applied: usize| ApplyFailure {
            statement_index: None,
            statement: None,
            error,
            rolled_back: false,
            applied_steps: applied,
        };
        for (i, sql) in run.statements.iter().enumerate().skip(start) {
            if let Err(e) = self.run_statement(sql).await {
                let log = format!("statement {} failed: {}", i + 1, e.message);
                ledger::fail(&mut self.conn, &run.id, &log)
                    .await
                    .map_err(|le| progress_lost(le, i))?;
                return Err(failure(i, sql, e, i));
            }
            ledger::progress(&mut self.conn, &run.id, i + 1)
                .await
                .map_err(|e| progress_lost(e, i + 1))?;
        }
        ledger::finish(
            &mut self.conn,
            &run.id,
            run.statements.len(),
            run.snapshot.as_deref(),
        )
        .await
        .map_err(|e| progress_lost(e, run.statements.len()))?;
        Ok(ApplyOutcome::Applied)
    }

    /// Runs the Down statements one by one, then deletes the row. A failure leaves the row
    /// (still applied) with the error in `logs`.
    async fn revert(&mut self, run: &MigrationRun) -> Result<(), ApplyFailure> {
        for (i, sql) in run.statements.iter().enumerate() {
            if let Err(e) = self.run_statement(sql).await {
                let log = format!("down statement {} failed: {}", i + 1, e.message);
                // The row may not exist (a migration recorded elsewhere); ignore that here.
                let _ = ledger::fail(&mut self.conn, &run.id, &log).await;
                return Err(failure(i, sql, e, i));
            }
        }
        ledger::delete(&mut self.conn, &run.id).await?;
        Ok(())
    }

    async fn set_checksum(&mut self, id: &str, checksum: &str) -> Result<(), DbError> {
        ledger::set_checksum(&mut self.conn, id, checksum).await
    }

    async fn recorded_snapshot(&mut self, id: &str) -> Result<Option<String>, DbError> {
        ledger::snapshot(&mut self.conn, id).await
    }

    /// MySQL has no namespaces inside a database: the connection's database is read.
    async fn inspect_in(&mut self, _: &flash_schema::Namespaces) -> Result<Schema, DbError> {
        inspect::inspect(&mut self.conn, self.flavor, &self.database).await
    }

    async fn unmanaged(
        &mut self,
        _: &flash_schema::Namespaces,
    ) -> Result<Vec<flash_schema::UnmanagedObject>, DbError> {
        inspect::unmanaged(&mut self.conn).await
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
        let statements = flash_sql::split_statements(sql, Provider::Mysql)
            .map_err(|e| DbError::new(e.to_string()))?;
        let mut out = Vec::with_capacity(statements.len());
        for st in statements {
            let mut result = QueryResult::default();
            {
                let mut stream = self.conn.fetch_many(st.sql.as_str());
                while let Some(item) = stream.next().await {
                    match item.map_err(db_err)? {
                        Either::Left(done) => result.rows_affected += done.rows_affected(),
                        Either::Right(row) => {
                            if result.columns.is_empty() {
                                result.columns =
                                    row.columns().iter().map(|c| c.name().to_string()).collect();
                            }
                            let mut cells = Vec::with_capacity(row.len());
                            for (i, col) in row.columns().iter().enumerate() {
                                let v: Option<Vec<u8>> =
                                    row.try_get_unchecked(i).map_err(db_err)?;
                                cells.push(v.map(|b| render_cell(col.type_info().name(), b)));
                            }
                            result.rows.push(cells);
                        }
                    }
                }
            }
            // A query that returned no rows still has columns: ask the server for them.
            if result.columns.is_empty() {
                if let Ok(desc) = (&mut self.conn).describe(&st.sql).await {
                    result.columns = desc
                        .columns()
                        .iter()
                        .map(|c| c.name().to_string())
                        .collect();
                }
            }
            out.push(result);
        }
        Ok(out)
    }

    async fn reset_in(&mut self, _: &flash_schema::Namespaces) -> Result<Vec<String>, DbError> {
        let mut dropped = Vec::new();
        // Drop tables in any order: foreign keys are not checked meanwhile.
        self.exec("SET FOREIGN_KEY_CHECKS = 0").await?;
        let result = self.drop_all(&mut dropped).await;
        let restore = self.exec("SET FOREIGN_KEY_CHECKS = 1").await;
        result?;
        restore?;
        Ok(dropped)
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
