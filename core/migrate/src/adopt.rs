//! Migrations that describe what a database already is, recorded as applied without running
//! anything: `flash baseline` (a database flash never managed) and `flash migrate
//! --absorb-drift` (out-of-band changes since the last migration). Both also bring the schema
//! files up to date with `pull`, so the next `flash migrate` starts from reality.

use crate::backends::{connect, dialect};
use crate::checksum::checksum;
use crate::drift::{self, comparable};
use crate::error::MigrateError;
use crate::file::{render, sanitize_name};
use crate::generate::{down_plan, next_id, plan_of};
use crate::project::{write_atomic, Project};
use crate::pull::{pull, PullOptions, PullReport};
use chrono::{DateTime, Utc};
use flash_diff::{assign_ids, diff, DiffOptions};
use flash_schema::{ApplyOutcome, Driver, MigrationRun, Schema, Snapshot};
use serde::Serialize;
use std::path::PathBuf;

/// A migration written and recorded as applied.
#[derive(Debug, Clone, Serialize)]
pub struct AdoptReport {
    pub id: String,
    pub path: PathBuf,
    /// One line per change the migration holds.
    pub changes: Vec<String>,
    /// What `pull` did to the schema files.
    pub pull: PullReport,
}

/// `flash baseline`: for a database no migration of flash (or of the Go tool) ever touched,
/// pulls its schema into the schema files, writes a first migration that creates all of it,
/// and records that migration as applied with its snapshot.
pub async fn baseline(
    project: &Project,
    url: &str,
    name: &str,
    now: Option<DateTime<Utc>>,
) -> Result<AdoptReport, MigrateError> {
    let existing = project.migrations()?;
    if let Some(first) = existing.first() {
        return Err(MigrateError::HasMigrations {
            first: first.id.clone(),
            count: existing.len(),
        });
    }
    let mut driver = connect(project.provider, url).await?;
    let rows = driver.ledger().await?;
    if let Some(last) = drift::last_applied(&rows) {
        return Err(MigrateError::AlreadyManaged {
            last: last.id.clone(),
        });
    }
    let live = driver.inspect_in(&project.pull_namespaces()).await?;
    if live.is_empty() {
        return Err(MigrateError::NothingToAdopt);
    }
    let pulled = pull(project, url, &PullOptions::default()).await?;
    let mut to = live;
    if project.provider != flash_schema::Provider::Sqlite {
        // What the files keep verbatim (functions, the `CREATE SCHEMA` pull wrote) is part of
        // the database being adopted; inspection does not read it back.
        to.raw = files_raw(project)?;
    }
    record(
        driver.as_mut(),
        project,
        &Schema::default(),
        to,
        name,
        now,
        pulled,
    )
    .await
}

/// `flash migrate --absorb-drift`: the out-of-band changes since the last applied migration
/// become a migration recorded as applied (nothing runs), the snapshot follows, and the
/// drifted elements are pulled into the schema files. Refused while the schema files hold
/// changes no migration captures (the pull would overwrite them).
pub async fn absorb_drift(
    project: &Project,
    url: &str,
    name: &str,
    now: Option<DateTime<Utc>>,
) -> Result<Option<AdoptReport>, MigrateError> {
    let mut driver = connect(project.provider, url).await?;
    let rows = driver.ledger().await?;
    let expected = match drift::expected(driver.as_mut(), project, &rows).await? {
        Ok(e) => e,
        Err(reason) => return Err(MigrateError::DriftUnknown { reason }),
    };
    let files = project.migrations()?;
    let pending = crate::apply::reconcile(&files, &rows)?;
    if !pending.is_empty() {
        return Err(MigrateError::NoBaseline {
            pending: pending.len(),
        });
    }
    // The files must say what the expected schema says, or pulling would lose their edits.
    let d = dialect(project.provider)?;
    let mut in_files = flash_sql::parse_schema(&project.schema_files()?, project.provider)
        .map_err(MigrateError::Schema)?
        .schema;
    d.normalize(&mut in_files);
    let uncaptured = diff(
        &comparable(project.provider, expected.schema.clone()),
        &comparable(project.provider, in_files),
        d.as_ref(),
        &DiffOptions::default(),
    );
    if !uncaptured.is_empty() {
        return Err(MigrateError::UncapturedChanges {
            changes: uncaptured.changes.iter().map(|c| c.summary()).collect(),
        });
    }
    // The schemas the expected schema names, as `status` compares them: a schema nothing
    // names is unmanaged, not drift.
    let namespaces = project.namespaces(&[&expected.schema]);
    let live = driver.inspect_in(&namespaces).await?;
    let mut from = comparable(project.provider, expected.schema.clone());
    drift::adopt_unstated_options(&mut from, &live);
    if diff(&from, &live, d.as_ref(), &DiffOptions::default()).is_empty() {
        return Ok(None);
    }
    let pull_opts = PullOptions {
        namespaces: Some(namespaces),
        ..Default::default()
    };
    let pulled = pull(project, url, &pull_opts).await?;
    // Raw objects the database does not show (functions, ...) stay in the snapshot: the
    // files kept them (they matched the expected schema before the pull).
    let mut to = live;
    if project.provider != flash_schema::Provider::Sqlite {
        to.raw = files_raw(project)?;
    }
    let mut expected_schema = expected.schema;
    drift::adopt_unstated_options(&mut expected_schema, &to);
    record(
        driver.as_mut(),
        project,
        &expected_schema,
        to,
        name,
        now,
        pulled,
    )
    .await
    .map(Some)
}

