//! Errors of code generation: a request a backend cannot honour.

/// Why a backend could not generate code for a request.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GenError {
    /// A query asks for something the chosen driver cannot do (a `:copyfrom` on a driver with
    /// no bulk path, a `sqlc.slice` with a numbered placeholder style, ...).
    #[error("{file}:{line}: query {query}: {message}")]
    Unsupported {
        file: String,
        line: u32,
        query: String,
        message: String,
        /// What to change (another driver, another command, ...).
        help: String,
    },
    /// Two generated names collide (two queries named alike after case conversion, a column
    /// named like a reserved word that cannot be escaped, ...).
    #[error("{file}:{line}: {message}")]
    NameClash {
        file: String,
        line: u32,
        message: String,
        help: String,
    },
    /// An option value the backend does not know.
    #[error("{message}")]
    Options { message: String, help: String },
}

impl GenError {
    /// The advice to show under the error.
    pub fn help(&self) -> &str {
        match self {
            GenError::Unsupported { help, .. }
            | GenError::NameClash { help, .. }
            | GenError::Options { help, .. } => help,
        }
    }
}
