//! Drift: what the database should look like (the snapshot recorded with the last applied
//! migration, DESIGN.md §3) against what it is. `flash status` reports it; `flash migrate
//! --absorb-drift` turns it into a migration that is recorded as applied without running.

use crate::backends::dialect;
use crate::error::MigrateError;
use crate::project::Project;
use flash_diff::{diff, DiffOptions};
use flash_schema::{Driver, LedgerRow, Provider, Schema, Snapshot, UnmanagedObject};
use serde::Serialize;

/// Where the expected schema came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExpectedSource {
    /// The snapshot recorded in `_flash_migrations` with the last applied migration.
    Database,
    /// The project's snapshot file, written with the last applied migration.
    SnapshotFile,
}

/// The schema the database should have after its last applied migration.
#[derive(Debug, Clone)]
pub(crate) struct Expected {
    pub schema: Schema,
    /// The last applied migration.
    pub migration: String,
    pub source: ExpectedSource,
}

/// The drift of a database: out-of-band changes since its last migration.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DriftReport {
    /// False when flash cannot tell what the schema should be (see `reason`).
    pub checked: bool,
    /// The last applied migration, whose snapshot the database was compared with.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub against: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<ExpectedSource>,
    /// Why the drift could not be checked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// One line per out-of-band change, from the expected schema to the live one
    /// (`+ index posts_title`, `~ column users.email`).
    pub changes: Vec<String>,
    /// The statements that make the expected schema into the live one (what
    /// `--absorb-drift` records).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub sql: String,
    /// Objects in the database flash does not model and the snapshot does not name.
    pub unmanaged: Vec<UnmanagedObject>,
}

impl DriftReport {
    /// True when the database differs from what its migrations say.
    pub fn has_drift(&self) -> bool {
        !self.changes.is_empty()
    }

    fn unchecked(reason: impl Into<String>) -> Self {
        DriftReport {
            reason: Some(reason.into()),
            ..Default::default()
        }
    }
}

/// The last applied migration's id.
pub(crate) fn last_applied(rows: &[LedgerRow]) -> Option<&LedgerRow> {
    rows.iter()
        .filter(|r| r.is_applied())
        .max_by(|a, b| a.id.cmp(&b.id))
}

/// The expected schema, or why it cannot be known.
pub(crate) async fn expected(
    driver: &mut dyn Driver,
    project: &Project,
    rows: &[LedgerRow],
) -> Result<Result<Expected, String>, MigrateError> {
    let Some(last) = last_applied(rows) else {
        return Ok(Err("no migration is applied yet".into()));
    };
    if let Some(json) = driver.recorded_snapshot(&last.id).await? {
        let snap = Snapshot::from_json(&json).map_err(|e| MigrateError::Snapshot {
            path: format!("_flash_migrations (migration {})", last.id).into(),
            message: e.to_string(),
        })?;
        return Ok(Ok(Expected {
            schema: snap.schema,
            migration: last.id.clone(),
            source: ExpectedSource::Database,
        }));
    }
    if let Some(snap) = project.load_snapshot()? {
        if snap.migration.as_deref() == Some(last.id.as_str()) {
            return Ok(Ok(Expected {
                schema: snap.schema,
                migration: last.id.clone(),
                source: ExpectedSource::SnapshotFile,
            }));
        }
    }
    Ok(Err(format!(
        "migration {} was recorded without a snapshot (applied by another tool, or written by hand) and the snapshot file is not from it, so flash cannot tell what the schema should be",
        last.id
    )))
}

/// The part of a schema inspection can see: PostgreSQL and MySQL do not read functions,
/// triggers and other raw objects back, so those are left out of the comparison (and
/// listed as unmanaged instead).
pub(crate) fn comparable(provider: Provider, mut schema: Schema) -> Schema {
    if provider != Provider::Sqlite {
        schema.raw.clear();
    }
    schema
}

/// Gives `expected`'s tables the live table options (MySQL ENGINE, CHARSET, COLLATE) they
/// leave unstated: an unstated option means "whatever the server chose", so it is no drift.
pub(crate) fn adopt_unstated_options(expected: &mut Schema, live: &Schema) {
    for t in &mut expected.tables {
        let Some(l) = live.table_ref(&t.table_ref()) else {
            continue;
        };
        let o = &mut t.options;
        if o.engine.is_none() {
            o.engine.clone_from(&l.options.engine);
        }
        if o.charset.is_none() {
            o.charset.clone_from(&l.options.charset);
        }
        if o.collation.is_none() {
            o.collation.clone_from(&l.options.collation);
        }
    }
}

/// Compares the live database with its expected schema.
pub(crate) async fn check(
    driver: &mut dyn Driver,
    project: &Project,
    rows: &[LedgerRow],
) -> Result<DriftReport, MigrateError> {
    let expected = match expected(driver, project, rows).await? {
        Ok(e) => e,
        Err(reason) => return Ok(DriftReport::unchecked(reason)),
    };
    // The schemas the expected schema names: others are listed as unmanaged.
    let namespaces = project.namespaces(&[&expected.schema]);
    let live = driver.inspect_in(&namespaces).await?;
    let unmanaged = driver.unmanaged(&namespaces).await?;
    let d = dialect(project.provider)?;
    // Objects the snapshot declares (kept verbatim from the schema files) are managed.
    let declared = |u: &UnmanagedObject| {
        expected.schema.raw.iter().any(|r| {
            r.kind.eq_ignore_ascii_case(&u.kind)
                && u.name
                    .split('(')
                    .next()
                    .unwrap_or("")
                    .eq_ignore_ascii_case(&r.name)
        })
    };
    let unmanaged: Vec<UnmanagedObject> = unmanaged.into_iter().filter(|u| !declared(u)).collect();
    let mut from = comparable(project.provider, expected.schema);
    adopt_unstated_options(&mut from, &live);
    let result = diff(&from, &live, d.as_ref(), &DiffOptions::default());
    let sql = d
        .plan(&result.changes, &from, &live)
        .map(|p| p.to_sql())
        .unwrap_or_else(|e| format!("-- cannot plan: {e}\n"));
    Ok(DriftReport {
        checked: true,
        against: Some(expected.migration),
        source: Some(expected.source),
        reason: None,
        changes: result.changes.iter().map(|c| c.summary()).collect(),
        sql: if result.changes.is_empty() {
            String::new()
        } else {
            sql
        },
        unmanaged,
    })
}
