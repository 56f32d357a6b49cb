//! Errors and warnings with a place in a SQL file.

use serde::Serialize;
use std::fmt;

/// A problem in a SQL file that stops it from being used: `file:line:col: message`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[error("{file}:{line}:{column}: {message}")]
pub struct SqlError {
    /// The file the problem is in (empty when the text did not come from a file).
    pub file: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column (in characters).
    pub column: u32,
    pub message: String,
    /// What to do about it, when there is something useful to say.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl SqlError {
    /// An error at `file:line:column`.
    pub fn new(
        file: impl Into<String>,
        line: u32,
        column: u32,
        message: impl Into<String>,
    ) -> Self {
        SqlError {
            file: file.into(),
            line,
            column,
            message: message.into(),
            help: None,
        }
    }

    /// The same error with a `help` text.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// Something in a SQL file worth telling the user about that does not stop the run.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[error("{file}:{line}:{column}: {message}")]
pub struct SqlWarning {
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl SqlWarning {
    /// A warning at `file:line:column`.
    pub fn new(
        file: impl Into<String>,
        line: u32,
        column: u32,
        message: impl Into<String>,
    ) -> Self {
        SqlWarning {
            file: file.into(),
            line,
            column,
            message: message.into(),
            help: None,
        }
    }

    /// The same warning with a `help` text.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// Every error (and warning) of one [`parse_schema`](crate::parse_schema) run.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
pub struct SchemaErrors {
    pub errors: Vec<SqlError>,
    pub warnings: Vec<SqlWarning>,
}

impl fmt::Display for SchemaErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.errors.len();
        write!(
            f,
            "{n} error{} in the schema files",
            if n == 1 { "" } else { "s" }
        )?;
        if let Some(first) = self.errors.first() {
            write!(f, " (first: {first})")?;
        }
        Ok(())
    }
}
