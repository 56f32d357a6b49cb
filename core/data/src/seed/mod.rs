//! `flash seed`: believable rows for the tables of a database, the same rows for the same
//! seed. The plan (`plan.rs`) picks the tables, their counts and their order along foreign
//! keys; each table's rows come from a generator (`rows.rs`, `values.rs`) on a thread of its
//! own, in batches the loader writes by the database's bulk path (`Driver::load_rows`: COPY
//! on PostgreSQL) while the next batch is made, all in one transaction. Memory holds a batch,
//! the keys children reference and the fingerprints unique constraints need.

mod checks;
mod existing;
mod keys;
mod plan;
mod rows;
mod semantic;
mod values;
mod write;

use crate::error::DataError;
use crate::export::ExportEvent;
use flash_migrate::{MigrateError, Project, Prompter};
use flash_schema::{Cell, Driver, Provider, Table};
use keys::KeyPool;
use rand::{Rng, SeedableRng};
use rows::{Layout, TableGen};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use std::time::Instant;

pub use plan::{TableCount, DEFAULT_COUNT};

/// Rows generated and written at a time.
const BATCH: u64 = 5_000;
/// Rows of each table shown by a dry run.
const SAMPLE: usize = 3;

/// What to seed.
#[derive(Debug, Clone, Default)]
pub struct SeedOptions {
    /// Rows per table (`users:100`); empty: every table.
    pub counts: Vec<TableCount>,
    /// Rows for the tables without a count (and parents added), default [`DEFAULT_COUNT`].
    pub count: Option<u64>,
    /// The seed; None: a random one (reported, so the run can be repeated).
    pub seed: Option<u64>,
    /// Empty the seeded tables first (asks for confirmation unless `yes`).
    pub truncate: bool,
    /// Plan and generate, write nothing.
    pub dry_run: bool,
    /// Leave these tables out.
    pub exclude: Vec<String>,
    /// Confirms `truncate` without asking.
    pub yes: bool,
}

/// One table of a seed.
#[derive(Debug, Clone, Serialize)]
pub struct SeededTable {
    pub name: String,
    pub rows: u64,
    /// Not asked for: an empty parent a seeded table needs.
    pub added_as_parent: bool,
    /// Foreign keys written after the other tables of their cycle (`column -> table`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub deferred: Vec<String>,
    /// Foreign keys left NULL: their table is excluded and empty.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub nulled: Vec<String>,
    /// CHECK constraints seed could not read (the database still checks them).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unchecked: Vec<String>,
    /// The first rows, on a dry run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sample: Option<Sample>,
}

/// Rows as a table: the column names once, then each row's values in that order (JSON
/// values: numbers, strings, null; bytes as `\x` hex). Arrays rather than objects, so that
/// bindings that rename report keys leave column names alone.
#[derive(Debug, Clone, Serialize)]
pub struct Sample {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<serde_json::Value>>,
}

/// What [`seed`] did (or, on a dry run, would do).
#[derive(Debug, Clone, Serialize)]
pub struct SeedReport {
    /// The seed used: the same seed gives the same rows.
    pub seed: u64,
    pub dry_run: bool,
    /// Tables in the order they are filled.
    pub tables: Vec<SeededTable>,
    /// Tables with rows whose keys the seeded rows reference.
    pub reused: Vec<String>,
    /// Tables emptied first.
    pub truncated: Vec<String>,
    pub rows: u64,
    pub elapsed_ms: u64,
}

/// A seed to use when none is given: short enough to type again.
pub fn random_seed() -> u64 {
    rand::rng().random_range(1..1_000_000)
}

