//! The database a command works on: config, env and `--db` resolved.

use crate::config::{Config, DatabaseConfig};
use crate::env::{database_url, EnvVars};
use crate::error::Error;
use flash_migrate::Project;
use flash_schema::Provider;
use std::path::PathBuf;

/// How to find the project.
#[derive(Debug, Clone, Default)]
pub struct OpenOptions {
    /// `--config`: the flash.toml to use (else searched from `cwd` upwards).
    pub config: Option<PathBuf>,
    /// `--env NAME`: also read `.env.NAME`.
    pub env: Option<String>,
    /// `--db NAME`: the database of a multi-database project.
    pub db: Option<String>,
    /// Where to start looking (the current directory when None).
    pub cwd: Option<PathBuf>,
}

/// A resolved database of a project.
#[derive(Debug, Clone)]
pub struct Target {
    pub config: Config,
    pub database: DatabaseConfig,
    pub env: EnvVars,
    /// The database URL, when the env var is set.
    pub url: Option<String>,
}

impl Target {
    /// Loads flash.toml, the env files, and selects the database.
    pub fn open(opts: &OpenOptions) -> Result<Target, Error> {
        let config = match &opts.config {
            Some(p) => Config::load(p)?,
            None => {
                let cwd = match &opts.cwd {
                    Some(c) => c.clone(),
                    None => std::env::current_dir().map_err(|e| Error::Io {
                        path: PathBuf::from("."),
                        message: e.to_string(),
                    })?,
                };
                Config::discover(&cwd)?
            }
        };
        let env = EnvVars::load(&config, opts.env.as_deref())?;
        let database = config.database(opts.db.as_deref())?.clone();
        let url = database_url(&config, &database, &env);
        Ok(Target {
            config,
            database,
            env,
            url,
        })
    }

    /// The migration project of the selected database.
    pub fn project(&self) -> Project {
        Project {
            provider: self.database.provider,
            schema_dir: self.database.schema_dir.clone(),
            migrations_dir: self.database.migrations_path.clone(),
            schemas: self.database.schemas.clone(),
        }
    }

    /// The database URL, or an error that says which variable to set.
    pub fn require_url(&self) -> Result<&str, Error> {
        let url = self.url.as_deref().ok_or_else(|| Error::NoUrl {
            var: self.database.url_env.clone(),
            env_files: self.env.files.clone(),
        })?;
        if let Some(found) = Provider::from_url(url) {
            if found != self.database.provider {
                return Err(Error::UrlProvider {
                    var: self.database.url_env.clone(),
                    found: found.to_string(),
                    expected: self.database.provider.to_string(),
                });
            }
        }
        Ok(url)
    }
}
