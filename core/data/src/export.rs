//! `flash export`: the tables of the database (or some of them) with every row, as one JSON
//! document, a folder of CSV files, or a portable SQLite file. Rows stream from the database
//! to the file one at a time, read in one consistent snapshot; the output is written under a
//! temporary name and renamed when complete, so a failed export leaves nothing behind.

use crate::error::DataError;
use crate::json::JsonWriter;
use crate::sqlite_file::{Msg, SqliteWriter};
use flash_diff::{diff, DiffOptions};
use flash_migrate::Project;
use flash_schema::{Cell, DbError, Provider, Schema, Table};
use serde::Serialize;
use std::collections::BTreeSet;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// The output format.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    #[default]
    Json,
    Csv,
    Sqlite,
}

/// What to export and where.
#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    pub format: ExportFormat,
    /// Only these tables (by name, or `schema.name`); empty: every table.
    pub tables: Vec<String>,
    /// Leave these tables out.
    pub exclude: Vec<String>,
    /// The schema without rows.
    pub schema_only: bool,
    /// Rows without the schema (JSON: no `schema` key; CSV: no schema files).
    pub data_only: bool,
    /// The file (JSON, SQLite) or folder (CSV) to write; default a new one named after the
    /// time in the project's `export_path`.
    pub output: Option<PathBuf>,
}

/// Progress, as the export goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportEvent {
    /// Table `index` of `count` starts.
    Table {
        name: String,
        index: usize,
        count: usize,
    },
    /// Rows written so far for the current table (every 10,000 rows).
    Rows { name: String, rows: u64 },
    /// A table is complete.
    TableDone { name: String, rows: u64 },
}

/// One table of an export.
#[derive(Debug, Clone, Serialize)]
pub struct ExportedTable {
    pub name: String,
    pub rows: u64,
    /// The CSV file of the table (CSV exports only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<PathBuf>,
}

/// What [`export`] wrote.
#[derive(Debug, Clone, Serialize)]
pub struct ExportReport {
    pub format: ExportFormat,
    pub path: PathBuf,
    pub tables: Vec<ExportedTable>,
    pub rows: u64,
}

/// Exports the database at `url` of `project`. `export_dir` is where a default output goes.
pub async fn export(
    project: &Project,
    url: &str,
    opts: &ExportOptions,
    export_dir: &Path,
    progress: &mut (dyn FnMut(ExportEvent) + Send),
) -> Result<ExportReport, DataError> {
    if opts.schema_only && opts.data_only {
        return Err(DataError::Invalid(
            "--schema-only and --data-only exclude each other".into(),
        ));
    }
    let provider = project.provider;
    if flash_migrate::sqlite_file_missing(provider, url) {
        return Err(DataError::Nothing(format!(
            "the SQLite database {url} does not exist"
        )));
    }
    let mut driver = flash_migrate::connect(provider, url).await?;
    let live = driver.inspect_in(&project.managed_namespaces()).await?;
    let tables = select_tables(&live, opts, provider)?;
    let filtered = !opts.tables.is_empty() || !opts.exclude.is_empty();
    let schema = Schema {
        enums: live.enums.clone(),
        tables: tables.clone(),
        // A view may read a table left out: views come with whole exports only.
        views: if filtered {
            Vec::new()
        } else {
            live.views.clone()
        },
        raw: Vec::new(),
    };
    let now = chrono::Utc::now();
    let timestamp = now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let path = opts.output.clone().unwrap_or_else(|| {
        let stamp = now.format("%Y-%m-%d_%H-%M-%S");
        export_dir.join(match opts.format {
            ExportFormat::Json => format!("export_{stamp}.json"),
            ExportFormat::Csv => format!("export_{stamp}"),
            ExportFormat::Sqlite => format!("export_{stamp}.db"),
        })
    });
    if path.exists() {
        return Err(DataError::Invalid(format!(
            "{} exists already: give another --output or remove it",
            path.display()
        )));
    }
    let partial = partial_path(&path);
    let _ = remove(&partial);
    if let Some(parent) = partial.parent() {
        std::fs::create_dir_all(parent).map_err(DataError::write(parent))?;
    }
    let provider_name = provider.to_string();
    let run = async {
        match opts.format {
            ExportFormat::Json => {
                export_json(
                    driver.as_mut(),
                    &tables,
                    &schema,
                    opts,
                    &partial,
                    &timestamp,
                    &provider_name,
                    progress,
                )
                .await
            }
            ExportFormat::Csv => {
                export_csv(
                    driver.as_mut(),
                    &tables,
                    &schema,
                    opts,
                    &partial,
                    &path,
                    &timestamp,
                    &provider_name,
                    progress,
                )
                .await
            }
            ExportFormat::Sqlite => {
                export_sqlite(
                    driver.as_mut(),
                    &tables,
                    &schema,
                    opts,
                    &partial,
                    &timestamp,
                    &provider_name,
                    progress,
                )
                .await
            }
        }
    };
    let exported = match run.await {
        Ok(t) => t,
        Err(e) => {
            let _ = remove(&partial);
            return Err(e);
        }
    };
    std::fs::rename(&partial, &path).map_err(DataError::write(&path))?;
    let rows = exported.iter().map(|t| t.rows).sum();
    Ok(ExportReport {
        format: opts.format,
        path,
        tables: exported,
        rows,
    })
}