/// Seeds the database at `url` of `project`. `prompter` confirms `--truncate`; `progress`
/// hears of each table and of its rows as they are written (the export's events).
pub async fn seed(
    project: &Project,
    url: &str,
    opts: &SeedOptions,
    prompter: &dyn Prompter,
    progress: &mut (dyn FnMut(ExportEvent) + Send),
) -> Result<SeedReport, DataError> {
    let started = Instant::now();
    let provider = project.provider;
    let seed = opts.seed.unwrap_or_else(random_seed);
    if flash_migrate::sqlite_file_missing(provider, url) {
        return Err(DataError::Nothing(format!(
            "the SQLite database {url} does not exist; create its tables first (flash apply)"
        )));
    }
    let mut driver = flash_migrate::connect(provider, url).await?;
    let live = driver.inspect_in(&project.managed_namespaces()).await?;
    let mut has_rows = BTreeSet::new();
    for t in &live.tables {
        if existing::has_rows(driver.as_mut(), t, provider).await? {
            has_rows.insert(t.display_name());
        }
    }
    let default = opts.count.unwrap_or(DEFAULT_COUNT);
    let plan = plan::plan(
        &live,
        &opts.counts,
        default,
        &opts.exclude,
        &has_rows,
        provider,
    )?;
    if plan.tables.is_empty() {
        return Err(DataError::Nothing(
            "no table to seed: the database has none (run flash apply), or all are excluded".into(),
        ));
    }
    let layouts: Vec<Layout> = plan
        .tables
        .iter()
        .map(|p| Layout::new(p, &live, provider))
        .collect::<Result<_, _>>()?;
    let truncated: Vec<String> = if opts.truncate {
        plan.tables.iter().map(|p| p.name.clone()).collect()
    } else {
        Vec::new()
    };
    if opts.truncate && !opts.dry_run && !opts.yes {
        let what = format!("emptying {} before seeding", truncated.join(", "));
        if !prompter.interactive() {
            return Err(MigrateError::NeedsConfirmation {
                what,
                flag: "--yes".into(),
                details: truncated.clone(),
            }
            .into());
        }
        let q = format!(
            "This deletes every row of {} before seeding. Continue?",
            truncated.join(", ")
        );
        if !prompter.confirm(&q).await {
            return Err(MigrateError::Cancelled.into());
        }
    }

    let write = !opts.dry_run;
    if write {
        driver
            .query(if provider == Provider::Mysql {
                "START TRANSACTION"
            } else {
                "BEGIN"
            })
            .await?;
    }
    let ctx = Ctx {
        seed,
        provider,
        write,
        truncating: opts.truncate,
        has_rows: &has_rows,
    };
    let result = run(driver.as_mut(), &ctx, &live, &plan, layouts, progress).await;
    let tables = match result {
        Ok(t) => {
            if write {
                driver.query("COMMIT").await?;
            }
            t
        }
        Err(e) => {
            if write {
                let _ = driver.query("ROLLBACK").await;
            }
            return Err(e);
        }
    };
    Ok(SeedReport {
        seed,
        dry_run: opts.dry_run,
        rows: tables.iter().map(|t| t.rows).sum(),
        tables,
        reused: plan.reused.clone(),
        truncated,
        elapsed_ms: started.elapsed().as_millis() as u64,
    })
}

struct Ctx<'a> {
    seed: u64,
    provider: Provider,
    write: bool,
    truncating: bool,
    has_rows: &'a BTreeSet<String>,
}

/// The pools children need: (parent, referenced columns) of every foreign key in the plan.
fn referenced(plan: &plan::Plan) -> BTreeMap<String, Vec<Vec<String>>> {
    let mut out: BTreeMap<String, Vec<Vec<String>>> = BTreeMap::new();
    for p in &plan.tables {
        for fk in &p.table.foreign_keys {
            let parent = match &fk.ref_schema {
                Some(s) => format!("{s}.{}", fk.ref_table),
                None => fk.ref_table.clone(),
            };
            let e = out.entry(parent).or_default();
            if !e.contains(&fk.ref_columns) {
                e.push(fk.ref_columns.clone());
            }
        }
    }
    out
}

