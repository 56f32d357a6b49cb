//! `flash baseline` and `flash migrate --absorb-drift`: migrations recorded as applied
//! without running, because the database already is what they describe.

use crate::args::{BaselineArgs, Global};
use crate::output::Output;
use crate::EXIT_OK;
use flash::migrate::{absorb_drift, baseline, display_path, AdoptReport, FileAction, Project};
use flash::{Error, Target};

pub async fn run(g: &Global, a: BaselineArgs, out: &Output) -> Result<i32, Error> {
    let target = super::open(g, out)?;
    let url = target.require_url()?.to_string();
    let name = a.name.clone().unwrap_or_else(|| "baseline".to_string());
    let report = baseline(&target.project(), &url, &name, None).await?;
    if a.json {
        out.json(&report);
        return Ok(EXIT_OK);
    }
    show(&report, out);
    out.ok(&format!(
        "Baseline {} recorded as applied: the next `flash migrate` diffs from this database",
        report.id
    ));
    Ok(EXIT_OK)
}

/// `flash migrate "name" --absorb-drift`.
pub async fn absorb(
    target: &Target,
    project: &Project,
    name: &str,
    json: bool,
    out: &Output,
) -> Result<i32, Error> {
    let url = target.require_url()?.to_string();
    let report = absorb_drift(project, &url, name, None).await?;
    if json {
        out.json(&serde_json::json!({ "absorbed": report }));
        return Ok(EXIT_OK);
    }
    match report {
        None => out.line("No drift: the database matches its last migration. Nothing written."),
        Some(r) => {
            show(&r, out);
            out.ok(&format!(
                "Drift recorded as migration {} (marked applied; nothing ran on the database)",
                r.id
            ));
        }
    }
    Ok(EXIT_OK)
}

fn show(r: &AdoptReport, out: &Output) {
    out.line(&format!("Migration {}:", display_path(&r.path)));
    for c in &r.changes {
        out.line(&format!("  {c}"));
    }
    for f in &r.pull.files {
        let action = match f.action {
            FileAction::Created => "created",
            FileAction::Updated => "updated",
            FileAction::Removed => "removed",
        };
        out.line(&format!("  schema file {} {action}", display_path(&f.path)));
    }
    if !r.pull.unmanaged.is_empty() {
        out.warning(
            &format!(
                "{} object(s) flash does not model are not in the migration: {}",
                r.pull.unmanaged.len(),
                r.pull
                    .unmanaged
                    .iter()
                    .map(|u| format!("{} {}", u.kind.to_lowercase(), u.name))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            None,
            Some("add them to a schema file as written (kept verbatim), so a fresh database gets them too"),
        );
    }
}