/// `out.json.partial`, `out.partial` (a CSV folder).
fn partial_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".partial");
    path.with_file_name(name)
}

fn remove(path: &Path) -> std::io::Result<()> {
    if path.is_dir() {
        std::fs::remove_dir_all(path)
    } else {
        std::fs::remove_file(path)
    }
}

/// The tables to export, parents before the tables that reference them.
fn select_tables(
    live: &Schema,
    opts: &ExportOptions,
    provider: Provider,
) -> Result<Vec<Table>, DataError> {
    let same = |t: &Table, name: &str| {
        let fold = |s: &str| {
            if provider == Provider::Postgresql {
                s.to_string()
            } else {
                s.to_lowercase()
            }
        };
        fold(&t.name) == fold(name) || fold(&t.display_name()) == fold(name)
    };
    let known = || {
        live.tables
            .iter()
            .map(Table::display_name)
            .collect::<Vec<_>>()
            .join(", ")
    };
    for name in opts.tables.iter().chain(&opts.exclude) {
        if !live.tables.iter().any(|t| same(t, name)) {
            return Err(DataError::UnknownTable {
                name: name.clone(),
                known: known(),
            });
        }
    }
    let chosen: Vec<&Table> = live
        .tables
        .iter()
        .filter(|t| opts.tables.is_empty() || opts.tables.iter().any(|n| same(t, n)))
        .filter(|t| !opts.exclude.iter().any(|n| same(t, n)))
        .collect();
    Ok(parents_first(&chosen))
}

/// `tables` ordered so that a table comes after the tables it references (cycles and
/// self-references are broken by name order).
pub(crate) fn parents_first(tables: &[&Table]) -> Vec<Table> {
    fn visit<'t>(
        t: &'t Table,
        all: &[&'t Table],
        done: &mut BTreeSet<(Option<String>, String)>,
        path: &mut Vec<(Option<String>, String)>,
        out: &mut Vec<Table>,
    ) {
        let key = (t.schema.clone(), t.name.clone());
        if done.contains(&key) || path.contains(&key) {
            return;
        }
        path.push(key.clone());
        for fk in &t.foreign_keys {
            if let Some(r) = all
                .iter()
                .find(|r| r.name == fk.ref_table && r.schema == fk.ref_schema)
            {
                visit(r, all, done, path, out);
            }
        }
        path.pop();
        done.insert(key);
        out.push(t.clone());
    }
    let mut sorted: Vec<&Table> = tables.to_vec();
    sorted.sort_by(|a, b| (&a.schema, &a.name).cmp(&(&b.schema, &b.name)));
    let mut done = BTreeSet::new();
    let mut out = Vec::new();
    for t in &sorted {
        visit(t, &sorted, &mut done, &mut Vec::new(), &mut out);
    }
    out
}

/// Counts rows per table and reports progress; `on_row` writes one row.
struct Counter<'p> {
    rows: Vec<u64>,
    current: Option<usize>,
    names: Vec<String>,
    progress: &'p mut (dyn FnMut(ExportEvent) + Send),
}

