//! The requests of the API operations. Unknown fields are errors, so a typo in a binding's
//! option name fails loudly instead of being ignored.

use crate::target::OpenOptions;
use serde::Deserialize;
use std::path::PathBuf;

/// Which project and database an operation works on: the `project` object of every request
/// but `init`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectOptions {
    /// Where to look for `flash.toml` (upwards from here); the current directory when None.
    #[serde(default)]
    pub project_dir: Option<PathBuf>,
    /// The `flash.toml` to use; relative paths are taken from `project_dir`.
    #[serde(default)]
    pub config_path: Option<PathBuf>,
    /// The database of a multi-database project (`--db`).
    #[serde(default)]
    pub db: Option<String>,
    /// Also read `.env.NAME` (`--env`).
    #[serde(default)]
    pub env: Option<String>,
}

impl ProjectOptions {
    /// The options [`crate::Target::open`] takes.
    pub fn open_options(&self) -> OpenOptions {
        // Absolute, so every path in a report is absolute whatever the caller passed.
        let project_dir = self.project_dir.as_deref().map(absolute);
        let config = match (&self.config_path, &project_dir) {
            (Some(c), Some(dir)) if c.is_relative() => Some(dir.join(c)),
            (c, _) => c.clone(),
        };
        OpenOptions {
            config,
            env: self.env.clone(),
            db: self.db.clone(),
            cwd: project_dir,
        }
    }
}

/// `path` made absolute against the current directory (unchanged if that cannot be read).
pub(crate) fn absolute(path: &std::path::Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// `init`: create a project.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InitRequest {
    /// The folder to create it in; the current directory when None.
    #[serde(default)]
    pub project_dir: Option<PathBuf>,
    /// `postgresql`, `mysql` or `sqlite` (the default).
    #[serde(default)]
    pub provider: Option<String>,
}

/// `plan`: what `migrate` would write, without writing anything.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanRequest {
    #[serde(default)]
    pub project: ProjectOptions,
    /// Confirmed renames: `old=new` (tables) or `table.old=new` (columns).
    #[serde(default)]
    pub renames: Vec<String>,
    /// Treat likely renames as drop + add.
    #[serde(default)]
    pub no_rename: bool,
}

/// `migrate`: write a migration.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MigrateRequest {
    #[serde(default)]
    pub project: ProjectOptions,
    /// The migration's name, `"add users"`.
    pub name: String,
    /// Write an empty template instead of a diff.
    #[serde(default)]
    pub empty: bool,
    #[serde(default)]
    pub renames: Vec<String>,
    #[serde(default)]
    pub no_rename: bool,
}

/// `apply`: run pending migrations.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApplyRequest {
    #[serde(default)]
    pub project: ProjectOptions,
    /// Confirms destructive migrations.
    #[serde(default)]
    pub yes: bool,
    /// Skip the backup export written before data may be lost.
    #[serde(default)]
    pub no_backup: bool,
    /// Seconds to wait for another process's migration lock (forever when None).
    #[serde(default)]
    pub lock_timeout: Option<f64>,
}

/// `down`: undo applied migrations.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DownRequest {
    #[serde(default)]
    pub project: ProjectOptions,
    /// How many to undo (1 when neither `steps` nor `to` is given).
    #[serde(default)]
    pub steps: Option<usize>,
    /// Undo every migration applied after this id.
    #[serde(default)]
    pub to: Option<String>,
    /// Confirms without asking.
    #[serde(default)]
    pub yes: bool,
    /// Skip the backup export written before data may be lost.
    #[serde(default)]
    pub no_backup: bool,
    /// Seconds to wait for another process's migration lock (forever when None).
    #[serde(default)]
    pub lock_timeout: Option<f64>,
}

/// `reset`: drop everything.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResetRequest {
    #[serde(default)]
    pub project: ProjectOptions,
    /// Required: a reset is never done unconfirmed.
    #[serde(default)]
    pub force: bool,
    /// Skip the backup export written before data may be lost.
    #[serde(default)]
    pub no_backup: bool,
}

/// `raw`: run SQL.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRequest {
    #[serde(default)]
    pub project: ProjectOptions,
    pub sql: String,
}

