//! What can go wrong with a branch.

use flash_schema::Provider;

/// A branch command that could not be done. Nothing is left half made: a failed creation
/// removes what it created.
#[derive(Debug, thiserror::Error)]
pub enum BranchError {
    #[error("`{name}` is not a valid branch name: {why}")]
    InvalidName { name: String, why: String },
    #[error("no branch `{name}` (branches: {known})")]
    NotFound { name: String, known: String },
    #[error("branch `{name}` already exists")]
    Exists { name: String },
    #[error("cannot {action} the main branch: it is the database the URL names")]
    Main { action: String },
    #[error("cannot delete `{name}`: it is the current branch")]
    Current { name: String },
    #[error("branches of {provider} are not supported")]
    Unsupported { provider: Provider },
    #[error("branches need a database file; {url} is an in-memory SQLite database")]
    Memory { url: String },
    #[error("the main database file {} does not exist", path.display())]
    NoMainFile { path: std::path::PathBuf },
    #[error("{path}: {message}")]
    State {
        path: std::path::PathBuf,
        message: String,
    },
    #[error("the URL cannot carry a branch: {0}")]
    Url(String),
    #[error("copying `{from}` to branch `{to}`: {message}")]
    Copy {
        from: String,
        to: String,
        message: String,
    },
}

impl BranchError {
    /// What the user can do about it.
    pub fn help(&self) -> Option<String> {
        Some(match self {
            BranchError::InvalidName { .. } => "use lower-case letters, digits, `_` and `-`, starting with a letter or digit, e.g. `feature-login`".into(),
            BranchError::NotFound { .. } => "list the branches with `flash branch`, or create it with `flash branch NAME`".into(),
            BranchError::Exists { name } => format!("switch to it with `flash checkout {name}`, or pick another name"),
            BranchError::Main { .. } => "main is the database itself; create a branch from it instead".into(),
            BranchError::Current { .. } => "switch to another branch first: `flash checkout main`".into(),
            BranchError::Unsupported { .. } => "branches work on PostgreSQL, MySQL/MariaDB and SQLite".into(),
            BranchError::Memory { .. } => "point the URL at a file: sqlite://./dev.db".into(),
            BranchError::NoMainFile { .. } => "check the URL, or create the database first (`flash apply`)".into(),
            BranchError::State { .. } => "fix or delete the file; without it every database is on main".into(),
            BranchError::Url(_) => "check the database URL".into(),
            BranchError::Copy { .. } => "nothing was created; fix the cause and try again".into(),
        })
    }
}
