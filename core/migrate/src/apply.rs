//! `flash apply`: run pending migrations, safely.

use crate::backends::connect;
use crate::error::{FailedStatement, MigrateError};
use crate::file::MigrationFile;
use crate::project::Project;
use crate::prompt::Prompter;
use flash_schema::{ApplyOutcome, Driver, LedgerRow, MigrationRun};
use serde::Serialize;
use std::collections::BTreeMap;
use std::time::Instant;

/// Options of [`apply`].
#[derive(Debug, Clone, Default)]
pub struct ApplyOptions {
    /// Confirms destructive migrations without asking.
    pub yes: bool,
    /// How long to wait for another process's migration lock; forever when None.
    pub lock_timeout: Option<std::time::Duration>,
}

/// Progress, for a progress bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApplyEvent {
    /// Another process holds the migration lock; waiting for it.
    WaitingForLock,
    /// The lock is ours.
    Locked,
    /// About to run migration `index` (0-based) of `total`.
    Starting {
        id: String,
        index: usize,
        total: usize,
    },
    Applied {
        id: String,
        millis: u128,
    },
    /// Another process applied it while we waited.
    AlreadyApplied {
        id: String,
    },
}

/// What [`apply`] did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ApplyReport {
    /// The export written first (a destructive command run through the facade's backup).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub backup: Option<std::path::PathBuf>,
    pub applied: Vec<String>,
    /// Applied by another process while this one waited for the lock.
    pub already_applied: Vec<String>,
    pub waited_for_lock: bool,
    /// Pending migrations whose id sorts before an applied one (made on another branch).
    pub out_of_order: Vec<String>,
}

/// Pending migrations and, for each, the statements an interrupted run already applied.
pub(crate) struct Pending<'a> {
    pub file: &'a MigrationFile,
    pub resume_from: usize,
}

/// Checks applied migrations against their files and lists the pending ones.
pub(crate) fn reconcile<'a>(
    files: &'a [MigrationFile],
    rows: &[LedgerRow],
) -> Result<Vec<Pending<'a>>, MigrateError> {
    let by_id = index_rows(rows);
    for row in rows.iter().filter(|r| r.is_applied()) {
        match find_file(files, row) {
            None => return Err(MigrateError::Missing { id: row.id.clone() }),
            Some(f) if !f.matches_checksum(&row.checksum) => {
                return Err(MigrateError::Modified {
                    id: f.id.clone(),
                    path: f.path.clone(),
                })
            }
            Some(_) => {}
        }
    }
    Ok(files
        .iter()
        .filter_map(|f| match by_id.get(f.id.as_str()) {
            Some(r) if r.is_applied() => None,
            // Only an interrupted run (started, never finished, not rolled back) resumes; a
            // rolled-back row starts over.
            Some(r) => Some(Pending {
                file: f,
                resume_from: if r.finished_at.is_none() && r.rolled_back_at.is_none() {
                    usize::try_from(r.applied_steps_count.max(0)).unwrap_or(0)
                } else {
                    0
                },
            }),
            None => Some(Pending {
                file: f,
                resume_from: 0,
            }),
        })
        .collect())
}

/// Rows by migration id. The Go tool may have stored the file stem in `migration_name` with
/// another id, so both are keys.
pub(crate) fn index_rows(rows: &[LedgerRow]) -> BTreeMap<&str, &LedgerRow> {
    let mut m = BTreeMap::new();
    for r in rows {
        m.insert(r.migration_name.as_str(), r);
    }
    for r in rows {
        m.insert(r.id.as_str(), r);
    }
    m
}

pub(crate) fn find_file<'a>(
    files: &'a [MigrationFile],
    row: &LedgerRow,
) -> Option<&'a MigrationFile> {
    files
        .iter()
        .find(|f| f.id == row.id)
        .or_else(|| files.iter().find(|f| f.id == row.migration_name))
}

/// Applies every pending migration in id order, each in its own transaction where the database
/// allows, under the migration lock. Applied migrations whose file changed or disappeared stop
/// it before anything runs.
pub async fn apply(
    project: &Project,
    url: &str,
    opts: &ApplyOptions,
    prompter: &dyn Prompter,
    on_event: &mut (dyn FnMut(ApplyEvent) + Send),
) -> Result<ApplyReport, MigrateError> {
    apply_guarded(project, url, opts, prompter, &crate::NoSafeguard, on_event).await
}

/// [`apply`], with `guard` run once before destructive migrations (after confirmation).
pub async fn apply_guarded(
    project: &Project,
    url: &str,
    opts: &ApplyOptions,
    prompter: &dyn Prompter,
    guard: &dyn crate::Safeguard,
    on_event: &mut (dyn FnMut(ApplyEvent) + Send),
) -> Result<ApplyReport, MigrateError> {
    let files = project.migrations()?;
    let mut driver = connect(project.provider, url).await?;

    // Ask before taking the lock: a question must not hold other processes up. (The history
    // table may not exist yet; it is created under the lock, where creating it cannot race.)
    let rows = driver.ledger().await?;
    let pending = reconcile(&files, &rows)?;
    let destructive: Vec<String> = pending
        .iter()
        .flat_map(|p| {
            p.file
                .destructive
                .iter()
                .map(move |r| format!("{}: {r}", p.file.id))
        })
        .collect();
    if !destructive.is_empty() && !opts.yes {
        if prompter.interactive() {
            let q = format!(
                "These migrations may lose data:\n  {}\nApply them?",
                destructive.join("\n  ")
            );
            if !prompter.confirm(&q).await {
                return Err(MigrateError::Cancelled);
            }
        } else {
            return Err(MigrateError::NeedsConfirmation {
                what: "applying destructive migrations".into(),
                flag: "--yes".into(),
                details: destructive,
            });
        }
    }
    if pending.is_empty() {
        return Ok(ApplyReport::default());
    }
    if !destructive.is_empty() {
        guard.before_destruction("apply").await?;
    }

    let snapshot = project.load_snapshot()?;
    let mut report = ApplyReport::default();
    on_event(ApplyEvent::WaitingForLock);
    report.waited_for_lock = crate::lock::acquire(driver.as_mut(), opts.lock_timeout).await?;
    on_event(ApplyEvent::Locked);
    let result = match driver.ensure_ledger().await {
        Ok(()) => apply_locked(driver.as_mut(), &files, snapshot, &mut report, on_event).await,
        Err(e) => Err(e.into()),
    };
    let unlocked = driver.unlock().await;
    result?;
    unlocked?;
    Ok(report)
}

