//! One module per command; [`run`] dispatches and turns errors into messages and exit codes.

mod accept;
mod apply;
mod baseline;
mod branch;
mod checkout;
mod dblist;
mod down;
mod export;
mod gen;
mod import;
mod init;
mod migrate;
mod progress;
mod pull;
mod raw;
mod reset;
mod seed;
mod status;

use crate::args::{Cli, Command, Global};
use crate::output::Output;
use crate::{EXIT_ERROR, EXIT_OK};
use flash::migrate::MigrateError;
use flash::{Error, OpenOptions, Target};

/// Runs a parsed command line.
pub async fn run(cli: Cli, out: &Output) -> i32 {
    let g = cli.global;
    let json = wants_json(&cli.command);
    let result = match cli.command {
        Command::Init(a) => init::run(a, out),
        Command::Migrate(a) => migrate::run(&g, a, out).await,
        Command::Apply(a) => apply::run(&g, a, out).await,
        Command::Down(a) => down::run(&g, a, out).await,
        Command::Status(a) => status::run(&g, a, out).await,
        Command::Reset(a) => reset::run(&g, a, out).await,
        Command::Raw(a) => raw::run(&g, a, out).await,
        Command::Dblist(a) => dblist::run(&g, a, out),
        Command::Accept(a) => accept::run(&g, a, out).await,
        Command::Gen(a) => gen::run(&g, a, out).await,
        Command::Pull(a) => pull::run(&g, a, out).await,
        Command::Baseline(a) => baseline::run(&g, a, out).await,
        Command::Export(a) => export::run(&g, a, out).await,
        Command::Import(a) => import::run(&g, a, out).await,
        Command::Seed(a) => seed::run(&g, a, out).await,
        Command::Branch(a) => branch::run(&g, a, out).await,
        Command::Checkout(a) => checkout::run(&g, a, out).await,
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            render_error(&e, out);
            if json {
                // A script asked for JSON: it gets one document on stdout even on failure.
                out.json(&json_error(&e));
            }
            EXIT_ERROR
        }
    }
}

fn wants_json(c: &Command) -> bool {
    match c {
        Command::Migrate(a) => a.json,
        Command::Apply(a) => a.json,
        Command::Down(a) => a.json,
        Command::Status(a) => a.json,
        Command::Reset(a) => a.json,
        Command::Raw(a) => a.json,
        Command::Dblist(a) => a.json,
        Command::Gen(a) => a.json,
        Command::Pull(a) => a.json,
        Command::Baseline(a) => a.json,
        Command::Export(a) => a.json,
        Command::Import(a) => a.json,
        Command::Seed(a) => a.json,
        Command::Branch(a) => match &a.command {
            Some(crate::args::BranchCommand::Diff(d)) => d.json || a.json,
            None => a.json,
        },
        Command::Checkout(a) => a.json,
        Command::Init(_) | Command::Accept(_) => false,
    }
}

/// `{"error": {"message", "help", "place", "details"}}` for `--json` callers.
fn json_error(e: &Error) -> serde_json::Value {
    let mut place = None;
    let mut details: Vec<String> = Vec::new();
    if let Error::Queries(errors) = e {
        details = errors.iter().map(|x| x.to_string()).collect();
        place = errors
            .first()
            .map(|x| format!("{}:{}:{}", x.file, x.line, x.column));
    }
    if let Error::Migrate(m) = e {
        match m.as_ref() {
            MigrateError::Schema(errs) => {
                details = errs.errors.iter().map(|x| x.to_string()).collect();
            }
            MigrateError::MigrationSyntax {
                path, line, column, ..
            } => {
                place = Some(format!("{}:{line}:{column}", path.display()));
            }
            MigrateError::ApplyFailed {
                path, statement, ..
            }
            | MigrateError::RevertFailed {
                path, statement, ..
            } => {
                place = Some(match statement {
                    Some(s) => format!("{}:{}", path.display(), s.line),
                    None => path.display().to_string(),
                });
            }
            MigrateError::NeedsConfirmation { details: d, .. } => details = d.clone(),
            MigrateError::RenameUnconfirmed(c) => {
                details = c.iter().map(|c| c.flag()).collect();
            }
            _ => {}
        }
    }
    serde_json::json!({
        "error": {
            "message": e.to_string(),
            "help": e.help(),
            "place": place,
            "details": details,
        }
    })
}

/// Opens the project for a command and prints config warnings.
/// Says where the backup before a destructive command went (also when the command then
/// failed: the backup is what the user needs then).
pub(crate) fn show_backup(backup: &flash::backup::Backup, json: bool, out: &Output) {
    if let (Some(path), false) = (backup.written(), json) {
        out.ok(&format!(
            "backup of the database written to {}",
            flash::migrate::display_path(&path)
        ));
    }
}

