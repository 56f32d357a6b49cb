//! What an export holds and how its rows are read back: a JSON document (read twice,
//! streaming: first its head, then its rows), a CSV folder (`schema.json` and one file per
//! table) or a SQLite file (`_flash_export` facts and one table per table). Rows are read on a
//! thread of their own and sent to the loader in batches of cells ready for the target
//! database, so reading and parsing overlap with the database's work and memory stays flat.

use crate::error::DataError;
use crate::load_value::{load_cell, Exported};
use crate::sqlite_file::META_TABLE;
use flash_schema::{Cell, Provider, Schema, Table};
use futures::TryStreamExt;
use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{Column as _, ConnectOptions, Row, SqliteConnection, TypeInfo, ValueRef};
use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tokio::sync::mpsc::Sender;

/// Rows a batch holds at most.
const BATCH_ROWS: usize = 5000;
/// Bytes of values a batch holds at most.
const BATCH_BYTES: usize = 8 << 20;

/// The three export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Csv,
    Sqlite,
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Sqlite => "sqlite",
        })
    }
}

/// An export opened for import.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: PathBuf,
    pub format: Format,
    /// The provider the export was taken from, when it says.
    pub provider: Option<String>,
    /// The export's schema, when it has one.
    pub schema: Option<Schema>,
    /// The tables the export holds rows for (display names).
    pub tables: Vec<String>,
}

/// A table rows go into, and which of its columns the rows fill.
#[derive(Debug, Clone)]
pub struct ReadTarget {
    /// The table's name in the export.
    pub name: String,
    /// The table in the target database.
    pub table: Table,
    /// The columns loaded, in cell order: every column but generated ones (computed again).
    pub columns: Vec<String>,
}

impl ReadTarget {
    pub fn new(name: String, table: Table) -> Self {
        let columns = table
            .columns
            .iter()
            .filter(|c| c.generated.is_none())
            .map(|c| c.name.clone())
            .collect();
        ReadTarget {
            name,
            table,
            columns,
        }
    }

    /// Where column `name` goes: Some(Some(position)), Some(None) for a generated column
    /// (its value is computed again), None for a column the table lacks.
    fn slot(&self, name: &str) -> Option<Option<usize>> {
        match self.columns.iter().position(|c| c == name) {
            Some(i) => Some(Some(i)),
            None => self.table.column(name).map(|_| None),
        }
    }

    fn unknown(&self, column: &str) -> String {
        format!(
            "table {} has no column `{column}`, which the export holds; add it (a migration) or import into a table as exported",
            self.name
        )
    }
}

/// Rows for one target, in the order of its `columns`.
pub struct Batch {
    pub target: usize,
    pub rows: Vec<Vec<Cell>>,
}

/// The facts of `schema.json` in a CSV export.
#[derive(Deserialize)]
struct Manifest {
    #[serde(default)]
    provider: Option<String>,
    #[serde(default)]
    schema: Option<Schema>,
    #[serde(default)]
    tables: Vec<ManifestTable>,
}

#[derive(Deserialize)]
struct ManifestTable {
    name: String,
    #[serde(default)]
    file: Option<String>,
}

/// The head of a JSON export: everything but the rows, and the names of the tables in `data`.
#[derive(Deserialize)]
struct Head {
    #[serde(default)]
    provider: Option<String>,
    /// Kept as JSON: an export of the Go tool has a `schema` of its own form, which is
    /// not ours to read (its tables must then exist).
    #[serde(default)]
    schema: Option<serde_json::Value>,
    #[serde(default)]
    data: TableNames,
}

/// The keys of `data`, the rows skipped.
#[derive(Default)]
struct TableNames(Vec<String>);

impl<'de> Deserialize<'de> for TableNames {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = TableNames;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("rows by table")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<TableNames, A::Error> {
                let mut names = Vec::new();
                while let Some(k) = map.next_key::<String>()? {
                    map.next_value::<IgnoredAny>()?;
                    names.push(k);
                }
                Ok(TableNames(names))
            }
        }
        d.deserialize_map(V)
    }
}