async fn run(
    driver: &mut dyn Driver,
    ctx: &Ctx<'_>,
    live: &flash_schema::Schema,
    plan: &plan::Plan,
    layouts: Vec<Layout>,
    progress: &mut (dyn FnMut(ExportEvent) + Send),
) -> Result<Vec<SeededTable>, DataError> {
    let provider = ctx.provider;
    if ctx.truncating && ctx.write {
        let tables: Vec<Table> = plan.tables.iter().map(|p| p.table.clone()).collect();
        write::truncate(driver, live, &tables, provider).await?;
    }
    let refs = referenced(plan);
    let mut pools: BTreeMap<(String, Vec<String>), Arc<KeyPool>> = BTreeMap::new();
    // Reused parents: their existing keys.
    for name in &plan.reused {
        let Some(t) = plan::find(live, name, provider) else {
            continue;
        };
        for cols in refs.get(name).into_iter().flatten() {
            let keys = existing::keys(driver, t, cols, provider).await?;
            pools.insert(
                (name.clone(), cols.clone()),
                Arc::new(KeyPool {
                    existing: keys,
                    ..KeyPool::default()
                }),
            );
        }
    }
    let mut out = Vec::new();
    let mut kept: BTreeMap<String, Vec<Vec<Cell>>> = BTreeMap::new();
    for (index, (p, mut layout)) in plan.tables.iter().zip(layouts).enumerate() {
        let t = &p.table;
        progress(ExportEvent::Table {
            name: p.name.clone(),
            index,
            count: plan.tables.len(),
        });
        // Emptied first (also on a dry run, which plans as if it had been).
        let empty = ctx.truncating || !ctx.has_rows.contains(&p.name);
        let existing_rows = if empty {
            0
        } else {
            existing::count(driver, t, provider).await?
        };
        for col in layout.key_columns.clone() {
            let m = if empty {
                None
            } else {
                existing::max(driver, t, &col, provider).await?
            };
            layout.start_key(&col, m);
        }
        if !empty {
            for u in &mut layout.uniques {
                u.seen = existing::fingerprints(driver, t, &u.columns, provider).await?;
            }
        }
        let mut provides = Vec::new();
        for cols in refs.get(&p.name).into_iter().flatten() {
            let keys = if empty {
                Vec::new()
            } else {
                existing::keys(driver, t, cols, provider).await?
            };
            provides.push((cols.clone(), keys));
        }
        let parents: BTreeMap<(String, Vec<String>), Arc<KeyPool>> = layout
            .fks
            .iter()
            .filter(|d| !d.self_ref)
            .filter_map(|d| {
                let key = (d.parent.clone(), d.ref_columns.clone());
                pools.get(&key).map(|pool| (key, pool.clone()))
            })
            .collect();
        let unchecked = layout.rules.unknown.clone();
        let gen = TableGen::new(
            layout,
            ctx.seed,
            p.count,
            existing_rows,
            parents,
            provides,
            !p.deferred.is_empty(),
        );
        let columns = gen.layout.columns.clone();
        let (gen, rows, sample) = fill(driver, gen, ctx, &unchecked, progress).await?;
        progress(ExportEvent::TableDone {
            name: p.name.clone(),
            rows,
        });
        for (cols, _, pool) in gen.provides {
            pools.insert((p.name.clone(), cols), Arc::new(pool));
        }
        if let Some(keys) = gen.keep_keys {
            kept.insert(p.name.clone(), keys);
        }
        let fk_desc = |i: &usize| {
            let fk = &t.foreign_keys[*i];
            format!("{} -> {}", fk.columns.join(", "), fk.ref_table)
        };
        out.push(SeededTable {
            name: p.name.clone(),
            rows,
            added_as_parent: !p.requested,
            deferred: p.deferred.iter().map(fk_desc).collect(),
            nulled: p.nulled.iter().map(fk_desc).collect(),
            unchecked,
            sample: (!ctx.write).then_some(Sample {
                columns,
                rows: sample,
            }),
        });
    }
    // The foreign keys that broke cycles, now that every table is in.
    for p in &plan.tables {
        if p.deferred.is_empty() {
            continue;
        }
        let keys = kept.remove(&p.name).unwrap_or_default();
        fix_deferred(driver, ctx, p, keys, &pools).await?;
    }
    if ctx.write && provider == Provider::Postgresql {
        let targets: Vec<(Table, bool)> = plan
            .tables
            .iter()
            .map(|p| (p.table.clone(), false))
            .collect();
        crate::import::sync_sequences(driver, &targets).await?;
    }
    Ok(out)
}

/// Makes the rows of one table on a thread while the loader writes the batches before.
/// Returns the generator (with the keys it gave), the rows written and, on a dry run, the
/// first rows as JSON.
async fn fill(
    driver: &mut dyn Driver,
    gen: TableGen,
    ctx: &Ctx<'_>,
    unchecked: &[String],
    progress: &mut (dyn FnMut(ExportEvent) + Send),
) -> Result<(TableGen, u64, Vec<Vec<serde_json::Value>>), DataError> {
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Vec<Vec<Cell>>>(4);
    let table = gen.layout.table.clone();
    let name = gen.layout.name.clone();
    let columns = gen.layout.columns.clone();
    let maker = std::thread::spawn(move || {
        let mut gen = gen;
        while gen.remaining() > 0 {
            let n = gen.remaining().min(BATCH);
            let mut batch = Vec::with_capacity(n as usize);
            for _ in 0..n {
                match gen.row() {
                    Ok(r) => batch.push(r),
                    Err(e) => return Err(e),
                }
            }
            if tx.blocking_send(batch).is_err() {
                // The loader stopped: its error is the one reported.
                break;
            }
        }
        Ok(gen)
    });
    let mut written = 0u64;
    let mut sample = Vec::new();
    let mut failed = None;
    while let Some(batch) = rx.recv().await {
        if sample.len() < SAMPLE && !ctx.write {
            for row in batch.iter().take(SAMPLE - sample.len()) {
                sample.push(as_json(row));
            }
        }
        let n = batch.len() as u64;
        if ctx.write {
            if let Err(e) = driver.load_rows(&table, &columns, batch).await {
                failed = Some(rejected(&name, e, unchecked));
                break;
            }
        }
        written += n;
        progress(ExportEvent::Rows {
            name: name.clone(),
            rows: written,
        });
    }
    drop(rx);
    let made = maker.join();
    if let Some(e) = failed {
        return Err(e);
    }
    match made {
        Ok(Ok(gen)) => Ok((gen, written, sample)),
        Ok(Err(e)) => Err(e),
        Err(_) => Err(DataError::seed(
            name,
            "the row generator stopped unexpectedly; nothing was written",
        )),
    }
}

