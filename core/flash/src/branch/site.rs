//! Where the branches of one database live, found through a connection to main.

use super::error::BranchError;
use super::name::{branch_of, physical, MAIN};
use super::url::{branch_url, sibling, split_file, sqlite_file};
use super::{mysql, postgres, sqlite};
use crate::error::Error;
use crate::target::Target;
use flash_schema::{Driver, Provider};
use std::path::PathBuf;

/// The main database of a project and a connection to it (PostgreSQL, MySQL).
pub struct Site {
    pub provider: Provider,
    pub main_url: String,
    /// PostgreSQL: the main schema; MySQL: the main database; SQLite: the main file's stem.
    pub main: String,
    /// SQLite: the main file.
    pub main_file: Option<PathBuf>,
    pub conn: Option<Box<dyn Driver>>,
}

impl Site {
    /// Connects to main (SQLite: finds its file).
    pub async fn open(t: &Target) -> Result<Site, Error> {
        let provider = t.database.provider;
        let main_url = t.require_main_url()?.to_string();
        match provider {
            Provider::Postgresql | Provider::Mysql => {
                let mut conn = flash_migrate::connect(provider, &main_url).await?;
                let main = if provider == Provider::Postgresql {
                    postgres::current_schema(conn.as_mut()).await?
                } else {
                    mysql::current_database(conn.as_mut()).await?
                };
                Ok(Site {
                    provider,
                    main_url,
                    main,
                    main_file: None,
                    conn: Some(conn),
                })
            }
            Provider::Sqlite => {
                let file = sqlite_file(&main_url)?;
                let (stem, _) = split_file(&file);
                Ok(Site {
                    provider,
                    main_url,
                    main: stem,
                    main_file: Some(file),
                    conn: None,
                })
            }
            Provider::Mongodb => Err(BranchError::Unsupported { provider }.into()),
        }
    }

    /// The connection to main (PostgreSQL, MySQL).
    pub fn conn(&mut self) -> Result<&mut dyn Driver, Error> {
        match self.conn.as_mut() {
            Some(c) => Ok(c.as_mut()),
            None => Err(BranchError::Unsupported {
                provider: self.provider,
            }
            .into()),
        }
    }

    /// Where branch `name` lives (or would live): schema, database or file path.
    pub fn location(&self, name: &str) -> Result<String, Error> {
        if name == MAIN {
            return Ok(match &self.main_file {
                Some(f) => f.display().to_string(),
                None => self.main.clone(),
            });
        }
        let stem = physical(&self.main, name)?;
        Ok(match &self.main_file {
            Some(f) => sibling(f, &stem).display().to_string(),
            None => stem,
        })
    }

    /// The URL that opens branch `name`.
    pub fn url(&self, name: &str) -> Result<String, Error> {
        if name == MAIN {
            return Ok(self.main_url.clone());
        }
        Ok(branch_url(
            self.provider,
            &self.main_url,
            &self.location(name)?,
        )?)
    }

    /// Every branch but main, sorted by name, with its location.
    pub async fn branches(&mut self) -> Result<Vec<(String, String)>, Error> {
        let names: Vec<String> = match self.provider {
            Provider::Postgresql => postgres::schemas(self.conn()?).await?,
            Provider::Mysql => mysql::databases(self.conn()?).await?,
            _ => match &self.main_file {
                Some(f) => sqlite::files(f)?.into_iter().map(|(s, _)| s).collect(),
                None => Vec::new(),
            },
        };
        let mut out = Vec::new();
        for n in names {
            if let Some(b) = branch_of(&self.main, &n) {
                let loc = self.location(&b)?;
                out.push((b, loc));
            }
        }
        out.sort();
        Ok(out)
    }

    /// Whether branch `name` exists (main always does).
    pub async fn exists(&mut self, name: &str) -> Result<bool, Error> {
        Ok(name == MAIN || self.branches().await?.iter().any(|(b, _)| b == name))
    }

    /// The location of an existing branch, or an error listing the branches.
    pub async fn require(&mut self, name: &str) -> Result<String, Error> {
        if name == MAIN {
            return self.location(name);
        }
        let all = self.branches().await?;
        match all.iter().find(|(b, _)| b == name) {
            Some((_, loc)) => Ok(loc.clone()),
            None => {
                let mut known = vec![MAIN.to_string()];
                known.extend(all.into_iter().map(|(b, _)| b));
                Err(BranchError::NotFound {
                    name: name.to_string(),
                    known: known.join(", "),
                }
                .into())
            }
        }
    }
}
