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
    /// `name` as a quoted identifier: backticks on MySQL, double quotes elsewhere, the quote
    /// character doubled inside.
    pub fn quote_ident(self, name: &str) -> String {
        match self {
            Provider::Mysql => format!("`{}`", name.replace('`', "``")),
            _ => format!("\"{}\"", name.replace('"', "\"\"")),
        }
    }

    /// `value` as a string literal: quotes doubled, and backslashes too on MySQL, which reads
    /// them as escapes.
    pub fn quote_literal(self, value: &str) -> String {
        let v = value.replace('\'', "''");
        match self {
            Provider::Mysql => format!("'{}'", v.replace('\\', "\\\\")),
            _ => format!("'{v}'"),
        }
    }

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_and_literals_are_quoted_per_database() {
        assert_eq!(Provider::Postgresql.quote_ident("a\"b"), "\"a\"\"b\"");
        assert_eq!(Provider::Mysql.quote_ident("a`b"), "`a``b`");
        assert_eq!(Provider::Sqlite.quote_literal("it's \\"), "'it''s \\'");
        assert_eq!(Provider::Mysql.quote_literal("it's \\"), "'it''s \\\\'");
    }
}
