//! `flash import`: an export of any of the three formats (see `export.rs`) loaded back into a
//! database. A source (`import_source.rs`) says what the export holds and reads its rows on a
//! thread of its own, turning each value into the cell the target column reads back as the
//! same value (`load_value.rs`); here the rows go to the database by its bulk path
//! (`Driver::load_rows`: COPY on PostgreSQL), parents first, inside one transaction. Tables the
//! database lacks are created from the export's schema (retyped for another kind of database,
//! `retype.rs`) unless `data_only`. On any error the transaction is rolled back (and tables
//! this import created are dropped): nothing is half imported.

use crate::error::DataError;
use crate::export::ExportEvent;
use crate::import_source::{Batch, ReadTarget, Source};
use flash_diff::{diff, DiffOptions};
use flash_migrate::Project;
use flash_schema::{Driver, Provider, Schema, Table};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What to import.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// The tables must exist already; the export's schema is not used.
    pub data_only: bool,
}

/// One table of an import.
#[derive(Debug, Clone, Serialize)]
pub struct ImportedTable {
    pub name: String,
    pub rows: u64,
    /// Created by this import from the export's schema.
    pub created: bool,
}

/// What [`import`] loaded.
#[derive(Debug, Clone, Serialize)]
pub struct ImportReport {
    pub path: PathBuf,
    /// `json`, `csv` or `sqlite`.
    pub format: String,
    pub tables: Vec<ImportedTable>,
    pub rows: u64,
}

/// Imports the export at `path` (a JSON file, a CSV folder or a SQLite file) into the
/// database at `url`. `progress` hears of each table as an export would tell it (the
/// tables the export holds rows for, rows counted as batches go in).
pub async fn import(
    project: &Project,
    url: &str,
    path: &Path,
    opts: &ImportOptions,
    progress: &mut (dyn FnMut(ExportEvent) + Send),
) -> Result<ImportReport, DataError> {
    let provider = project.provider;
    let source = Source::open(path).await?;
    let mut driver = flash_migrate::connect(provider, url).await?;
    let live = driver.inspect_in(&project.managed_namespaces()).await?;
    let from = source
        .provider
        .as_deref()
        .and_then(|p| p.parse::<Provider>().ok());

    // The export's tables (its schema, or the live tables its data names), parents first.
    let exported: Schema = match (&source.schema, opts.data_only) {
        (Some(s), false) => s.clone(),
        (Some(s), true) => Schema {
            tables: s.tables.clone(),
            ..Schema::default()
        },
        (None, _) => {
            let mut s = Schema::default();
            for name in &source.tables {
                let found = live.tables.iter().find(|t| t.display_name() == *name);
                match found {
                    Some(t) => s.tables.push(t.clone()),
                    None => {
                        return Err(DataError::Invalid(format!(
                            "{}: the database has no table {name} and the export has no schema to create it from; create it first (a migration), then import",
                            path.display()
                        )))
                    }
                }
            }
            s
        }
    };
    let all: Vec<&Table> = exported.tables.iter().collect();
    let order = crate::export::parents_first(&all);
    let mut missing: Vec<Table> = Vec::new();
    let mut targets: Vec<(Table, bool)> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    for t in &order {
        names.push(t.display_name());
        match live.table_ref(&t.table_ref()) {
            Some(l) => targets.push((l.clone(), false)),
            None => {
                missing.push(t.clone());
                targets.push((t.clone(), true));
            }
        }
    }
    let mut create_enums = exported.enums.clone();
    if !missing.is_empty() {
        let list: Vec<String> = missing.iter().map(Table::display_name).collect();
        if opts.data_only {
            return Err(DataError::Invalid(format!(
                "{}: the database has no table {} (--data-only uses existing tables); create {} first (a migration) or import without --data-only",
                path.display(),
                list.join(", "),
                if list.len() == 1 { "it" } else { "them" }
            )));
        }
        match from {
            Some(f) if f == provider => {}
            Some(f) => {
                let retyped = crate::retype::retype(&missing, &exported, f, provider)
                    .map_err(|e| DataError::Invalid(format!("{}: {e}", path.display())))?;
                create_enums = retyped.enums;
                for (slot, t) in targets.iter_mut().filter(|(_, created)| *created).zip(&retyped.tables) {
                    slot.0 = t.clone();
                }
                missing = retyped.tables;
            }
            None => {
                return Err(DataError::Invalid(format!(
                    "{}: the export does not say which database it is from, so its tables ({}) cannot be created; create them first (a migration), then import with --data-only",
                    path.display(),
                    list.join(", ")
                )))
            }
        }
    }

    // MySQL commits DDL at once: create first, then load in a transaction (and drop what
    // was created if loading fails). Elsewhere creation is part of the transaction.
    if provider != Provider::Mysql {
        driver.query("BEGIN").await?;
    }
    let result = async {
        let create = create_sql(&missing, &create_enums, &live, provider)?;
        if !create.trim().is_empty() {
            driver.query(&create).await?;
        }
        if provider == Provider::Mysql {
            driver.query("START TRANSACTION").await?;
        }
        let read: Vec<ReadTarget> = names
            .iter()
            .zip(&targets)
            .map(|(name, (table, _))| ReadTarget::new(name.clone(), table.clone()))
            .collect();
        let counts = load(driver.as_mut(), &source, Arc::new(read), provider, progress).await?;
        if provider == Provider::Postgresql {
            sync_sequences(driver.as_mut(), &targets).await?;
        }
        Ok::<Vec<u64>, DataError>(counts)
    }
    .await;
    match result {
        Ok(counts) => {
            driver.query("COMMIT").await?;
            let tables: Vec<ImportedTable> = names
                .iter()
                .zip(&targets)
                .zip(&counts)
                .map(|((name, (_, created)), rows)| ImportedTable {
                    name: name.clone(),
                    rows: *rows,
                    created: *created,
                })
                .collect();
            Ok(ImportReport {
                path: path.to_path_buf(),
                format: source.format.to_string(),
                rows: counts.iter().sum(),
                tables,
            })
        }
        Err(e) => {
            let _ = driver.query("ROLLBACK").await;
            if provider == Provider::Mysql {
                for t in missing.iter().rev() {
                    let _ = driver
                        .query(&format!(
                            "DROP TABLE IF EXISTS {}",
                            provider.quote_ident(&t.name)
                        ))
                        .await;
                }
            }
            Err(e)
        }
    }
}

