//! Where a project keeps its schema files, migrations and snapshot.

use crate::error::MigrateError;
use crate::file::{migration_id, MigrationFile};
use flash_schema::{Namespaces, Provider, Schema, Snapshot};
use flash_sql::SourceFile;
use std::path::{Path, PathBuf};

/// The snapshot's place inside the migrations folder.
pub const SNAPSHOT_FILE: &str = ".flash/schema_snapshot.json";

/// The paths and provider of one database of a project (already resolved against the folder of
/// `flash.toml`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Project {
    pub provider: Provider,
    /// A folder of `.sql` files, or one `.sql` file.
    pub schema_dir: PathBuf,
    pub migrations_dir: PathBuf,
    /// PostgreSQL schemas flash manages (`schemas = [...]` in flash.toml); empty: see
    /// [`Project::namespaces`].
    pub schemas: Vec<String>,
}

impl Project {
    /// The schemas read to compare the database with `known` (the schema files, a
    /// snapshot): the configured ones, else the current schema and every schema `known`
    /// names. A schema nothing names is listed as unmanaged, never compared (its tables
    /// would look like drift, or like tables to drop).
    pub fn namespaces(&self, known: &[&Schema]) -> Namespaces {
        if !self.schemas.is_empty() {
            return Namespaces::only(self.schemas.clone());
        }
        let mut named: Vec<String> = known.iter().flat_map(|s| s.namespaces()).collect();
        named.sort();
        named.dedup();
        Namespaces::current_and(named)
    }

    /// The schemas the schema files and the snapshot name, as [`Project::namespaces`]: what
    /// `reset` drops and `export` reads. Files that do not parse name nothing (the current
    /// schema is still included).
    pub fn managed_namespaces(&self) -> Namespaces {
        let files = self
            .schema_files()
            .ok()
            .and_then(|f| flash_sql::parse_schema(&f, self.provider).ok())
            .map(|p| p.schema)
            .unwrap_or_default();
        let snapshot = self
            .load_snapshot()
            .ok()
            .flatten()
            .map(|s| s.schema)
            .unwrap_or_default();
        self.namespaces(&[&files, &snapshot])
    }

    /// The schemas `flash pull` and `flash baseline` read: the configured ones, else every
    /// schema that is not PostgreSQL's own or an extension's.
    pub fn pull_namespaces(&self) -> Namespaces {
        if self.schemas.is_empty() {
            Namespaces::all()
        } else {
            Namespaces::only(self.schemas.clone())
        }
    }

    pub fn snapshot_path(&self) -> PathBuf {
        self.migrations_dir.join(SNAPSHOT_FILE)
    }

    /// Every schema file, sorted by path (sub-folders included).
    pub fn schema_files(&self) -> Result<Vec<SourceFile>, MigrateError> {
        let mut paths = Vec::new();
        if self.schema_dir.is_file() {
            paths.push(self.schema_dir.clone());
        } else if self.schema_dir.is_dir() {
            collect_sql(&self.schema_dir, &mut paths)?;
        }
        paths.sort();
        if paths.is_empty() {
            return Err(MigrateError::NoSchemaFiles(self.schema_dir.clone()));
        }
        paths
            .into_iter()
            .map(|p| {
                let text = std::fs::read_to_string(&p).map_err(|source| MigrateError::Read {
                    path: p.clone(),
                    source,
                })?;
                Ok(SourceFile {
                    path: display_path(&p),
                    text,
                })
            })
            .collect()
    }

    /// Every migration file, parsed, in id order.
    pub fn migrations(&self) -> Result<Vec<MigrationFile>, MigrateError> {
        let mut out: Vec<MigrationFile> = Vec::new();
        if !self.migrations_dir.is_dir() {
            return Ok(out);
        }
        let entries =
            std::fs::read_dir(&self.migrations_dir).map_err(|source| MigrateError::Read {
                path: self.migrations_dir.clone(),
                source,
            })?;
        let mut paths = Vec::new();
        for e in entries {
            let e = e.map_err(|source| MigrateError::Read {
                path: self.migrations_dir.clone(),
                source,
            })?;
            let p = e.path();
            if p.extension().and_then(|x| x.to_str()) == Some("sql") && p.is_file() {
                paths.push(p);
            }
        }
        paths.sort();
        for p in paths {
            let stem = p.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
            if migration_id(stem).is_none() {
                return Err(MigrateError::BadFileName(p));
            }
            let m = MigrationFile::load(&p, self.provider)?;
            if let Some(prev) = out.iter().find(|o| o.id == m.id) {
                return Err(MigrateError::DuplicateId {
                    id: m.id.clone(),
                    first: prev.path.clone(),
                    second: p,
                });
            }
            out.push(m);
        }
        out.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(out)
    }

    /// The saved snapshot, if there is one.
    pub fn load_snapshot(&self) -> Result<Option<Snapshot>, MigrateError> {
        let path = self.snapshot_path();
        if !path.exists() {
            return Ok(None);
        }
        let text = std::fs::read_to_string(&path).map_err(|source| MigrateError::Read {
            path: path.clone(),
            source,
        })?;
        let snap = Snapshot::from_json(&text).map_err(|e| MigrateError::Snapshot {
            path: path.clone(),
            message: e.to_string(),
        })?;
        if snap.provider != self.provider {
            return Err(MigrateError::SnapshotProvider {
                found: snap.provider,
                expected: self.provider,
            });
        }
        Ok(Some(snap))
    }
}

pub(crate) fn collect_sql(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), MigrateError> {
    let entries = std::fs::read_dir(dir).map_err(|source| MigrateError::Read {
        path: dir.to_path_buf(),
        source,
    })?;
    for e in entries {
        let e = e.map_err(|source| MigrateError::Read {
            path: dir.to_path_buf(),
            source,
        })?;
        let p = e.path();
        if p.is_dir() {
            collect_sql(&p, out)?;
        } else if p.extension().and_then(|x| x.to_str()) == Some("sql") {
            out.push(p);
        }
    }
    Ok(())
}

/// A path as shown in messages: relative to the current directory when it is below it.
pub fn display_path(p: &Path) -> String {
    if let Ok(cwd) = std::env::current_dir() {
        if let Ok(rel) = p.strip_prefix(&cwd) {
            return rel.display().to_string();
        }
    }
    p.display().to_string()
}

/// Writes a file atomically: a temporary file beside it, then a rename, so a crash never leaves
/// half a file.
pub(crate) fn write_atomic(path: &Path, text: &str) -> Result<(), MigrateError> {
    let err = |source| MigrateError::Write {
        path: path.to_path_buf(),
        source,
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(err)?;
    }
    let tmp = path.with_extension("tmp~");
    std::fs::write(&tmp, text).map_err(err)?;
    std::fs::rename(&tmp, path).map_err(|source| {
        let _ = std::fs::remove_file(&tmp);
        MigrateError::Write {
            path: path.to_path_buf(),
            source,
        }
    })
}
