//! `flash pull`: the live database written as schema files.
//!
//! Each table, enum and view is written with the SQL the planner would use to create it (so
//! what is written applies exactly as a migration would). Existing files are updated in place,
//! element by element (`layout.rs`): an element that matches the database keeps its text as
//! the user wrote it. Objects flash does not model are listed, never dropped silently.

use crate::backends::{connect, dialect};
use crate::error::MigrateError;
use crate::layout::{self, Rewrite};
use crate::project::{display_path, write_atomic, Project};
use flash_diff::{diff, Dialect, DiffOptions};
use flash_schema::{Change, Provider, Schema, UnmanagedObject};
use flash_sql::{element_key, Owner};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// How to pull.
#[derive(Debug, Clone, Default)]
pub struct PullOptions {
    /// Write into this folder instead of the project's schema folder.
    pub output: Option<PathBuf>,
    /// Copy every file that changes to a backup folder first.
    pub backup: bool,
    /// Work out everything, write nothing.
    pub dry_run: bool,
    /// The PostgreSQL schemas to read; None: [`Project::pull_namespaces`] (the configured
    /// ones, else every non-system schema).
    pub namespaces: Option<flash_schema::Namespaces>,
}

/// What happened to one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FileAction {
    Created,
    Updated,
    Removed,
}

/// One file written (or that would be, with `dry_run`).
#[derive(Debug, Clone, Serialize)]
pub struct PulledFile {
    pub path: PathBuf,
    pub action: FileAction,
}

/// What `flash pull` found and wrote.
#[derive(Debug, Clone, Serialize)]
pub struct PullReport {
    pub provider: String,
    /// The folder (or file) written.
    pub output: PathBuf,
    pub tables: usize,
    pub enums: usize,
    pub views: usize,
    /// Elements new in the files (`table tags`).
    pub added: Vec<String>,
    /// Elements rewritten because the database differs from the files.
    pub updated: Vec<String>,
    /// Elements removed from the files because the database no longer has them.
    pub removed: Vec<String>,
    pub files: Vec<PulledFile>,
    /// Where the previous files were copied (`backup`).
    pub backup: Option<PathBuf>,
    /// Objects in the database that schema files do not get from `pull`.
    pub unmanaged: Vec<UnmanagedObject>,
    pub dry_run: bool,
}

