//! `flash status`: applied, pending, modified and missing migrations.

use crate::apply::{find_file, index_rows};
use crate::backends::connect;
use crate::drift::{self, DriftReport};
use crate::error::MigrateError;
use crate::project::Project;
use serde::Serialize;

/// The state of one migration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MigrationState {
    Applied,
    Pending,
    /// Applied, but the file changed since.
    Modified,
    /// Applied, but the file is gone.
    Missing,
    /// Started and not finished (a failed MySQL migration); `apply` resumes it.
    Failed,
}

/// One line of `flash status`.
#[derive(Debug, Clone, Serialize)]
pub struct StatusEntry {
    pub id: String,
    pub name: String,
    pub state: MigrationState,
    pub applied_at: Option<String>,
    pub started_at: Option<String>,
    /// For failed migrations: statements applied, and the error recorded.
    pub applied_steps: Option<i64>,
    /// The error recorded: of a failed migration, or of a failed Down of an applied one.
    pub logs: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub destructive: Vec<String>,
}

/// The whole status.
#[derive(Debug, Clone, Serialize)]
pub struct StatusReport {
    pub provider: String,
    pub migrations: Vec<StatusEntry>,
    pub applied: usize,
    pub pending: usize,
    /// Modified, missing or failed migrations: something needs attention.
    pub problems: usize,
    /// Out-of-band changes: the live schema against the one the last applied migration
    /// recorded.
    pub drift: DriftReport,
}

/// Lists every migration file and every history row with its state.
pub async fn status(project: &Project, url: &str) -> Result<StatusReport, MigrateError> {
    let files = project.migrations()?;
    let mut driver = connect(project.provider, url).await?;
    let rows = driver.ledger().await?;
    let drift = drift::check(driver.as_mut(), project, &rows).await?;
    let by_id = index_rows(&rows);
    let mut out: Vec<StatusEntry> = Vec::new();
    for f in &files {
        let row = by_id.get(f.id.as_str()).copied();
        let state = match row {
            None => MigrationState::Pending,
            Some(r) if !r.is_applied() => {
                if r.finished_at.is_none() && r.started_at.is_some() && r.rolled_back_at.is_none() {
                    MigrationState::Failed
                } else {
                    MigrationState::Pending
                }
            }
            Some(r) if !f.matches_checksum(&r.checksum) => MigrationState::Modified,
            Some(_) => MigrationState::Applied,
        };
        out.push(StatusEntry {
            id: f.id.clone(),
            name: f.name.clone(),
            state,
            applied_at: row.and_then(|r| r.finished_at.clone()),
            started_at: row.and_then(|r| r.started_at.clone()),
            applied_steps: row
                .filter(|_| state == MigrationState::Failed)
                .map(|r| r.applied_steps_count),
            logs: row
                .filter(|_| matches!(state, MigrationState::Failed | MigrationState::Applied))
                .and_then(|r| r.logs.clone())
                .filter(|l| !l.trim().is_empty()),
            destructive: f.destructive.clone(),
        });
    }
    for r in rows.iter().filter(|r| r.is_applied()) {
        if find_file(&files, r).is_none() {
            out.push(StatusEntry {
                id: r.id.clone(),
                name: r.migration_name.clone(),
                state: MigrationState::Missing,
                applied_at: r.finished_at.clone(),
                started_at: r.started_at.clone(),
                applied_steps: None,
                logs: None,
                destructive: Vec::new(),
            });
        }
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    let count = |s: MigrationState| out.iter().filter(|e| e.state == s).count();
    Ok(StatusReport {
        provider: project.provider.to_string(),
        applied: count(MigrationState::Applied) + count(MigrationState::Modified),
        pending: count(MigrationState::Pending),
        problems: count(MigrationState::Modified)
            + count(MigrationState::Missing)
            + count(MigrationState::Failed)
            // An applied migration with an error recorded: its Down section failed part-way.
            + out
                .iter()
                .filter(|e| e.state == MigrationState::Applied && e.logs.is_some())
                .count(),
        migrations: out,
        drift,
    })
}