pub(crate) fn open(g: &Global, out: &Output) -> Result<Target, Error> {
    let t = open_quiet(g, out)?;
    if let Some(b) = &t.branch {
        // On stderr: `--json` keeps stdout to the one document.
        out.note(&format!("on branch {}", b.branch));
    }
    Ok(t)
}

/// [`open`] without the `on branch` line: for `branch` and `checkout`, which say which branch
/// they act on themselves.
pub(crate) fn open_quiet(g: &Global, out: &Output) -> Result<Target, Error> {
    let t = Target::open(&OpenOptions {
        config: g.config.clone(),
        env: g.env.clone(),
        db: g.db.clone(),
        cwd: None,
    })?;
    for w in &t.config.warnings {
        out.warning(w, None, None);
    }
    Ok(t)
}

/// Prints an error with its place and help.
pub(crate) fn render_error(e: &Error, out: &Output) {
    match e {
        Error::Migrate(m) => render_migrate_error(m, out),
        Error::Queries(errors) => render_sql_errors(errors, "query", out),
        other => out.error(&other.to_string(), None, other.help().as_deref()),
    }
}

/// Every error of a set of SQL files at its place, then how many there were.
fn render_sql_errors(errors: &[flash::SqlError], files: &str, out: &Output) {
    for err in errors {
        out.error(
            &err.message,
            Some(&format!("{}:{}:{}", err.file, err.line, err.column)),
            err.help.as_deref(),
        );
    }
    out.error(
        &format!(
            "the {files} files have {} error(s); nothing was written",
            errors.len()
        ),
        None,
        None,
    );
}

fn render_migrate_error(e: &MigrateError, out: &Output) {
    match e {
        MigrateError::Schema(errs) => {
            for w in &errs.warnings {
                out.warning(
                    &w.message,
                    Some(&format!("{}:{}:{}", w.file, w.line, w.column)),
                    w.help.as_deref(),
                );
            }
            render_sql_errors(&errs.errors, "schema", out);
        }
        MigrateError::MigrationSyntax {
            path,
            line,
            column,
            message,
        } => {
            out.error(
                message,
                Some(&format!("{}:{line}:{column}", path.display())),
                None,
            );
        }
        m @ (MigrateError::ApplyFailed {
            path, statement, ..
        }
        | MigrateError::RevertFailed {
            path, statement, ..
        }) => {
            let place = statement
                .as_ref()
                .map(|s| format!("{}:{}", path.display(), s.line))
                .unwrap_or_else(|| path.display().to_string());
            out.error(&m.to_string(), Some(&place), m.help().as_deref());
            if let Some(s) = statement {
                out.note(&format!(
                    "  statement {}:\n    {}",
                    s.number,
                    s.sql.replace('\n', "\n    ")
                ));
            }
        }
        m @ MigrateError::Modified { path, .. } => {
            out.error(
                &m.to_string(),
                Some(&path.display().to_string()),
                m.help().as_deref(),
            );
        }
        m @ MigrateError::NeedsConfirmation { details, .. } => {
            out.error(
                &format!("{m}, and there is no terminal to ask on"),
                None,
                m.help().as_deref(),
            );
            for d in details {
                out.note(&format!("  {d}"));
            }
        }
        m @ MigrateError::RenameUnconfirmed(cands) => {
            for c in cands {
                let what = match c {
                    flash::RenameCandidate::Table { from, to } => {
                        format!("table {from} is gone and table {to} is new: was it renamed?")
                    }
                    flash::RenameCandidate::Column { table, from, to } => format!(
                        "column {table}.{from} is gone and {table}.{to} is new: was it renamed?"
                    ),
                };
                out.error(&what, None, None);
            }
            out.error(
                &format!("{m}; nothing was written"),
                None,
                m.help().as_deref(),
            );
        }
        other => out.error(&other.to_string(), None, other.help().as_deref()),
    }
}

pub(crate) fn ok() -> Result<i32, Error> {
    Ok(EXIT_OK)
}

/// Objects flash does not model, one line each, under `heading` (nothing when there are none).
pub(crate) fn show_unmanaged(
    heading: &str,
    objects: &[flash::schema::UnmanagedObject],
    out: &Output,
) {
    if objects.is_empty() {
        return;
    }
    out.line(&format!("{heading} ({} object(s)):", objects.len()));
    for u in objects {
        match &u.table {
            Some(t) => out.line(&format!("  {} {} on {t}", u.kind.to_lowercase(), u.name)),
            None => out.line(&format!("  {} {}", u.kind.to_lowercase(), u.name)),
        }
    }
}
