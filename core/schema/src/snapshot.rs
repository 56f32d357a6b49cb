//! The snapshot ("ingot"): the schema the migrations describe, saved as JSON.

use crate::model::Schema;
use crate::provider::Provider;
use serde::{Deserialize, Serialize};

/// The current snapshot format version.
pub const SNAPSHOT_VERSION: u32 = 1;

/// What the database should look like after the last migration, with element ids.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub version: u32,
    pub provider: Provider,
    /// The migration that produced this snapshot, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub migration: Option<String>,
    pub schema: Schema,
}

/// A snapshot that cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum SnapshotError {
    #[error("snapshot is not valid JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("snapshot version {found} is newer than this flash understands ({supported}); upgrade flash")]
    TooNew { found: u32, supported: u32 },
}

impl Snapshot {
    pub fn new(provider: Provider, schema: Schema) -> Self {
        Snapshot {
            version: SNAPSHOT_VERSION,
            provider,
            migration: None,
            schema,
        }
    }

    /// Serializes to pretty, byte-stable JSON.
    pub fn to_json(&self) -> String {
        // Serializing plain data cannot fail.
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    pub fn from_json(text: &str) -> Result<Snapshot, SnapshotError> {
        let snap: Snapshot = serde_json::from_str(text)?;
        if snap.version > SNAPSHOT_VERSION {
            return Err(SnapshotError::TooNew {
                found: snap.version,
                supported: SNAPSHOT_VERSION,
            });
        }
        Ok(snap)
    }
}