/// The statements that create `missing` (and the enums of `enums` the database lacks).
fn create_sql(
    missing: &[Table],
    enums: &[flash_schema::Enum],
    live: &Schema,
    provider: Provider,
) -> Result<String, DataError> {
    if missing.is_empty() {
        return Ok(String::new());
    }
    let mut target = live.clone();
    for e in enums {
        if !live
            .enums
            .iter()
            .any(|l| l.name == e.name && l.schema == e.schema)
        {
            target.enums.push(e.clone());
        }
    }
    target.tables.extend(missing.iter().cloned());
    let d = flash_migrate::dialect(provider)?;
    let changes = diff(live, &target, d.as_ref(), &DiffOptions::default()).changes;
    Ok(d.plan(&changes, live, &target)
        .map_err(|e| DataError::Invalid(format!("creating the tables: {e}")))?
        .to_sql())
}

/// Starts the source's reader and writes each batch it sends with the database's bulk path.
/// Returns the rows per table, in `targets` order.
async fn load(
    driver: &mut dyn Driver,
    source: &Source,
    targets: Arc<Vec<ReadTarget>>,
    provider: Provider,
    progress: &mut (dyn FnMut(ExportEvent) + Send),
) -> Result<Vec<u64>, DataError> {
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Batch>(4);
    let reader = source.spawn_reader(targets.clone(), provider, tx);
    let mut counts = vec![0u64; targets.len()];
    let mut failed: Option<DataError> = None;
    let mut current: Option<usize> = None;
    let count = source.tables.len();
    let mut started = 0;
    while let Some(batch) = rx.recv().await {
        let t = &targets[batch.target];
        if current != Some(batch.target) {
            if let Some(c) = current {
                progress(ExportEvent::TableDone {
                    name: targets[c].name.clone(),
                    rows: counts[c],
                });
            }
            progress(ExportEvent::Table {
                name: t.name.clone(),
                index: started,
                count,
            });
            started += 1;
            current = Some(batch.target);
        }
        let n = batch.rows.len() as u64;
        if let Err(e) = driver.load_rows(&t.table, &t.columns, batch.rows).await {
            failed = Some(DataError::Invalid(format!(
                "importing table {}: {e}; nothing was imported",
                t.name
            )));
            break;
        }
        counts[batch.target] += n;
        progress(ExportEvent::Rows {
            name: t.name.clone(),
            rows: counts[batch.target],
        });
    }
    // Stop the reader (it fails on its next send) and wait for it.
    drop(rx);
    let read = reader.join();
    if let Some(e) = failed {
        return Err(e);
    }
    match read {
        Ok(Ok(())) => {
            if let Some(c) = current {
                progress(ExportEvent::TableDone {
                    name: targets[c].name.clone(),
                    rows: counts[c],
                });
            }
            Ok(counts)
        }
        Ok(Err(e)) => Err(DataError::Invalid(format!("{e}; nothing was imported"))),
        Err(_) => Err(DataError::Invalid(
            "the reader of the export stopped unexpectedly; nothing was imported".into(),
        )),
    }
}

pub(crate) fn table_name(t: &Table, provider: Provider) -> String {
    match (&t.schema, provider) {
        (Some(s), Provider::Postgresql) => {
            format!(
                "{}.{}",
                provider.quote_ident(s),
                provider.quote_ident(&t.name)
            )
        }
        _ => provider.quote_ident(&t.name),
    }
}

/// Identity and serial sequences continue after the imported ids.
pub(crate) async fn sync_sequences(
    driver: &mut dyn Driver,
    targets: &[(Table, bool)],
) -> Result<(), DataError> {
    for (t, _) in targets {
        for c in t.columns.iter().filter(|c| c.identity.is_some()) {
            let table = table_name(t, Provider::Postgresql);
            let col = Provider::Postgresql.quote_ident(&c.name);
            let sql = format!(
                "SELECT setval(pg_get_serial_sequence({}, {}), COALESCE(max({col}), 1), max({col}) IS NOT NULL) FROM {table}",
                Provider::Postgresql.quote_literal(&table),
                Provider::Postgresql.quote_literal(&c.name),
            );
            driver.query(&sql).await?;
        }
    }
    Ok(())
}
