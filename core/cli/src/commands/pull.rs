//! `flash pull`.

use crate::args::{Global, PullArgs};
use crate::output::Output;
use crate::EXIT_OK;
use flash::migrate::{display_path, pull, FileAction, PullOptions};
use flash::{mask_url, Error};

pub async fn run(g: &Global, a: PullArgs, out: &Output) -> Result<i32, Error> {
    let target = super::open(g, out)?;
    let url = target.require_url()?.to_string();
    let opts = PullOptions {
        output: a.output.clone(),
        backup: a.backup,
        dry_run: a.dry_run,
        namespaces: (!a.schema.is_empty())
            .then(|| flash::schema::Namespaces::only(a.schema.clone())),
    };
    let report = pull(&target.project(), &url, &opts).await?;
    if a.json {
        out.json(&report);
        return Ok(EXIT_OK);
    }
    out.line(&format!(
        "Database: {} ({}): {} table(s), {} enum(s), {} view(s)",
        mask_url(&url),
        report.provider,
        report.tables,
        report.enums,
        report.views
    ));
    let verb = if report.dry_run { "would be " } else { "" };
    for (what, names) in [
        ("added", &report.added),
        ("updated", &report.updated),
        ("removed", &report.removed),
    ] {
        for n in names {
            out.line(&format!("  {n} {verb}{what}"));
        }
    }
    for f in &report.files {
        let action = match f.action {
            FileAction::Created => "created",
            FileAction::Updated => "updated",
            FileAction::Removed => "removed",
        };
        out.line(&format!("  {} {verb}{action}", display_path(&f.path)));
    }
    if let Some(dir) = &report.backup {
        out.note(&format!("previous files copied to {}", display_path(dir)));
    }
    if report.files.is_empty() {
        out.ok(&format!(
            "{} already matches the database",
            display_path(&report.output)
        ));
    } else if report.dry_run {
        out.note("dry run: nothing was written");
    } else {
        out.ok(&format!("Pulled into {}", display_path(&report.output)));
    }
    super::show_unmanaged(
        "Not written by pull, flash does not model them",
        &report.unmanaged,
        out,
    );
    if !report.unmanaged.is_empty() {
        out.note("keep them in a schema file as written (functions, triggers and the like are kept verbatim), or in a migration");
    }
    Ok(EXIT_OK)
}
