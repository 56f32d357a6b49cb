//! `flash migrate "name"`: diff the schema files against the snapshot and write a migration.

use crate::backends::{connect, dialect};
use crate::error::MigrateError;
use crate::file::{render, render_empty, sanitize_name};
use crate::project::{write_atomic, Project};
use crate::prompt::Prompter;
use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use flash_diff::{assign_ids, diff, DiffOptions, DiffResult, Rename};
use flash_schema::{Change, Schema, Snapshot};
use serde::Serialize;
use std::path::PathBuf;

/// Options of [`generate`].
#[derive(Debug, Clone, Default)]
pub struct GenerateOptions {
    /// The human name, `"create users"`.
    pub name: String,
    /// Write an empty template instead of diffing.
    pub empty: bool,
    /// Only report whether the schema files have uncaptured changes; write nothing.
    pub check: bool,
    /// Plan exactly as for writing (unconfirmed renames stop it), but write nothing and return
    /// [`GenerateOutcome::Planned`].
    pub dry_run: bool,
    /// Renames confirmed by flags.
    pub renames: Vec<Rename>,
    /// Treat unconfirmed rename candidates as drop + add.
    pub no_rename: bool,
    /// The time to stamp the migration with (now when None).
    pub now: Option<DateTime<Utc>>,
}

/// Something worth a look that does not stop the command, with its place when it has one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Notice {
    pub message: String,
    /// `file:line:column`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl Notice {
    pub(crate) fn plain(message: impl Into<String>) -> Self {
        Notice {
            message: message.into(),
            place: None,
            help: None,
        }
    }
}

/// What the generated (or, with `check`, the would-be) migration holds.
#[derive(Debug, Clone, Serialize)]
pub struct GenerateReport {
    pub id: String,
    pub path: PathBuf,
    /// One line per change (`+ table users`).
    pub changes: Vec<String>,
    /// Why applying it may lose data.
    pub destructive: Vec<String>,
    pub warnings: Vec<Notice>,
    pub up: String,
    pub down: String,
    /// What the schema files were compared with: `snapshot`, `recorded` (the snapshot the
    /// database recorded with its last migration), `database` or `empty`.
    pub baseline: String,
}

/// The result of [`generate`].
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum GenerateOutcome {
    /// A migration file was written.
    Written(GenerateReport),
    /// `check` found changes no migration captures; nothing written.
    Uncaptured(GenerateReport),
    /// `dry_run`: the migration that would be written; nothing written.
    Planned(GenerateReport),
    /// The schema files match the snapshot; nothing written.
    NothingToDo { warnings: Vec<Notice> },
}