impl Counter<'_> {
    /// Moves to table `i`, closing the tables before it; returns the tables opened.
    fn advance(&mut self, i: usize) -> Vec<usize> {
        let from = match self.current {
            Some(c) if c >= i => return Vec::new(),
            Some(c) => c + 1,
            None => 0,
        };
        let mut opened = Vec::new();
        for j in from..=i {
            if let Some(c) = self.current {
                (self.progress)(ExportEvent::TableDone {
                    name: self.names[c].clone(),
                    rows: self.rows[c],
                });
            }
            (self.progress)(ExportEvent::Table {
                name: self.names[j].clone(),
                index: j,
                count: self.names.len(),
            });
            self.current = Some(j);
            opened.push(j);
        }
        opened
    }

    fn row(&mut self, i: usize) {
        self.rows[i] += 1;
        if self.rows[i].is_multiple_of(10_000) {
            (self.progress)(ExportEvent::Rows {
                name: self.names[i].clone(),
                rows: self.rows[i],
            });
        }
    }

    fn done(self) -> Vec<u64> {
        if let Some(c) = self.current {
            (self.progress)(ExportEvent::TableDone {
                name: self.names[c].clone(),
                rows: self.rows[c],
            });
        }
        self.rows
    }
}

fn counter<'p>(tables: &[Table], progress: &'p mut (dyn FnMut(ExportEvent) + Send)) -> Counter<'p> {
    Counter {
        rows: vec![0; tables.len()],
        current: None,
        names: tables.iter().map(Table::display_name).collect(),
        progress,
    }
}

/// An I/O error inside the row callback, carried out of it.
fn io_to_db(slot: &mut Option<std::io::Error>) -> impl FnMut(std::io::Error) -> DbError + '_ {
    move |e| {
        let msg = e.to_string();
        *slot = Some(e);
        DbError::new(msg)
    }
}

#[allow(clippy::too_many_arguments)]
async fn export_json(
    driver: &mut dyn flash_schema::Driver,
    tables: &[Table],
    schema: &Schema,
    opts: &ExportOptions,
    partial: &Path,
    timestamp: &str,
    provider: &str,
    progress: &mut (dyn FnMut(ExportEvent) + Send),
) -> Result<Vec<ExportedTable>, DataError> {
    let file = std::fs::File::create(partial).map_err(DataError::write(partial))?;
    let mut w = JsonWriter::start(BufWriter::with_capacity(1 << 16, file), timestamp, provider)
        .map_err(DataError::write(partial))?;
    let mut c = counter(tables, progress);
    let mut io_err: Option<std::io::Error> = None;
    if !opts.schema_only {
        let mut sink = |i: usize, cells: Vec<Cell>| -> Result<(), DbError> {
            for j in c.advance(i) {
                w.table(j, &tables[j]).map_err(io_to_db(&mut io_err))?;
            }
            c.row(i);
            w.row(&tables[i], &cells).map_err(io_to_db(&mut io_err))
        };
        let read = driver.export_rows(tables, &mut sink).await;
        if let Some(e) = io_err.take() {
            return Err(DataError::Write {
                path: partial.to_path_buf(),
                source: e,
            });
        }
        read?;
        // Tables after the last one with rows.
        if !tables.is_empty() {
            for j in c.advance(tables.len() - 1) {
                w.table(j, &tables[j]).map_err(DataError::write(partial))?;
            }
        }
    }
    let rows = c.done();
    w.finish((!opts.data_only).then_some(schema))
        .map_err(DataError::write(partial))?;
    Ok(tables
        .iter()
        .zip(rows)
        .map(|(t, rows)| ExportedTable {
            name: t.display_name(),
            rows,
            file: None,
        })
        .collect())
}

/// The CSV file name of a table (`billing.invoices.csv`).
fn csv_name(t: &Table) -> String {
    format!("{}.csv", t.display_name())
}

