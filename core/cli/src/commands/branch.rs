//! `flash branch`: list, create, delete, rename, diff.

use crate::args::{BranchArgs, BranchCommand, BranchDiffArgs, Global};
use crate::output::Output;
use crate::EXIT_OK;
use flash::branch::{self, BranchReport};
use flash::Error;

pub async fn run(g: &Global, a: BranchArgs, out: &Output) -> Result<i32, Error> {
    if let Some(BranchCommand::Diff(d)) = a.command {
        let json = d.json || a.json;
        return diff(g, d, json, out).await;
    }
    let target = super::open_quiet(g, out)?;
    let report = if let Some(name) = &a.delete {
        branch::delete(&target, name).await?
    } else if let Some([old, new]) = a.rename.as_deref() {
        branch::rename(&target, old, new).await?
    } else if let Some(name) = &a.name {
        branch::create(&target, name).await?
    } else {
        let list = branch::list(&target).await?;
        if a.json {
            out.json(&list);
            return Ok(EXIT_OK);
        }
        for b in &list.branches {
            let mark = if b.current { "*" } else { " " };
            out.line(&format!("{mark} {} ({})", b.name, b.location));
        }
        return Ok(EXIT_OK);
    };
    if a.json {
        out.json(&report);
        return Ok(EXIT_OK);
    }
    show(&report, out);
    Ok(EXIT_OK)
}

/// The human lines of a branch report (shared with `flash checkout`).
pub(crate) fn show(r: &BranchReport, out: &Output) {
    use flash::branch::BranchAction as A;
    if let Some(c) = &r.copied {
        let mut what = vec![format!("{} table(s)", c.tables)];
        if let Some(rows) = c.rows {
            what.push(format!("{rows} row(s)"));
        }
        if c.views > 0 {
            what.push(format!("{} view(s)", c.views));
        }
        out.ok(&format!(
            "Created branch {} from {} ({}) in {}",
            r.branch,
            r.from.as_deref().unwrap_or("main"),
            what.join(", "),
            r.location
        ));
        for n in &c.not_copied {
            out.warning(
                &format!("not copied: {n}"),
                None,
                Some("flash does not manage it; create it on the branch by hand if needed"),
            );
        }
    }
    if !r.shared_schemas.is_empty() {
        out.warning(
            &format!(
                "schema(s) {} are shared with main: a branch copies the current schema only",
                r.shared_schemas.join(", ")
            ),
            None,
            None,
        );
    }
    match r.action {
        A::Created => out.note(&format!("switch to it with `flash checkout {}`", r.branch)),
        A::CheckedOut => out.ok(&format!("Switched to branch {}", r.branch)),
        A::Deleted => out.ok(&format!("Deleted branch {} ({})", r.branch, r.location)),
        A::Renamed => out.ok(&format!(
            "Renamed branch {} to {}",
            r.from.as_deref().unwrap_or_default(),
            r.branch
        )),
    }
}

async fn diff(g: &Global, d: BranchDiffArgs, json: bool, out: &Output) -> Result<i32, Error> {
    let target = super::open_quiet(g, out)?;
    let report = branch::diff(&target, &d.from, &d.to).await?;
    if json {
        out.json(&report);
        return Ok(EXIT_OK);
    }
    if !report.has_changes {
        out.ok(&format!(
            "No schema difference between {} and {}",
            report.from, report.to
        ));
        return Ok(EXIT_OK);
    }
    for w in &report.warnings {
        out.warning(w, None, None);
    }
    out.line(&format!("-- Branch diff: {} -> {}", report.from, report.to));
    for c in &report.changes {
        out.line(&format!("-- {c}"));
    }
    out.line("");
    out.line("-- +migrate Up");
    out.line(report.up.trim_end());
    out.line("");
    out.line("-- +migrate Down");
    out.line(report.down.trim_end());
    for reason in &report.destructive {
        out.warning(&format!("destructive: {reason}"), None, None);
    }
    Ok(EXIT_OK)
}