/// Reads the database at `url` and writes its schema as files.
pub async fn pull(
    project: &Project,
    url: &str,
    opts: &PullOptions,
) -> Result<PullReport, MigrateError> {
    let provider = project.provider;
    let d = dialect(provider)?;
    if crate::backends::sqlite_file_missing(provider, url) {
        // Opening it would create an empty file, and pulling nothing would empty the files.
        return Err(MigrateError::EmptyPull {
            what: format!("the SQLite database {url} does not exist"),
        });
    }
    let mut driver = connect(provider, url).await?;
    let namespaces = opts
        .namespaces
        .clone()
        .unwrap_or_else(|| project.pull_namespaces());
    let live = driver.inspect_in(&namespaces).await?;
    let unmanaged = driver.unmanaged(&namespaces).await?;
    drop(driver);

    let output = opts
        .output
        .clone()
        .unwrap_or_else(|| project.schema_dir.clone());
    let files = layout::read_files(&output, provider)?;
    let fallback = if output.extension().is_some_and(|e| e == "sql") {
        output.clone()
    } else {
        output.join("schema.sql")
    };

    // An empty database would remove every element from the files: far more likely a wrong
    // URL than a wish, and the user's files are not to be lost to it.
    let defines_something = files.iter().any(|f| f.outline.iter().any(|i| i.defines));
    if live.is_empty() && defines_something {
        return Err(MigrateError::EmptyPull {
            what: "the database has no tables, views or types".into(),
        });
    }
    // What the files say now; nothing to compare with when there are none.
    let current = if files.is_empty() {
        Schema::default()
    } else {
        let mut parsed = flash_sql::parse_schema(&layout::sources(&files), provider)
            .map_err(MigrateError::Schema)?
            .schema;
        d.normalize(&mut parsed);
        // Options the files leave unstated are the server's choice, not a difference.
        crate::drift::adopt_unstated_options(&mut parsed, &live);
        parsed
    };
    let plan = plan_elements(d.as_ref(), provider, &current, &live)?;
    let rewritten = layout::rewrite(
        &files,
        &Rewrite {
            replaced: &plan.replaced,
            removed: &plan.removed,
            added: &plan.added,
        },
        &fallback,
    );
    let changed: Vec<_> = rewritten.into_iter().filter(|f| f.old != f.new).collect();

    let backup = if opts.backup && changed.iter().any(|f| f.old.is_some()) {
        Some(backup_dir(project))
    } else {
        None
    };
    let mut report_files = Vec::new();
    for f in &changed {
        let action = match (&f.old, &f.new) {
            (None, _) => FileAction::Created,
            (Some(_), Some(_)) => FileAction::Updated,
            (Some(_), None) => FileAction::Removed,
        };
        report_files.push(PulledFile {
            path: f.path.clone(),
            action,
        });
    }
    if !opts.dry_run {
        if let Some(dir) = &backup {
            for f in changed.iter().filter(|f| f.old.is_some()) {
                copy_to_backup(&f.path, &output, dir)?;
            }
        }
        // Every text is ready before the first write: a failure cannot leave the files
        // half pulled except for the file being written, which is replaced atomically.
        for f in &changed {
            match &f.new {
                Some(text) => write_atomic(&f.path, text)?,
                None => std::fs::remove_file(&f.path).map_err(|source| MigrateError::Write {
                    path: f.path.clone(),
                    source,
                })?,
            }
        }
    }
    Ok(PullReport {
        provider: provider.to_string(),
        output,
        tables: live.tables.len(),
        enums: live.enums.len(),
        views: live.views.len(),
        added: plan.added_names,
        updated: plan.updated_names,
        removed: plan.removed_names,
        files: report_files,
        backup: backup.filter(|_| !opts.dry_run),
        unmanaged,
        dry_run: opts.dry_run,
    })
}

/// The element-level edits from the files' schema to the live one.
struct ElementPlan {
    replaced: BTreeMap<Owner, String>,
    removed: BTreeSet<Owner>,
    added: Vec<(Option<Owner>, String)>,
    added_names: Vec<String>,
    updated_names: Vec<String>,
    removed_names: Vec<String>,
}