impl Source {
    /// Opens the export at `path` and reads what it holds (not its rows).
    pub async fn open(path: &Path) -> Result<Source, DataError> {
        let invalid = |what: String| DataError::Invalid(format!("{}: {what}", path.display()));
        if path.is_dir() {
            return Source::open_csv(path);
        }
        let mut magic = [0u8; 16];
        {
            use std::io::Read;
            let mut f = std::fs::File::open(path).map_err(|e| invalid(e.to_string()))?;
            let n = f.read(&mut magic).map_err(|e| invalid(e.to_string()))?;
            if n == 16 && &magic == b"SQLite format 3\0" {
                return Source::open_sqlite(path).await;
            }
        }
        let file = std::fs::File::open(path).map_err(|e| invalid(e.to_string()))?;
        let head: Head = serde_json::from_reader(std::io::BufReader::new(file)).map_err(|e| {
            invalid(format!(
                "not a flash export (a JSON file, a CSV folder or a SQLite file): {e}"
            ))
        })?;
        Ok(Source {
            path: path.to_path_buf(),
            format: Format::Json,
            provider: head.provider,
            // Ours names every table that has rows; another form may parse as an empty model.
            schema: head
                .schema
                .and_then(|v| serde_json::from_value::<Schema>(v).ok())
                .filter(|s| {
                    head.data
                        .0
                        .iter()
                        .all(|n| s.tables.iter().any(|t| t.display_name() == *n))
                }),
            tables: head.data.0,
        })
    }

    fn open_csv(dir: &Path) -> Result<Source, DataError> {
        let invalid = |what: String| DataError::Invalid(format!("{}: {what}", dir.display()));
        let manifest_path = dir.join("schema.json");
        if manifest_path.exists() {
            let text = std::fs::read_to_string(&manifest_path)
                .map_err(|e| invalid(format!("schema.json: {e}")))?;
            let m: Manifest = serde_json::from_str(&text)
                .map_err(|e| invalid(format!("schema.json is not a flash export manifest: {e}")))?;
            let tables = m
                .tables
                .iter()
                .filter(|t| t.file.is_some())
                .map(|t| t.name.clone())
                .collect();
            return Ok(Source {
                path: dir.to_path_buf(),
                format: Format::Csv,
                provider: m.provider,
                schema: m.schema,
                tables,
            });
        }
        // A --data-only export: the tables are the files.
        let mut tables = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(|e| invalid(e.to_string()))? {
            let p = entry.map_err(|e| invalid(e.to_string()))?.path();
            if p.extension().is_some_and(|e| e == "csv") {
                if let Some(stem) = p.file_stem() {
                    tables.push(stem.to_string_lossy().into_owned());
                }
            }
        }
        if tables.is_empty() {
            return Err(invalid(
                "no schema.json and no .csv file: not a CSV export of flash".into(),
            ));
        }
        tables.sort();
        Ok(Source {
            path: dir.to_path_buf(),
            format: Format::Csv,
            provider: None,
            schema: None,
            tables,
        })
    }

    async fn open_sqlite(path: &Path) -> Result<Source, DataError> {
        let invalid = |what: String| DataError::Invalid(format!("{}: {what}", path.display()));
        let mut conn = open_sqlite_file(path).await.map_err(invalid)?;
        let names: Vec<String> = sqlx::query_scalar(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
        .fetch_all(&mut conn)
        .await
        .map_err(|e| invalid(e.to_string()))?;
        if !names.iter().any(|n| n == META_TABLE) {
            return Err(invalid(format!(
                "a SQLite file without a {META_TABLE} table is not a flash export; to copy a SQLite database, export it with flash export --sqlite"
            )));
        }
        let facts: Vec<(String, String)> =
            sqlx::query_as(&format!("SELECT key, value FROM {META_TABLE}"))
                .fetch_all(&mut conn)
                .await
                .map_err(|e| invalid(e.to_string()))?;
        let fact = |k: &str| {
            facts
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.clone())
        };
        let schema = match fact("schema") {
            Some(text) => Some(
                serde_json::from_str::<Schema>(&text)
                    .map_err(|e| invalid(format!("the export's schema is unreadable: {e}")))?,
            ),
            None => None,
        };
        Ok(Source {
            path: path.to_path_buf(),
            format: Format::Sqlite,
            provider: fact("provider"),
            schema,
            tables: names.into_iter().filter(|n| n != META_TABLE).collect(),
        })
    }

