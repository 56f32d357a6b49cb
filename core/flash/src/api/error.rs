//! Errors as the bindings see them: a kind to branch on, the message, and what to do.

use crate::config::ConfigError;
use crate::error::Error;
use flash_migrate::MigrateError;
use serde::{Deserialize, Serialize};

/// What went wrong, in a word. Each language maps a kind to an exception or error class
/// (`ConfigError`, `ParseError`, ...); the names are part of the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// flash.toml is missing or wrong, an env file is unreadable, the URL is unset or wrong.
    Config,
    /// The schema files or a migration file do not parse.
    Parse,
    /// An applied migration's file changed (or is gone) since it was applied.
    ChecksumMismatch,
    /// Connecting to the database failed.
    Connection,
    /// The database refused a statement (outside a migration).
    Database,
    /// A migration (or its Down section) failed; `details` says what was undone.
    MigrationFailed,
    /// Another process held the migration lock for longer than `lock_timeout`.
    LockTimeout,
    /// The operation needs a confirmation (`yes`, `force`, `renames`) that the request lacks.
    NeedsConfirmation,
    /// The migrations folder or snapshot is inconsistent (duplicate ids, lost snapshot, ...).
    State,
    /// A request names something that does not exist (a migration id, an operation).
    NotFound,
    /// The request itself is malformed (unknown field, bad value).
    InvalidRequest,
    /// Reading or writing a file failed.
    Io,
    /// The caller cancelled (Ctrl-C, a cancelled context, an aborted signal).
    Cancelled,
    /// A bug in flash: please report it.
    Internal,
}

impl ErrorKind {
    /// The wire name (`checksum_mismatch`).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Config => "config",
            ErrorKind::Parse => "parse",
            ErrorKind::ChecksumMismatch => "checksum_mismatch",
            ErrorKind::Connection => "connection",
            ErrorKind::Database => "database",
            ErrorKind::MigrationFailed => "migration_failed",
            ErrorKind::LockTimeout => "lock_timeout",
            ErrorKind::NeedsConfirmation => "needs_confirmation",
            ErrorKind::State => "state",
            ErrorKind::NotFound => "not_found",
            ErrorKind::InvalidRequest => "invalid_request",
            ErrorKind::Io => "io",
            ErrorKind::Cancelled => "cancelled",
            ErrorKind::Internal => "internal",
        }
    }
}

/// An error of an API call: what the `error` member of a failed call's envelope holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{message}")]
pub struct ApiError {
    pub kind: ErrorKind,
    pub message: String,
    /// What the user can do about it.
    pub help: Option<String>,
    /// `file:line[:column]` when the error has a place.
    pub place: Option<String>,
    /// More lines: each schema error, the statements needing confirmation, ...
    pub details: Vec<String>,
}

impl ApiError {
    /// An error of `kind` with only a message.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> ApiError {
        ApiError {
            kind,
            message: message.into(),
            help: None,
            place: None,
            details: Vec::new(),
        }
    }

    pub(crate) fn with_help(mut self, help: Option<String>) -> ApiError {
        self.help = help;
        self
    }
}

impl From<Error> for ApiError {
    fn from(e: Error) -> ApiError {
        let help = e.help();
        let message = e.to_string();
        let base = |kind| ApiError::new(kind, message.clone()).with_help(help.clone());
        match &e {
            Error::Config(ConfigError::NotFound(_)) => {
                let mut e = base(ErrorKind::Config);
                e.help = Some(
                    "create a project with `init`, or pass `project_dir` / `config_path`".into(),
                );
                e
            }
            Error::Config(_) | Error::Env(_) | Error::NoUrl { .. } | Error::UrlProvider { .. } => {
                base(ErrorKind::Config)
            }
            Error::Io { .. } => base(ErrorKind::Io),
            Error::Migrate(m) => from_migrate(m, base),
            Error::GenOption { .. } | Error::GenNothing { .. } => base(ErrorKind::Config),
            Error::NoQueryFiles { .. } => base(ErrorKind::State),
            Error::Queries(errors) => {
                let mut e = base(ErrorKind::Parse);
                e.details = errors.iter().map(|x| x.to_string()).collect();
                e.place = errors
                    .first()
                    .map(|x| format!("{}:{}:{}", x.file, x.line, x.column));
                e
            }
            Error::Data(d) => match d.as_ref() {
                flash_data::DataError::Db(_) => base(ErrorKind::Database),
                flash_data::DataError::Write { .. } => base(ErrorKind::Io),
                flash_data::DataError::UnknownTable { .. } => base(ErrorKind::NotFound),
                _ => base(ErrorKind::State),
            },
            Error::Branch(b) => {
                use crate::branch::BranchError as B;
                base(match b {
                    B::InvalidName { .. } => ErrorKind::InvalidRequest,
                    B::NotFound { .. } => ErrorKind::NotFound,
                    B::State { .. } => ErrorKind::Config,
                    B::Url(_) | B::Memory { .. } | B::Unsupported { .. } => ErrorKind::Config,
                    B::Copy { .. } => ErrorKind::Database,
                    B::Exists { .. }
                    | B::Main { .. }
                    | B::Current { .. }
                    | B::NoMainFile { .. } => ErrorKind::State,
                })
            }
            Error::Codegen { error, .. } => {
                let mut e = base(ErrorKind::Parse);
                e.place = match error.as_ref() {
                    flash_codegen::GenError::Unsupported { file, line, .. }
                    | flash_codegen::GenError::NameClash { file, line, .. } => {
                        Some(format!("{file}:{line}"))
                    }
                    flash_codegen::GenError::Options { .. } => None,
                };
                e
            }
        }
    }
}