/// The database's refusal of a batch, with the checks seed could not read when it looks like
/// one of them.
fn rejected(table: &str, e: flash_schema::DbError, unchecked: &[String]) -> DataError {
    let msg = e.message.to_lowercase();
    let check = e.code.as_deref() == Some("23514")
        || e.code.as_deref() == Some("3819")
        || e.code.as_deref() == Some("4025")
        || msg.contains("check constraint");
    let help = if check && !unchecked.is_empty() {
        format!(
            "seed could not read these CHECK constraints of {table}: {}; exclude the table, or write a simpler check (x > 0, x BETWEEN a AND b, x IN (...), length(x) <= n, a <= b)",
            unchecked.join("; ")
        )
    } else if check {
        format!("a CHECK constraint of {table} rejected a generated row; exclude the table or loosen the check")
    } else {
        format!("the database rejected a generated row of {table}; see the message above")
    };
    DataError::seed_help(
        table,
        format!("the database rejected the rows: {e}; nothing was written"),
        help,
    )
}

fn as_json(row: &[Cell]) -> Vec<serde_json::Value> {
    use serde_json::Value;
    row.iter()
        .map(|v| match v {
            Cell::Null => Value::Null,
            Cell::Int(i) => Value::from(*i),
            Cell::Real(f) => serde_json::Number::from_f64(*f)
                .map(Value::Number)
                .unwrap_or(Value::Null),
            Cell::Text(s) => Value::String(s.clone()),
            Cell::Bytes(b) => Value::String(format!("\\x{}", hex::encode(b))),
        })
        .collect()
}

/// Sets the deferred foreign keys of `p` (a cycle broken there): each row gets a parent key
/// (distinct ones when the column is unique; NULL once they run out, or for one row in ten).
async fn fix_deferred(
    driver: &mut dyn Driver,
    ctx: &Ctx<'_>,
    p: &plan::Planned,
    keys: Vec<Vec<Cell>>,
    pools: &BTreeMap<(String, Vec<String>), Arc<KeyPool>>,
) -> Result<(), DataError> {
    let t = &p.table;
    let pk: Vec<String> = t
        .primary_key
        .as_ref()
        .map(|k| k.columns.clone())
        .unwrap_or_default();
    for &i in &p.deferred {
        let fk = &t.foreign_keys[i];
        if pk.is_empty() {
            return Err(DataError::seed_help(
                p.name.clone(),
                format!(
                    "its foreign key {} closes a cycle, and without a primary key its rows cannot be updated afterwards",
                    fk.name
                ),
                format!("give {} a primary key, or seed the tables of the cycle one at a time", p.name),
            ));
        }
        let parent = match &fk.ref_schema {
            Some(s) => format!("{s}.{}", fk.ref_table),
            None => fk.ref_table.clone(),
        };
        let Some(pool) = pools.get(&(parent, fk.ref_columns.clone())) else {
            continue;
        };
        let unique = t.uniques.iter().any(|u| u.columns == fk.columns)
            || t.indexes.iter().any(|x| {
                x.unique
                    && x.predicate.is_none()
                    && x.parts
                        .iter()
                        .map(|p| p.column.as_deref())
                        .collect::<Vec<_>>()
                        == fk
                            .columns
                            .iter()
                            .map(|c| Some(c.as_str()))
                            .collect::<Vec<_>>()
            });
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(
            ctx.seed ^ 0x05ee_d0fc_1c1e ^ (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15),
        );
        // Distinct parents for a unique column: a shuffled order of the pool.
        let mut order: Vec<u64> = Vec::new();
        if unique {
            order = (0..pool.len()).collect();
            for j in (1..order.len()).rev() {
                let k = rng.random_range(0..=j);
                order.swap(j, k);
            }
        }
        let mut next = 0usize;
        let mut rows = Vec::with_capacity(keys.len());
        for key in &keys {
            let value = if unique {
                let v = order.get(next).and_then(|&k| pool.get(k));
                next += 1;
                v
            } else if rng.random_ratio(1, 10) {
                None
            } else {
                pool.pick(&mut rng, None)
            };
            if let Some(v) = value {
                let mut row = key.clone();
                row.extend(v);
                rows.push(row);
            }
        }
        if ctx.write {
            write::set_deferred(driver, t, &pk, &fk.columns, rows, ctx.provider).await?;
        }
    }
    Ok(())
}
