//! `flash reset`: drop everything, history included.

use crate::backends::connect;
use crate::error::MigrateError;
use crate::project::Project;
use crate::prompt::Prompter;
use serde::Serialize;

/// What [`reset`] dropped.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ResetReport {
    /// The export written first (a destructive command run through the facade's backup).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub backup: Option<std::path::PathBuf>,
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
    reset_guarded(
        project,
        url,
        force,
        prompter,
        masked_url,
        &crate::NoSafeguard,
    )
    .await
}

/// [`reset`], with `guard` run first (after confirmation).
pub async fn reset_guarded(
    project: &Project,
    url: &str,
    force: bool,
    prompter: &dyn Prompter,
    masked_url: &str,
    guard: &dyn crate::Safeguard,
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
    guard.before_destruction("reset").await?;
    let dropped = driver.reset_in(&project.managed_namespaces()).await?;
    Ok(ResetReport {
        dropped,
        backup: None,
    })
}