fn from_migrate(m: &MigrateError, base: impl Fn(ErrorKind) -> ApiError) -> ApiError {
    use MigrateError as M;
    match m {
        M::Read { .. } | M::Write { .. } | M::Backup { .. } => base(ErrorKind::Io),
        M::Schema(errs) => {
            let mut e = base(ErrorKind::Parse);
            e.details = errs.errors.iter().map(|x| x.to_string()).collect();
            e.place = errs
                .errors
                .first()
                .map(|x| format!("{}:{}:{}", x.file, x.line, x.column));
            e
        }
        M::MigrationSyntax {
            path, line, column, ..
        } => {
            let mut e = base(ErrorKind::Parse);
            e.place = Some(format!("{}:{line}:{column}", path.display()));
            e
        }
        M::BadFileName(_) | M::DuplicateId { .. } | M::NoSchemaFiles(_) => base(ErrorKind::State),
        M::Snapshot { .. }
        | M::SnapshotProvider { .. }
        | M::SnapshotAhead { .. }
        | M::NoBaseline { .. }
        | M::HasMigrations { .. }
        | M::AlreadyManaged { .. }
        | M::NothingToAdopt
        | M::EmptyPull { .. }
        | M::DriftUnknown { .. } => base(ErrorKind::State),
        M::UncapturedChanges { changes } => {
            let mut e = base(ErrorKind::State);
            e.details = changes.clone();
            e
        }
        M::Plan(_) | M::Unsupported { .. } => base(ErrorKind::State),
        // The CLI's help names flags; an API caller sets request fields instead.
        M::RenameUnconfirmed(c) => {
            let mut e = base(ErrorKind::NeedsConfirmation);
            // Bare `old=new` pairs, so a caller can pass them back as `renames`.
            e.details = c
                .iter()
                .map(|c| c.flag().trim_start_matches("--rename ").to_string())
                .collect();
            let pairs: Vec<String> = e.details.iter().map(|d| format!("\"{d}\"")).collect();
            e.help = Some(format!(
                "confirm with renames=[{}], or set no_rename to drop and re-create",
                pairs.join(", ")
            ));
            e
        }
        M::NeedsConfirmation { details, flag, .. } => {
            let mut e = base(ErrorKind::NeedsConfirmation);
            e.details = details.clone();
            let field = flag.trim_start_matches('-').replace('-', "_");
            e.help = Some(format!("set `{field}` in the request to confirm"));
            e
        }
        M::LockTimeout { .. } => {
            let mut e = base(ErrorKind::LockTimeout);
            e.help = Some(
                "wait for the other process (see `status`), or give it longer with `lock_timeout`"
                    .into(),
            );
            e
        }
        M::Db(_) => base(ErrorKind::Database),
        M::Connect(_) => base(ErrorKind::Connection),
        M::Modified { path, .. } => {
            let mut e = base(ErrorKind::ChecksumMismatch);
            e.place = Some(path.display().to_string());
            e
        }
        M::Missing { .. } => base(ErrorKind::ChecksumMismatch),
        M::ApplyFailed {
            path, statement, ..
        }
        | M::RevertFailed {
            path, statement, ..
        } => {
            let mut e = base(ErrorKind::MigrationFailed);
            e.place = Some(match statement {
                Some(s) => format!("{}:{}", path.display(), s.line),
                None => path.display().to_string(),
            });
            if let Some(s) = statement {
                e.details = vec![s.sql.clone()];
            }
            e
        }
        M::Cancelled => base(ErrorKind::Cancelled),
        M::NoDown { path, .. } => {
            let mut e = base(ErrorKind::State);
            e.place = Some(path.display().to_string());
            e
        }
        M::UnknownTarget(_) | M::UnknownMigration(_) => base(ErrorKind::NotFound),
        M::AmbiguousId { matches, .. } => {
            let mut e = base(ErrorKind::InvalidRequest);
            e.details = matches.clone();
            e
        }
        M::UnusedRename { .. } => base(ErrorKind::InvalidRequest),
    }
}
