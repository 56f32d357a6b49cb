//! What can go wrong, with enough context to say where and what to do.

use flash_diff::{PlanError, RenameCandidate};
use flash_schema::{DbError, Provider};
use flash_sql::SchemaErrors;
use std::path::PathBuf;

/// The statement of a migration that failed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FailedStatement {
    /// 1-based position among the migration's statements.
    pub number: usize,
    pub line: u32,
    pub sql: String,
}

impl FailedStatement {
    /// The statement at `index` (0-based) of a migration section, if a statement failed.
    pub(crate) fn of(
        section: &[crate::file::MigrationStatement],
        index: Option<usize>,
    ) -> Option<FailedStatement> {
        let i = index?;
        Some(FailedStatement {
            number: i + 1,
            line: section.get(i).map(|s| s.line).unwrap_or(0),
            sql: section.get(i).map(|s| s.sql.clone()).unwrap_or_default(),
        })
    }
}

/// An error of a migration operation.
#[derive(Debug, thiserror::Error)]
pub enum MigrateError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the schema files have {} error(s)", .0.errors.len())]
    Schema(SchemaErrors),
    #[error("no schema files found in {0}")]
    NoSchemaFiles(PathBuf),
    #[error("{path}:{line}:{column}: {message}")]
    MigrationSyntax {
        path: PathBuf,
        line: u32,
        column: u32,
        message: String,
    },
    #[error("migration file name {0} does not start with a 14-digit timestamp (YYYYMMDDHHMMSS_name.sql)")]
    BadFileName(PathBuf),
    #[error("two migration files have the id {id}: {first} and {second}")]
    DuplicateId {
        id: String,
        first: PathBuf,
        second: PathBuf,
    },
    #[error("the snapshot {path} cannot be read: {message}")]
    Snapshot { path: PathBuf, message: String },
    #[error("the snapshot is for {found} but the project uses {expected}")]
    SnapshotProvider { found: Provider, expected: Provider },
    #[error("{0}")]
    Plan(PlanError),
    #[error("{} possible rename(s) need a decision", .0.len())]
    RenameUnconfirmed(Vec<RenameCandidate>),
    #[error("database error: {0}")]
    Db(#[from] DbError),
    #[error("cannot connect to the database: {0}")]
    Connect(DbError),
    #[error("{provider} is not supported by this command yet")]
    Unsupported { provider: Provider },
    #[error("applied migration {id} was changed after it was applied ({path})")]
    Modified { id: String, path: PathBuf },
    #[error("applied migration {id} has no file in the migrations folder")]
    Missing { id: String },
    #[error("migration {id} failed{}: {message}", .statement.as_ref().map(|s| format!(" at statement {} (line {})", s.number, s.line)).unwrap_or_default())]
    ApplyFailed {
        id: String,
        path: PathBuf,
        statement: Option<FailedStatement>,
        message: String,
        /// Everything the migration did was undone.
        rolled_back: bool,
        /// Statements applied and recorded before the failure (MySQL).
        applied_steps: usize,
    },
    #[error("{what} needs confirmation")]
    NeedsConfirmation {
        what: String,
        /// The flag that confirms it in a script.
        flag: String,
        details: Vec<String>,
    },
    #[error("cancelled")]
    Cancelled,
    #[error("another flash process held the migration lock for longer than {} s", .waited.as_secs_f64())]
    LockTimeout { waited: std::time::Duration },
    #[error("migration {id} has no Down section")]
    NoDown { id: String, path: PathBuf },
    #[error("no applied migration has the id {0}")]
    UnknownTarget(String),
    #[error("no migration matches {0}")]
    UnknownMigration(String),
    #[error("`{prefix}` matches several migrations: {}", .matches.join(", "))]
    AmbiguousId {
        prefix: String,
        matches: Vec<String>,
    },
    #[error("the Down section of {id} failed{}: {message}", .statement.as_ref().map(|s| format!(" at statement {} (line {})", s.number, s.line)).unwrap_or_default())]
    RevertFailed {
        id: String,
        path: PathBuf,
        statement: Option<FailedStatement>,
        message: String,
        rolled_back: bool,
        applied_steps: usize,
    },
    #[error("the snapshot was written with migration {id}, whose file is gone")]
    SnapshotAhead { id: String, path: PathBuf },
    #[error("there is no snapshot yet and {pending} migration(s) are not applied, so flash cannot tell what the schema is")]
    NoBaseline { pending: usize },
    /// The backup export before a destructive command could not be written; nothing was
    /// destroyed.
    #[error("the backup before {what} failed: {message}")]
    Backup { what: String, message: String },
    #[error("--rename {flag} matches no rename: {why}")]
    UnusedRename { flag: String, why: String },
    #[error("the project already has {count} migration file(s) (the first is {first})")]
    HasMigrations { first: String, count: usize },
    #[error("{what}: pull would remove every element from the schema files")]
    EmptyPull { what: String },
    #[error("the database has no tables, views or types: there is nothing to adopt")]
    NothingToAdopt,
    #[error("the database is already managed: migration {last} is applied")]
    AlreadyManaged { last: String },
    #[error("cannot tell what the schema should be: {reason}")]
    DriftUnknown { reason: String },
    #[error("the schema files have changes no migration captures: {}", .changes.join(", "))]
    UncapturedChanges { changes: Vec<String> },
}

