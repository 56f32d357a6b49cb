//! What can go wrong in export, import and seeding.

use flash_migrate::MigrateError;
use flash_schema::DbError;
use std::path::PathBuf;

/// An export, import or seed that could not be done. Nothing is left half written: outputs
/// are written to a temporary name and renamed at the end.
#[derive(Debug, thiserror::Error)]
pub enum DataError {
    /// Boxed: migration errors carry whole schema-error lists.
    #[error(transparent)]
    Migrate(Box<MigrateError>),
    #[error("{0}")]
    Db(#[from] DbError),
    #[error("writing {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("no table `{name}` in the database (it has: {known})")]
    UnknownTable { name: String, known: String },
    #[error("nothing to export: {0}")]
    Nothing(String),
    #[error("{0}")]
    Invalid(String),
    /// A seed that cannot be done as asked (a bad count, a cycle of NOT NULL foreign keys, a
    /// row the database rejected): nothing was written.
    #[error("seeding {table}: {message}")]
    Seed {
        table: String,
        message: String,
        /// What to do about it.
        help: Option<String>,
    },
}

impl From<MigrateError> for DataError {
    fn from(e: MigrateError) -> Self {
        DataError::Migrate(Box::new(e))
    }
}

impl DataError {
    /// What the user can do about it, where this error knows.
    pub fn help(&self) -> Option<String> {
        match self {
            DataError::Seed { help, .. } => help.clone(),
            _ => None,
        }
    }

    pub(crate) fn seed(table: impl Into<String>, message: impl Into<String>) -> DataError {
        DataError::Seed {
            table: table.into(),
            message: message.into(),
            help: None,
        }
    }

    pub(crate) fn seed_help(
        table: impl Into<String>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> DataError {
        DataError::Seed {
            table: table.into(),
            message: message.into(),
            help: Some(help.into()),
        }
    }

    pub(crate) fn write(path: &std::path::Path) -> impl Fn(std::io::Error) -> DataError + '_ {
        move |source| DataError::Write {
            path: path.to_path_buf(),
            source,
        }
    }
}