/// The raw objects (kept verbatim) of the schema files, normalized.
fn files_raw(project: &Project) -> Result<Vec<flash_schema::RawObject>, MigrateError> {
    let mut parsed = flash_sql::parse_schema(&project.schema_files()?, project.provider)
        .map_err(MigrateError::Schema)?
        .schema;
    dialect(project.provider)?.normalize(&mut parsed);
    Ok(parsed.raw)
}

/// Writes the migration `from` → `to` and the snapshot of `to`, and records the migration as
/// applied (with that snapshot) without running its statements.
async fn record(
    driver: &mut dyn Driver,
    project: &Project,
    from: &Schema,
    mut to: Schema,
    name: &str,
    now: Option<DateTime<Utc>>,
    pulled: PullReport,
) -> Result<AdoptReport, MigrateError> {
    let d = dialect(project.provider)?;
    let now = now.unwrap_or_else(Utc::now);
    let existing = project.migrations()?;
    let id = next_id(now, existing.last().map(|m| m.id.as_str()), name);
    let path = project.migrations_dir.join(format!("{id}.sql"));
    let result = diff(from, &to, d.as_ref(), &DiffOptions::default());
    assign_ids(&mut to, from, &result.changes);
    let result = diff(from, &to, d.as_ref(), &DiffOptions::default());
    let up = plan_of(d.as_ref(), &result.changes, from, &to)?;
    let down = down_plan(d.as_ref(), from, &to, &result)?;
    let changes: Vec<String> = result.changes.iter().map(|c| c.summary()).collect();
    let created = now.format("%Y-%m-%d %H:%M:%S UTC").to_string();
    let text = render(&sanitize_name(name), &created, &up, &down, &changes);
    let mut snap = Snapshot::new(project.provider, to);
    snap.migration = Some(id.clone());
    let snap_json = snap.to_json();

    let snapshot_path = project.snapshot_path();
    let old_snapshot = std::fs::read_to_string(&snapshot_path).ok();
    // Takes both files back when the migration cannot be recorded: nothing may claim what
    // did not happen.
    let undo = || {
        let _ = std::fs::remove_file(&path);
        match &old_snapshot {
            Some(text) => {
                let _ = write_atomic(&snapshot_path, text);
            }
            None => {
                let _ = std::fs::remove_file(&snapshot_path);
            }
        }
    };
    write_atomic(&path, &text)?;
    if let Err(e) = write_atomic(&snapshot_path, &snap_json) {
        undo();
        return Err(e);
    }
    // No statements: the database already is what the migration describes.
    let run = MigrationRun {
        id: id.clone(),
        name: sanitize_name(name),
        checksum: checksum(&text),
        statements: Vec::new(),
        transactional: true,
        resume_from: 0,
        snapshot: Some(snap_json),
    };
    let outcome = match crate::lock::acquire(driver, None).await {
        Ok(_) => {
            let r = match driver.ensure_ledger().await {
                Ok(()) => driver
                    .apply(&run)
                    .await
                    .map_err(|f| MigrateError::Db(f.error)),
                Err(e) => Err(MigrateError::Db(e)),
            };
            let unlocked = driver.unlock().await.map_err(MigrateError::Db);
            r.and_then(|o| unlocked.map(|()| o))
        }
        Err(e) => Err(e),
    };
    match outcome {
        Ok(ApplyOutcome::Applied) | Ok(ApplyOutcome::AlreadyApplied) => Ok(AdoptReport {
            id,
            path,
            changes,
            pull: pulled,
        }),
        Err(e) => {
            undo();
            Err(e)
        }
    }
}