#[allow(clippy::too_many_arguments)]
async fn export_csv(
    driver: &mut dyn flash_schema::Driver,
    tables: &[Table],
    schema: &Schema,
    opts: &ExportOptions,
    partial: &Path,
    path: &Path,
    timestamp: &str,
    provider: &str,
    progress: &mut (dyn FnMut(ExportEvent) + Send),
) -> Result<Vec<ExportedTable>, DataError> {
    std::fs::create_dir_all(partial).map_err(DataError::write(partial))?;
    let mut c = counter(tables, progress);
    if !opts.schema_only {
        let mut io_err: Option<std::io::Error> = None;
        let mut out: Option<BufWriter<std::fs::File>> = None;
        let mut buf = String::new();
        let open = |j: usize, out: &mut Option<BufWriter<std::fs::File>>| {
            if let Some(mut o) = out.take() {
                o.flush()?;
            }
            let file = std::fs::File::create(partial.join(csv_name(&tables[j])))?;
            let mut o = BufWriter::with_capacity(1 << 16, file);
            crate::csv::header(&mut o, &tables[j])?;
            *out = Some(o);
            Ok::<(), std::io::Error>(())
        };
        let mut sink = |i: usize, cells: Vec<Cell>| -> Result<(), DbError> {
            for j in c.advance(i) {
                open(j, &mut out).map_err(io_to_db(&mut io_err))?;
            }
            c.row(i);
            match out.as_mut() {
                Some(o) => crate::csv::row(o, &cells, &mut buf).map_err(io_to_db(&mut io_err)),
                None => Ok(()),
            }
        };
        let read = driver.export_rows(tables, &mut sink).await;
        if let Some(e) = io_err.take() {
            return Err(DataError::Write {
                path: partial.to_path_buf(),
                source: e,
            });
        }
        read?;
        if !tables.is_empty() {
            for j in c.advance(tables.len() - 1) {
                open(j, &mut out).map_err(DataError::write(partial))?;
            }
        }
        if let Some(mut o) = out.take() {
            o.flush().map_err(DataError::write(partial))?;
        }
    }
    let rows = c.done();
    let exported: Vec<ExportedTable> = tables
        .iter()
        .zip(rows)
        .map(|(t, rows)| ExportedTable {
            name: t.display_name(),
            rows,
            file: (!opts.schema_only).then(|| path.join(csv_name(t))),
        })
        .collect();
    if !opts.data_only {
        let sql = schema_sql(schema, driver.provider())?;
        std::fs::write(partial.join("schema.sql"), sql).map_err(DataError::write(partial))?;
        let manifest = serde_json::json!({
            "version": "1",
            "timestamp": timestamp,
            "provider": provider,
            "tables": exported.iter().map(|t| serde_json::json!({
                "name": t.name,
                "rows": t.rows,
                "file": t.file.as_ref().and_then(|f| f.file_name()).map(|f| f.to_string_lossy().into_owned()),
            })).collect::<Vec<_>>(),
            "schema": schema,
        });
        let text = serde_json::to_string_pretty(&manifest)
            .map_err(|e| DataError::Invalid(e.to_string()))?;
        std::fs::write(partial.join("schema.json"), text + "\n")
            .map_err(DataError::write(partial))?;
    }
    Ok(exported)
}

/// The statements that create `schema` on its own database, as a migration would.
fn schema_sql(schema: &Schema, provider: Provider) -> Result<String, DataError> {
    let d = flash_migrate::dialect(provider)?;
    let changes = diff(
        &Schema::default(),
        schema,
        d.as_ref(),
        &DiffOptions::default(),
    )
    .changes;
    Ok(d.plan(&changes, &Schema::default(), schema)
        .map_err(|e| DataError::Invalid(format!("rendering the schema: {e}")))?
        .to_sql())
}

#[allow(clippy::too_many_arguments)]
async fn export_sqlite(
    driver: &mut dyn flash_schema::Driver,
    tables: &[Table],
    schema: &Schema,
    opts: &ExportOptions,
    partial: &Path,
    timestamp: &str,
    provider: &str,
    progress: &mut (dyn FnMut(ExportEvent) + Send),
) -> Result<Vec<ExportedTable>, DataError> {
    let schema_json =
        serde_json::to_string(schema).map_err(|e| DataError::Invalid(e.to_string()))?;
    let facts = vec![
        ("version".to_string(), "1".to_string()),
        ("timestamp".to_string(), timestamp.to_string()),
        ("provider".to_string(), provider.to_string()),
        ("schema".to_string(), schema_json),
    ];
    let writer = SqliteWriter::start(partial, tables.to_vec(), facts)?;
    let mut c = counter(tables, progress);
    if !opts.schema_only {
        let tx = writer.tx.clone();
        let mut sink = |i: usize, cells: Vec<Cell>| -> Result<(), DbError> {
            c.advance(i);
            c.row(i);
            // Fails only when the writer stopped; its own error is reported by finish().
            tx.send(Msg::Row(i, cells))
                .map_err(|_| DbError::new("the SQLite writer stopped"))
        };
        let read = driver.export_rows(tables, &mut sink).await;
        drop(tx);
        if let Err(e) = read {
            // The writer's error, if it has one, says more.
            writer.finish()?;
            return Err(e.into());
        }
        if !tables.is_empty() {
            c.advance(tables.len() - 1);
        }
    }
    writer.finish()?;
    let rows = c.done();
    Ok(tables
        .iter()
        .zip(rows)
        .map(|(t, rows)| ExportedTable {
            name: t.display_name(),
            rows,
            file: None,
        })
        .collect())
}