    /// Reads the rows on a thread of its own and sends them to `tx` in batches, table by
    /// table. The thread ends with an error naming the file (and line) when a value cannot
    /// go into its column, or when the receiver is gone.
    pub fn spawn_reader(
        &self,
        targets: Arc<Vec<ReadTarget>>,
        provider: Provider,
        tx: Sender<Batch>,
    ) -> std::thread::JoinHandle<Result<(), String>> {
        let source = self.clone();
        std::thread::spawn(move || {
            let mut out = Batcher::new(tx);
            match source.format {
                Format::Json => read_json(&source, &targets, provider, &mut out),
                Format::Csv => read_csv(&source, &targets, provider, &mut out),
                Format::Sqlite => read_sqlite(&source, &targets, provider, &mut out),
            }?;
            out.flush()
        })
    }
}

async fn open_sqlite_file(path: &Path) -> Result<SqliteConnection, String> {
    SqliteConnectOptions::new()
        .filename(path)
        .read_only(true)
        .connect()
        .await
        .map_err(|e| e.to_string())
}

const STOPPED: &str = "the import stopped";

/// Collects rows into batches and sends them.
struct Batcher {
    tx: Sender<Batch>,
    target: usize,
    rows: Vec<Vec<Cell>>,
    bytes: usize,
}

impl Batcher {
    fn new(tx: Sender<Batch>) -> Self {
        Batcher {
            tx,
            target: 0,
            rows: Vec::new(),
            bytes: 0,
        }
    }

    /// Adds a row; Some(batch) when the batch before it is full (or of another table).
    fn add(&mut self, target: usize, row: Vec<Cell>) -> Option<Batch> {
        let mut full = None;
        if target != self.target || self.rows.len() >= BATCH_ROWS || self.bytes >= BATCH_BYTES {
            full = self.take();
            self.target = target;
        }
        self.bytes += row.iter().map(Cell::size).sum::<usize>();
        self.rows.push(row);
        full
    }

    fn take(&mut self) -> Option<Batch> {
        if self.rows.is_empty() {
            return None;
        }
        self.bytes = 0;
        Some(Batch {
            target: self.target,
            rows: std::mem::take(&mut self.rows),
        })
    }

    /// Adds a row, sending the batch before it when full (from a plain thread).
    fn push(&mut self, target: usize, row: Vec<Cell>) -> Result<(), String> {
        match self.add(target, row) {
            Some(b) => self.tx.blocking_send(b).map_err(|_| STOPPED.to_string()),
            None => Ok(()),
        }
    }

    /// [`Batcher::push`] from inside an async runtime.
    async fn push_async(&mut self, target: usize, row: Vec<Cell>) -> Result<(), String> {
        match self.add(target, row) {
            Some(b) => self.tx.send(b).await.map_err(|_| STOPPED.to_string()),
            None => Ok(()),
        }
    }

    /// Sends the last batch.
    fn flush(&mut self) -> Result<(), String> {
        match self.take() {
            Some(b) => self.tx.blocking_send(b).map_err(|_| STOPPED.to_string()),
            None => Ok(()),
        }
    }
}

