//! Which branch each database of the project is on: `.flash/branch.json` next to flash.toml.
//!
//! Local state, like git's HEAD: it is not committed (the folder gets a `.gitignore` of its
//! own), so a teammate's checkout never points anyone else at a branch they do not have. A
//! database without an entry is on main.

use super::error::BranchError;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The folder of local project state, next to flash.toml.
pub const STATE_DIR: &str = ".flash";
/// The file in it.
pub const STATE_FILE: &str = "branch.json";

/// The branch a database is on, and where that branch lives, so that opening a project needs
/// no round trip to the database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Checkout {
    pub branch: String,
    /// The branch's PostgreSQL schema, MySQL database, or SQLite file path as the URL writes it.
    pub location: String,
    /// PostgreSQL: the main schema (what `schemas = [...]` in flash.toml calls the branch).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub main: Option<String>,
}

/// The whole file: database name (`default` for a single-database project) -> checkout.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct State(pub BTreeMap<String, Checkout>);

/// The state file of the project whose flash.toml is in `root`.
pub fn path(root: &Path) -> PathBuf {
    root.join(STATE_DIR).join(STATE_FILE)
}

impl State {
    /// Reads the file; a missing file is the empty state (everything on main).
    pub fn load(root: &Path) -> Result<State, BranchError> {
        let file = path(root);
        let text = match std::fs::read_to_string(&file) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(State::default()),
            Err(e) => {
                return Err(BranchError::State {
                    path: file,
                    message: e.to_string(),
                })
            }
        };
        serde_json::from_str(&text).map_err(|e| BranchError::State {
            path: file,
            message: e.to_string(),
        })
    }

    /// Writes the file atomically (a temporary file renamed over it); the empty state removes
    /// it.
    pub fn save(&self, root: &Path) -> Result<(), BranchError> {
        let file = path(root);
        let fail = |e: std::io::Error| BranchError::State {
            path: file.clone(),
            message: e.to_string(),
        };
        if self.0.is_empty() {
            return match std::fs::remove_file(&file) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(fail(e)),
                _ => Ok(()),
            };
        }
        let dir = root.join(STATE_DIR);
        std::fs::create_dir_all(&dir).map_err(fail)?;
        let ignore = dir.join(".gitignore");
        if !ignore.exists() {
            // Local state: never committed.
            std::fs::write(&ignore, "*\n").map_err(fail)?;
        }
        let text = serde_json::to_string_pretty(self).map_err(|e| BranchError::State {
            path: file.clone(),
            message: e.to_string(),
        })? + "\n";
        let tmp = dir.join(format!("{STATE_FILE}.partial"));
        std::fs::write(&tmp, text).map_err(fail)?;
        std::fs::rename(&tmp, &file).map_err(fail)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_empty_removes() -> Result<(), BranchError> {
        let dir = tempfile::tempdir().map_err(|e| BranchError::Url(e.to_string()))?;
        assert_eq!(State::load(dir.path())?, State::default());
        let mut s = State::default();
        s.0.insert(
            "default".into(),
            Checkout {
                branch: "x".into(),
                location: "public__x".into(),
                main: Some("public".into()),
            },
        );
        s.save(dir.path())?;
        assert_eq!(State::load(dir.path())?, s);
        assert!(dir.path().join(".flash/.gitignore").exists());
        State::default().save(dir.path())?;
        assert!(!path(dir.path()).exists());
        Ok(())
    }
}
