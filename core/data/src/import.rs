//! `flash import`: a JSON export (see `export.rs`) loaded back into a database. The document
//! is read twice, streaming: once for its provider and schema, once for the rows, which go to
//! the database in multi-row INSERTs, parents first, inside one transaction. Tables the
//! database lacks are created from the export's schema (same provider) unless `data_only`.
//! On any error the transaction is rolled back (and tables this import created are dropped):
//! nothing is half imported.

use crate::error::DataError;
use base64::Engine;
use flash_diff::{diff, DiffOptions};
use flash_migrate::Project;
use flash_schema::{Driver, Provider, Schema, Table, TypeKind};
use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

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
    pub tables: Vec<ImportedTable>,
    pub rows: u64,
}

/// The head of an export document: everything but the rows.
#[derive(Deserialize)]
struct Head {
    #[serde(default)]
    provider: Option<String>,
    #[serde(default)]
    schema: Option<Schema>,
    #[allow(dead_code)]
    #[serde(default)]
    data: IgnoredAny,
}

/// Rows a batch holds at most.
const BATCH: usize = 200;

/// Imports the JSON export at `path` into the database at `url`.
pub async fn import(
    project: &Project,
    url: &str,
    path: &Path,
    opts: &ImportOptions,
) -> Result<ImportReport, DataError> {
    let provider = project.provider;
    let file = std::fs::File::open(path)
        .map_err(|e| DataError::Invalid(format!("{}: {e}", path.display())))?;
    let head: Head = serde_json::from_reader(std::io::BufReader::new(file)).map_err(|e| {
        DataError::Invalid(format!(
            "{}: not a flash export (JSON): {e}",
            path.display()
        ))
    })?;
    let mut driver = flash_migrate::connect(provider, url).await?;
    let live = driver.inspect_in(&project.managed_namespaces()).await?;
    let exported = head.schema.unwrap_or_default();

    // The export's tables, parents first, each with the table rows go into.
    let order: Vec<&Table> = exported.tables.iter().collect();
    let order = crate::export::parents_first(&order);
    let mut missing: Vec<Table> = Vec::new();
    let mut targets: Vec<(String, Table, bool)> = Vec::new();
    for t in &order {
        match live.table_ref(&t.table_ref()) {
            Some(l) => targets.push((t.display_name(), l.clone(), false)),
            None => {
                missing.push(t.clone());
                targets.push((t.display_name(), t.clone(), true));
            }
        }
    }
    if !missing.is_empty() {
        let names: Vec<String> = missing.iter().map(Table::display_name).collect();
        let same_provider = head.provider.as_deref() == Some(&provider.to_string());
        if opts.data_only || !same_provider {
            return Err(DataError::Invalid(format!(
                "{}: the database has no table {} ({}); create {} first (a migration), then import with --data-only",
                path.display(),
                names.join(", "),
                if opts.data_only {
                    "--data-only uses existing tables".to_string()
                } else {
                    format!(
                        "the export is from {}, tables are created only on the same kind of database",
                        head.provider.as_deref().unwrap_or("an unknown database")
                    )
                },
                if names.len() == 1 { "it" } else { "them" }
            )));
        }
    }

    // MySQL commits DDL at once: create first, then load in a transaction (and drop what
    // was created if loading fails). Elsewhere creation is part of the transaction.
    let begin = if provider == Provider::Mysql {
        "START TRANSACTION"
    } else {
        "BEGIN"
    };
    if provider != Provider::Mysql {
        driver.query(begin).await?;
    }
    let create = create_sql(&missing, &exported, &live, provider)?;
    let result = async {
        if !create.trim().is_empty() {
            driver.query(&create).await?;
        }
        if provider == Provider::Mysql {
            driver.query(begin).await?;
        }
        let counts = load(driver.as_mut(), path, &targets, provider).await?;
        if provider == Provider::Postgresql {
            sync_sequences(driver.as_mut(), &targets).await?;
        }
        Ok::<Vec<u64>, DataError>(counts)
    }
    .await;
    match result {
        Ok(counts) => {
            driver.query("COMMIT").await?;
            let tables: Vec<ImportedTable> = targets
                .iter()
                .zip(&counts)
                .map(|((name, _, created), rows)| ImportedTable {
                    name: name.clone(),
                    rows: *rows,
                    created: *created,
                })
                .collect();
            Ok(ImportReport {
                path: path.to_path_buf(),
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
                            ident(&t.name, provider)
                        ))
                        .await;
                }
            }
            Err(e)
        }
    }
}