fn read_csv(
    source: &Source,
    targets: &[ReadTarget],
    provider: Provider,
    out: &mut Batcher,
) -> Result<(), String> {
    for (ti, t) in targets.iter().enumerate() {
        if !source.tables.contains(&t.name) {
            continue;
        }
        let path = source.path.join(format!("{}.csv", t.name));
        let file = std::fs::File::open(&path).map_err(|e| {
            format!(
                "{}: {e} (the export lists rows of table {})",
                path.display(),
                t.name
            )
        })?;
        let mut input = std::io::BufReader::with_capacity(1 << 16, file);
        let at = |line: usize, what: String| format!("{} line {line}: {what}", path.display());
        let Some(header) = crate::csv::read_record(&mut input).map_err(|e| at(1, e))? else {
            return Err(at(1, "the file is empty; it needs a header line".into()));
        };
        let mut slots = Vec::with_capacity(header.len());
        for name in &header {
            let name = name.clone().unwrap_or_default();
            slots.push(t.slot(&name).ok_or_else(|| at(1, t.unknown(&name)))?);
        }
        let mut line = 1;
        loop {
            line += 1;
            let Some(fields) = crate::csv::read_record(&mut input).map_err(|e| at(line, e))? else {
                break;
            };
            if fields.len() != slots.len() {
                return Err(at(
                    line,
                    format!(
                        "{} fields where the header has {}",
                        fields.len(),
                        slots.len()
                    ),
                ));
            }
            let mut row = vec![Cell::Null; t.columns.len()];
            for (field, slot) in fields.into_iter().zip(&slots) {
                if let Some(i) = slot {
                    let c = column(t, *i)?;
                    row[*i] = load_cell(Exported::Csv(field), c, provider)
                        .map_err(|e| at(line, format!("column {}: {e}", c.name)))?;
                }
            }
            out.push(ti, row)?;
            // Records with line breaks span lines; the count stays a good pointer.
        }
    }
    Ok(())
}

fn column(t: &ReadTarget, i: usize) -> Result<&flash_schema::Column, String> {
    t.table
        .column(&t.columns[i])
        .ok_or_else(|| format!("table {} lost column {}", t.name, t.columns[i]))
}

fn read_sqlite(
    source: &Source,
    targets: &[ReadTarget],
    provider: Provider,
    out: &mut Batcher,
) -> Result<(), String> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    let path = source.path.clone();
    rt.block_on(async {
        let at = |what: String| format!("{}: {what}", path.display());
        let mut conn = open_sqlite_file(&path).await.map_err(at)?;
        for (ti, t) in targets.iter().enumerate() {
            if !source.tables.contains(&t.name) {
                continue;
            }
            let sql = format!("SELECT * FROM {}", Provider::Sqlite.quote_ident(&t.name));
            let mut rows = sqlx::query(&sql).fetch(&mut conn);
            let mut slots: Option<Vec<Option<usize>>> = None;
            while let Some(r) = rows.try_next().await.map_err(|e| at(e.to_string()))? {
                let slots = match &mut slots {
                    Some(s) => s,
                    None => {
                        let mut s = Vec::new();
                        for col in r.columns() {
                            s.push(
                                t.slot(col.name())
                                    .ok_or_else(|| at(t.unknown(col.name())))?,
                            );
                        }
                        slots.insert(s)
                    }
                };
                let mut row = vec![Cell::Null; t.columns.len()];
                for (k, slot) in slots.iter().enumerate() {
                    let Some(i) = slot else { continue };
                    let c = column(t, *i)?;
                    let stored = stored_cell(&r, k).map_err(|e| at(e.to_string()))?;
                    row[*i] = load_cell(Exported::Stored(stored), c, provider)
                        .map_err(|e| at(format!("table {}, column {}: {e}", t.name, c.name)))?;
                }
                out.push_async(ti, row).await?;
            }
        }
        Ok(())
    })
}

/// A value of the SQLite file in its storage class.
fn stored_cell(row: &sqlx::sqlite::SqliteRow, i: usize) -> Result<Cell, sqlx::Error> {
    let v = row.try_get_raw(i)?;
    if v.is_null() {
        return Ok(Cell::Null);
    }
    let class = v.type_info().name().to_string();
    Ok(match class.as_str() {
        "INTEGER" | "BOOLEAN" => Cell::Int(row.try_get_unchecked(i)?),
        "REAL" | "NUMERIC" => Cell::Real(row.try_get_unchecked(i)?),
        "BLOB" => Cell::Bytes(row.try_get_unchecked(i)?),
        _ => Cell::Text(row.try_get_unchecked(i)?),
    })
}

