//! The database kinds flash speaks.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A database kind, as written in `flash.toml` (`provider = "postgresql"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Provider {
    Postgresql,
    Mysql,
    Sqlite,
    Mongodb,
}

impl Provider {
    /// The canonical name used in `flash.toml` and in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Provider::Postgresql => "postgresql",
            Provider::Mysql => "mysql",
            Provider::Sqlite => "sqlite",
            Provider::Mongodb => "mongodb",
        }
    }

    /// Guess the provider from a connection URL's scheme.
    pub fn from_url(url: &str) -> Option<Provider> {
        let scheme = url.split_once("://").map(|(s, _)| s)?.to_ascii_lowercase();
        match scheme.as_str() {
            "postgres" | "postgresql" => Some(Provider::Postgresql),
            "mysql" | "mariadb" => Some(Provider::Mysql),
            "sqlite" | "sqlite3" | "file" => Some(Provider::Sqlite),
            "mongodb" | "mongodb+srv" => Some(Provider::Mongodb),
            _ => None,
        }
    }
}

impl fmt::Display for Provider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A provider name that flash does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown provider `{0}` (expected postgresql, mysql, sqlite or mongodb)")]
pub struct ProviderParseError(pub String);

impl FromStr for Provider {
    type Err = ProviderParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "postgresql" | "postgres" | "pg" => Ok(Provider::Postgresql),
            "mysql" | "mariadb" => Ok(Provider::Mysql),
            "sqlite" | "sqlite3" => Ok(Provider::Sqlite),
            "mongodb" | "mongo" => Ok(Provider::Mongodb),
            other => Err(ProviderParseError(other.to_string())),
        }
    }
}