async fn apply_locked(
    driver: &mut dyn Driver,
    files: &[MigrationFile],
    snapshot: Option<flash_schema::Snapshot>,
    report: &mut ApplyReport,
    on_event: &mut (dyn FnMut(ApplyEvent) + Send),
) -> Result<(), MigrateError> {
    // Read again under the lock: another process may have applied some meanwhile.
    let rows = driver.ledger().await?;
    let pending = reconcile(files, &rows)?;
    let last_applied = rows
        .iter()
        .filter(|r| r.is_applied())
        .map(|r| r.id.as_str())
        .max()
        .unwrap_or("");
    report.out_of_order = pending
        .iter()
        .filter(|p| p.file.id.as_str() < last_applied)
        .map(|p| p.file.id.clone())
        .collect();
    let total = pending.len();
    for (index, p) in pending.iter().enumerate() {
        let f = p.file;
        on_event(ApplyEvent::Starting {
            id: f.id.clone(),
            index,
            total,
        });
        let snap_json = snapshot
            .as_ref()
            .filter(|s| s.migration.as_deref() == Some(f.id.as_str()))
            .map(|s| s.to_json());
        let run = MigrationRun {
            id: f.id.clone(),
            name: f.name.clone(),
            checksum: f.checksum.clone(),
            statements: f.up.iter().map(|s| s.sql.clone()).collect(),
            transactional: f.transactional,
            resume_from: p.resume_from.min(f.up.len()),
            snapshot: snap_json,
        };
        let started = Instant::now();
        match driver.apply(&run).await {
            Ok(ApplyOutcome::Applied) => {
                on_event(ApplyEvent::Applied {
                    id: f.id.clone(),
                    millis: started.elapsed().as_millis(),
                });
                report.applied.push(f.id.clone());
            }
            Ok(ApplyOutcome::AlreadyApplied) => {
                on_event(ApplyEvent::AlreadyApplied { id: f.id.clone() });
                report.already_applied.push(f.id.clone());
            }
            Err(fail) => {
                return Err(MigrateError::ApplyFailed {
                    id: f.id.clone(),
                    path: f.path.clone(),
                    statement: FailedStatement::of(&f.up, fail.statement_index),
                    message: fail.error.message,
                    rolled_back: fail.rolled_back,
                    applied_steps: fail.applied_steps,
                })
            }
        }
    }
    Ok(())
}

/// Re-accepts edited applied migrations: stores each file's current checksum. `id` selects one
/// migration (a prefix of its id is enough when unambiguous); None accepts every modified one.
/// Returns the ids accepted.
pub async fn accept(
    project: &Project,
    url: &str,
    id: Option<&str>,
) -> Result<Vec<String>, MigrateError> {
    let files = project.migrations()?;
    let mut driver = connect(project.provider, url).await?;
    let rows = driver.ledger().await?;
    let applied: Vec<(&LedgerRow, &MigrationFile)> = rows
        .iter()
        .filter(|r| r.is_applied())
        .filter_map(|r| find_file(&files, r).map(|f| (r, f)))
        .collect();
    let selected: Vec<&(&LedgerRow, &MigrationFile)> = match id {
        None => applied.iter().collect(),
        Some(want) => {
            let ids: Vec<&str> = applied.iter().map(|(_, f)| f.id.as_str()).collect();
            let one = pick_id(&ids, want)?;
            applied.iter().filter(|(_, f)| f.id == one).collect()
        }
    };
    let mut accepted = Vec::new();
    for (row, f) in selected {
        if !f.matches_checksum(&row.checksum) {
            driver.set_checksum(&row.id, &f.checksum).await?;
            accepted.push(f.id.clone());
        }
    }
    Ok(accepted)
}

/// The one id of `ids` that equals `want` or starts with it; an error when none or several do.
pub(crate) fn pick_id(ids: &[&str], want: &str) -> Result<String, MigrateError> {
    if let Some(exact) = ids.iter().find(|i| **i == want) {
        return Ok((*exact).to_string());
    }
    let matches: Vec<&str> = ids
        .iter()
        .copied()
        .filter(|i| i.starts_with(want))
        .collect();
    match matches.as_slice() {
        [] => Err(MigrateError::UnknownMigration(want.to_string())),
        [one] => Ok((*one).to_string()),
        many => Err(MigrateError::AmbiguousId {
            prefix: want.to_string(),
            matches: many.iter().map(|m| m.to_string()).collect(),
        }),
    }
}