/// The statements that create `missing` (and the enums they need that the database lacks).
fn create_sql(
    missing: &[Table],
    exported: &Schema,
    live: &Schema,
    provider: Provider,
) -> Result<String, DataError> {
    if missing.is_empty() {
        return Ok(String::new());
    }
    let mut target = live.clone();
    for e in &exported.enums {
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

/// A row of the document: column name -> the value's JSON text.
type Row = HashMap<String, Box<RawValue>>;

/// Streams the rows out of the document on a thread of its own (serde is synchronous) and
/// inserts them in batches. Returns the rows per table, in `targets` order.
async fn load(
    driver: &mut dyn Driver,
    path: &Path,
    targets: &[(String, Table, bool)],
    provider: Provider,
) -> Result<Vec<u64>, DataError> {
    let (tx, mut rx) = tokio::sync::mpsc::channel::<(String, Row)>(4 * BATCH);
    let file = std::fs::File::open(path)
        .map_err(|e| DataError::Invalid(format!("{}: {e}", path.display())))?;
    let reader = std::thread::spawn(move || {
        let mut de = serde_json::Deserializer::from_reader(std::io::BufReader::new(file));
        DocSeed { tx: &tx }
            .deserialize(&mut de)
            .map_err(|e| e.to_string())
    });
    let mut counts = vec![0u64; targets.len()];
    let mut batch: Vec<Row> = Vec::new();
    let mut current: Option<usize> = None;
    let mut failed: Option<DataError> = None;
    while let Some((table, row)) = rx.recv().await {
        let Some(i) = targets.iter().position(|(n, _, _)| *n == table) else {
            continue;
        };
        if current != Some(i) || batch.len() >= BATCH {
            if let Some(c) = current {
                if let Err(e) = flush(driver, &targets[c], &mut batch, provider).await {
                    failed = Some(e);
                    break;
                }
            }
            current = Some(i);
        }
        counts[i] += 1;
        batch.push(row);
    }
    // Stop the reader (it fails on its next send) and wait for it.
    drop(rx);
    let read = reader.join();
    if let Some(e) = failed {
        return Err(e);
    }
    match read {
        Ok(Ok(())) => {}
        Ok(Err(e)) => {
            return Err(DataError::Invalid(format!(
                "{}: reading the rows: {e}",
                path.display()
            )))
        }
        Err(_) => {
            return Err(DataError::Invalid(
                "the reader of the export stopped".into(),
            ))
        }
    }
    if let Some(c) = current {
        flush(driver, &targets[c], &mut batch, provider).await?;
    }
    Ok(counts)
}

/// One multi-row INSERT of `batch` into `target`.
async fn flush(
    driver: &mut dyn Driver,
    target: &(String, Table, bool),
    batch: &mut Vec<Row>,
    provider: Provider,
) -> Result<(), DataError> {
    if batch.is_empty() {
        return Ok(());
    }
    let (name, t, _) = target;
    let cols: Vec<String> = t.columns.iter().map(|c| ident(&c.name, provider)).collect();
    let always = provider == Provider::Postgresql
        && t.columns.iter().any(
            |c| matches!(&c.identity, Some(i) if i.kind == flash_schema::IdentityKind::Always),
        );
    let mut sql = format!(
        "INSERT INTO {} ({}){} VALUES ",
        table_name(t, provider),
        cols.join(", "),
        if always {
            " OVERRIDING SYSTEM VALUE"
        } else {
            ""
        }
    );
    for (r, row) in batch.iter().enumerate() {
        // A value the table has no column for would be lost without a word.
        if let Some(extra) = row.keys().find(|k| t.column(k).is_none()) {
            return Err(DataError::Invalid(format!(
                "table {name} has no column `{extra}`, which the export holds; add it (a migration) or import into the table as exported; nothing was imported"
            )));
        }
        if r > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        for (k, c) in t.columns.iter().enumerate() {
            if k > 0 {
                sql.push_str(", ");
            }
            let raw = row.get(&c.name).map_or("null", |v| v.get());
            sql.push_str(&sql_value(raw, c, provider).map_err(|e| {
                DataError::Invalid(format!("table {name}, column {}: {e}", c.name))
            })?);
        }
        sql.push(')');
    }
    batch.clear();
    driver.query(&sql).await.map_err(|e| {
        DataError::Invalid(format!("importing table {name}: {e}; nothing was imported"))
    })?;
    Ok(())
}

/// The SQL for one exported value (its JSON text) in column `c`.
fn sql_value(raw: &str, c: &flash_schema::Column, provider: Provider) -> Result<String, String> {
    let raw = raw.trim();
    let kind = &c.ty.kind;
    Ok(match raw.as_bytes().first() {
        Some(b'n') if raw == "null" => "NULL".into(),
        Some(b't') if raw == "true" => bool_sql(true, provider),
        Some(b'f') if raw == "false" => bool_sql(false, provider),
        Some(b'"') => {
            let s: String = serde_json::from_str(raw).map_err(|e| e.to_string())?;
            match kind {
                TypeKind::Bytes { .. } => {
                    let b = base64::engine::general_purpose::STANDARD
                        .decode(&s)
                        .map_err(|e| format!("not base64: {e}"))?;
                    bytes_sql(&b, provider)
                }
                _ => literal(&s, provider),
            }
        }
        Some(b'[') | Some(b'{') => match (kind, provider) {
            (TypeKind::Array { .. }, Provider::Postgresql) => format!(
                "(SELECT COALESCE(array_agg(e ORDER BY n), '{{}}') FROM jsonb_array_elements_text({}::jsonb) WITH ORDINALITY AS x(e, n))::{}",
                literal(raw, provider),
                c.ty.raw
            ),
            _ => literal(raw, provider),
        },
        // A number, verbatim.
        _ => raw.to_string(),
    })
}

fn bool_sql(b: bool, provider: Provider) -> String {
    match (provider, b) {
        (Provider::Sqlite, true) => "1".into(),
        (Provider::Sqlite, false) => "0".into(),
        (_, true) => "TRUE".into(),
        (_, false) => "FALSE".into(),
    }
}

fn bytes_sql(b: &[u8], provider: Provider) -> String {
    let hex = hex::encode(b);
    match provider {
        Provider::Postgresql => format!("'\\x{hex}'::bytea"),
        _ => format!("X'{hex}'"),
    }
}

/// A string literal of the target database.
fn literal(s: &str, provider: Provider) -> String {
    match provider {
        // MySQL reads backslashes as escapes (unless NO_BACKSLASH_ESCAPES).
        Provider::Mysql => format!("'{}'", s.replace('\\', "\\\\").replace('\'', "''")),
        _ => format!("'{}'", s.replace('\'', "''")),
    }
}

fn ident(name: &str, provider: Provider) -> String {
    match provider {
        Provider::Mysql => format!("`{}`", name.replace('`', "``")),
        _ => format!("\"{}\"", name.replace('"', "\"\"")),
    }
}

fn table_name(t: &Table, provider: Provider) -> String {
    match (&t.schema, provider) {
        (Some(s), Provider::Postgresql) => {
            format!("{}.{}", ident(s, provider), ident(&t.name, provider))
        }
        _ => ident(&t.name, provider),
    }
}

/// Identity and serial sequences continue after the imported ids.
async fn sync_sequences(
    driver: &mut dyn Driver,
    targets: &[(String, Table, bool)],
) -> Result<(), DataError> {
    for (_, t, _) in targets {
        for c in t.columns.iter().filter(|c| c.identity.is_some()) {
            let table = table_name(t, Provider::Postgresql);
            let col = ident(&c.name, Provider::Postgresql);
            let sql = format!(
                "SELECT setval(pg_get_serial_sequence({}, {}), COALESCE(max({col}), 1), max({col}) IS NOT NULL) FROM {table}",
                literal(&table, Provider::Postgresql),
                literal(&c.name, Provider::Postgresql),
            );
            driver.query(&sql).await?;
        }
    }
    Ok(())
}

/// The document's top level: only `data` is read, row by row.
struct DocSeed<'a> {
    tx: &'a tokio::sync::mpsc::Sender<(String, Row)>,
}

impl<'de> DeserializeSeed<'de> for DocSeed<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for DocSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a flash export")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            if key == "data" {
                map.next_value_seed(DataSeed { tx: self.tx })?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

/// `data`: table name -> rows.
struct DataSeed<'a> {
    tx: &'a tokio::sync::mpsc::Sender<(String, Row)>,
}

impl<'de> DeserializeSeed<'de> for DataSeed<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for DataSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("rows by table")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(table) = map.next_key::<String>()? {
            map.next_value_seed(RowsSeed { tx: self.tx, table })?;
        }
        Ok(())
    }
}

/// One table's array of rows, each sent as soon as it is read.
struct RowsSeed<'a> {
    tx: &'a tokio::sync::mpsc::Sender<(String, Row)>,
    table: String,
}

impl<'de> DeserializeSeed<'de> for RowsSeed<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for RowsSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of rows")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(row) = seq.next_element::<Row>()? {
            if self.tx.blocking_send((self.table.clone(), row)).is_err() {
                return Err(serde::de::Error::custom("the import stopped"));
            }
        }
        Ok(())
    }
}