/// Diffs the schema files against the snapshot (or, when there is none yet, against the live
/// database at `database_url`, or an empty one) and writes a migration plus the new snapshot.
pub async fn generate(
    project: &Project,
    database_url: Option<&str>,
    opts: &GenerateOptions,
    prompter: &dyn Prompter,
) -> Result<GenerateOutcome, MigrateError> {
    let now = opts.now.unwrap_or_else(Utc::now);
    let existing = project.migrations()?;
    let id = next_id(now, existing.last().map(|m| m.id.as_str()), &opts.name);
    let path = project.migrations_dir.join(format!("{id}.sql"));
    let created = now.format("%Y-%m-%d %H:%M:%S UTC").to_string();

    if opts.empty {
        let report = GenerateReport {
            id,
            path: path.clone(),
            changes: Vec::new(),
            destructive: Vec::new(),
            warnings: Vec::new(),
            up: String::new(),
            down: String::new(),
            baseline: "empty".into(),
        };
        if opts.check || opts.dry_run {
            return Ok(GenerateOutcome::Planned(report));
        }
        write_atomic(&path, &render_empty(&sanitize_name(&opts.name), &created))?;
        return Ok(GenerateOutcome::Written(report));
    }

    let dialect = dialect(project.provider)?;
    let files = project.schema_files()?;
    let parsed = flash_sql::parse_schema(&files, project.provider).map_err(MigrateError::Schema)?;
    let mut warnings: Vec<Notice> = parsed
        .warnings
        .iter()
        .map(|w| Notice {
            message: w.message.clone(),
            place: Some(format!("{}:{}:{}", w.file, w.line, w.column)),
            help: w.help.clone(),
        })
        .collect();
    let mut to = parsed.schema;
    dialect.normalize(&mut to);

    let (from, baseline) = match project.load_snapshot()? {
        Some(s) => {
            // The snapshot describes the migration that wrote it: if that file is gone, the
            // snapshot is ahead of the migrations and diffing against it would hide changes.
            if let Some(id) = &s.migration {
                if !existing.iter().any(|m| m.id == *id) {
                    return Err(MigrateError::SnapshotAhead {
                        id: id.clone(),
                        path: project.snapshot_path(),
                    });
                }
            }
            (s.schema, "snapshot")
        }
        None => {
            let restore = !opts.check && !opts.dry_run;
            baseline_from_database(
                project,
                database_url,
                &existing,
                &mut warnings,
                restore,
                &to,
            )
            .await?
        }
    };

    let mut diff_opts = DiffOptions {
        renames: opts.renames.clone(),
    };
    let mut result = diff(&from, &to, dialect.as_ref(), &diff_opts);
    check_renames_used(&opts.renames, &result)?;
    if !result.rename_candidates.is_empty() && !opts.no_rename && !opts.check {
        if prompter.interactive() {
            for c in &result.rename_candidates {
                let q = match c {
                    flash_diff::RenameCandidate::Table { from, to } => {
                        format!(
                            "Was table {from} renamed to {to}? (no: drop {from} and create {to})"
                        )
                    }
                    flash_diff::RenameCandidate::Column { table, from, to } => format!(
                        "Was column {table}.{from} renamed to {to}? (no: drop {from} and add {to})"
                    ),
                };
                if prompter.confirm(&q).await {
                    diff_opts.renames.push(c.confirm());
                }
            }
            result = diff(&from, &to, dialect.as_ref(), &diff_opts);
        } else {
            return Err(MigrateError::RenameUnconfirmed(result.rename_candidates));
        }
    }

    // Give the new schema its ids, and the names the database already has for constraints and
    // indexes the schema files leave unnamed; then plan with those names.
    assign_ids(&mut to, &from, &result.changes);
    let result = diff(&from, &to, dialect.as_ref(), &diff_opts);
    if result.is_empty() {
        return Ok(GenerateOutcome::NothingToDo { warnings });
    }

    let up = plan_of(dialect.as_ref(), &result.changes, &from, &to)?;
    let down = down_plan(dialect.as_ref(), &from, &to, &result)?;
    warnings.extend(up.warnings.iter().map(Notice::plain));
    let mut destructive = up.destructive_reasons();
    destructive.dedup();
    let report = GenerateReport {
        id,
        path: path.clone(),
        changes: result.changes.iter().map(|c| c.summary()).collect(),
        destructive,
        warnings,
        up: up.to_sql(),
        down: down.to_sql(),
        baseline: baseline.to_string(),
    };
    if opts.check {
        return Ok(GenerateOutcome::Uncaptured(report));
    }
    if opts.dry_run {
        return Ok(GenerateOutcome::Planned(report));
    }

    let text = render(
        &sanitize_name(&opts.name),
        &created,
        &up,
        &down,
        &report.changes,
    );
    // The migration first, then the snapshot; if the snapshot cannot be written, take the
    // migration back so the two never disagree.
    write_atomic(&path, &text)?;
    let mut snap = Snapshot::new(project.provider, to);
    snap.migration = Some(report.id.clone());
    if let Err(e) = write_atomic(&project.snapshot_path(), &snap.to_json()) {
        let _ = std::fs::remove_file(&path);
        return Err(e);
    }
    Ok(GenerateOutcome::Written(report))
}

pub(crate) fn plan_of(
    dialect: &dyn flash_diff::Dialect,
    changes: &[flash_schema::Change],
    from: &Schema,
    to: &Schema,
) -> Result<flash_schema::Plan, MigrateError> {
    dialect.plan(changes, from, to).map_err(MigrateError::Plan)
}

pub(crate) fn down_plan(
    dialect: &dyn flash_diff::Dialect,
    from: &Schema,
    to: &Schema,
    up: &DiffResult,
) -> Result<flash_schema::Plan, MigrateError> {
    let back = diff(
        to,
        from,
        dialect,
        &DiffOptions {
            renames: up.reverse_renames(),
        },
    );
    plan_of(dialect, &back.changes, to, from)
}

/// The id of a new migration: the timestamp of `now`, made later than the last existing id so
/// that ids stay ordered even when two migrations are made within one second.
pub(crate) fn next_id(now: DateTime<Utc>, last: Option<&str>, name: &str) -> String {
    // Whole seconds: ids carry no fraction, and 12:00:00.5 must sort after 12:00:00.
    let mut ts = now.naive_utc();
    ts -= Duration::nanoseconds(i64::from(ts.and_utc().timestamp_subsec_nanos()));
    if let Some(last_ts) = last.and_then(parse_timestamp) {
        if ts <= last_ts {
            ts = last_ts + Duration::seconds(1);
        }
    }
    format!("{}_{}", ts.format("%Y%m%d%H%M%S"), sanitize_name(name))
}

/// The timestamp at the start of a migration id. (chrono's `%Y` would swallow more than four
/// digits of `20240101120000`, so the fields are cut out by position.)
fn parse_timestamp(id: &str) -> Option<NaiveDateTime> {
    let digits = id.get(..14)?;
    let num = |r: std::ops::Range<usize>| digits.get(r)?.parse::<u32>().ok();
    let year = i32::try_from(num(0..4)?).ok()?;
    chrono::NaiveDate::from_ymd_opt(year, num(4..6)?, num(6..8)?)?.and_hms_opt(
        num(8..10)?,
        num(10..12)?,
        num(12..14)?,
    )
}

