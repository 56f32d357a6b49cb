//! `flash down`: undo applied migrations with their Down sections.

use crate::apply::find_file;
use crate::backends::connect;
use crate::error::{FailedStatement, MigrateError};
use crate::project::Project;
use crate::prompt::Prompter;
use flash_schema::{Driver, MigrationRun};
use serde::Serialize;

/// How far [`down`] goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DownTarget {
    /// The last N applied migrations.
    Steps(usize),
    /// Every migration applied after this id (the id itself stays applied).
    To(String),
}

/// Options of [`down`].
#[derive(Debug, Clone)]
pub struct DownOptions {
    pub target: DownTarget,
    /// Confirms without asking.
    pub yes: bool,
}

/// What [`down`] undid, newest first.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DownReport {
    pub reverted: Vec<String>,
    pub waited_for_lock: bool,
}

/// Runs the Down sections of the selected migrations, newest first, each with the removal of
/// its history row in the same transaction where the database allows.
pub async fn down(
    project: &Project,
    url: &str,
    opts: &DownOptions,
    prompter: &dyn Prompter,
) -> Result<DownReport, MigrateError> {
    let files = project.migrations()?;
    let mut driver = connect(project.provider, url).await?;
    let rows = driver.ledger().await?;
    let mut applied: Vec<_> = rows.iter().filter(|r| r.is_applied()).collect();
    applied.sort_by(|a, b| b.id.cmp(&a.id));
    let selected: Vec<_> = match &opts.target {
        DownTarget::Steps(n) => applied.into_iter().take(*n).collect(),
        DownTarget::To(id) => {
            let target = applied
                .iter()
                .find(|r| r.id == *id || r.id.starts_with(id.as_str()))
                .map(|r| r.id.clone())
                .ok_or_else(|| MigrateError::UnknownTarget(id.clone()))?;
            applied.into_iter().take_while(|r| r.id != target).collect()
        }
    };
    if selected.is_empty() {
        return Ok(DownReport::default());
    }
    // Check every file before undoing anything.
    let mut runs = Vec::new();
    for row in &selected {
        let f =
            find_file(&files, row).ok_or_else(|| MigrateError::Missing { id: row.id.clone() })?;
        if f.checksum != row.checksum {
            return Err(MigrateError::Modified {
                id: f.id.clone(),
                path: f.path.clone(),
            });
        }
        if f.down.is_empty() {
            return Err(MigrateError::NoDown {
                id: f.id.clone(),
                path: f.path.clone(),
            });
        }
        runs.push((
            f,
            MigrationRun {
                id: row.id.clone(),
                name: f.name.clone(),
                checksum: f.checksum.clone(),
                statements: f.down.iter().map(|s| s.sql.clone()).collect(),
                transactional: f.transactional,
                resume_from: 0,
                snapshot: None,
            },
        ));
    }
    if !opts.yes {
        let ids: Vec<String> = runs.iter().map(|(f, _)| f.id.clone()).collect();
        if prompter.interactive() {
            let q = format!(
                "Undo these migrations (their Down sections may drop data)?\n  {}\nContinue?",
                ids.join("\n  ")
            );
            if !prompter.confirm(&q) {
                return Err(MigrateError::Cancelled);
            }
        } else {
            return Err(MigrateError::NeedsConfirmation {
                what: "undoing migrations".into(),
                flag: "--yes".into(),
                details: ids,
            });
        }
    }
    let mut report = DownReport {
        waited_for_lock: driver.lock().await?,
        ..Default::default()
    };
    let result = revert_all(driver.as_mut(), &runs, &mut report).await;
    let unlocked = driver.unlock().await;
    result?;
    unlocked?;
    Ok(report)
}

async fn revert_all(
    driver: &mut dyn Driver,
    runs: &[(&crate::file::MigrationFile, MigrationRun)],
    report: &mut DownReport,
) -> Result<(), MigrateError> {
    for (f, run) in runs {
        driver
            .revert(run)
            .await
            .map_err(|fail| MigrateError::ApplyFailed {
                id: f.id.clone(),
                path: f.path.clone(),
                statement: fail.statement_index.map(|i| FailedStatement {
                    number: i + 1,
                    line: f.down.get(i).map(|s| s.line).unwrap_or(0),
                    sql: f.down.get(i).map(|s| s.sql.clone()).unwrap_or_default(),
                }),
                message: fail.error.message,
                rolled_back: fail.rolled_back,
                applied_steps: fail.applied_steps,
            })?;
        report.reverted.push(f.id.clone());
    }
    Ok(())
}
