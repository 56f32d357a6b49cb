//! Schema branches: copies of the database to try a schema change on, switched between like
//! git branches.
//!
//! Main is the database the URL names. A branch is a PostgreSQL schema, a MySQL database or a
//! SQLite file named after main and the branch (`public__feature`), so the branches are found
//! in the database itself and two people on one server see the same ones. Which branch a
//! database of the project is on is local state in `.flash/branch.json` ([`state`]);
//! [`crate::Target::open`] reads it and points the URL at the branch, so every command that
//! touches the database works on the current branch without knowing about branches.

mod copy;
mod error;
mod mysql;
mod name;
mod plan;
mod postgres;
mod site;
mod sqlite;
pub mod state;
mod url;

pub use copy::Copied;
pub use error::BranchError;
pub use name::{validate, MAIN};
pub use state::{Checkout, State};
pub use url::{branch_url, checkout_url};

use crate::error::Error;
use crate::target::Target;
use flash_diff::{diff as diff_schemas, DiffOptions};
use flash_schema::{DbError, Provider};
use serde::Serialize;
use site::Site;

/// The branches of a database.
#[derive(Debug, Clone, Serialize)]
pub struct BranchList {
    /// The branch the project is on.
    pub current: String,
    /// Main first, then the others by name.
    pub branches: Vec<BranchEntry>,
}

/// One branch.
#[derive(Debug, Clone, Serialize)]
pub struct BranchEntry {
    pub name: String,
    pub current: bool,
    /// Its PostgreSQL schema, MySQL database or SQLite file.
    pub location: String,
}

/// What a branch command did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BranchAction {
    Created,
    CheckedOut,
    Deleted,
    Renamed,
}

/// The result of creating, switching, deleting or renaming a branch.
#[derive(Debug, Clone, Serialize)]
pub struct BranchReport {
    pub action: BranchAction,
    /// The branch acted on (the new name of a renamed one).
    pub branch: String,
    /// Created: the branch it was copied from; renamed: its old name.
    pub from: Option<String>,
    /// The branch the project is on afterwards.
    pub current: String,
    /// Where the branch lives (schema, database or file).
    pub location: String,
    /// What a creation copied.
    pub copied: Option<Copied>,
    /// PostgreSQL: managed schemas (`schemas = [...]`) other than the current one. A branch
    /// copies the current schema only; these stay shared with main.
    pub shared_schemas: Vec<String>,
}

/// The schema difference between two branches, as a migration from `from` to `to`.
#[derive(Debug, Clone, Serialize)]
pub struct BranchDiffReport {
    pub from: String,
    pub to: String,
    pub has_changes: bool,
    /// One line per change (`+ table users`).
    pub changes: Vec<String>,
    /// Why applying the Up SQL may lose data.
    pub destructive: Vec<String>,
    pub warnings: Vec<String>,
    pub up: String,
    pub down: String,
}

fn db(e: DbError) -> Error {
    flash_migrate::MigrateError::Db(e).into()
}

fn copy_error(from: &str, to: &str, e: DbError) -> Error {
    BranchError::Copy {
        from: from.to_string(),
        to: to.to_string(),
        message: e.message,
    }
    .into()
}

/// The branches of the target's database, the current one marked.
pub async fn list(t: &Target) -> Result<BranchList, Error> {
    let mut site = Site::open(t).await?;
    let current = t.branch_name().to_string();
    let mut branches = vec![BranchEntry {
        name: MAIN.into(),
        current: current == MAIN,
        location: site.location(MAIN)?,
    }];
    for (name, location) in site.branches().await? {
        branches.push(BranchEntry {
            current: name == current,
            name,
            location,
        });
    }
    Ok(BranchList { current, branches })
}

/// Creates branch `name` as a copy of the current branch. The project stays where it is.
pub async fn create(t: &Target, name: &str) -> Result<BranchReport, Error> {
    let mut site = Site::open(t).await?;
    create_in(t, &mut site, name).await
}

async fn create_in(t: &Target, site: &mut Site, name: &str) -> Result<BranchReport, Error> {
    validate(name)?;
    let location = site.location(name)?;
    if site.exists(name).await? {
        return Err(BranchError::Exists { name: name.into() }.into());
    }
    let source_url = t.require_url()?.to_string();
    let copied = match site.provider {
        Provider::Postgresql => {
            // The copy runs on a connection to the current branch: its current schema is the
            // source.
            let mut source = flash_migrate::connect(site.provider, &source_url).await?;
            postgres::create(source.as_mut(), &location).await?
        }
        Provider::Mysql => {
            let mut source = flash_migrate::connect(site.provider, &source_url).await?;
            mysql::create(source.as_mut(), &source_url, &location).await?
        }
        _ => {
            let source_file = url::sqlite_file(&source_url)?;
            sqlite::create(&source_url, &source_file, std::path::Path::new(&location)).await?
        }
    };
    Ok(BranchReport {
        action: BranchAction::Created,
        branch: name.into(),
        from: Some(t.branch_name().to_string()),
        current: t.branch_name().to_string(),
        location,
        copied: Some(copied),
        shared_schemas: shared_schemas(t, site),
    })
}

/// Managed PostgreSQL schemas a branch does not copy.
fn shared_schemas(t: &Target, site: &Site) -> Vec<String> {
    if site.provider != Provider::Postgresql {
        return Vec::new();
    }
    t.database
        .schemas
        .iter()
        .filter(|s| **s != site.main)
        .cloned()
        .collect()
}