/// `accept`: re-accept edited applied migrations.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AcceptRequest {
    #[serde(default)]
    pub project: ProjectOptions,
    /// One migration (an unambiguous id prefix); every modified one when None.
    #[serde(default)]
    pub id: Option<String>,
}

/// `generate`: typed query code for the enabled languages (`flash gen`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GenerateRequest {
    #[serde(default)]
    pub project: ProjectOptions,
    /// Ignore the cache.
    #[serde(default)]
    pub force: bool,
    /// Write nothing; the report says whether anything would change.
    #[serde(default)]
    pub check: bool,
    /// Only these languages (`go`, `js`, `python`); every enabled one when empty.
    #[serde(default)]
    pub languages: Vec<String>,
}

/// `pull`: the live schema written into the schema files (`flash pull`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PullRequest {
    #[serde(default)]
    pub project: ProjectOptions,
    /// Write into this folder instead of the schema folder (relative: to `project_dir`).
    #[serde(default)]
    pub output: Option<PathBuf>,
    /// Copy the files that change to a backup folder first.
    #[serde(default)]
    pub backup: bool,
    /// Write nothing; the report says what would change.
    #[serde(default)]
    pub dry_run: bool,
    /// PostgreSQL: only these schemas (default: `schemas` of flash.toml, else every
    /// non-system schema).
    #[serde(default)]
    pub schemas: Vec<String>,
}

/// `export`: the data (and schema) as JSON, CSV files or a SQLite file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportRequest {
    #[serde(default)]
    pub project: ProjectOptions,
    /// `json` (the default), `csv` or `sqlite`.
    #[serde(default)]
    pub format: Option<String>,
    /// Only these tables.
    #[serde(default)]
    pub tables: Vec<String>,
    /// Leave these tables out.
    #[serde(default)]
    pub exclude: Vec<String>,
    #[serde(default)]
    pub schema_only: bool,
    #[serde(default)]
    pub data_only: bool,
    /// The file or folder to write (relative: to `project_dir`); default a new one in
    /// `export_path`.
    #[serde(default)]
    pub output: Option<PathBuf>,
}

/// `import`: a JSON export loaded into the database.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportRequest {
    #[serde(default)]
    pub project: ProjectOptions,
    /// The export file (relative: to `project_dir`).
    pub path: PathBuf,
    /// Every table must exist already.
    #[serde(default)]
    pub data_only: bool,
}

/// `seed`: believable rows, parents first; the same seed gives the same rows.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedRequest {
    #[serde(default)]
    pub project: ProjectOptions,
    /// Rows per table (`{"users": 100}`); empty: every table.
    #[serde(default)]
    pub tables: std::collections::BTreeMap<String, u64>,
    /// Rows for the other tables and for parents added (default 10).
    #[serde(default)]
    pub count: Option<u64>,
    /// The seed; default a random one (reported).
    #[serde(default)]
    pub seed: Option<u64>,
    /// Delete the rows of the seeded tables first; needs `yes`.
    #[serde(default)]
    pub truncate: bool,
    #[serde(default)]
    pub dry_run: bool,
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Confirms `truncate`.
    #[serde(default)]
    pub yes: bool,
}

/// `create_branch` and `delete_branch`: one branch by name.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BranchRequest {
    #[serde(default)]
    pub project: ProjectOptions,
    pub name: String,
}

/// `checkout`: switch to a branch, creating it from the current one with `create`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckoutRequest {
    #[serde(default)]
    pub project: ProjectOptions,
    pub name: String,
    #[serde(default)]
    pub create: bool,
}

/// `rename_branch` (`from` -> `to`) and `diff_branches` (the migration from `from` to `to`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BranchPairRequest {
    #[serde(default)]
    pub project: ProjectOptions,
    pub from: String,
    pub to: String,
}

/// `baseline` (a database flash never managed) and `absorb_drift` (out-of-band changes): a
/// migration recorded as applied without running.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdoptRequest {
    #[serde(default)]
    pub project: ProjectOptions,
    /// The migration's name (`baseline` by default for `baseline`; required for
    /// `absorb_drift`).
    #[serde(default)]
    pub name: Option<String>,
}
