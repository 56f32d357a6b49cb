//! The trait each database crate implements over its connection, and the data it exchanges.
//!
//! A driver owns one connection (not a pool): the migration lock of PostgreSQL and MySQL is
//! held by a session, so every call of one `apply` must go through the same connection.

use crate::model::Schema;
use crate::provider::Provider;
use async_trait::async_trait;
use serde::{Deserialize, Serialize};

/// The history table, shared with the Go Flash ORM.
pub const LEDGER_TABLE: &str = "_flash_migrations";

/// An error reported by the database or its client library.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[error("{message}")]
pub struct DbError {
    pub message: String,
    /// SQLSTATE or the database's own error code, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

impl DbError {
    pub fn new(message: impl Into<String>) -> Self {
        DbError {
            message: message.into(),
            code: None,
        }
    }
}

/// One row of `_flash_migrations`. Times are RFC 3339 text in UTC.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerRow {
    pub id: String,
    pub checksum: String,
    pub finished_at: Option<String>,
    pub migration_name: String,
    pub logs: Option<String>,
    pub rolled_back_at: Option<String>,
    pub started_at: Option<String>,
    pub applied_steps_count: i64,
}

impl LedgerRow {
    /// A row counts as applied when `finished_at` is set and it was not rolled back.
    pub fn is_applied(&self) -> bool {
        self.finished_at.is_some() && self.rolled_back_at.is_none()
    }
}

/// One migration to run (Up) or undo (Down).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MigrationRun {
    /// The file stem, `20240101120000_create_users`.
    pub id: String,
    /// The human part of the id, `create_users`.
    pub name: String,
    pub checksum: String,
    /// The statements, already split.
    pub statements: Vec<String>,
    /// False for `-- flash:no-transaction` migrations.
    pub transactional: bool,
    /// Statements already applied by an earlier, interrupted run (MySQL resume): skip them.
    pub resume_from: usize,
    /// The snapshot JSON to record with the row, when this migration produced the current one.
    pub snapshot: Option<String>,
}

/// What `apply` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ApplyOutcome {
    Applied,
    /// Another process applied it while we waited; nothing was run.
    AlreadyApplied,
}

/// A migration that failed part-way.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[error("{error}")]
pub struct ApplyFailure {
    /// The 0-based index of the statement that failed, if a statement failed.
    pub statement_index: Option<usize>,
    pub statement: Option<String>,
    pub error: DbError,
    /// True when everything this run did was rolled back (PostgreSQL, SQLite).
    pub rolled_back: bool,
    /// Statements of this migration that are applied and recorded (MySQL progress).
    pub applied_steps: usize,
}

impl ApplyFailure {
    /// A failure outside any statement (connection, ledger).
    pub fn db(error: DbError) -> Self {
        ApplyFailure {
            statement_index: None,
            statement: None,
            error,
            rolled_back: true,
            applied_steps: 0,
        }
    }
}

impl From<DbError> for ApplyFailure {
    fn from(e: DbError) -> Self {
        ApplyFailure::db(e)
    }
}

/// One value of a row read for export, exactly as the database holds it: integers and reals
/// where the database says so (SQLite's storage classes), bytes for binary columns, and the
/// database's own text form for everything else (decimals, dates, times with their offset,
/// UUIDs, JSON, arrays as JSON text).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
    Bytes(Vec<u8>),
}

/// What receives the rows of [`Driver::export_rows`], one at a time, with the index of their
/// table.
pub type RowSink<'a> = dyn FnMut(usize, Vec<Cell>) -> Result<(), DbError> + Send + 'a;

/// The result of one statement run by `flash raw`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueryResult {
    pub columns: Vec<String>,
    /// Cell values rendered as text; None is SQL NULL.
    pub rows: Vec<Vec<Option<String>>>,
    pub rows_affected: u64,
}

/// What a database says about a prepared statement (`flash gen --verify`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Described {
    pub columns: Vec<DescribedColumn>,
    /// The parameter types, when the database tells them (PostgreSQL does).
    pub params: Option<Vec<String>>,
}

/// One result column of a prepared statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DescribedColumn {
    pub name: String,
    /// The database's type name (`INT8`, `VARCHAR`, `TEXT`, ...).
    pub type_name: String,
    /// Whether it may be NULL, when the database (or the driver's inference) knows.
    pub nullable: Option<bool>,
}

/// An object in the database that flash does not model (functions, triggers, policies,
/// sequences no column owns, grants, other schemas, ...): `flash pull` and `flash status` list
/// them so that nothing is ignored silently.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct UnmanagedObject {
    /// Upper-case kind: `FUNCTION`, `TRIGGER`, `POLICY`, `SEQUENCE`, `GRANT`, `SCHEMA`, ...
    pub kind: String,
    /// The object's name (a function with its argument types: `touch(integer)`).
    pub name: String,
    /// The table a trigger, policy or grant belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
}

/// Which namespaces (PostgreSQL schemas) inspection reads. MySQL and SQLite have one and
/// ignore it. Elements of the connection's current schema have no schema in the model; those
/// of any other schema carry its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Namespaces {
    /// The connection's current schema (normally `public`).
    pub current: bool,
    /// These schemas by name (the current one may be among them).
    pub named: Vec<String>,
    /// Every schema that is not PostgreSQL's own or an extension's.
    pub all: bool,
}

