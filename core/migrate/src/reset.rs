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
    let dropped = driver.reset_in(&project.managed_namespaces()).await?;
    Ok(ResetReport { dropped })
}