/// With no snapshot yet, the schema the migrations describe is the live database's, provided
/// every migration is applied. Without migrations and without a database, it is empty.
async fn baseline_from_database(
    project: &Project,
    database_url: Option<&str>,
    existing: &[crate::file::MigrationFile],
    warnings: &mut Vec<Notice>,
    restore: bool,
    files: &Schema,
) -> Result<(Schema, &'static str), MigrateError> {
    let Some(url) = database_url else {
        if existing.is_empty() {
            return Ok((Schema::default(), "empty"));
        }
        return Err(MigrateError::NoBaseline {
            pending: existing.len(),
        });
    };
    if existing.is_empty() && crate::backends::sqlite_file_missing(project.provider, url) {
        // No database file yet: it is empty, and merely looking must not create it.
        return Ok((Schema::default(), "empty"));
    }
    let mut driver = match connect(project.provider, url).await {
        Ok(d) => d,
        Err(e) if existing.is_empty() => {
            warnings.push(Notice::plain(format!(
                "could not read the database ({e}); diffing against an empty schema"
            )));
            return Ok((Schema::default(), "empty"));
        }
        Err(e) => return Err(e),
    };
    if !existing.is_empty() {
        let rows = driver.ledger().await?;
        let pending = crate::apply::reconcile(existing, &rows)?;
        if !pending.is_empty() {
            return Err(MigrateError::NoBaseline {
                pending: pending.len(),
            });
        }
        // The snapshot travels with the database: the one recorded with the last applied
        // migration is the schema the migrations describe (ids, functions and all), which
        // the live database may no longer be (drift).
        if let Some(last) = crate::drift::last_applied(&rows) {
            if let Some(json) = driver.recorded_snapshot(&last.id).await? {
                let snap = Snapshot::from_json(&json).map_err(|e| MigrateError::Snapshot {
                    path: format!("_flash_migrations (migration {})", last.id).into(),
                    message: e.to_string(),
                })?;
                let path = project.snapshot_path();
                if restore {
                    write_atomic(&path, &snap.to_json())?;
                    warnings.push(Notice::plain(format!(
                        "the snapshot file was missing: restored {} from the snapshot recorded with migration {}",
                        crate::project::display_path(&path),
                        last.id
                    )));
                }
                return Ok((snap.schema, "recorded"));
            }
        }
    }
    Ok((
        driver.inspect_in(&project.namespaces(&[files])).await?,
        "database",
    ))
}

/// Every `--rename` flag must have become a rename: a typo must not turn into drop + create.
fn check_renames_used(renames: &[Rename], result: &DiffResult) -> Result<(), MigrateError> {
    for r in renames {
        let used = result.changes.iter().any(|c| match (r, c) {
            (Rename::Table { from, to }, Change::RenameTable { from: f, to: t }) => {
                f.name == *from && t.name == *to
            }
            // `old=new` also names an enum or a view.
            (Rename::Table { from, to }, Change::RenameEnum { from: f, to: t }) => {
                f.name == *from && t.name == *to
            }
            (Rename::Table { from, to }, Change::RenameView { from: f, to: t }) => {
                f.name == *from && t.name == *to
            }
            (
                Rename::Column { table, from, to },
                Change::RenameColumn {
                    table: t,
                    from: f,
                    to: n,
                },
            ) => f == from && n == to && (t.name == *table || result.changes.iter().any(|c| matches!(c, Change::RenameTable { from: old, to: new } if old.name == *table && new.name == t.name))),
            // SQLite cannot rename a view: it is dropped and created under the new name.
            (Rename::Table { from, to }, Change::CreateView(v)) if v.name == *to => result
                .changes
                .iter()
                .any(|c| matches!(c, Change::DropView(o) if o.name == *from)),
            _ => false,
        });
        if !used {
            let flag = match r {
                Rename::Table { from, to } => format!("{from}={to}"),
                Rename::Column { table, from, to } => format!("{table}.{from}={to}"),
            };
            return Err(MigrateError::UnusedRename {
                flag,
                why: "the old name must exist before and be gone now, and the new name must be new"
                    .into(),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::next_id;
    use chrono::TimeZone;

    #[test]
    fn ids_stay_ordered() {
        let now = chrono::Utc.with_ymd_and_hms(2024, 1, 1, 12, 0, 0).unwrap();
        assert_eq!(next_id(now, None, "Init"), "20240101120000_init");
        assert_eq!(
            next_id(now, Some("20240101120000_init"), "b"),
            "20240101120001_b"
        );
        assert_eq!(
            next_id(now, Some("20230101120000_x"), "b"),
            "20240101120000_b"
        );
        let later = now + chrono::Duration::milliseconds(500);
        assert_eq!(
            next_id(later, Some("20240101120000_init"), "b"),
            "20240101120001_b"
        );
    }
}