impl MigrateError {
    /// What the user can do about it, when there is something to say.
    pub fn help(&self) -> Option<String> {
        match self {
            MigrateError::NoSchemaFiles(_) => {
                Some("write CREATE TABLE statements in .sql files there, or set schema_dir in flash.toml".into())
            }
            MigrateError::BadFileName(_) => Some("rename it, e.g. 20240101120000_create_users.sql".into()),
            MigrateError::Snapshot { .. } => Some(
                "restore it from version control, or delete it to diff against the live database".into(),
            ),
            MigrateError::Plan(p) => p.help.clone(),
            MigrateError::RenameUnconfirmed(c) => Some(format!(
                "confirm with {} (or declare it in the schema file: {}), or pass --no-rename to drop and re-create",
                c.iter().map(|c| c.flag()).collect::<Vec<_>>().join(" "),
                c.first().map(|c| c.declaration()).unwrap_or_default()
            )),
            MigrateError::Connect(_) => Some("check the database URL in your environment (.env) and that the server is running".into()),
            MigrateError::Modified { id, .. } => Some(format!(
                "restore the file as it was applied, or accept the edit with `flash accept {id}`"
            )),
            MigrateError::Missing { .. } => Some("restore the file from version control".into()),
            MigrateError::ApplyFailed { rolled_back: true, .. } => {
                Some("the migration was rolled back and nothing was recorded; fix the statement and run `flash apply` again".into())
            }
            MigrateError::ApplyFailed { rolled_back: false, applied_steps, .. } => Some(format!(
                "{applied_steps} statement(s) of it were applied and recorded; fix the failing statement and run `flash apply` again: it resumes after them"
            )),
            MigrateError::NeedsConfirmation { flag, .. } => Some(format!("run it again with {flag} to confirm")),
            MigrateError::LockTimeout { .. } => Some(
                "wait for the other process (see `flash status`), or give it longer with --lock-timeout".into(),
            ),
            MigrateError::NoDown { path, .. } => Some(format!("write the statements that undo it after `-- +migrate Down` in {}", path.display())),
            MigrateError::UnknownTarget(_)
            | MigrateError::UnknownMigration(_)
            | MigrateError::AmbiguousId { .. } => Some("see `flash status` for the ids".into()),
            MigrateError::RevertFailed { rolled_back: true, .. } => Some(
                "the Down section was rolled back and the migration is still applied; fix it and run `flash down` again".into(),
            ),
            MigrateError::RevertFailed { applied_steps, .. } => Some(format!(
                "{applied_steps} statement(s) of the Down section ran before the failure and the migration is still recorded as applied; repair the database by hand (or remove those statements from the Down section), then run `flash down` again"
            )),
            MigrateError::SnapshotAhead { path, .. } => Some(format!(
                "restore the migration file, or delete {} to diff against the database",
                path.display()
            )),
            MigrateError::NoBaseline { .. } => Some(
                "set the database URL and run `flash apply` first, so the database holds the schema the migrations describe".into(),
            ),
            MigrateError::HasMigrations { .. } => Some(
                "baseline is for adopting a database without migrations; here, run `flash migrate` and `flash apply`".into(),
            ),
            MigrateError::EmptyPull { .. } => Some(
                "check the database URL (and --db / --env); to start over from an empty database, delete the schema files yourself".into(),
            ),
            MigrateError::NothingToAdopt => Some(
                "check the database URL; for a new database, write the schema files and run `flash migrate` and `flash apply`".into(),
            ),
            MigrateError::AlreadyManaged { .. } => Some(
                "see `flash status`; to record out-of-band changes use `flash migrate \"name\" --absorb-drift`".into(),
            ),
            MigrateError::DriftUnknown { .. } => Some(
                "run `flash migrate` and `flash apply` once with this version of flash: the snapshot is recorded with every migration it applies".into(),
            ),
            MigrateError::UncapturedChanges { .. } => Some(
                "capture them first with `flash migrate \"name\"` and `flash apply`, or undo them, then absorb the drift".into(),
            ),
            MigrateError::Backup { .. } => Some(
                "fix the cause (export_path, free space), or pass --no-backup to go ahead without one".into(),
            ),
            MigrateError::UnusedRename { .. } => Some(
                "check the names; the forms are --rename old_table=new_table and --rename table.old_column=new_column".into(),
            ),
            _ => None,
        }
    }
}
