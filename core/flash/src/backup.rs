//! Backups before destruction: `reset`, and an `apply` or `down` that may lose data, first
//! export the database as JSON into the project's `export_path` (unless told not to), after
//! the command is confirmed and before anything is dropped. A backup that cannot be written
//! stops the command.

use crate::target::Target;
use async_trait::async_trait;
use flash_data::{DataError, ExportOptions};
use flash_migrate::{MigrateError, Project, Safeguard};
use std::path::PathBuf;
use std::sync::Mutex;

/// The [`Safeguard`] that writes the backup; [`Backup::written`] says where.
pub struct Backup {
    project: Project,
    url: String,
    dir: PathBuf,
    written: Mutex<Option<PathBuf>>,
}

impl Backup {
    pub fn new(target: &Target, url: &str) -> Self {
        Backup {
            project: target.project(),
            url: url.to_string(),
            dir: target.database.export_path.clone(),
            written: Mutex::new(None),
        }
    }

    /// The backup file, once written.
    pub fn written(&self) -> Option<PathBuf> {
        self.written.lock().ok().and_then(|w| w.clone())
    }

    /// `export_path/backup_<UTC stamp>_<what>.json`, numbered when taken already.
    fn path(&self, what: &str) -> PathBuf {
        let stamp = chrono::Utc::now().format("%Y%m%d%H%M%S");
        let mut path = self.dir.join(format!("backup_{stamp}_{what}.json"));
        let mut n = 2;
        while path.exists() {
            path = self.dir.join(format!("backup_{stamp}_{what}_{n}.json"));
            n += 1;
        }
        path
    }
}

#[async_trait]
impl Safeguard for Backup {
    async fn before_destruction(&self, what: &str) -> Result<(), MigrateError> {
        let opts = ExportOptions {
            output: Some(self.path(what)),
            ..Default::default()
        };
        match flash_data::export(&self.project, &self.url, &opts, &self.dir, &mut |_| {}).await {
            Ok(report) if report.tables.is_empty() => {
                // Nothing to keep: no file.
                let _ = std::fs::remove_file(&report.path);
                Ok(())
            }
            Ok(report) => {
                if let Ok(mut w) = self.written.lock() {
                    *w = Some(report.path);
                }
                Ok(())
            }
            // A SQLite database that does not exist has nothing to lose.
            Err(DataError::Nothing(_)) => Ok(()),
            Err(e) => Err(MigrateError::Backup {
                what: what.to_string(),
                message: e.to_string(),
            }),
        }
    }
}
