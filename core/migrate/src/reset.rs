//! `flash reset`: drop everything, history included.

use crate::backends::connect;
use crate::error::MigrateError;
use crate::project::Project;
use crate::prompt::Prompter;
use serde::Serialize;

/// What [`reset`] dropped.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ResetReport {
    pub dropped: Vec<String>,
}

/// The schemas the files and the snapshot name (or the configured ones): reset drops them.
/// Files that do not parse name nothing: the current schema is still emptied.
fn managed_namespaces(project: &Project) -> flash_schema::Namespaces {
    let files = project
        .schema_files()
        .ok()
        .and_then(|f| flash_sql::parse_schema(&f, project.provider).ok())
        .map(|p| p.schema)
        .unwrap_or_default();
    let snapshot = project
        .load_snapshot()
        .ok()
        .flatten()
        .map(|s| s.schema)
        .unwrap_or_default();
    project.namespaces(&[&files, &snapshot])
}

/// Drops every table, view, type and function of the database and the history table, after
/// confirmation (`force` skips it).
pub async fn reset(
    project: &Project,
    url: &str,
    force: bool,
    prompter: &dyn Prompter,
    masked_url: &str,
) -> Result<ResetReport, MigrateError> {
    let mut driver = connect(project.provider, url).await?;
    if !force {
        if prompter.interactive() {
            let q = format!(
                "This drops EVERY table and all data in {}, and the migration history. Continue?",
                masked_url
            );
            if !prompter.confirm(&q).await {
                return Err(MigrateError::Cancelled);
            }
        } else {
            return Err(MigrateError::NeedsConfirmation {
                what: "dropping every table and all data".into(),
                flag: "--force".into(),
                details: Vec::new(),
            });
        }
    }
    let dropped = driver.reset_in(&managed_namespaces(project)).await?;
    Ok(ResetReport { dropped })
}