impl Default for Namespaces {
    fn default() -> Self {
        Namespaces::current()
    }
}

impl Namespaces {
    /// The current schema alone.
    pub fn current() -> Self {
        Namespaces {
            current: true,
            named: Vec::new(),
            all: false,
        }
    }
    /// Every non-system schema.
    pub fn all() -> Self {
        Namespaces {
            current: true,
            named: Vec::new(),
            all: true,
        }
    }
    /// Exactly these schemas (what `schemas = [...]` in flash.toml says).
    pub fn only(names: Vec<String>) -> Self {
        Namespaces {
            current: false,
            named: names,
            all: false,
        }
    }
    /// The current schema and these.
    pub fn current_and(names: Vec<String>) -> Self {
        Namespaces {
            current: true,
            named: names,
            all: false,
        }
    }
}

/// A connection to one database, able to inspect it and keep its migration history.
#[async_trait]
pub trait Driver: Send {
    fn provider(&self) -> Provider;

    /// Creates `_flash_migrations` if missing, and adds columns newer flash versions use to a
    /// table made by an older version or by the Go tool.
    async fn ensure_ledger(&mut self) -> Result<(), DbError>;

    /// Every row of the history table ordered by id; empty when the table does not exist.
    async fn ledger(&mut self) -> Result<Vec<LedgerRow>, DbError>;

    /// Takes the migration lock, waiting as long as needed. Returns true if it had to wait.
    async fn lock(&mut self) -> Result<bool, DbError>;

    /// Releases the migration lock (and, for SQLite, commits the write transaction).
    async fn unlock(&mut self) -> Result<(), DbError>;

    /// Runs a migration's Up statements and records it, in one transaction where the database
    /// allows DDL in transactions and `run.transactional` is set. Re-checks the history first
    /// and returns `AlreadyApplied` if another process recorded it.
    async fn apply(&mut self, run: &MigrationRun) -> Result<ApplyOutcome, ApplyFailure>;

    /// Runs a migration's Down statements and deletes its history row, in one transaction
    /// where possible.
    async fn revert(&mut self, run: &MigrationRun) -> Result<(), ApplyFailure>;

    /// Re-accepts an edited migration: stores its new checksum.
    async fn set_checksum(&mut self, id: &str, checksum: &str) -> Result<(), DbError>;

    /// The snapshot JSON recorded with migration `id` (None: no such row, or recorded without
    /// one, e.g. by the Go tool or for a hand-written migration).
    async fn recorded_snapshot(&mut self, id: &str) -> Result<Option<String>, DbError>;

    /// Reads the live schema of the current namespace (without the history table).
    async fn inspect(&mut self) -> Result<Schema, DbError> {
        self.inspect_in(&Namespaces::current()).await
    }

    /// Reads the live schema of these namespaces (without the history table). The number of
    /// catalog queries does not depend on the number of tables or schemas.
    async fn inspect_in(&mut self, namespaces: &Namespaces) -> Result<Schema, DbError>;

    /// The objects [`Driver::inspect_in`] does not read in these namespaces, and the
    /// namespaces it leaves out (one catalog query).
    async fn unmanaged(&mut self, namespaces: &Namespaces)
        -> Result<Vec<UnmanagedObject>, DbError>;

    /// Streams every row of `tables` (table by table, in order) to `sink`, each row's columns
    /// in its table's order, as exact [`Cell`]s: memory stays flat however many rows there
    /// are. The tables are read in one consistent snapshot where the database has one; times
    /// with a zone are read in UTC.
    async fn export_rows(
        &mut self,
        tables: &[crate::model::Table],
        sink: &mut RowSink<'_>,
    ) -> Result<(), DbError>;

    /// Inserts `rows` (cells in the order of `columns`) into `table` by the database's bulk
    /// path: `COPY ... FROM STDIN` on PostgreSQL (identity columns take the given values),
    /// multi-row INSERTs with bound parameters elsewhere. A `Text` cell is read by the
    /// database as the column's type (decimals, times, UUIDs, JSON, PostgreSQL array literals
    /// `{...}`). Runs inside the transaction the caller opened with [`Driver::query`], if any;
    /// returns the rows written.
    async fn load_rows(
        &mut self,
        table: &crate::model::Table,
        columns: &[String],
        rows: Vec<Vec<Cell>>,
    ) -> Result<u64, DbError>;

    /// Runs SQL text (one or more statements) and returns each statement's result.
    async fn query(&mut self, sql: &str) -> Result<Vec<QueryResult>, DbError>;

    /// Drops every table, view, type, function and the history table of the current
    /// namespace. Returns what was dropped.
    async fn reset(&mut self) -> Result<Vec<String>, DbError> {
        self.reset_in(&Namespaces::current()).await
    }

    /// Drops every table, view, type, function and the history table of these namespaces;
    /// a PostgreSQL schema other than the current one is dropped whole. Returns what was
    /// dropped.
    async fn reset_in(&mut self, namespaces: &Namespaces) -> Result<Vec<String>, DbError>;

    /// Prepares `sql` (one statement, driver placeholders) without running it and says what
    /// it returns.
    async fn describe(&mut self, sql: &str) -> Result<Described, DbError>;
}
