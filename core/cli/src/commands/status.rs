//! `flash status`.

use crate::args::{Global, StatusArgs};
use crate::output::Output;
use crate::{EXIT_CHECK, EXIT_OK};
use comfy_table::{presets::UTF8_FULL_CONDENSED, Table};
use flash::migrate::{status, DriftReport, MigrationState};
use flash::{mask_url, Error};

pub async fn run(g: &Global, a: StatusArgs, out: &Output) -> Result<i32, Error> {
    let target = super::open(g, out)?;
    let url = target.require_url()?.to_string();
    let report = status(&target.project(), &url).await?;
    let code = if a.check && (report.pending > 0 || report.problems > 0 || report.drift.has_drift())
    {
        EXIT_CHECK
    } else {
        EXIT_OK
    };
    if a.json {
        out.json(&report);
        return Ok(code);
    }
    out.line(&format!(
        "Database: {} ({})",
        mask_url(&url),
        report.provider
    ));
    if report.migrations.is_empty() {
        out.line("No migrations yet: run `flash migrate \"name\"`.");
        return Ok(code);
    }
    let mut table = Table::new();
    table.load_preset(UTF8_FULL_CONDENSED);
    table.set_header(vec!["Migration", "State", "Applied at"]);
    for m in &report.migrations {
        let state = match m.state {
            MigrationState::Applied => "applied".to_string(),
            MigrationState::Pending => "pending".to_string(),
            MigrationState::Modified => "MODIFIED".to_string(),
            MigrationState::Missing => "MISSING FILE".to_string(),
            MigrationState::Failed => {
                format!("FAILED after {} statement(s)", m.applied_steps.unwrap_or(0))
            }
        };
        table.add_row(vec![
            m.id.clone(),
            state,
            m.applied_at.clone().unwrap_or_default(),
        ]);
    }
    out.line(&table.to_string());
    out.line(&format!(
        "{} applied, {} pending{}",
        report.applied,
        report.pending,
        if report.problems > 0 {
            format!(", {} need attention", report.problems)
        } else {
            String::new()
        }
    ));
    for m in report
        .migrations
        .iter()
        .filter(|m| m.state == MigrationState::Modified)
    {
        out.warning(
            &format!("{} was changed after it was applied", m.id),
            None,
            Some(&format!(
                "restore it, or accept the edit with `flash accept {}`",
                m.id
            )),
        );
    }
    for m in report
        .migrations
        .iter()
        .filter(|m| m.state == MigrationState::Applied && m.logs.is_some())
    {
        out.warning(
            &format!(
                "{} is applied, but undoing it failed: {}",
                m.id,
                m.logs.as_deref().unwrap_or("")
            ),
            None,
            Some("its Down section stopped part-way: repair the database by hand, then run `flash down` again"),
        );
    }
    for m in report
        .migrations
        .iter()
        .filter(|m| m.state == MigrationState::Failed)
    {
        out.warning(
            &format!("{} failed: {}", m.id, m.logs.as_deref().unwrap_or("")),
            None,
            Some("fix it and run `flash apply`: it resumes after the statements that succeeded"),
        );
    }
    show_drift(&report.drift, out);
    Ok(code)
}

/// The drift part of `flash status`.
fn show_drift(d: &DriftReport, out: &Output) {
    if !d.checked {
        if let Some(reason) = &d.reason {
            out.note(&format!("drift not checked: {reason}"));
        }
    } else if d.has_drift() {
        out.line(&format!(
            "Drift: {} change(s) made outside migrations since {}:",
            d.changes.len(),
            d.against.as_deref().unwrap_or("?")
        ));
        for c in &d.changes {
            out.line(&format!("  {c}"));
        }
        out.line("The statements that made it so:");
        for line in d.sql.lines() {
            out.line(&format!("  {line}"));
        }
        out.note("record them with `flash migrate \"name\" --absorb-drift`, or undo them by hand");
    } else {
        out.line(&format!(
            "No drift: the database matches migration {}.",
            d.against.as_deref().unwrap_or("?")
        ));
    }
    super::show_unmanaged("Not managed by flash, not compared", &d.unmanaged, out);
}
