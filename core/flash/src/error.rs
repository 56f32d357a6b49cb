//! The facade's error: everything a command can fail with.

use crate::config::ConfigError;
use crate::env::EnvError;
use flash_migrate::MigrateError;
use std::path::PathBuf;

/// An error of any flash operation.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Env(#[from] EnvError),
    #[error("the database URL is not set: {var} is empty")]
    NoUrl {
        var: String,
        env_files: Vec<PathBuf>,
    },
    #[error("the URL in {var} is for {found}, but flash.toml says provider = \"{expected}\"")]
    UrlProvider {
        var: String,
        found: String,
        expected: String,
    },
    /// Boxed: migration errors carry whole schema-error lists.
    #[error(transparent)]
    Migrate(Box<MigrateError>),
    #[error("{path}: {message}")]
    Io { path: PathBuf, message: String },
    /// A `[gen.*]` value flash cannot use.
    #[error("`{key}`: {message}")]
    GenOption { key: String, message: String },
    /// `flash gen` with no language enabled.
    #[error("no language is enabled for code generation in {}", config.display())]
    GenNothing { config: PathBuf },
    /// `flash gen` found no query file.
    #[error("no query files (*.sql) in {}", path.display())]
    NoQueryFiles { path: PathBuf },
    /// Errors in query files, each at its place.
    #[error("{} error(s) in the query files (first: {})", .0.len(), .0.first().map(|e| e.to_string()).unwrap_or_default())]
    Queries(Vec<flash_sql::SqlError>),
    /// Export, import or seed. Boxed like `Migrate`.
    #[error(transparent)]
    Data(Box<flash_data::DataError>),
    /// A branch command (create, switch, delete, rename, diff).
    #[error(transparent)]
    Branch(#[from] crate::branch::BranchError),
    /// A backend could not generate code for a query.
    #[error("{language}: {error}")]
    Codegen {
        language: String,
        /// Boxed: it carries a file, a query name, a message and help.
        error: Box<flash_codegen::GenError>,
    },
}

impl From<flash_data::DataError> for Error {
    fn from(e: flash_data::DataError) -> Self {
        match e {
            // One place renders migrate errors (connection, database, help).
            flash_data::DataError::Migrate(m) => Error::Migrate(m),
            other => Error::Data(Box::new(other)),
        }
    }
}

impl From<MigrateError> for Error {
    fn from(e: MigrateError) -> Self {
        Error::Migrate(Box::new(e))
    }
}

impl Error {
    /// What the user can do about it.
    pub fn help(&self) -> Option<String> {
        match self {
            Error::Config(ConfigError::NotFound(_)) => Some(
                "run `flash init` to create a project, or pass --config path/to/flash.toml".into(),
            ),
            Error::NoUrl { var, env_files } => Some(if env_files.is_empty() {
                format!("set {var} in the environment or in a .env file next to flash.toml")
            } else {
                format!(
                    "set {var} in the environment or in {}",
                    env_files
                        .iter()
                        .map(|p| p.display().to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }),
            Error::UrlProvider { var, .. } => {
                Some(format!("fix {var} or `provider` in flash.toml"))
            }
            Error::Migrate(m) => m.help(),
            Error::GenOption { .. } => Some("fix the value in flash.toml (see the README's code generation section)".into()),
            Error::GenNothing { .. } => Some("enable a language in flash.toml: `[gen.go]`, `[gen.js]` or `[gen.python]` with `enabled = true`, or pass --lang go|js|python".into()),
            Error::NoQueryFiles { .. } => Some("write annotated queries (`-- name: GetUser :one`) in .sql files there, or set `queries` in flash.toml".into()),
            Error::Queries(_) => Some("fix the queries; nothing was written".into()),
            Error::Codegen { error, .. } => Some(error.help().to_string()),
            Error::Branch(b) => b.help(),
            Error::Data(d) => match d.as_ref() {
                flash_data::DataError::UnknownTable { .. } => Some(
                    "check the table names (--tables, --exclude, TABLE:N) against the names listed"
                        .into(),
                ),
                flash_data::DataError::Write { .. } => {
                    Some("check the output path and the free space; nothing was left behind".into())
                }
                other => other.help(),
            },
            _ => None,
        }
    }
}