/// Switches the project to branch `name` (creating it first from the current branch with
/// `create`). Only the state file changes; the branches stay as they are.
pub async fn checkout(t: &Target, name: &str, create_it: bool) -> Result<BranchReport, Error> {
    if create_it && name == MAIN {
        return Err(BranchError::Exists { name: name.into() }.into());
    }
    let mut site = Site::open(t).await?;
    let main = (site.provider == Provider::Postgresql).then(|| site.main.clone());
    if create_it {
        let mut report = create_in(t, &mut site, name).await?;
        write_state(t, name, &report.location, main)?;
        report.action = BranchAction::CheckedOut;
        report.current = name.into();
        return Ok(report);
    }
    if name != MAIN {
        validate(name)?;
    }
    let location = site.require(name).await?;
    let report = BranchReport {
        action: BranchAction::CheckedOut,
        branch: name.into(),
        from: Some(t.branch_name().to_string()),
        current: name.into(),
        location: location.clone(),
        copied: None,
        shared_schemas: shared_schemas(t, &site),
    };
    write_state(t, name, &location, main)?;
    Ok(report)
}

fn write_state(t: &Target, name: &str, location: &str, main: Option<String>) -> Result<(), Error> {
    let mut state = State::load(&t.config.root)?;
    if name == MAIN {
        state.0.remove(&t.database.name);
    } else {
        state.0.insert(
            t.database.name.clone(),
            Checkout {
                branch: name.into(),
                location: location.into(),
                main,
            },
        );
    }
    state.save(&t.config.root)?;
    Ok(())
}

/// Deletes branch `name` with everything in it. Main and the current branch are refused.
pub async fn delete(t: &Target, name: &str) -> Result<BranchReport, Error> {
    if name == MAIN {
        return Err(BranchError::Main {
            action: "delete".into(),
        }
        .into());
    }
    validate(name)?;
    if t.branch_name() == name {
        return Err(BranchError::Current { name: name.into() }.into());
    }
    let mut site = Site::open(t).await?;
    let location = site.require(name).await?;
    match site.provider {
        Provider::Postgresql => postgres::remove(site.conn()?, &location).await?,
        Provider::Mysql => mysql::remove(site.conn()?, &location).await?,
        _ => sqlite::remove(std::path::Path::new(&location))?,
    }
    Ok(BranchReport {
        action: BranchAction::Deleted,
        branch: name.into(),
        from: None,
        current: t.branch_name().to_string(),
        location,
        copied: None,
        shared_schemas: Vec::new(),
    })
}

/// Renames branch `old` to `new`; when it is the current branch the project follows it.
pub async fn rename(t: &Target, old: &str, new: &str) -> Result<BranchReport, Error> {
    if old == MAIN || new == MAIN {
        return Err(BranchError::Main {
            action: "rename".into(),
        }
        .into());
    }
    validate(old)?;
    validate(new)?;
    let mut site = Site::open(t).await?;
    let from = site.require(old).await?;
    let to = site.location(new)?;
    if site.exists(new).await? {
        return Err(BranchError::Exists { name: new.into() }.into());
    }
    match site.provider {
        Provider::Postgresql => postgres::rename(site.conn()?, &from, &to).await?,
        Provider::Mysql => {
            // MySQL cannot rename a database: copy it under the new name, then drop the old.
            let old_url = site.url(old)?;
            let mut source = flash_migrate::connect(site.provider, &old_url).await?;
            mysql::create(source.as_mut(), &old_url, &to).await?;
            drop(source);
            mysql::remove(site.conn()?, &from).await?;
        }
        _ => sqlite::rename(std::path::Path::new(&from), std::path::Path::new(&to))?,
    }
    let mut current = t.branch_name().to_string();
    if current == old {
        let main = (site.provider == Provider::Postgresql).then(|| site.main.clone());
        write_state(t, new, &to, main)?;
        current = new.into();
    }
    Ok(BranchReport {
        action: BranchAction::Renamed,
        branch: new.into(),
        from: Some(old.into()),
        current,
        location: to,
        copied: None,
        shared_schemas: Vec::new(),
    })
}

/// The migration that turns branch `from`'s schema into branch `to`'s: the engine's diff of
/// the two inspected schemas, planned by the dialect (Down is the plan of the reverse diff).
pub async fn diff(t: &Target, from: &str, to: &str) -> Result<BranchDiffReport, Error> {
    for n in [from, to] {
        if n != MAIN {
            validate(n)?;
        }
    }
    let mut site = Site::open(t).await?;
    site.require(from).await?;
    site.require(to).await?;
    let mut schemas = Vec::new();
    for n in [from, to] {
        let mut d = flash_migrate::connect(site.provider, &site.url(n)?).await?;
        schemas.push(d.inspect().await.map_err(db)?);
    }
    let (a, b) = (&schemas[0], &schemas[1]);
    let dialect = flash_migrate::dialect(site.provider)?;
    let opts = DiffOptions::default();
    let up_changes = diff_schemas(a, b, dialect.as_ref(), &opts).changes;
    let down_changes = diff_schemas(b, a, dialect.as_ref(), &opts).changes;
    let plan_err = |e| Error::from(flash_migrate::MigrateError::Plan(e));
    let up = dialect.plan(&up_changes, a, b).map_err(plan_err)?;
    let down = dialect.plan(&down_changes, b, a).map_err(plan_err)?;
    let mut destructive = up.destructive_reasons();
    destructive.dedup();
    Ok(BranchDiffReport {
        from: from.into(),
        to: to.into(),
        has_changes: !up_changes.is_empty(),
        changes: up_changes.iter().map(|c| c.summary()).collect(),
        destructive,
        warnings: up.warnings.clone(),
        up: up.to_sql(),
        down: down.to_sql(),
    })
}
