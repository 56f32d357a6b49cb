//! The database a command works on: config, env and `--db` resolved.

use crate::branch::{checkout_url, Checkout, State, MAIN};
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
    /// The database URL of the current branch, when the env var is set: every command that
    /// touches the database uses it, so it works on the current branch.
    pub url: Option<String>,
    /// The URL as the env var says it: the main branch.
    pub main_url: Option<String>,
    /// The branch this database is on (`.flash/branch.json`); None on main.
    pub branch: Option<Checkout>,
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
        let main_url = database_url(&config, &database, &env);
        let branch = State::load(&config.root)?.0.remove(&database.name);
        let url = match (&main_url, &branch) {
            (Some(u), Some(b)) => Some(checkout_url(database.provider, u, b)?),
            _ => main_url.clone(),
        };
        Ok(Target {
            config,
            database,
            env,
            url,
            main_url,
            branch,
        })
    }

    /// The migration project of the selected database.
    pub fn project(&self) -> Project {
        // On a PostgreSQL branch, flash.toml's name for the main schema means the branch's.
        let schemas = match &self.branch {
            Some(Checkout {
                main: Some(main),
                location,
                ..
            }) => self
                .database
                .schemas
                .iter()
                .map(|s| {
                    if s == main {
                        location.clone()
                    } else {
                        s.clone()
                    }
                })
                .collect(),
            _ => self.database.schemas.clone(),
        };
        Project {
            provider: self.database.provider,
            schema_dir: self.database.schema_dir.clone(),
            migrations_dir: self.database.migrations_path.clone(),
            schemas,
        }
    }

    /// The name of the current branch (`main` when none is checked out).
    pub fn branch_name(&self) -> &str {
        self.branch
            .as_ref()
            .map(|b| b.branch.as_str())
            .unwrap_or(MAIN)
    }

    /// The database URL of the current branch, or an error that says which variable to set.
    pub fn require_url(&self) -> Result<&str, Error> {
        self.check_url(self.url.as_deref())
    }

    /// The URL of the main branch, or an error that says which variable to set.
    pub fn require_main_url(&self) -> Result<&str, Error> {
        self.check_url(self.main_url.as_deref())
    }

    fn check_url<'a>(&self, url: Option<&'a str>) -> Result<&'a str, Error> {
        let url = url.ok_or_else(|| Error::NoUrl {
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