fn plan_elements(
    d: &dyn Dialect,
    provider: Provider,
    current: &Schema,
    live: &Schema,
) -> Result<ElementPlan, MigrateError> {
    let key = |schema: Option<&str>, name: &str| element_key(schema, name, provider);
    let result = diff(current, live, d, &DiffOptions::default());
    let mut touched: BTreeSet<Owner> = BTreeSet::new();
    for c in &result.changes {
        let owner = match c {
            Change::CreateEnum(e) | Change::DropEnum(e) => {
                Owner::Enum(key(e.schema.as_deref(), &e.name))
            }
            Change::AddEnumValues { to, .. } | Change::RebuildEnum { to, .. } => {
                Owner::Enum(key(to.schema.as_deref(), &to.name))
            }
            Change::CreateView(v) | Change::DropView(v) => {
                Owner::View(key(v.schema.as_deref(), &v.name))
            }
            Change::ReplaceView { to, .. } | Change::RenameView { to, .. } => {
                Owner::View(key(to.schema.as_deref(), &to.name))
            }
            Change::RenameEnum { to, .. } => Owner::Enum(key(to.schema.as_deref(), &to.name)),
            other => match other.table() {
                Some(t) => Owner::Table(key(t.schema.as_deref(), &t.name)),
                None => continue,
            },
        };
        touched.insert(owner);
    }
    let in_files = |o: &Owner| match o {
        Owner::Table(n) => current
            .tables
            .iter()
            .any(|t| key(t.schema.as_deref(), &t.name) == *n),
        Owner::Enum(n) => current
            .enums
            .iter()
            .any(|e| key(e.schema.as_deref(), &e.name) == *n),
        Owner::View(n) => current
            .views
            .iter()
            .any(|v| key(v.schema.as_deref(), &v.name) == *n),
    };
    let mut plan = ElementPlan {
        replaced: BTreeMap::new(),
        removed: BTreeSet::new(),
        added: Vec::new(),
        added_names: Vec::new(),
        updated_names: Vec::new(),
        removed_names: Vec::new(),
    };
    // A schema the files know nothing about is created before its first element, so the
    // files apply to an empty database. One the files name is theirs to create (a
    // `CREATE SCHEMA` of their own, or a migration written by hand).
    let mut known_schemas = current.namespaces();
    // Live elements in the order a reader (and a plain `psql -f`) wants them.
    for (owner, label, change) in ordered_elements(live, &key) {
        if !touched.contains(&owner) {
            continue;
        }
        let block = render(d, live, change.clone())?;
        if in_files(&owner) {
            plan.updated_names.push(label);
            plan.replaced.insert(owner, block);
        } else {
            if let Some(ns) = element_schema(&change) {
                if provider == Provider::Postgresql && !known_schemas.contains(&ns) {
                    plan.added_names.push(format!("schema {ns}"));
                    plan.added.push((None, create_schema(d, &ns)?));
                    known_schemas.push(ns);
                }
            }
            plan.added_names.push(label);
            plan.added.push((Some(owner), block));
        }
    }
    let live_owners: BTreeSet<Owner> = ordered_elements(live, &key)
        .into_iter()
        .map(|(o, _, _)| o)
        .collect();
    for owner in touched {
        if !live_owners.contains(&owner) {
            plan.removed_names.push(label_of(&owner));
            plan.removed.insert(owner);
        }
    }
    // SQLite reads triggers and virtual tables back: the files get those they lack.
    for r in &live.raw {
        if !current.raw.iter().any(|c| c.key() == r.key()) {
            let block = render(d, live, Change::CreateRaw(r.clone()))?;
            plan.added_names
                .push(format!("{} {}", r.kind.to_lowercase(), r.name));
            plan.added.push((None, block));
        }
    }
    Ok(plan)
}

/// The schema (other than the default one) of the element a `Create*` change makes.
fn element_schema(c: &Change) -> Option<String> {
    match c {
        Change::CreateTable(t) => t.schema.clone(),
        Change::CreateEnum(e) => e.schema.clone(),
        Change::CreateView(v) => v.schema.clone(),
        _ => None,
    }
}

/// `CREATE SCHEMA name;` as the planner writes it.
fn create_schema(d: &dyn Dialect, name: &str) -> Result<String, MigrateError> {
    let sql = format!("CREATE SCHEMA {};", flash_postgres::quote::ident(name));
    let parsed = flash_sql::parse_schema(&[flash_sql::SourceFile::new("", sql)], d.provider())
        .map_err(MigrateError::Schema)?;
    let mut out = String::new();
    for r in parsed.schema.raw {
        out.push_str(&render(d, &Schema::default(), Change::CreateRaw(r))?);
    }
    Ok(out)
}

fn label_of(o: &Owner) -> String {
    match o {
        Owner::Table(n) => format!("table {n}"),
        Owner::Enum(n) => format!("enum {n}"),
        Owner::View(n) => format!("view {n}"),
    }
}

/// Every enum, table (referenced tables first) and view (views they read first) of `s`,
/// with its owner key, label and creating change.
fn ordered_elements(
    s: &Schema,
    key: &dyn Fn(Option<&str>, &str) -> String,
) -> Vec<(Owner, String, Change)> {
    let mut out = Vec::new();
    for e in &s.enums {
        let k = key(e.schema.as_deref(), &e.name);
        out.push((
            Owner::Enum(k.clone()),
            format!("enum {k}"),
            Change::CreateEnum(e.clone()),
        ));
    }
    for t in tables_in_order(s) {
        let k = key(t.schema.as_deref(), &t.name);
        out.push((
            Owner::Table(k.clone()),
            format!("table {k}"),
            Change::CreateTable(t.clone()),
        ));
    }
    for v in views_in_order(s) {
        let k = key(v.schema.as_deref(), &v.name);
        out.push((
            Owner::View(k.clone()),
            format!("view {k}"),
            Change::CreateView(v.clone()),
        ));
    }
    out
}

