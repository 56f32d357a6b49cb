//! `flash down`: undo applied migrations with their Down sections.

use crate::apply::{find_file, pick_id};
use crate::backends::connect;
use crate::error::{FailedStatement, MigrateError};
use crate::file::MigrationFile;
use crate::project::Project;
use crate::prompt::Prompter;
use flash_schema::{Driver, LedgerRow, MigrationRun};
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
    /// How long to wait for another process's migration lock; forever when None.
    pub lock_timeout: Option<std::time::Duration>,
}

/// What [`down`] undid, newest first.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DownReport {
    /// The export written first (a destructive command run through the facade's backup).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub backup: Option<std::path::PathBuf>,
    pub reverted: Vec<String>,
    pub waited_for_lock: bool,
}

/// The applied migrations `target` selects, last applied first, each with its file (checked).
fn select<'a>(
    files: &'a [MigrationFile],
    rows: &[LedgerRow],
    target: &DownTarget,
) -> Result<Vec<(&'a MigrationFile, MigrationRun)>, MigrateError> {
    let mut applied: Vec<&LedgerRow> = rows.iter().filter(|r| r.is_applied()).collect();
    // "Last" is the last applied: by finish time, then id (a migration applied out of order
    // is undone before the older-id ones applied earlier).
    applied.sort_by(|a, b| (&b.finished_at, &b.id).cmp(&(&a.finished_at, &a.id)));
    let selected: Vec<&LedgerRow> = match target {
        DownTarget::Steps(n) => applied.into_iter().take(*n).collect(),
        DownTarget::To(id) => {
            let ids: Vec<&str> = applied.iter().map(|r| r.id.as_str()).collect();
            let target = pick_id(&ids, id).map_err(|e| match e {
                MigrateError::UnknownMigration(x) => MigrateError::UnknownTarget(x),
                other => other,
            })?;
            applied.into_iter().take_while(|r| r.id != target).collect()
        }
    };
    let mut runs = Vec::new();
    for row in selected {
        let f =
            find_file(files, row).ok_or_else(|| MigrateError::Missing { id: row.id.clone() })?;
        if !f.matches_checksum(&row.checksum) {
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
                checksum: row.checksum.clone(),
                statements: f.down.iter().map(|s| s.sql.clone()).collect(),
                transactional: f.transactional,
                resume_from: 0,
                snapshot: None,
            },
        ));
    }
    Ok(runs)
}

/// Runs the Down sections of the selected migrations, last applied first, each with the removal
/// of its history row in the same transaction where the database allows.
pub async fn down(
    project: &Project,
    url: &str,
    opts: &DownOptions,
    prompter: &dyn Prompter,
) -> Result<DownReport, MigrateError> {
    down_guarded(project, url, opts, prompter, &crate::NoSafeguard).await
}

/// [`down`], with `guard` run once before Down sections that may lose data (after
/// confirmation).
pub async fn down_guarded(
    project: &Project,
    url: &str,
    opts: &DownOptions,
    prompter: &dyn Prompter,
    guard: &dyn crate::Safeguard,
) -> Result<DownReport, MigrateError> {
    let files = project.migrations()?;
    let mut driver = connect(project.provider, url).await?;
    let rows = driver.ledger().await?;
    // Check every file before asking or undoing anything.
    let runs = select(&files, &rows, &opts.target)?;
    if runs.is_empty() {
        return Ok(DownReport::default());
    }
    if !opts.yes {
        let ids: Vec<String> = runs.iter().map(|(f, _)| f.id.clone()).collect();
        if prompter.interactive() {
            let q = format!(
                "Undo these migrations (their Down sections may drop data)?\n  {}\nContinue?",
                ids.join("\n  ")
            );
            if !prompter.confirm(&q).await {
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
    let destructive = runs.iter().any(|(_, run)| {
        run.statements
            .iter()
            .any(|s| flash_sql::destructive_reason(s, project.provider).is_some())
    });
    if destructive {
        guard.before_destruction("down").await?;
    }
    let mut report = DownReport {
        waited_for_lock: crate::lock::acquire(driver.as_mut(), opts.lock_timeout).await?,
        ..Default::default()
    };
    let result = revert_locked(driver.as_mut(), &files, &runs, &opts.target, &mut report).await;
    let unlocked = driver.unlock().await;
    result?;
    unlocked?;
    Ok(report)
}

async fn revert_locked(
    driver: &mut dyn Driver,
    files: &[MigrationFile],
    confirmed: &[(&MigrationFile, MigrationRun)],
    target: &DownTarget,
    report: &mut DownReport,
) -> Result<(), MigrateError> {
    // Select again under the lock: another process may have undone some meanwhile. Only what
    // the user confirmed is undone.
    let rows = driver.ledger().await?;
    let runs = select(files, &rows, target)?;
    for (f, run) in runs
        .iter()
        .filter(|(f, _)| confirmed.iter().any(|(c, _)| c.id == f.id))
    {
        driver
            .revert(run)
            .await
            .map_err(|fail| MigrateError::RevertFailed {
                id: f.id.clone(),
                path: f.path.clone(),
                statement: FailedStatement::of(&f.down, fail.statement_index),
                message: fail.error.message,
                rolled_back: fail.rolled_back,
                applied_steps: fail.applied_steps,
            })?;
        report.reverted.push(f.id.clone());
    }
    Ok(())
}
