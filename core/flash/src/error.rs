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
            _ => None,
        }
    }
}