/// Tables with the tables they reference first (cycles broken by name order); the default
/// schema's tables before other schemas'.
fn tables_in_order(s: &Schema) -> Vec<&flash_schema::Table> {
    type Key<'s> = (Option<&'s str>, &'s str);
    let mut done: Vec<Key<'_>> = Vec::new();
    let mut out = Vec::new();
    fn visit<'s>(
        t: &'s flash_schema::Table,
        s: &'s Schema,
        done: &mut Vec<Key<'s>>,
        out: &mut Vec<&'s flash_schema::Table>,
        path: &mut Vec<Key<'s>>,
    ) {
        let k = (t.schema.as_deref(), t.name.as_str());
        if done.contains(&k) || path.contains(&k) {
            return;
        }
        path.push(k);
        for fk in &t.foreign_keys {
            let r = s
                .tables
                .iter()
                .find(|r| r.name == fk.ref_table && r.schema == fk.ref_schema);
            if let Some(r) = r {
                visit(r, s, done, out, path);
            }
        }
        path.pop();
        done.push(k);
        out.push(t);
    }
    let mut sorted: Vec<&flash_schema::Table> = s.tables.iter().collect();
    sorted.sort_by(|a, b| (&a.schema, &a.name).cmp(&(&b.schema, &b.name)));
    for t in sorted {
        visit(t, s, &mut done, &mut out, &mut Vec::new());
    }
    out
}

/// Views with the views their definition names first.
fn views_in_order(s: &Schema) -> Vec<&flash_schema::View> {
    let mentions = |v: &flash_schema::View, name: &str| {
        let def = v.definition.to_lowercase();
        let name = name.to_lowercase();
        def.match_indices(&name).any(|(i, _)| {
            let before = def[..i].chars().next_back();
            let after = def[i + name.len()..].chars().next();
            let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
            !word(before) && !word(after)
        })
    };
    let mut left: Vec<&flash_schema::View> = s.views.iter().collect();
    left.sort_by(|a, b| (&a.schema, &a.name).cmp(&(&b.schema, &b.name)));
    let mut out: Vec<&flash_schema::View> = Vec::new();
    while !left.is_empty() {
        let ready = left.iter().position(|v| {
            !left
                .iter()
                .any(|o| (&o.schema, &o.name) != (&v.schema, &v.name) && mentions(v, &o.name))
        });
        // A cycle cannot exist in a database; if the text test sees one, keep name order.
        let i = ready.unwrap_or(0);
        out.push(left.remove(i));
    }
    out
}

/// The statements that create one element, as the planner writes them.
fn render(d: &dyn Dialect, live: &Schema, change: Change) -> Result<String, MigrateError> {
    let plan = d
        .plan(&[change], &Schema::default(), live)
        .map_err(MigrateError::Plan)?;
    Ok(plan.to_sql())
}

/// `<migrations>/.flash/backups/schema-<UTC timestamp>`.
fn backup_dir(project: &Project) -> PathBuf {
    let stamp = chrono::Utc::now().format("%Y%m%d%H%M%S");
    project
        .migrations_dir
        .join(".flash")
        .join("backups")
        .join(format!("schema-{stamp}"))
}

fn copy_to_backup(file: &Path, output: &Path, dir: &Path) -> Result<(), MigrateError> {
    let rel = if output.is_file() {
        file.file_name().map(PathBuf::from)
    } else {
        file.strip_prefix(output).ok().map(Path::to_path_buf)
    }
    .unwrap_or_else(|| PathBuf::from(display_path(file)));
    let to = dir.join(rel);
    let err = |source| MigrateError::Write {
        path: to.clone(),
        source,
    };
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent).map_err(err)?;
    }
    std::fs::copy(file, &to).map_err(err)?;
    Ok(())
}
