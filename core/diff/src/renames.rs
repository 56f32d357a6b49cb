//! Renames: declared, confirmed, or only suspected.

use flash_schema::TableRef;
use serde::{Deserialize, Serialize};

/// A rename confirmed by a flag (`--rename old=new`, `--rename table.old=new`) or a prompt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Rename {
    Table {
        from: String,
        to: String,
    },
    Column {
        table: String,
        from: String,
        to: String,
    },
}

impl Rename {
    /// Parses the `--rename` flag forms `old=new` and `table.old=new`.
    pub fn parse(spec: &str) -> Option<Rename> {
        let (left, right) = spec.split_once('=')?;
        let (left, right) = (left.trim(), right.trim());
        if left.is_empty() || right.is_empty() {
            return None;
        }
        match left.rsplit_once('.') {
            Some((table, col)) if !table.is_empty() && !col.is_empty() => {
                // `table.old=table.new` and `table.old=new` both name the new column.
                let to = right.rsplit_once('.').map(|(_, c)| c).unwrap_or(right);
                Some(Rename::Column {
                    table: table.to_string(),
                    from: col.to_string(),
                    to: to.to_string(),
                })
            }
            _ => Some(Rename::Table {
                from: left.to_string(),
                to: right.to_string(),
            }),
        }
    }
}

/// Options for [`crate::diff`].
#[derive(Debug, Clone, Default)]
pub struct DiffOptions {
    pub renames: Vec<Rename>,
}

/// A drop plus an add that look like a rename nobody declared. The caller must ask, or stop
/// and tell the user how to declare it; it must never turn it into a silent drop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RenameCandidate {
    Table {
        from: TableRef,
        to: TableRef,
    },
    Column {
        table: TableRef,
        from: String,
        to: String,
    },
}

impl RenameCandidate {
    /// The confirmed form of this candidate.
    pub fn confirm(&self) -> Rename {
        match self {
            RenameCandidate::Table { from, to } => Rename::Table {
                from: from.name.clone(),
                to: to.name.clone(),
            },
            RenameCandidate::Column { table, from, to } => Rename::Column {
                table: table.name.clone(),
                from: from.clone(),
                to: to.clone(),
            },
        }
    }

    /// The `--rename` flag that confirms it.
    pub fn flag(&self) -> String {
        match self {
            RenameCandidate::Table { from, to } => format!("--rename {}={}", from.name, to.name),
            RenameCandidate::Column { table, from, to } => {
                format!("--rename {}.{from}={to}", table.name)
            }
        }
    }

    /// The comment that declares it in a schema file.
    pub fn declaration(&self) -> String {
        match self {
            RenameCandidate::Table { from, to } => format!(
                "`-- flash:renamed_from {}` on the line of CREATE TABLE {}",
                from.name, to.name
            ),
            RenameCandidate::Column { table, from, to } => format!(
                "`-- flash:renamed_from {from}` at the end of the line of column {}.{to}",
                table.name
            ),
        }
    }
}
