//! The generation cache: what the last `flash gen` read and wrote, so that an unchanged
//! project is not analysed again and only changed query files are.
//!
//! Kept at `<migrations>/.flash/gen_cache.json`. The key holds the flash version, the provider
//! and the resolved `[gen.*]` options; the schema files' hash invalidates every analysis; each
//! query file's analysis is kept under its own hash.

use flash_sql::analyze::AnalyzedQuery;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The cache file's place inside the migrations folder.
pub const CACHE_FILE: &str = ".flash/gen_cache.json";

/// What one run of `flash gen` leaves behind.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Cache {
    /// flash version + provider + options.
    pub key: String,
    /// Hash of the schema files (paths and texts).
    pub schema: String,
    /// Query file (relative path) -> its hash and analysis.
    pub files: BTreeMap<String, CachedFile>,
    /// Every file written (absolute path) -> hash of its contents.
    pub outputs: BTreeMap<PathBuf, String>,
}

/// One query file's analysis, valid while its hash and the schema's are unchanged.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CachedFile {
    pub hash: String,
    pub queries: Vec<AnalyzedQuery>,
}

/// What identifies the running build beyond its version: the size and modification time of
/// the executable, so that a rebuilt flash (a development build, a reinstall) does not trust
/// analyses an earlier build cached. Empty when the executable cannot be looked at.
pub fn build_id() -> String {
    std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|m| {
            let modified = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            format!("{}:{modified}", m.len())
        })
        .unwrap_or_default()
}

/// Hex SHA-256 of some texts, each length-prefixed so that boundaries count.
pub fn hash<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update((p.len() as u64).to_le_bytes());
        h.update(p);
    }
    hex::encode(h.finalize())
}

impl Cache {
    /// The cache at `path`; an empty one when it is missing or unreadable (a cache never
    /// fails a run).
    pub fn load(path: &Path) -> Cache {
        std::fs::read(path)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    /// Writes the cache; a failure only costs the next run its speed.
    pub fn store(&self, path: &Path) -> std::io::Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let text = serde_json::to_vec(self).map_err(std::io::Error::other)?;
        super::files::write_atomic(path, &text)
    }
}