fn read_json(
    source: &Source,
    targets: &[ReadTarget],
    provider: Provider,
    out: &mut Batcher,
) -> Result<(), String> {
    // The rows are read in the document's order, which is parents first when flash wrote
    // it. A document with a child before its parent is read once per table instead.
    let order: Vec<usize> = source
        .tables
        .iter()
        .filter_map(|n| targets.iter().position(|t| t.name == *n))
        .collect();
    let passes: Vec<Option<usize>> = if order.windows(2).all(|w| w[0] < w[1]) {
        vec![None]
    } else {
        (0..targets.len()).map(Some).collect()
    };
    for only in passes {
        let file = std::fs::File::open(&source.path).map_err(|e| e.to_string())?;
        let mut de =
            serde_json::Deserializer::from_reader(std::io::BufReader::with_capacity(1 << 16, file));
        DocSeed {
            targets,
            only,
            provider,
            out: &mut *out,
        }
        .deserialize(&mut de)
        .map_err(|e| format!("{}: {e}", source.path.display()))?;
    }
    Ok(())
}

/// The document's top level: only `data` is read, row by row (only the rows of target
/// `only` when set).
struct DocSeed<'a> {
    targets: &'a [ReadTarget],
    only: Option<usize>,
    provider: Provider,
    out: &'a mut Batcher,
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
                map.next_value_seed(DataSeed {
                    targets: self.targets,
                    only: self.only,
                    provider: self.provider,
                    out: &mut *self.out,
                })?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

/// `data`: table name -> rows.
struct DataSeed<'a> {
    targets: &'a [ReadTarget],
    only: Option<usize>,
    provider: Provider,
    out: &'a mut Batcher,
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
            let Some(target) = self.targets.iter().position(|t| t.name == table) else {
                return Err(serde::de::Error::custom(format!(
                    "the export holds rows of table {table}, which its schema does not have"
                )));
            };
            if self.only.is_some_and(|o| o != target) {
                map.next_value::<IgnoredAny>()?;
                continue;
            }
            map.next_value_seed(RowsSeed {
                targets: self.targets,
                target,
                provider: self.provider,
                out: &mut *self.out,
            })?;
        }
        Ok(())
    }
}

/// One table's array of rows, each batched as soon as it is read.
struct RowsSeed<'a> {
    targets: &'a [ReadTarget],
    target: usize,
    provider: Provider,
    out: &'a mut Batcher,
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
        let t = &self.targets[self.target];
        // Where each key of this table's rows goes, looked up once.
        let mut slots: HashMap<String, Option<usize>> = HashMap::new();
        while let Some(row) = seq.next_element_seed(RowSeed {
            target: t,
            provider: self.provider,
            slots: &mut slots,
        })? {
            self.out
                .push(self.target, row)
                .map_err(serde::de::Error::custom)?;
        }
        Ok(())
    }
}

/// One row (an object of column -> value) read straight into the target's cells.
struct RowSeed<'a> {
    target: &'a ReadTarget,
    provider: Provider,
    slots: &'a mut HashMap<String, Option<usize>>,
}

impl<'de> DeserializeSeed<'de> for RowSeed<'_> {
    type Value = Vec<Cell>;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Vec<Cell>, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for RowSeed<'_> {
    type Value = Vec<Cell>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a row (an object of column values)")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<Cell>, A::Error> {
        let t = self.target;
        let mut row = vec![Cell::Null; t.columns.len()];
        while let Some(key) = map.next_key::<String>()? {
            let raw: Box<RawValue> = map.next_value()?;
            let slot = match self.slots.get(&key) {
                Some(s) => *s,
                None => {
                    let s = t
                        .slot(&key)
                        .ok_or_else(|| serde::de::Error::custom(t.unknown(&key)))?;
                    self.slots.insert(key, s);
                    s
                }
            };
            if let Some(i) = slot {
                let c = column(t, i).map_err(serde::de::Error::custom)?;
                row[i] = load_cell(Exported::Json(raw.get()), c, self.provider).map_err(|e| {
                    serde::de::Error::custom(format!("table {}, column {}: {e}", t.name, c.name))
                })?;
            }
        }
        Ok(row)
    }
}
